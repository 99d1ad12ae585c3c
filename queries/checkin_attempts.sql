-- checkin_attempts: the check-ins at one event whose e-mail matched nobody expected there, as
-- typed, with the coordinator's verdict when given; open ones first. Person-level (an e-mail);
-- the event's network group decides who sees them (its leader, the coordinators).
-- personal: network_group
-- params: event_id
select
    a.attempt_id,
    a.attempted_at,
    a.typed_email,
    a.resolution,
    m.name as resolved_person_name,
    a.resolved_at,
    a.resolved_by,
    e.network_group
from checkin_attempt as a
join event as e on e.event_id = a.event_id
left join (
    select member_id, arg_max(name, start_date) as name from member group by member_id
) as m on m.member_id = a.resolved_person_id
where a.event_id = $event_id and a.outcome = 'ukjent'
order by a.resolution is not null, a.attempted_at desc
