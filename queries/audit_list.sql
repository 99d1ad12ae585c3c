-- audit_list: the newest lines of the audit trail, for coordinators.
-- params: limit_rows
select audit_id, logged_at, email, action, detail, filters, n_rows
from audit_log
order by audit_id desc
limit $limit_rows
