-- plan_activity_exists: the annual plan's activity with this id (no row when there is none).
-- params: activity_id
select activity_id from plan_activity where activity_id = $activity_id
