-- data_version: a cheap number that changes with every import (the newest import batch id, 0
-- when nothing was imported). Caches are keyed on it.
-- params: (none)
select coalesce(max(batch_id), 0) as data_version
from import_batch
