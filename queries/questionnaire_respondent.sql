-- questionnaire_respondent: one member of a round's population (report_population) and the
-- answers they have given for the year so far (annual_report, the free text beside it): what
-- the questionnaire shows to the holder of that member's link. Ids and answers, no names; no
-- row when the member is not in the round's population.
-- params: year, network, health_trust, member_id
with respondent as (
    select distinct member_id
    from report_population
    where year = $year
        and network = $network
        and round_health_trust = $health_trust
        and member_id = $member_id
)

select
    r.member_id,
    ar.member_id is not null as has_answered,
    ar.submitted_on,
    ar.met_leader,
    ar.has_work_plan,
    ar.routine_new_staff,
    ar.routine_inform_colleagues,
    ar.earmarked_time,
    ar.job_shadowing,
    ar.development_work,
    c.comment
from respondent as r
left join annual_report as ar on ar.year = $year and ar.member_id = r.member_id
left join report_comment as c on c.year = $year and c.member_id = r.member_id
