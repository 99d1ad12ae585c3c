-- leader_fagdag_share: per conference day (kind fagdag) of the year held on or before the
-- as-of date, the distinct leader_ids on the active appointments of its expected members; attended
-- = an attendance row (person_type leader, status møtt) at that event. Summed over the events.
-- params: selections
-- reads: attendance, event, member, unit
with expected_leader as (
    select distinct selection_id, event_id, leader_id
    from selected_attendance($selections, ['fagdag'])
    where leader_id is not null
)

select
    l.selection_id,
    count(a.person_id) as numerator,
    count(*) as denominator
from expected_leader as l
left join attendance as a
    on a.event_id = l.event_id
    and a.person_id = l.leader_id
    and a.person_type = 'leader'
    and a.status = 'møtt'
group by l.selection_id
