-- app_user_get: the role and network groups of one signed-in e-mail (lower case).
-- params: email
select email, role, network_groups
from app_user
where email = lower($email)
