-- governance_bodies_of: the governance bodies an e-mail sits in on a day (the register, seed 000):
-- who besides coordinators may record a decision on the indicators for that body.
-- params: email, day
select distinct body
from governance_member
where lower(email) = lower($email)
    and start_date <= $day
    and (end_date is null or end_date >= $day)
order by body
