-- decision_notes: the decisions recorded on the indicators, oldest first, with the meeting's
-- title and date and the plan activity's title where they are named (not who wrote it: the
-- audit trail holds that). Each filter NULL = all:
-- year, indicator, selection_key (a selection's canonical key, '' = everything), meeting_id.
-- params: year, indicator, selection_key, meeting_id
select
    n.note_id,
    n.indicator,
    n.selection_key,
    n.year,
    n.body,
    n.decided_on,
    n.meeting_id,
    m.title as meeting_title,
    m.meeting_date,
    n.note,
    n.activity_id,
    a.title as activity_title,
    n.written_at
from decision_note as n
left join governance_meeting as m on m.meeting_id = n.meeting_id
left join plan_activity as a on a.activity_id = n.activity_id
where ($year is null or n.year = $year)
    and ($indicator is null or n.indicator = $indicator)
    and ($selection_key is null or n.selection_key = $selection_key)
    and ($meeting_id is null or n.meeting_id = $meeting_id)
order by n.decided_on, n.note_id
