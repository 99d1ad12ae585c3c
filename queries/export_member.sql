-- export_member: every appointment whose unit is in the selection, with the profession filter,
-- and the unit's network group. Person-level data (names, e-mails). One selection.
-- personal: network_group
-- params: selections
select m.*, u.network_group
from selections($selections) as sel
join member as m on profession_selected(m.profession, sel.profession, sel.network)
join unit as u
    on u.unit_id = m.unit_id
    and in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
        sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
order by m.member_id, m.start_date
