-- member_history: one person's appointments, events (attendance rows) and annual reports, as
-- one dated list, each row with the network group of the person's newest appointment.
-- Person-level.
-- personal: network_group
-- params: member_id
with newest as (
    select u.network_group
    from member as m
    join unit as u using (unit_id)
    where m.member_id = $member_id
    order by m.start_date desc
    limit 1
),

history as (
    select start_date as day, 'Oppnevning' as kind,
        u.name || coalesce(' – til ' || strftime(m.end_date, '%d.%m.%Y'), ' – aktiv')
        || coalesce(' (' || m.end_reason || ')', '') as detail
    from member as m
    join unit as u using (unit_id)
    where m.member_id = $member_id
    union all
    select e.event_date, 'Arrangement', e.title || ': ' || replace(a.status, '_', ' ')
    from attendance as a
    join event as e using (event_id)
    where a.person_id = $member_id and a.person_type = 'member'
    union all
    select coalesce(r.submitted_on, make_date(r.year, 12, 31)), 'Årlig rapportering',
        'År ' || r.year || ': møtt leder '
        || coalesce(case when r.met_leader then 'ja' else 'nei' end, '–')
        || ', øremerket tid ' || coalesce(case when r.earmarked_time then 'ja' else 'nei' end, '–')
    from annual_report as r
    where r.member_id = $member_id
)

select h.*, (select network_group from newest) as network_group
from history as h
order by h.day desc
