-- attendance_matrix: for the year's meetings, conference days and gatherings (on or before the
-- as-of date), every expected member's status (møtt / forfall / ikke møtt, or ikke registrert when
-- no row exists). Person-level; the page pivots it to member × event. One selection.
-- personal: network_group
-- params: selections
select
    x.member_id,
    any_value(m.name) as member_name,
    any_value(x.network_group) as network_group,
    x.event_id,
    any_value(x.event_date) as event_date,
    any_value(x.title) as title,
    coalesce(any_value(a.status), 'ikke_registrert') as status
from selected_attendance($selections, ['nettverksmote', 'fagdag', 'samling']) as x
join member as m
    on m.member_id = x.member_id
    and is_active(m.start_date, m.end_date, x.event_date)
left join attendance as a
    on a.event_id = x.event_id and a.person_id = x.member_id and a.person_type = 'member'
group by x.member_id, x.event_id
order by member_name, event_date
