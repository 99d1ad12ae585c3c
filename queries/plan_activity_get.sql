-- plan_activity_get: one activity of the annual plan as a coordinator is about to change it.
-- params: activity_id
select a.activity_id, a.title, a.status, a.note, g.health_trust, g.year
from plan_activity as a
join plan_goal as g using (goal_id)
where a.activity_id = $activity_id
