-- subscription_remove: a subscription stopped (its deliveries stay, for the record).
-- params: subscription_id
delete from subscription where subscription_id = $subscription_id
