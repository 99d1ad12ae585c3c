-- checkin_arrivals: everyone with status møtt at one event (by QR code, registered by the
-- coordinator, or imported), newest check-in first: name, member or leader, unit, when they
-- checked in. A member's place is the appointment active on the event date (else the latest
-- before it, else the first); a leader's is their unit. Person-level.
-- personal: network_group
-- params: event_id
with ev as (
    select event_id, event_date from event where event_id = $event_id
),

present as (
    select person_id, person_type
    from attendance
    where event_id = $event_id and status = 'møtt'
),

checked_in as (
    select person_id, person_type, min(attempted_at) as checked_in_at, 'QR-kode' as via
    from checkin_attempt
    where event_id = $event_id and outcome = 'registrert'
    group by person_id, person_type
    union all
    select resolved_person_id, 'member', min(resolved_at), 'koordinator'
    from checkin_attempt
    where event_id = $event_id and resolution = 'registrert'
    group by resolved_person_id
),

member_place as (
    select
        m.member_id as person_id,
        arg_max(m.name, [(m.start_date <= ev.event_date)::integer, epoch(m.start_date)]) as person_name,
        arg_max(u.name, [(m.start_date <= ev.event_date)::integer, epoch(m.start_date)]) as unit_name,
        arg_max(u.network_group, [(m.start_date <= ev.event_date)::integer, epoch(m.start_date)])
            as network_group
    from ev
    join member as m on m.member_id in (select person_id from present where person_type = 'member')
    join unit as u on u.unit_id = m.unit_id
    group by m.member_id
),

leader_place as (
    select l.leader_id as person_id, l.name as person_name, u.name as unit_name, u.network_group
    from leader as l
    left join unit as u on u.unit_id = l.unit_id
    where l.leader_id in (select person_id from present where person_type = 'leader')
)

select
    p.person_id,
    p.person_type,
    coalesce(mp.person_name, lp.person_name) as person_name,
    coalesce(mp.unit_name, lp.unit_name) as unit_name,
    coalesce(mp.network_group, lp.network_group) as network_group,
    c.checked_in_at,
    coalesce(c.via, 'import') as via
from present as p
left join member_place as mp on p.person_type = 'member' and mp.person_id = p.person_id
left join leader_place as lp on p.person_type = 'leader' and lp.person_id = p.person_id
left join (
    select person_id, person_type, min(checked_in_at) as checked_in_at, min(via) as via
    from checked_in
    group by person_id, person_type
) as c on c.person_id = p.person_id and c.person_type = p.person_type
order by c.checked_in_at desc nulls last, person_name
