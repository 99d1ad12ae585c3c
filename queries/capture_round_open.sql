-- capture_round_open: a reporting round opened for answers in the product (again, if it was
-- closed).
-- params: year, network, health_trust, at, by
insert or replace into capture_round
    (year, network, health_trust, opened_at, opened_by, closed_at, closed_by)
values ($year, $network, $health_trust, $at, $by, null, null)
