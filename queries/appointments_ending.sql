-- appointments_ending: active appointments whose planned end date falls within $days days after
-- the as-of date, so a replacement can be found in time. Person-level.
-- params: as_of_date, days, health_trust, network_group, municipality, profession, network, unit_type
select
    m.member_id,
    m.name as member_name,
    m.profession,
    u.name as unit_name,
    mu.name as municipality_name,
    u.network_group,
    m.end_date,
    date_diff('day', $as_of_date, m.end_date) as n_days_left,
    l.name as leader_name,
    l.email as leader_email
from member as m
join unit as u using (unit_id)
join municipality as mu on mu.number = u.municipality_number
left join leader as l on l.leader_id = m.leader_id
where m.end_date is not null
    and m.start_date <= $as_of_date
    and m.end_date >= $as_of_date
    and m.end_date <= $as_of_date + to_days($days)
    and in_selection(u.health_trust, u.network_group, u.municipality_number, u.unit_type,
                     $health_trust, $network_group, $municipality, $unit_type)
    and profession_selected(m.profession, $profession, $network)
order by m.end_date, m.name
