-- governance_names: who holds each assignment of the governance register (names, e-mails), with
-- the assignment's network group: person-level, read only through the people gate (a
-- nettverksleder sees the assignments of their own network groups). health_trust NULL = all.
-- personal: network_group
-- params: health_trust
select assignment_id, name, email, network_group
from governance_member
where $health_trust is null or health_trust = $health_trust
order by assignment_id
