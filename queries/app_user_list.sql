-- app_user_list: every user with access, for the admin page.
-- params: (none)
select email, role, network_groups
from app_user
order by role, email
