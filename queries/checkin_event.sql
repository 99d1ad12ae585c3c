-- checkin_event: one event, as the check-in page and its token check need it (no people).
-- params: event_id
select event_id, kind, title, event_date, network, network_group, health_trust
from event
where event_id = $event_id
