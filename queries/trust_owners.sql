-- trust_owners: the health trust each row belongs to, for checking that a coordinator limited to
-- some trusts imports and changes only their rows (dashboard/exchange/importer/trusts.py):
-- kind (the table, or 'appointment' for a member's row keyed member_id|start_date), row_key,
-- health_trust. A member has a row per trust of their appointments.
-- params: (none)
select 'municipality' as kind, number as row_key, health_trust from municipality
union all
select 'network_group', code, health_trust from network_group
union all
select 'unit', unit_id, health_trust from unit
union all
select 'event', event_id, health_trust from event
union all
select 'plan_goal', goal_id, health_trust from plan_goal
union all
select distinct 'leader', l.leader_id, u.health_trust
from leader as l
join unit as u on u.unit_id = l.unit_id
union all
select distinct 'member', m.member_id, u.health_trust
from member as m
join unit as u on u.unit_id = m.unit_id
union all
select 'appointment', m.member_id || '|' || strftime(m.start_date, '%Y-%m-%d'), u.health_trust
from member as m
join unit as u on u.unit_id = m.unit_id
