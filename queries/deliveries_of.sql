-- deliveries_of: a subscription's deliveries, oldest first (for «what changed» and the alerts).
-- params: subscription_id
select period, state, figures, last_attempt_at
from delivery
where subscription_id = $subscription_id and figures is not null
order by last_attempt_at, period
