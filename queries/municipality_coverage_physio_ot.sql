-- municipality_coverage_physio_ot: municipalities with >= 1 active physiotherapist or
-- occupational therapist in a municipal (owner kommune) unit on the as-of date / municipalities
-- in scope (as in municipality_coverage_nurse). A profession filter narrows which of the two
-- professions count; sykepleier leaves nothing to count.
-- params: as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with scoped_municipality as (
    select number
    from municipality
    where ($health_trust is null or health_trust = $health_trust)
        and ($network_group is null or number in (
            select municipality_number from network_group_municipality
            where group_code = $network_group
        ))
        and ($municipality is null or number = $municipality)
        and ($profession is null or $profession in ('fysioterapeut', 'ergoterapeut'))
        and ($network is null or $network = 'fysio_ergo')
),

covered_municipality as (
    select distinct u.municipality_number as number
    from member as m
    join unit as u using (unit_id)
    where u.owner = 'kommune'
        and m.profession in ('fysioterapeut', 'ergoterapeut')
        and profession_selected(m.profession, $profession, $network)
        and is_active(m.start_date, m.end_date, $as_of_date)
        and ($unit_type is null or u.unit_type = $unit_type)
)

select
    count(covered_municipality.number) as numerator,
    count(*) as denominator
from scoped_municipality
left join covered_municipality using (number)
