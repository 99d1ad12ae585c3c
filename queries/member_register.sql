-- member_register: appointments whose unit is in the selection, newest first, with the unit,
-- municipality and network group names and whether the appointment is active on the as-of date;
-- $search (or NULL) matches name, e-mail, unit or municipality; $only_active keeps those active on
-- the as-of date. Person-level. One selection.
-- personal: network_group
-- params: selections, search, only_active
select
    m.member_id,
    m.name as member_name,
    m.email as member_email,
    m.profession,
    u.name as unit_name,
    u.unit_type,
    mu.name as municipality_name,
    u.network_group,
    g.name as network_group_name,
    m.start_date,
    m.end_date,
    m.end_reason,
    is_active(m.start_date, m.end_date, sel.as_of_date) as is_active
from selections($selections) as sel
join member as m on true
join unit as u on u.unit_id = m.unit_id
join municipality as mu on mu.number = u.municipality_number
left join network_group as g on g.code = u.network_group
where in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
    sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
    and profession_selected(m.profession, sel.profession, sel.network)
    and (not $only_active or is_active(m.start_date, m.end_date, sel.as_of_date))
    and (
        $search is null
        or m.name ilike '%' || $search || '%'
        or m.email ilike '%' || $search || '%'
        or u.name ilike '%' || $search || '%'
        or mu.name ilike '%' || $search || '%'
    )
order by is_active desc, m.name, m.start_date desc
