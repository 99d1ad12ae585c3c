-- member_history: one person's appointments, events (attendance rows) and annual reports, as
-- one dated list, each row with the network group of the person's newest appointment. `kind` is
-- a code (appointment, event, annual_report) and the facts stay in columns: the words are
-- written in the reader's language (dashboard/exchange/views.py, member_history). Person-level.
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
    select
        start_date as day,
        'appointment' as kind,
        u.name as title,
        m.end_date,
        m.end_reason,
        null::varchar as status,
        null::integer as year,
        null::boolean as met_leader,
        null::boolean as earmarked_time
    from member as m
    join unit as u using (unit_id)
    where m.member_id = $member_id
    union all
    select e.event_date, 'event', e.title, null, null, a.status, null, null, null
    from attendance as a
    join event as e using (event_id)
    where a.person_id = $member_id and a.person_type = 'member'
    union all
    select
        coalesce(r.submitted_on, make_date(r.year, 12, 31)), 'annual_report', null, null, null,
        null, r.year, r.met_leader, r.earmarked_time
    from annual_report as r
    where r.member_id = $member_id
)

select h.*, (select network_group from newest) as network_group
from history as h
order by h.day desc
