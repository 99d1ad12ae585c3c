-- export_member: every appointment whose unit is in the selection, with the profession filter.
-- Person-level data (names, e-mails).
-- params: health_trust, network_group, municipality, profession, network, unit_type
select m.*
from member as m
join unit as u using (unit_id)
where in_selection(u.health_trust, u.network_group, u.municipality_number, u.unit_type,
                   $health_trust, $network_group, $municipality, $unit_type)
    and profession_selected(m.profession, $profession, $network)
order by m.member_id, m.start_date
