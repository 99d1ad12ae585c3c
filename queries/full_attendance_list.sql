-- full_attendance_list: the members counted in full_attendance's numerator, with how many
-- events they were expected at (all attended). Person-level: the prize-draw list. One selection.
-- personal: network_group
-- params: selections
with expected as (
    select member_id, event_id, max(network_group) as network_group,
        bool_or(is_attended) as is_attended
    from selected_attendance($selections, ['nettverksmote', 'fagdag', 'samling'])
    group by member_id, event_id
),

per_member as (
    select member_id, max(network_group) as network_group, count(*) as n_events
    from expected
    group by member_id
    having bool_and(is_attended)
)

select
    p.member_id,
    any_value(m.name order by m.start_date desc) as member_name,
    any_value(m.profession order by m.start_date desc) as profession,
    p.n_events,
    p.network_group
from per_member as p
join member as m using (member_id)
group by p.member_id, p.n_events, p.network_group
order by member_name, p.member_id
