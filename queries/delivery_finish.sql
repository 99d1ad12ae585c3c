-- delivery_finish: how a claimed message ended: sent (the relay accepted it), failed (retried at
-- the next run) or skipped (nothing to send: no access any more, no change to alert on).
-- params: delivery_key, state, at, error, figures
update delivery
set state = $state,
    sent_at = case when $state = 'sent' then $at else null end,
    error = $error,
    figures = coalesce($figures, figures)
where delivery_key = $delivery_key
