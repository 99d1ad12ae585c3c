-- full_attendance: members (by member_id) expected at one or more network meetings, conference
-- days or gatherings of the year, held on or before the as-of date; numerator: those who
-- attended every one of them (the prize draw).
-- params: year, as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with expected as (
    select member_id, event_id, bool_or(is_attended) as is_attended
    from expected_attendance
    where kind in ('nettverksmote', 'fagdag', 'samling')
        and year(event_date) = $year
        and event_date <= $as_of_date
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected(profession, $profession, $network)
    group by member_id, event_id
),

per_member as (
    select member_id, bool_and(is_attended) as attended_all
    from expected
    group by member_id
)

select
    count(*) filter (where attended_all) as numerator,
    count(*) as denominator
from per_member
