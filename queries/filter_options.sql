-- filter_options: the choices of the filters (health trusts, network groups with their network and
-- health trust, municipalities with their health trust), as kind / code / name / label rows.
-- params: (none)
-- reads: health_trust, municipality, network_group
select 'health_trust' as kind, code, name, name as label, null as network, code as health_trust
from health_trust
union all
select 'network_group', code, name, name, network, health_trust
from network_group
union all
select 'municipality', number, name, name || ' (' || number || ')', null, health_trust
from municipality
order by kind, label
