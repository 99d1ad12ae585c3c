-- checkin_status: one event's check-in in figures (no people): expected members (the rate's
-- denominator; none at an intro course) and those of them who attended (its numerator), everyone
-- with status møtt, check-ins by QR code, and unmatched attempts not yet resolved.
-- params: event_id
select
    (select count(distinct member_id) from expected_attendance where event_id = $event_id)
        as n_expected,
    (select count(distinct member_id) from expected_attendance
        where event_id = $event_id and is_attended) as n_attended,
    (select count(*) from attendance where event_id = $event_id and status = 'møtt') as n_present,
    (select count(*) from checkin_attempt where event_id = $event_id and outcome = 'registrert')
        as n_checked_in,
    (select count(*) from checkin_attempt
        where event_id = $event_id and outcome = 'ukjent' and resolution is null) as n_open
