-- event_years: the years some events (by id) are held in: the figures their attendance can move.
-- params: event_ids
select distinct year(event_date) as year
from event
where event_id in (select unnest($event_ids::varchar[]))
