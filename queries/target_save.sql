-- target_save: replace every target row (the admin page saves the whole edited table at once,
-- inside a transaction); one call per row after target_clear.
-- params: indicator, year_from, year_to, value, comparison, baseline_year, source
insert into target (indicator, year_from, year_to, value, comparison, baseline_year, source)
values ($indicator, $year_from, $year_to, $value, $comparison, $baseline_year, $source)
