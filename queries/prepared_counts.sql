-- prepared_counts: the prepared counts of one selection, every year, with the as-of date each
-- year was counted at.
-- params: selection_key
select indicator, year, as_of_date, numerator, denominator
from prepared_count
where selection_key = $selection_key
