-- export_unit: the unit table as filtered by the selection (a unit's own columns). One selection.
-- params: selections
select u.*
from selections($selections) as sel
join unit as u
    on in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
        sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
order by u.unit_id
