-- audit_record: one line of the audit trail.
-- params: email, action, detail, filters, n_rows
insert into audit_log (logged_at, email, action, detail, filters, n_rows)
values (now(), $email, $action, $detail, $filters, $n_rows)
returning audit_id
