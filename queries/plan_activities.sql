-- plan_activities: the annual plan of a year (seed 001) as focus areas → delmål → activities, each
-- activity with its state on the as-of date (`plan_activity_state` in views.sql: open, overdue, due
-- within $days days). health_trust and network NULL = all; a delmål for both networks ('alle' or
-- empty) belongs to either network.
-- params: year, as_of_date, days, health_trust, network
select
    p.health_trust,
    t.name as health_trust_name,
    p.focus_area_number,
    p.focus_area,
    p.goal_id,
    p.goal_number,
    p.goal_title,
    p.network,
    p.indicators,
    p.activity_id,
    p.title,
    p.owner,
    p.start_date,
    p.due_date,
    p.status,
    p.note,
    p.is_open,
    p.is_overdue,
    p.is_due_soon,
    p.n_days_left
from plan_activity_state($as_of_date, $days) as p
left join health_trust as t on t.code = p.health_trust
where p.year = $year
    and ($health_trust is null or p.health_trust = $health_trust)
    and ($network is null or coalesce(p.network, 'alle') in ('alle', $network))
order by p.health_trust, p.focus_area_number, p.goal_number, p.goal_id, p.activity_id
