-- questionnaire_mail_merge: everyone a round asks (report_population: members active on its
-- sent_on in its network and health trust, the report_response denominator) with their name
-- and e-mail on that day, unit, leader and leader's e-mail, and whether they have answered: the
-- mail-merge list for the personal links. Person-level.
-- personal: network_group
-- params: year, network, health_trust
select
    p.member_id,
    any_value(m.name) as member_name,
    any_value(m.email) as member_email,
    any_value(u.name) as unit_name,
    any_value(l.name) as leader_name,
    any_value(l.email) as leader_email,
    any_value(p.network_group) as network_group,
    bool_or(p.has_responded) as has_responded
from report_population as p
join member as m
    on m.member_id = p.member_id
    and m.unit_id = p.unit_id
    and is_active(m.start_date, m.end_date, p.sent_on)
join unit as u on u.unit_id = p.unit_id
left join leader as l on l.leader_id = p.leader_id
where p.year = $year and p.network = $network and p.round_health_trust = $health_trust
group by p.member_id
order by member_name, p.member_id
