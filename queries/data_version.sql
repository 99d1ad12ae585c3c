-- data_version: a cheap key that changes with every import or undo (the newest import batch) and
-- every target edit (the newest «endret mål» audit line). Caches are keyed on it.
-- params: (none)
select
    coalesce((select max(batch_id) from import_batch), 0) || '.'
    || coalesce((select max(audit_id) from audit_log where action = 'endret mål'), 0)
    as data_version
