-- capture_round_close: a coordinator closes a round: its links are refused from now on.
-- params: year, network, health_trust, at, by
update capture_round
set closed_at = $at, closed_by = $by
where year = $year and network = $network and health_trust = $health_trust and closed_at is null
