-- target_rules: every row of the editable target table (the status logic picks the one that
-- applies to a year).
-- params: (none)
select indicator, year_from, year_to, value, comparison, baseline_year, source
from target
order by indicator, year_from
