-- questionnaire_comments: the free text of a round's respondents (members of its population
-- with an annual_report row for the year), newest first, with name and unit. Person-level.
-- personal: network_group
-- params: year, network, health_trust
select
    c.member_id,
    any_value(m.name) as member_name,
    any_value(u.name) as unit_name,
    any_value(p.network_group) as network_group,
    any_value(c.comment) as comment,
    any_value(c.written_at) as written_at
from report_comment as c
join report_population as p
    on p.year = c.year
    and p.member_id = c.member_id
    and p.network = $network
    and p.round_health_trust = $health_trust
join annual_report as ar on ar.year = c.year and ar.member_id = c.member_id
join member as m
    on m.member_id = p.member_id
    and m.unit_id = p.unit_id
    and is_active(m.start_date, m.end_date, p.sent_on)
join unit as u on u.unit_id = p.unit_id
where c.year = $year
group by c.member_id
order by written_at desc
