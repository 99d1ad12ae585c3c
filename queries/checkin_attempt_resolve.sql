-- checkin_attempt_resolve: the coordinator's verdict on an unmatched check-in (a guest, a new
-- member, registered as an expected member, rejected); only an open attempt of that event.
-- params: attempt_id, event_id, resolution, person_id, resolved_at, resolved_by
update checkin_attempt
set resolution = $resolution,
    resolved_person_id = $person_id,
    resolved_at = $resolved_at,
    resolved_by = $resolved_by
where attempt_id = $attempt_id
    and event_id = $event_id
    and outcome = 'ukjent'
    and resolution is null
