-- capture_batch: the import that rows captured in the product join (one import per event's
-- check-in, or per round's answers, named by `label`): the newest import still in effect, when
-- it is that one. No row: a new import starts (the newest is another, or was undone). The
-- history is read once (a check-in asks this in its change, where each read costs).
-- params: label
select import_id
from (
    select import_id, file_name, max(import_id) over () as newest
    from import_batch
    where coalesce(action, 'import') = 'import' and not coalesce(undone, false)
)
where import_id = newest and file_name = $label
limit 1
