-- capture_batch: the import that rows captured in the product join (one import per event's
-- check-in, or per round's answers, named by `label`): the newest import still in effect, when
-- it is that one. No row: a new import starts (the newest is another, or was undone).
-- params: label
with newest as (
    select max(import_id) as import_id
    from import_batch
    where coalesce(action, 'import') = 'import' and not coalesce(undone, false)
)

select b.import_id
from import_batch as b
join newest as n on n.import_id = b.import_id
where b.file_name = $label
limit 1
