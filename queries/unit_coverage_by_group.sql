-- unit_coverage_by_group: unit_coverage split by unit type and by network group (grouping sets,
-- over macro unit_nurse_status): units in scope that need a member, and those covered by an
-- active resource nurse. One selection.
-- params: selections
select
    case when grouping(unit_type) = 0 then 'unit_type' else 'network_group' end as dimension,
    coalesce(unit_type, network_group) as dimension_value,
    count(*) as n_units,
    count(*) filter (where is_covered) as n_units_covered
from (
    select unit_type, coalesce(network_group, '') as network_group, is_covered
    from unit_nurse_status($selections)
)
group by grouping sets ((unit_type), (network_group))
order by dimension, dimension_value
