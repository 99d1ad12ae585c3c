-- plan_activity_save: a coordinator's change of one activity's status and note (the Årsplan page).
-- params: activity_id, status, note
update plan_activity set status = $status, note = $note where activity_id = $activity_id
