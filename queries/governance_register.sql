-- governance_register: every assignment of the governance register (seed 000) without names:
-- body, network, group, role, organisation, the term, whether it is in force on the as-of date,
-- the days left of it and whether a successor is appointed (`governance_register` in views.sql).
-- health_trust NULL = all. Names come from governance_names, through the people gate.
-- params: as_of_date, health_trust
select *
from governance_register($as_of_date)
where $health_trust is null or health_trust = $health_trust
order by body_order, health_trust, network_group nulls first, network nulls first, role_order,
    start_date, assignment_id
