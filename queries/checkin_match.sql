-- checkin_match: whom an e-mail typed at check-in belongs to among those who may check in at the
-- event (macro checkin_expected): a member whose e-mail it is (on any appointment), else a leader
-- whose e-mail it is; with their attendance status at the event so far. Ids only, no names.
-- Compared without case and surrounding spaces. Several rows: the e-mail is ambiguous.
-- params: event_id, email
with typed as (
    select lower(trim($email)) as email
),

email_of as (
    select member_id as person_id, 'member' as person_type, email from member
    union all
    select leader_id as person_id, 'leader' as person_type, email from leader
),

candidate as (
    select distinct x.person_id, x.person_type
    from checkin_expected($event_id) as x
    join email_of as e
        on e.person_id = x.person_id
        and e.person_type = x.person_type
        and lower(trim(e.email)) = (select email from typed)
)

select c.person_id, c.person_type, a.status
from candidate as c
left join attendance as a
    on a.event_id = $event_id
    and a.person_id = c.person_id
    and a.person_type = c.person_type
order by c.person_type desc, c.person_id
