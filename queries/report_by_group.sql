-- report_by_group: the annual reporting per municipality, network group and unit type (grouping
-- sets) over macro selected_report_population: the members in the round's population, how many
-- answered, and each answer's yes count among the respondents; with each one's code. One
-- selection.
-- params: selections
with population as (
    select
        p.member_id,
        any_value(p.municipality_number) as municipality_number,
        any_value(m.name) as municipality_name,
        any_value(coalesce(p.network_group, '')) as network_group,
        any_value(coalesce(g.name, '(ingen gruppe)')) as network_group_name,
        any_value(p.unit_type) as unit_type,
        bool_or(p.has_responded) as has_responded,
        bool_or(p.met_leader is true) as met_leader,
        bool_or(p.routine_new_staff is true) as routine_new_staff,
        bool_or(p.routine_inform_colleagues is true) as routine_inform_colleagues,
        bool_or(p.earmarked_time is true) as earmarked_time,
        bool_or(p.job_shadowing is true) as job_shadowing,
        bool_or(p.development_work is true) as development_work
    from selected_report_population($selections) as p
    join municipality as m on m.number = p.municipality_number
    left join network_group as g on g.code = p.network_group
    group by p.member_id
)

select
    case
        when grouping(municipality_name) = 0 then 'municipality'
        when grouping(network_group_name) = 0 then 'network_group'
        else 'unit_type'
    end as dimension,
    coalesce(municipality_name, network_group_name, unit_type) as dimension_value,
    coalesce(municipality_number, network_group, unit_type) as dimension_code,
    count(*) as n_members,
    count(*) filter (where has_responded) as n_responded,
    count(*) filter (where has_responded and met_leader) as n_met_leader,
    count(*) filter (where has_responded and routine_new_staff) as n_routine_new_staff,
    count(*) filter (where has_responded and routine_inform_colleagues)
        as n_routine_inform_colleagues,
    count(*) filter (where has_responded and earmarked_time) as n_earmarked_time,
    count(*) filter (where has_responded and job_shadowing) as n_job_shadowing,
    count(*) filter (where has_responded and development_work) as n_development_work
from population
group by grouping sets (
    (municipality_number, municipality_name), (network_group, network_group_name), (unit_type)
)
order by dimension, dimension_value
