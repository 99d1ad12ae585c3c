-- unit_status_list: every unit of the selection that needs a resource nurse (macro
-- unit_nurse_status), covered or not on the as-of date, with its place: the units a drill-down
-- picks from. One selection.
-- params: selections
select
    s.unit_id,
    s.name as unit_name,
    s.unit_type,
    m.name as municipality_name,
    g.name as network_group_name,
    s.is_covered,
    s.is_vacant
from unit_nurse_status($selections) as s
join municipality as m on m.number = s.municipality_number
left join network_group as g on g.code = s.network_group
order by m.name, s.name
