-- decision_note_add: a decision recorded on an indicator (note_id: decision_note_next's number;
-- writes are serialised, see dashboard/engine/database.py).
-- params: note_id, indicator, selection_key, year, body, decided_on, meeting_id, note, activity_id, by
insert into decision_note (note_id, indicator, selection_key, year, body, decided_on, meeting_id,
    note, activity_id, written_by, written_at)
values (
    $note_id, $indicator, $selection_key, $year, $body, $decided_on, $meeting_id, $note,
    $activity_id, $by, now()
)
