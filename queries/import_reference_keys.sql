-- import_reference_keys: which of some keys (`$keys`) a table others refer to holds, so the
-- importer can check references before anything is written (asked for the keys the files name
-- only: a check-in asks for one member, not for every member).
-- params: table_name, keys
select key
from (
    select 'health_trust' as table_name, code as key from health_trust
    union all select 'municipality', number from municipality
    union all select 'network_group', code from network_group
    union all select 'unit', unit_id from unit
    union all select 'leader', leader_id from leader
    union all select 'member', member_id from member
    union all select 'event', event_id from event
    union all select 'plan_goal', goal_id from plan_goal
)
where table_name = $table_name
    and key in (select unnest($keys::varchar[]))
