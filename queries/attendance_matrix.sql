-- attendance_matrix: for the year's meetings, conference days and gatherings (on or before the
-- as-of date), every expected member's status (møtt / forfall / ikke møtt, or ikke registrert when
-- no row exists). Person-level; the page pivots it to member × event.
-- params: year, as_of_date, health_trust, network_group, municipality, profession, network, unit_type
select
    x.member_id,
    any_value(m.name) as member_name,
    any_value(x.network_group) as network_group,
    x.event_id,
    any_value(x.event_date) as event_date,
    any_value(x.title) as title,
    coalesce(any_value(a.status), 'ikke_registrert') as status
from expected_attendance as x
join member as m on m.member_id = x.member_id and m.start_date <= x.event_date
    and (m.end_date is null or m.end_date >= x.event_date)
left join attendance as a
    on a.event_id = x.event_id and a.person_id = x.member_id and a.person_type = 'member'
where x.kind in ('nettverksmote', 'fagdag', 'samling')
    and year(x.event_date) = $year
    and x.event_date <= $as_of_date
    and in_selection(x.health_trust, x.network_group, x.municipality_number, x.unit_type,
                     $health_trust, $network_group, $municipality, $unit_type)
    and profession_selected(x.profession, $profession, $network)
group by x.member_id, x.event_id
order by member_name, event_date
