-- delivery_claim: a message about to be sent, claimed by its key (a new row, or a failed or
-- abandoned attempt tried again).
-- params: delivery_key, subscription_id, period, at
merge into delivery as t
using (select $delivery_key as delivery_key) as s
on t.delivery_key = s.delivery_key
when matched then update set state = 'sending', attempts = t.attempts + 1, last_attempt_at = $at
when not matched then insert (delivery_key, subscription_id, period, state, attempts,
    last_attempt_at, sent_at, error, figures)
    values ($delivery_key, $subscription_id, $period, 'sending', 1, $at, null, null, null)
