-- checkin_attempt_record: one check-in at an event: who (ids) when the e-mail matched someone
-- expected, the e-mail as typed only when it matched nobody (for the coordinator to resolve).
-- params: event_id, attempted_at, outcome, person_id, person_type, typed_email
insert into checkin_attempt (
    attempt_id, event_id, attempted_at, outcome, person_id, person_type, typed_email
)
values (
    (select coalesce(max(attempt_id), 0) + 1 from checkin_attempt),
    $event_id, $attempted_at, $outcome, $person_id, $person_type, $typed_email
)
