-- capture_round_open: a reporting round opened for answers in the product (again, if it was
-- closed).
-- params: year, network, health_trust, at, by
merge into capture_round as t
using (select $year as year, $network as network, $health_trust as health_trust) as s
on t.year = s.year and t.network = s.network and t.health_trust = s.health_trust
when matched then update set opened_at = $at, opened_by = $by, closed_at = null, closed_by = null
when not matched then insert (year, network, health_trust, opened_at, opened_by, closed_at, closed_by)
    values ($year, $network, $health_trust, $at, $by, null, null)
