-- checkin_expected_missing: the members who may check in at one event (macro
-- checkin_expected) and have not attended it yet: whom an unmatched check-in can be registered
-- as. Person-level.
-- personal: network_group
-- params: event_id
with ev as (
    select event_id, event_date from event where event_id = $event_id
),

waiting as (
    select x.person_id as member_id, any_value(x.network_group) as network_group
    from checkin_expected($event_id) as x
    where x.person_type = 'member'
        and not exists (
            select 1 from attendance as a
            where a.event_id = $event_id and a.person_id = x.person_id
                and a.person_type = 'member' and a.status = 'møtt'
        )
    group by x.person_id
)

select
    w.member_id,
    arg_max(m.name, [(m.start_date <= ev.event_date)::integer, epoch(m.start_date)]) as member_name,
    arg_max(u.name, [(m.start_date <= ev.event_date)::integer, epoch(m.start_date)]) as unit_name,
    any_value(w.network_group) as network_group
from waiting as w
cross join ev
join member as m on m.member_id = w.member_id
join unit as u on u.unit_id = m.unit_id
group by w.member_id
order by member_name
