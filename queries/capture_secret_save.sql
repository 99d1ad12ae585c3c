-- capture_secret_save: keep a new demo-mode secret, unless one exists (the first one stays).
-- params: secret
insert into capture_secret (secret)
select $secret
where not exists (select 1 from capture_secret)
