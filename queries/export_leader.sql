-- export_leader: leaders of units in the selection. Person-level data (names, e-mails).
-- params: health_trust, network_group, municipality, unit_type
select l.*
from leader as l
left join unit as u using (unit_id)
where in_selection(u.health_trust, u.network_group, u.municipality_number, u.unit_type,
                   $health_trust, $network_group, $municipality, $unit_type)
order by l.leader_id
