-- governance_meeting_add: a meeting of a governance body in the calendar (its id is the caller's).
-- params: meeting_id, body, health_trust, network_group, meeting_date, title
insert into governance_meeting (meeting_id, body, health_trust, network_group, meeting_date, title)
values ($meeting_id, $body, $health_trust, $network_group, $meeting_date, $title)
