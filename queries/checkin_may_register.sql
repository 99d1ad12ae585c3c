-- checkin_may_register: whether a member may be registered as attended at an event by the
-- coordinator (one who may check in there, macro checkin_expected, and has not attended yet).
-- params: event_id, member_id
select count(*) as n
from checkin_expected($event_id) as x
where x.person_type = 'member'
    and x.person_id = $member_id
    and not exists (
        select 1 from attendance as a
        where a.event_id = $event_id and a.person_id = $member_id
            and a.person_type = 'member' and a.status = 'møtt'
    )
