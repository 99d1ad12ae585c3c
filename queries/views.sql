-- views: the joins every indicator shares, so indicator files only filter, aggregate and sort.
-- Macros encode the definitions of DESIGN.md once ("active on day d", "the selection").
-- params: (none)

-- Active on day d: start_date <= d and (end_date empty or end_date >= d); end_date is the last day.
-- (Written with coalesce rather than "is null or": DuckDB can then join on the two
-- inequalities (IEJoin) instead of a nested loop, 100x faster at national size.)
create or replace macro is_active(start_date, end_date, d) as
    start_date <= d and coalesce(end_date, date '9999-12-31') >= d;

-- Unit in scope on day d: valid_from empty or <= d, and valid_to empty or >= d.
create or replace macro in_scope(valid_from, valid_to, d) as
    (valid_from is null or valid_from <= d) and (valid_to is null or valid_to >= d);

-- Which network a profession belongs to.
create or replace macro profession_network(profession) as
    case when profession = 'sykepleier' then 'sykepleier' else 'fysio_ergo' end;

-- The profession and network filters: a member's profession passes when it is the chosen one and
-- belongs to the chosen network (NULL = any).
create or replace macro profession_selected(profession, p_profession, p_network) as
    (p_profession is null or profession = p_profession)
    and (p_network is null or profession_network(profession) = p_network);

-- The user's selection, applied to a unit's own columns; a NULL filter selects everything.
create or replace macro in_selection(
    unit_health_trust, unit_network_group, unit_municipality, unit_type,
    p_health_trust, p_network_group, p_municipality, p_unit_type
) as
    (p_health_trust is null or unit_health_trust = p_health_trust)
    and (p_network_group is null or unit_network_group = p_network_group)
    and (p_municipality is null or unit_municipality = p_municipality)
    and (p_unit_type is null or unit_type = p_unit_type);

-- Every member expected at every event (materialised as the table expected_attendance by
-- derived.sql after every change, since the range join on dates is the costly part) (intro courses have no expected list), with the member's
-- place on the event date and whether they attended. A member with two appointments active on
-- the event date appears twice: indicator queries group by (event_id, member_id).
create or replace view expected_attendance_live as
-- Members placed in their units first (materialised, so the planner cannot start from a
-- member × event product), then joined to events on the health trust (an equality) and the
-- date range; the network conditions filter the pairs.
with placed as materialized (
    select
        m.member_id,
        m.profession,
        m.leader_id,
        m.start_date,
        m.end_date,
        u.unit_id,
        u.health_trust,
        u.network_group,
        u.municipality_number,
        u.unit_type
    from member as m
    join unit as u on u.unit_id = m.unit_id
),

pair as (
    select
        e.event_id,
        e.kind,
        e.title,
        e.event_date,
        e.network as event_network,
        e.network_group as event_network_group,
        p.member_id,
        p.profession,
        p.leader_id,
        p.unit_id,
        p.health_trust,
        p.network_group,
        p.municipality_number,
        p.unit_type
    from placed as p
    join event as e
        on e.health_trust = p.health_trust
        and is_active(p.start_date, p.end_date, e.event_date)
    where e.kind <> 'introkurs'
)

select
    p.*,
    a.status = 'møtt' is true as is_attended
from pair as p
left join attendance as a
    on a.event_id = p.event_id
    and a.person_id = p.member_id
    and a.person_type = 'member'
where (p.event_network = 'alle' or profession_network(p.profession) = p.event_network)
    and (p.event_network_group is null or p.network_group = p.event_network_group);

-- (Materialised as the table report_population by derived.sql.)
-- The denominator population of the annual reporting: members active on their round's sent_on
-- date in the round's network and health trust, with their place that day and their answers.
create or replace view report_population_live as
select
    r.year,
    r.network,
    r.health_trust as round_health_trust,
    r.sent_on,
    r.closes_on,
    m.member_id,
    m.profession,
    m.leader_id,
    u.unit_id,
    u.health_trust,
    u.network_group,
    u.municipality_number,
    u.unit_type,
    ar.member_id is not null as has_responded,
    ar.submitted_on,
    ar.met_leader,
    ar.has_work_plan,
    ar.routine_new_staff,
    ar.routine_inform_colleagues,
    ar.earmarked_time,
    ar.job_shadowing,
    ar.development_work
from member as m
join unit as u
    on u.unit_id = m.unit_id
join reporting_round as r
    on r.health_trust = u.health_trust
    and r.network = profession_network(m.profession)
    and is_active(m.start_date, m.end_date, r.sent_on)
left join annual_report as ar
    on ar.year = r.year
    and ar.member_id = m.member_id;
