-- governance_meetings: the governance bodies' meetings, newest first, each with what was frozen
-- for it (NULL columns when nothing was): the snapshot, the year, the as-of date, the selection,
-- when and by whom. health_trust NULL = all; meeting_id NULL = every meeting.
-- params: health_trust, meeting_id
select
    m.meeting_id,
    m.body,
    m.health_trust,
    m.network_group,
    m.meeting_date,
    m.title,
    f.snapshot_id,
    f.year,
    f.as_of_date,
    f.selection_key,
    f.frozen_at,
    f.frozen_by
from governance_meeting as m
left join meeting_freeze as f on f.meeting_id = m.meeting_id
where ($health_trust is null or m.health_trust = $health_trust)
    and ($meeting_id is null or m.meeting_id = $meeting_id)
order by m.meeting_date desc, m.meeting_id
