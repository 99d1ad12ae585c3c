-- prepared_as_of: the as-of date each prepared year was counted at (to find the stale ones).
-- params: (none)
select year, any_value(as_of_date) as as_of_date
from prepared_count
group by year
order by year
