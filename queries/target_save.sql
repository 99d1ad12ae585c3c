-- target_save: replace every target row (the admin page saves the whole edited table at once,
-- inside a transaction); one call per row after target_clear. An empty scope ('') is the whole
-- region.
-- params: indicator, year_from, year_to, value, comparison, baseline_year, source, health_trust, network_group
insert into target (
    indicator, year_from, year_to, value, comparison, baseline_year, source, health_trust,
    network_group
)
values (
    $indicator, $year_from, $year_to, $value, $comparison, $baseline_year, $source,
    coalesce($health_trust, ''), coalesce($network_group, '')
)
