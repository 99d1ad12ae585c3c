-- subscriptions: every subscription (of one e-mail; NULL = all), with its last sent delivery's
-- period, time and figures (NULL when none was sent yet).
-- params: email
select
    s.*,
    d.period as last_period,
    d.sent_at as last_sent_at,
    d.figures as last_figures
from subscription as s
left join (
    select subscription_id, period, sent_at, figures,
        row_number() over (partition by subscription_id order by sent_at desc) as n
    from delivery
    where state = 'sent'
) as d on d.subscription_id = s.subscription_id and d.n = 1
where $email is null or s.email = lower($email)
order by s.subscription_id
