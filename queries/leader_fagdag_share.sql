-- leader_fagdag_share: per conference day (kind fagdag) of the year held on or before the
-- as-of date, the distinct leader_ids on the active appointments of its expected members; attended
-- = an attendance row (person_type leader, status møtt) at that event. Summed over the events.
-- params: year, as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with expected_leader as (
    select distinct event_id, leader_id
    from expected_attendance
    where kind = 'fagdag'
        and year(event_date) = $year
        and event_date <= $as_of_date
        and leader_id is not null
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected(profession, $profession, $network)
)

select
    count(a.person_id) as numerator,
    count(*) as denominator
from expected_leader as l
left join attendance as a
    on a.event_id = l.event_id
    and a.person_id = l.leader_id
    and a.person_type = 'leader'
    and a.status = 'møtt'
