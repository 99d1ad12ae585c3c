-- questionnaire_round: one reporting round and its state in the product (opened, closed): what
-- a questionnaire link is checked against. No people.
-- params: year, network, health_trust
select
    r.year,
    r.network,
    r.health_trust,
    coalesce(t.name, r.health_trust) as health_trust_name,
    r.sent_on,
    r.closes_on,
    c.opened_at,
    c.closed_at
from reporting_round as r
left join health_trust as t on t.code = r.health_trust
left join capture_round as c
    on c.year = r.year and c.network = r.network and c.health_trust = r.health_trust
where r.year = $year and r.network = $network and r.health_trust = $health_trust
