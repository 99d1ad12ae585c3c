-- uncovered_unit_list: the units behind unit_coverage's gap (macro unit_nurse_status, so the list
-- follows every filter the headline follows): units in scope that need a resource nurse and have
-- none on the as-of date, whether they had one before (vacant: the units vacant_units counts,
-- with the day the last one left and days vacant) or never. The leader to contact is
-- person-level: see unit_contacts. One selection.
-- params: selections
select
    s.unit_id,
    s.name as unit_name,
    s.unit_type,
    m.name as municipality_name,
    s.network_group,
    g.name as network_group_name,
    s.is_vacant,
    s.last_end_date,
    date_diff('day', s.last_end_date, s.as_of_date) as n_days_vacant
from unit_nurse_status($selections) as s
join municipality as m on m.number = s.municipality_number
left join network_group as g on g.code = s.network_group
where not s.is_covered
order by s.is_vacant desc, n_days_vacant desc nulls last, m.name, s.name
