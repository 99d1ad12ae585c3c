-- last_import: when data were last imported (or the demo built), for the report's method note.
-- params: (none)
select max(imported_at) as imported_at
from import_batch
where action in ('import', 'demo') and not coalesce(undone, false)
