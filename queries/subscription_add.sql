-- subscription_add: a subscription (its number the next after the last: writes are serialised).
-- params: email, kind, selection_key, frequency, days_before, language, by
insert into subscription (subscription_id, email, kind, selection_key, frequency, days_before,
    language, created_at, created_by)
values (
    (select coalesce(max(subscription_id), 0) + 1 from subscription),
    lower($email), $kind, $selection_key, $frequency, $days_before, $language, now(), $by
)
