-- coverage_by_municipality: per municipality in scope (macro scoped_municipalities, as
-- municipality coverage), the kommune units that need a resource nurse (of the unit-type filter),
-- how many of them are covered on the as-of date, and the active resource nurses and physio/OT
-- there. One selection.
-- params: selections
with scoped as (
    select * from scoped_municipalities($selections)
),

municipal_unit as (
    select u.*, s.as_of_date
    from scoped as s
    join unit as u
        on u.municipality_number = s.number
        and u.owner = 'kommune'
        and (s.unit_type is null or u.unit_type = s.unit_type)
        and (s.unit is null or u.unit_id = s.unit)
),

active as (
    select u.municipality_number, u.unit_id, m.member_id, m.profession
    from municipal_unit as u
    join member as m
        on m.unit_id = u.unit_id
        and is_active(m.start_date, m.end_date, u.as_of_date)
),

needing as (
    select
        u.municipality_number,
        count(*) as n_units,
        count(*) filter (where u.unit_id in (
            select unit_id from active where profession = 'sykepleier'
        )) as n_units_covered
    from municipal_unit as u
    where u.needs_member and in_scope(u.valid_from, u.valid_to, u.as_of_date)
    group by u.municipality_number
)

select
    s.number as municipality_number,
    s.name as municipality_name,
    coalesce(n.n_units, 0) as n_units,
    coalesce(n.n_units_covered, 0) as n_units_covered,
    count(distinct a.member_id) filter (where a.profession = 'sykepleier') as n_nurses,
    count(distinct a.member_id) filter (where a.profession <> 'sykepleier') as n_physio_ot
from scoped as s
left join needing as n on n.municipality_number = s.number
left join active as a on a.municipality_number = s.number
group by all
order by s.name
