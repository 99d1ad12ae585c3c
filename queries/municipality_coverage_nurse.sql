-- municipality_coverage_nurse: municipalities with >= 1 active resource nurse in a municipal
-- (owner kommune) unit on the as-of date / municipalities in scope (macro
-- municipality_coverage: the municipality's own health trust and network groups, narrowed by
-- the municipality filter). A profession filter other than sykepleier leaves nothing to count.
-- params: selections
-- reads: member, municipality, network_group_municipality, unit
select * from municipality_coverage($selections, ['sykepleier'])
