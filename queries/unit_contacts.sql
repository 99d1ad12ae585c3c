-- unit_contacts: each unit's leader to contact (name, e-mail), with the unit's network group.
-- Person-level.
-- personal: network_group
-- params: (none)
select
    u.unit_id,
    u.network_group,
    min(l.name) as leader_name,
    min(l.email) as leader_email
from unit as u
join leader as l on l.unit_id = u.unit_id
group by u.unit_id, u.network_group
