-- report_missing_list: the members in report_response's denominator who have not answered
-- (macro selected_report_population), with their unit and their leader's e-mail: the reminder
-- list. Person-level. One selection.
-- personal: network_group
-- params: selections
select
    p.member_id,
    any_value(m.name) as member_name,
    any_value(m.email) as member_email,
    any_value(p.profession) as profession,
    any_value(u.name) as unit_name,
    any_value(mu.name) as municipality_name,
    any_value(p.network_group) as network_group,
    any_value(l.name) as leader_name,
    any_value(l.email) as leader_email
from selected_report_population($selections) as p
join member as m
    on m.member_id = p.member_id
    and m.unit_id = p.unit_id
    and is_active(m.start_date, m.end_date, p.sent_on)
join unit as u on u.unit_id = p.unit_id
join municipality as mu on mu.number = p.municipality_number
left join leader as l on l.leader_id = p.leader_id
group by p.member_id
having not bool_or(p.has_responded)
order by municipality_name, member_name
