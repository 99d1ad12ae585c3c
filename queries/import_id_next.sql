-- import_id_next: the number of a new import (the files imported together), after every batch
-- and import number used so far (they shared one sequence before the tables moved to DuckLake).
-- params: (none)
select coalesce(max(greatest(batch_id, coalesce(import_id, 0))), 0) + 1 as import_id
from import_batch
