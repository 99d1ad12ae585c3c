-- trend_years: the years the scorecard's trend charts cover: from the first reporting round or
-- event up to the chosen year.
-- params: year
select distinct year(event_date) as year
from event
where year(event_date) <= $year
order by year
