-- appointments_ending: active appointments whose planned end date falls within $days days after
-- the as-of date, so a replacement can be found in time. Person-level. One selection.
-- personal: network_group
-- params: selections, days
select
    m.member_id,
    m.name as member_name,
    m.profession,
    u.name as unit_name,
    mu.name as municipality_name,
    u.network_group,
    m.end_date,
    date_diff('day', sel.as_of_date, m.end_date) as n_days_left,
    l.name as leader_name,
    l.email as leader_email
from selections($selections) as sel
join member as m
    on m.end_date is not null
    and m.start_date <= sel.as_of_date
    and m.end_date >= sel.as_of_date
    and m.end_date <= sel.as_of_date + to_days($days)
join unit as u on u.unit_id = m.unit_id
join municipality as mu on mu.number = u.municipality_number
left join leader as l on l.leader_id = m.leader_id
where in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
    sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
    and profession_selected(m.profession, sel.profession, sel.network)
order by m.end_date, m.name
