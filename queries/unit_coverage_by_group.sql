-- unit_coverage_by_group: unit_coverage split by unit type and by network group (grouping sets):
-- units in scope that need a member, and those covered by an active resource nurse.
-- params: as_of_date, health_trust, network_group, municipality, unit_type
with scoped_unit as (
    select unit_id, unit_type, coalesce(network_group, '') as network_group
    from unit
    where needs_member
        and in_scope(valid_from, valid_to, $as_of_date)
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
),

covered_unit as (
    select distinct unit_id
    from member
    where profession = 'sykepleier' and is_active(start_date, end_date, $as_of_date)
)

select
    case when grouping(s.unit_type) = 0 then 'unit_type' else 'network_group' end as dimension,
    coalesce(s.unit_type, s.network_group) as dimension_value,
    count(*) as n_units,
    count(c.unit_id) as n_units_covered
from scoped_unit as s
left join covered_unit as c using (unit_id)
group by grouping sets ((s.unit_type), (s.network_group))
order by dimension, dimension_value
