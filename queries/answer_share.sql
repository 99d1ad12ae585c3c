-- answer_share: respondents who answered yes to $question / respondents (macro
-- respondent_answers). Respondents: members in report_response's denominator who sent a report
-- for the year; an empty answer counts as not yes. The indicators leader_meeting,
-- routine_new_staff, routine_inform_colleagues, earmarked_time, job_shadowing and
-- development_work are this query with their question (dashboard/engine/indicators.py).
-- params: selections, question
-- reads: annual_report, member, reporting_round, unit
select
    selection_id,
    count(*) filter (where is_yes) as numerator,
    count(*) as denominator
from respondent_answers($selections)
where question = $question
group by selection_id
