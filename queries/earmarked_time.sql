-- earmarked_time: respondents who answered yes (earmarked_time: have earmarked time for the role)
-- / respondents. Respondents: members in report_response's denominator who sent a report for
-- the year. An empty answer counts as not yes.
-- params: year, as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with respondent as (
    select member_id, bool_or(earmarked_time is true) as is_yes
    from report_population
    where year = $year
        and sent_on <= $as_of_date
        and has_responded
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected(profession, $profession, $network)
    group by member_id
)

select
    count(*) filter (where is_yes) as numerator,
    count(*) as denominator
from respondent
