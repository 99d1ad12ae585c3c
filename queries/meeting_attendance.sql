-- meeting_attendance: attended / expected, summed over the year's network meetings (kind nettverksmote) held on or
-- before the as-of date. Expected and attended as in the expected_attendance view; rows for
-- people who were not expected count in no rate.
-- params: year, as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with expected as (
    select event_id, member_id, bool_or(is_attended) as is_attended
    from expected_attendance
    where kind = 'nettverksmote'
        and year(event_date) = $year
        and event_date <= $as_of_date
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected(profession, $profession, $network)
    group by event_id, member_id
)

select
    count(*) filter (where is_attended) as numerator,
    count(*) as denominator
from expected
