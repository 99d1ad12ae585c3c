-- data_years: the years the data covers (events, reporting rounds and appointments), for the
-- year selector.
-- params: (none)
-- reads: event, member, reporting_round
select distinct year
from (
    select year(event_date) as year from event
    union all
    select year from reporting_round
    union all
    select year(start_date) as year from member where start_date >= date '2000-01-01'
)
order by year desc
