-- governance_terms_ending: assignments in force on the as-of date whose term ends within $days
-- days of it (as-of date <= term end <= as-of date + $days), soonest first, without names
-- (`governance_register` in views.sql). health_trust NULL = all.
-- params: as_of_date, days, health_trust
select *
from governance_register($as_of_date)
where is_active
    and term_end <= $as_of_date::date + $days::integer
    and ($health_trust is null or health_trust = $health_trust)
order by term_end, body_order, network_group nulls first, role_order, assignment_id
