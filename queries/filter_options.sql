-- filter_options: the choices of the sidebar filters (health trusts, network groups with their
-- network, municipalities), as kind / code / label rows.
-- params: (none)
select 'health_trust' as kind, code, name as label, null as network from health_trust
union all
select 'network_group', code, name, network from network_group
union all
select 'municipality', number, name || ' (' || number || ')', null from municipality
order by kind, label
