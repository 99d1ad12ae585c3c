-- delivery_list: the last deliveries and failures, newest first (for a coordinator).
-- params: limit_rows
select d.*, s.email, s.kind
from delivery as d
left join subscription as s on s.subscription_id = d.subscription_id
order by d.last_attempt_at desc
limit $limit_rows
