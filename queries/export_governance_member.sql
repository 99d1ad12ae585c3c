-- export_governance_member: the governance register as a data table (the CLI's and the Data
-- page's export of governance_member), in the selection's health trust. Person-level data (names,
-- e-mails). One selection.
-- personal: network_group
-- params: selections
select g.*
from selections($selections) as sel
join governance_member as g
    on sel.health_trust is null or g.health_trust = sel.health_trust
order by g.assignment_id
