-- report_response: members active on their reporting round's sent_on date (round of the year,
-- their network and health trust, sent on or before the as-of date) who sent a report for the
-- year / those members. Filters apply to the member's place on sent_on.
-- params: year, as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with population as (
    select member_id, bool_or(has_responded) as has_responded
    from report_population
    where year = $year
        and sent_on <= $as_of_date
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected(profession, $profession, $network)
    group by member_id
)

select
    count(*) filter (where has_responded) as numerator,
    count(*) as denominator
from population
