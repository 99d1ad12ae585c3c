-- meeting_freeze_save: the figures a meeting saw, frozen: the lake snapshot they came from with
-- the year, the as-of date and the selection (frozen again: the new freeze replaces the old).
-- params: meeting_id, snapshot_id, year, as_of_date, selection_key, at, by
merge into meeting_freeze as t
using (select $meeting_id as meeting_id) as s
on t.meeting_id = s.meeting_id
when matched then update set snapshot_id = $snapshot_id, year = $year, as_of_date = $as_of_date,
    selection_key = $selection_key, frozen_at = $at, frozen_by = $by
when not matched then insert (meeting_id, snapshot_id, year, as_of_date, selection_key, frozen_at,
    frozen_by)
    values ($meeting_id, $snapshot_id, $year, $as_of_date, $selection_key, $at, $by)
