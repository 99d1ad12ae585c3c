-- attendance_by_event: each network meeting, conference day and gathering of the year held on or
-- before the as-of date: expected members in the selection (macro selected_attendance) and how
-- many of them attended, and how many came without being expected (listed, counted in no
-- rate). One selection.
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

guest as (
    select a.event_id, count(*) as n_guests
    from attendance as a
    join year_event as e using (event_id)
    where a.person_type = 'member' and a.status = 'møtt'
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
order by e.event_date, e.title
