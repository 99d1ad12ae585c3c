-- app_user_list: every user with access, for the admin page (health_trusts: the trusts a user
-- is limited to, empty for every trust).
-- params: (none)
select email, role, network_groups, coalesce(health_trusts, '') as health_trusts
from app_user
order by role, email
