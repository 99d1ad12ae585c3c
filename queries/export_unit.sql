-- export_unit: the unit table as filtered by the selection (a unit's own columns).
-- params: health_trust, network_group, municipality, unit_type
select u.*
from unit as u
where in_selection(u.health_trust, u.network_group, u.municipality_number, u.unit_type,
                   $health_trust, $network_group, $municipality, $unit_type)
order by u.unit_id
