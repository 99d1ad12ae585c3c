-- municipality_coverage_physio_ot: municipalities with >= 1 active physiotherapist or
-- occupational therapist in a municipal (owner kommune) unit on the as-of date / municipalities
-- in scope (macro municipality_coverage). A profession filter narrows which of the two
-- professions count; sykepleier leaves nothing to count.
-- params: selections
-- reads: member, municipality, network_group_municipality, unit
select * from municipality_coverage($selections, ['fysioterapeut', 'ergoterapeut'])
