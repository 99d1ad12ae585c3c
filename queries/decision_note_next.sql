-- decision_note_next: the number the next decision note takes (the next after the last).
-- params: (none)
select coalesce(max(note_id), 0) + 1 as note_id from decision_note
