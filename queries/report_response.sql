-- report_response: members active on their reporting round's sent_on date (round of the year,
-- their network and health trust, sent on or before the as-of date) who sent a report for the
-- year / those members. Filters apply to the member's place on sent_on.
-- params: selections
-- reads: annual_report, member, reporting_round, unit
with population as (
    select selection_id, member_id, bool_or(has_responded) as has_responded
    from selected_report_population($selections)
    group by selection_id, member_id
)

select
    selection_id,
    count(*) filter (where has_responded) as numerator,
    count(*) as denominator
from population
group by selection_id
