-- checkin_events: the events of a year a coordinator can open check-in for, with the group's
-- name; the page keeps those the viewer may manage (their groups, their health trusts).
-- params: year
select
    e.event_id,
    e.kind,
    e.title,
    e.event_date,
    e.network,
    e.network_group,
    e.health_trust,
    g.name as network_group_name
from event as e
left join network_group as g on g.code = e.network_group
where year(e.event_date) = $year
order by e.event_date, e.title
