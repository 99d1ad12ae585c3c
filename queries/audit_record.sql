-- audit_record: one line of the audit trail (its number the next after the last: writes are
-- serialised, see dashboard/engine/database.py).
-- params: email, action, detail, filters, n_rows
insert into audit_log (audit_id, logged_at, email, action, detail, filters, n_rows)
values (
    (select coalesce(max(audit_id), 0) + 1 from audit_log),
    now(), $email, $action, $detail, $filters, $n_rows
)
