-- vacant_units: units in scope that need a member, are not covered by an active sykepleier on
-- the as-of date, but had a sykepleier appointment that ended before it (macro
-- unit_nurse_status). A count: numerator = the vacant units, denominator = the units in scope
-- that need a member.
-- params: selections
-- reads: member, unit
select
    selection_id,
    count(*) filter (where is_vacant) as numerator,
    count(*) as denominator
from unit_nurse_status($selections)
group by selection_id
