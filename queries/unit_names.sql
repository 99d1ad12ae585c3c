-- unit_names: each unit's name, for describing a drill-down to one unit in words.
-- params: (none)
select 'unit' as kind, unit_id as code, name
from unit
