-- municipality_coverage_nurse: municipalities with >= 1 active resource nurse in a municipal
-- (owner kommune) unit on the as-of date / municipalities in scope. Municipalities in scope:
-- health trust filter on the municipality, narrowed by the network group (through
-- network_group_municipality) and municipality filters. Any kommune unit counts, whatever its
-- own network group. A profession filter other than sykepleier leaves nothing to count.
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
        and profession_selected('sykepleier', $profession, $network)
),

covered_municipality as (
    select distinct u.municipality_number as number
    from member as m
    join unit as u using (unit_id)
    where u.owner = 'kommune'
        and m.profession = 'sykepleier'
        and is_active(m.start_date, m.end_date, $as_of_date)
        and ($unit_type is null or u.unit_type = $unit_type)
)

select
    count(covered_municipality.number) as numerator,
    count(*) as denominator
from scoped_municipality
left join covered_municipality using (number)
