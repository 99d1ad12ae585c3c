-- prepared_counts: the prepared counts of some selections (by their keys) in the wanted years,
-- each year only where it was counted at its wanted as-of date (`as_of_dates`, in the order of
-- `years`) and holds every indicator (`n_indicators`); anything else is counted on demand.
-- params: selection_keys, years, as_of_dates, n_indicators
select selection_key, indicator, year, numerator, denominator
from prepared_count
where list_contains($selection_keys, selection_key)
    and list_contains($years, year)
    and as_of_date = $as_of_dates[list_position($years, year)]
qualify count(*) over (partition by selection_key, year) = $n_indicators
