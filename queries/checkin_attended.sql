-- checkin_attended: one person's attendance status at an event so far, read in the change that
-- checks them in (in the lake, never a replica: whether they are registered already decides
-- what the check-in writes, and another phone may have registered them a moment ago).
-- params: event_id, person_id, person_type
select status
from attendance
where event_id = $event_id
    and person_id = $person_id
    and person_type = $person_type
