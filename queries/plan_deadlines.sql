-- plan_deadlines: the open activities (planned or under way) of a year's annual plan that are
-- overdue on the as-of date (due date before it) or due within $days days of it (as-of date <=
-- due date <= as-of date + $days); `plan_activity_state` in views.sql. Done and dropped activities
-- and activities without a due date are never listed. Overdue first, the longest overdue first.
-- params: year, as_of_date, days, health_trust, network
select
    p.health_trust,
    p.focus_area_number,
    p.focus_area,
    p.goal_id,
    p.goal_number,
    p.goal_title,
    p.activity_id,
    p.title,
    p.owner,
    p.start_date,
    p.due_date,
    p.status,
    p.note,
    p.is_overdue,
    p.n_days_left
from plan_activity_state($as_of_date, $days) as p
where p.year = $year
    and (p.is_overdue or p.is_due_soon)
    and ($health_trust is null or p.health_trust = $health_trust)
    and ($network is null or coalesce(p.network, 'alle') in ('alle', $network))
order by p.due_date, p.activity_id
