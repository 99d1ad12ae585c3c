-- questionnaire_rounds: the reporting rounds of a year, whether each is open for answers in the
-- product (opened, closed), and its population (report_population: members active on sent_on in
-- its network and health trust) and how many of them have answered. No people.
-- params: year
with population as (
    select
        year,
        network,
        round_health_trust as health_trust,
        count(distinct member_id) as n_members,
        count(distinct member_id) filter (where has_responded) as n_answered
    from report_population
    where year = $year
    group by year, network, round_health_trust
)

select
    r.year,
    r.network,
    r.health_trust,
    coalesce(t.name, r.health_trust) as health_trust_name,
    r.sent_on,
    r.closes_on,
    c.opened_at,
    c.opened_by,
    c.closed_at,
    c.closed_by,
    coalesce(p.n_members, 0) as n_members,
    coalesce(p.n_answered, 0) as n_answered
from reporting_round as r
left join health_trust as t on t.code = r.health_trust
left join capture_round as c
    on c.year = r.year and c.network = r.network and c.health_trust = r.health_trust
left join population as p
    on p.year = r.year and p.network = r.network and p.health_trust = r.health_trust
where r.year = $year
order by health_trust_name, r.network
