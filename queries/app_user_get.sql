-- app_user_get: the role, network groups and health trusts (empty: every trust) of one
-- signed-in e-mail (lower case).
-- params: email
select email, role, network_groups, coalesce(health_trusts, '') as health_trusts
from app_user
where email = lower($email)
