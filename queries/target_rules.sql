-- target_rules: every row of the editable target table (the status logic picks the one that
-- applies to a year and a place: the most specific scope wins). health_trust and network_group
-- are the scope ('' = the whole region).
-- params: (none)
select indicator, year_from, year_to, value, comparison, baseline_year, source,
    health_trust, network_group
from target
order by indicator, year_from, health_trust, network_group
