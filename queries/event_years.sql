-- event_years: the years whose figures the attendance of some events (by id) can move: each
-- event's year, and for an intro course (kind introkurs) the years beside it too (it counts for
-- new members who started up to 365 days before or 90 days after it: view member_intro_course).
-- params: event_ids
select distinct year(event_date) + step as year
from event,
    unnest(case when kind = 'introkurs' then [-1, 0, 1] else [0] end) as steps (step)
where event_id in (select unnest($event_ids::varchar[]))
