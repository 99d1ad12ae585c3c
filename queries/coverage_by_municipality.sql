-- coverage_by_municipality: per municipality in scope (as municipality_coverage_nurse), the
-- kommune units that need a resource nurse, how many of them are covered on the as-of date, and
-- the active resource nurses and physio/OT there.
-- params: as_of_date, health_trust, network_group, municipality, unit_type
with scoped_municipality as (
    select number, name
    from municipality
    where ($health_trust is null or health_trust = $health_trust)
        and ($network_group is null or number in (
            select municipality_number from network_group_municipality
            where group_code = $network_group
        ))
        and ($municipality is null or number = $municipality)
),

municipal_unit as (
    select unit_id, municipality_number
    from unit
    where owner = 'kommune'
        and ($unit_type is null or unit_type = $unit_type)
),

active as (
    select m.member_id, m.profession, u.municipality_number, u.unit_id
    from member as m
    join municipal_unit as u using (unit_id)
    where is_active(m.start_date, m.end_date, $as_of_date)
),

needing as (
    select
        u.municipality_number,
        count(*) as n_units,
        count(*) filter (where u.unit_id in (
            select unit_id from active where profession = 'sykepleier'
        )) as n_units_covered
    from unit as u
    where u.owner = 'kommune' and u.needs_member
        and in_scope(u.valid_from, u.valid_to, $as_of_date)
        and ($unit_type is null or u.unit_type = $unit_type)
    group by u.municipality_number
)

select
    s.number as municipality_number,
    s.name as municipality_name,
    coalesce(n.n_units, 0) as n_units,
    coalesce(n.n_units_covered, 0) as n_units_covered,
    count(distinct a.member_id) filter (where a.profession = 'sykepleier') as n_nurses,
    count(distinct a.member_id) filter (where a.profession <> 'sykepleier') as n_physio_ot
from scoped_municipality as s
left join needing as n on n.municipality_number = s.number
left join active as a on a.municipality_number = s.number
group by all
order by s.name
