-- app_user_save: write one user row (after app_user_clear, inside a transaction).
-- params: email, role, network_groups
insert into app_user (email, role, network_groups) values (lower($email), $role, $network_groups)
