-- attendance_by_event: each network meeting, conference day and gathering of the year held on or
-- before the as-of date that concerns the selection: expected members in the selection (macro
-- selected_attendance) and how many of them attended, and how many members in the selection
-- came without being expected (listed, counted in no rate). Events with neither (another group's
-- meeting under a group filter) are left out. One selection.
-- params: selections
with year_event as (
    select e.*, g.name as network_group_name
    from selections($selections) as sel
    join event as e
        on year(e.event_date) = sel.year
        and e.event_date <= sel.as_of_date
    left join network_group as g on g.code = e.network_group
    where e.kind in ('nettverksmote', 'fagdag', 'samling')
),

expected as (
    select event_id, member_id, bool_or(is_attended) as is_attended
    from selected_attendance($selections, ['nettverksmote', 'fagdag', 'samling'])
    group by event_id, member_id
),

-- Members who came to the year's events, joined on the keys first (left to itself, the planner
-- may join every member to every event by the dates before it meets the few who came).
arrived as materialized (
    select a.event_id, a.person_id, e.event_date
    from attendance as a
    join year_event as e on e.event_id = a.event_id
    where a.person_type = 'member' and a.status = 'møtt'
),

guest as (
    select a.event_id, count(distinct a.person_id) as n_guests
    from selections($selections) as sel
    cross join arrived as a
    join member as m
        on m.member_id = a.person_id and is_active(m.start_date, m.end_date, a.event_date)
    join unit as u on u.unit_id = m.unit_id
    where in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number,
                       u.unit_type, sel.health_trust, sel.network_group, sel.municipality,
                       sel.unit_type, sel.unit)
        and profession_selected(m.profession, sel.profession, sel.network)
        and not exists (
            select 1 from expected_attendance as x
            where x.event_id = a.event_id and x.member_id = a.person_id
        )
    group by a.event_id
)

select
    e.event_id,
    e.event_date,
    e.kind,
    e.title,
    e.network_group,
    coalesce(e.network_group_name, 'Hele nettverket') as network_group_name,
    count(x.member_id) as n_expected,
    count(x.member_id) filter (where x.is_attended) as n_attended,
    coalesce(any_value(g.n_guests), 0) as n_guests
from year_event as e
left join expected as x using (event_id)
left join guest as g using (event_id)
group by e.event_id, e.event_date, e.kind, e.title, e.network_group, e.network_group_name
having count(x.member_id) > 0 or coalesce(any_value(g.n_guests), 0) > 0
order by e.event_date, e.title
