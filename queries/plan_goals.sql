-- plan_goals: the delmål of a year's annual plan (seed 001), each with its activities counted by
-- status on the as-of date (`plan_activity_state` in views.sql), also those without activities.
-- health_trust and network NULL = all; a delmål for both networks belongs to either network.
-- params: year, as_of_date, days, health_trust, network
select
    g.health_trust,
    t.name as health_trust_name,
    g.focus_area_number,
    g.focus_area,
    g.goal_id,
    g.goal_number,
    g.title as goal_title,
    g.network,
    g.indicators,
    count(p.activity_id) as n_activities,
    count(*) filter (where p.status = 'planned') as n_planned,
    count(*) filter (where p.status = 'under_way') as n_under_way,
    count(*) filter (where p.status = 'done') as n_done,
    count(*) filter (where p.status = 'dropped') as n_dropped,
    count(*) filter (where p.is_overdue) as n_overdue,
    count(*) filter (where p.is_due_soon) as n_due_soon
from plan_goal as g
left join health_trust as t on t.code = g.health_trust
left join plan_activity_state($as_of_date, $days) as p on p.goal_id = g.goal_id
where g.year = $year
    and ($health_trust is null or g.health_trust = $health_trust)
    and ($network is null or coalesce(g.network, 'alle') in ('alle', $network))
group by all
order by g.health_trust, g.focus_area_number, g.goal_number, g.goal_id
