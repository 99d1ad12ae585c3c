-- export_leader: leaders of units in the selection, with the unit's network group. Person-level
-- data (names, e-mails). One selection.
-- personal: network_group
-- params: selections
select l.*, u.network_group
from selections($selections) as sel
join leader as l on true
left join unit as u on u.unit_id = l.unit_id
where in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
    sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
order by l.leader_id
