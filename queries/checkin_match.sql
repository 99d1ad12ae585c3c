-- checkin_match: whom an e-mail typed at check-in belongs to among those who may check in at the
-- event (macro checkin_expected): a member whose e-mail it is (on any appointment), else a leader
-- whose e-mail it is; with their attendance status at the event so far. Ids only, no names.
-- Compared without case and surrounding spaces. Several rows: the e-mail is ambiguous.
-- params: event_id, email
with typed as (
    select lower(trim($email)) as email
),

expected as (
    select distinct person_id, person_type from checkin_expected($event_id)
),

candidate as (
    select x.person_id, x.person_type
    from expected as x
    where x.person_type = 'member'
        and exists (
            select 1 from member as m
            where m.member_id = x.person_id and lower(trim(m.email)) = (select email from typed)
        )
    union
    select x.person_id, x.person_type
    from expected as x
    where x.person_type = 'leader'
        and exists (
            select 1 from leader as l
            where l.leader_id = x.person_id and lower(trim(l.email)) = (select email from typed)
        )
)

select c.person_id, c.person_type, a.status
from candidate as c
left join attendance as a
    on a.event_id = $event_id
    and a.person_id = c.person_id
    and a.person_type = c.person_type
order by c.person_type desc, c.person_id
