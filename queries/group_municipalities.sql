-- group_municipalities: which municipalities each network group covers (for narrowing the
-- municipality filter to the chosen group).
-- params: (none)
select group_code, municipality_number
from network_group_municipality
order by group_code, municipality_number
