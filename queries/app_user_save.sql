-- app_user_save: write one user row (after app_user_clear, inside a transaction).
-- params: email, role, network_groups, health_trusts
insert into app_user (email, role, network_groups, health_trusts)
values (lower($email), $role, $network_groups, coalesce($health_trusts, ''))
