-- unit_coverage: units in scope on the as-of date that need a member and have >= 1 active
-- resource nurse (profession sykepleier) / units in scope that need a member (macro
-- unit_nurse_status). A profession filter other than sykepleier leaves nothing to count.
-- params: selections
-- reads: member, unit
select
    selection_id,
    count(*) filter (where is_covered) as numerator,
    count(*) as denominator
from unit_nurse_status($selections)
group by selection_id
