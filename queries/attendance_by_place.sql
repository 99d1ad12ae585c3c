-- attendance_by_place: network meetings and conference days of the year held on or before the
-- as-of date (macro selected_attendance), expected and attended summed per network group and
-- per municipality of the members' units (grouping sets), with each one's code. One selection.
-- params: selections
with expected as (
    select
        x.event_id,
        x.kind,
        x.member_id,
        any_value(coalesce(x.network_group, '')) as network_group,
        any_value(coalesce(g.name, '(ingen gruppe)')) as network_group_name,
        any_value(x.municipality_number) as municipality_number,
        any_value(m.name) as municipality_name,
        bool_or(x.is_attended) as is_attended
    from selected_attendance($selections, ['nettverksmote', 'fagdag']) as x
    left join network_group as g on g.code = x.network_group
    join municipality as m on m.number = x.municipality_number
    group by x.event_id, x.kind, x.member_id
)

select
    case when grouping(network_group_name) = 0 then 'network_group' else 'municipality' end
        as dimension,
    coalesce(network_group_name, municipality_name) as dimension_value,
    coalesce(network_group, municipality_number) as dimension_code,
    kind,
    count(*) as n_expected,
    count(*) filter (where is_attended) as n_attended
from expected
group by grouping sets (
    (network_group, network_group_name, kind), (municipality_number, municipality_name, kind)
)
order by dimension, dimension_value, kind
