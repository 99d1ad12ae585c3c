-- views: the definitions every query shares, once (DESIGN.md, "Definitions the SQL must follow
-- exactly"): scalar macros for "active on day d", "unit in scope", "the selection"; the live views
-- materialised by derived.sql; and table macros for the selected populations. Indicator and list
-- queries only filter, aggregate and sort what these return.
--
-- The selection travels as the parameter $selections: a list of structs {selection_id, year,
-- as_of_date, health_trust, network_group, municipality, profession, network, unit_type, unit}
-- (NULL = any). A page passes one; the prepared figures pass every selection people use for every year at
-- once, so each indicator is one set-based query either way, and the two cannot drift apart.
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

-- The profession and network filters of a selection (the columns `profession` and `network` of
-- a row of selections(...), passed one by one): a member's profession passes when it is the
-- chosen one and belongs to the chosen network (NULL = any).
-- (The filters are passed as columns, not as the row `sel`: a row passed to a macro becomes a
-- struct built and taken apart again in every expression, which cost the planner and each row
-- of the scan: `selected_attendance` for one municipality of the national data, best of 25 runs,
-- 6.3 → 4.2 ms.)
create or replace macro profession_selected(profession, chosen_profession, chosen_network) as
    (chosen_profession is null or profession = chosen_profession)
    and (chosen_network is null or profession_network(profession) = chosen_network);

-- The place filters of a selection, applied to a unit's own columns (the unit filter is the
-- drill-down to one unit); a NULL filter selects everything. Call it with the selection's
-- columns: in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number,
-- u.unit_type, sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit).
create or replace macro in_selection(
    unit_id, unit_health_trust, unit_network_group, unit_municipality, unit_type,
    chosen_health_trust, chosen_network_group, chosen_municipality, chosen_unit_type, chosen_unit
) as
    (chosen_health_trust is null or unit_health_trust = chosen_health_trust)
    and (chosen_network_group is null or unit_network_group = chosen_network_group)
    and (chosen_municipality is null or unit_municipality = chosen_municipality)
    and (chosen_unit_type is null or unit_type = chosen_unit_type)
    and (chosen_unit is null or unit_id = chosen_unit);

-- The $selections parameter as a table, typed. `unit` is the drill-down to one unit.
create or replace macro selections(s) as table
    select
        sel.selection_id::integer as selection_id,
        sel.year::integer as year,
        sel.as_of_date::date as as_of_date,
        sel.health_trust::varchar as health_trust,
        sel.network_group::varchar as network_group,
        sel.municipality::varchar as municipality,
        sel.profession::varchar as profession,
        sel.network::varchar as network,
        sel.unit_type::varchar as unit_type,
        sel.unit::varchar as unit
    from (select unnest(s) as sel);

-- Every member expected at every event (materialised as the table expected_attendance in a
-- replica, since the range join on dates is the costly part: DERIVED in dashboard/engine/db.py;
-- when only attendance changed, queries/expected_attendance_attended.sql sets whether they
-- came in place) (intro courses have no expected list), with the member's place on the event
-- date and whether they attended. A member with two appointments active on the event date
-- appears twice: queries group by (event_id, member_id).
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

-- (Materialised as the table report_population in a replica: DERIVED in dashboard/engine/db.py.)
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

-- Per member: the first appointment (the earliest start_date) and its unit, profession, leader
-- and name: new members, intro courses and who may check in at an intro course read it.
create or replace view first_appointment as
select
    member_id,
    arg_min(unit_id, start_date) as unit_id,
    arg_min(profession, start_date) as profession,
    arg_min(leader_id, start_date) as leader_id,
    arg_min(name, start_date) as member_name,
    min(start_date) as start_date
from member
group by member_id;

-- Per member: the first intro course (kind introkurs) attended (status møtt) from 90 days before
-- to 365 days after the start of the member's first appointment.
create or replace view member_intro_course as
select f.member_id, min(e.event_date) as course_date
from first_appointment as f
join attendance as a
    on a.person_id = f.member_id
    and a.person_type = 'member'
    and a.status = 'møtt'
join event as e
    on e.event_id = a.event_id
    and e.kind = 'introkurs'
    and e.event_date between f.start_date - interval 90 day and f.start_date + interval 365 day
group by f.member_id;

-- Per selection: the expected attendance at the events of the given kinds in the selection's year,
-- held on or before its as-of date, for members whose place on the event date is in the
-- selection. Rows as in expected_attendance (one per appointment active that day).
create or replace macro selected_attendance(s, kinds) as table
    select sel.selection_id, x.*
    from selections(s) as sel
    join expected_attendance as x
        on year(x.event_date) = sel.year
        and x.event_date <= sel.as_of_date
    where list_contains(kinds, x.kind)
        and in_selection(x.unit_id, x.health_trust, x.network_group, x.municipality_number, x.unit_type,
            sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
        and profession_selected(x.profession, sel.profession, sel.network);

-- Per selection: the annual-reporting population of the selection's year (rounds sent on or
-- before the as-of date) whose place on sent_on is in the selection, with their answers.
create or replace macro selected_report_population(s) as table
    select sel.selection_id, p.*
    from selections(s) as sel
    join report_population as p
        on p.year = sel.year
        and p.sent_on <= sel.as_of_date
    where in_selection(p.unit_id, p.health_trust, p.network_group, p.municipality_number, p.unit_type,
        sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
        and profession_selected(p.profession, sel.profession, sel.network);

-- Per selection and respondent (a member of the population who answered), each yes/no question
-- unpivoted to one row: is_yes when any of the member's rows says yes (an empty answer is no).
create or replace macro respondent_answers(s) as table
    with respondent as (
        select
            selection_id,
            member_id,
            bool_or(met_leader is true) as met_leader,
            bool_or(has_work_plan is true) as has_work_plan,
            bool_or(routine_new_staff is true) as routine_new_staff,
            bool_or(routine_inform_colleagues is true) as routine_inform_colleagues,
            bool_or(earmarked_time is true) as earmarked_time,
            bool_or(job_shadowing is true) as job_shadowing,
            bool_or(development_work is true) as development_work
        from selected_report_population(s)
        where has_responded
        group by selection_id, member_id
    )
    unpivot respondent
    on met_leader, has_work_plan, routine_new_staff, routine_inform_colleagues, earmarked_time,
        job_shadowing, development_work
    into name question value is_yes;

-- Per selection: new members, whose first appointment starts in the selection's year on or before
-- its as-of date, in a unit and profession of the selection (those of the first appointment).
create or replace macro selected_new_members(s) as table
    select
        sel.selection_id,
        f.member_id,
        f.unit_id,
        f.profession,
        f.member_name,
        f.start_date,
        u.name as unit_name,
        u.network_group
    from selections(s) as sel
    join first_appointment as f
        on year(f.start_date) = sel.year
        and f.start_date <= sel.as_of_date
    join unit as u on u.unit_id = f.unit_id
    where in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
        sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
        and profession_selected(f.profession, sel.profession, sel.network);

-- Per selection: the units in scope on the as-of date that need a resource nurse, in the
-- selection, and their nurse status that day: covered (an active sykepleier), and the last day a
-- sykepleier appointment in it ended before then (vacant = not covered but had one). A profession
-- or network filter that excludes nurses leaves no units (no data, never a misleading 0 %).
create or replace macro unit_nurse_status(s) as table
    -- Nurse status per as-of date and unit first: it does not depend on the other filters.
    with as_of as (
        select distinct as_of_date from selections(s)
    ),

    nurse as (
        select d.as_of_date, m.unit_id,
            bool_or(is_active(m.start_date, m.end_date, d.as_of_date)) as is_covered,
            max(m.end_date) filter (where m.end_date < d.as_of_date) as last_end_date
        from as_of as d
        join member as m on m.profession = 'sykepleier' and m.start_date <= d.as_of_date
        group by d.as_of_date, m.unit_id
    )

    select
        sel.selection_id,
        sel.as_of_date,
        u.*,
        coalesce(n.is_covered, false) as is_covered,
        n.last_end_date,
        not coalesce(n.is_covered, false) and n.last_end_date is not null as is_vacant
    from selections(s) as sel
    join unit as u
        on in_scope(u.valid_from, u.valid_to, sel.as_of_date)
    left join nurse as n
        on n.as_of_date = sel.as_of_date and n.unit_id = u.unit_id
    where u.needs_member
        and in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
            sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
        and profession_selected('sykepleier', sel.profession, sel.network);

-- Per selection: the municipalities in scope. Unlike the other populations, filtered by the
-- municipality's own health trust and network-group membership (network_group_municipality),
-- narrowed by the municipality filter (and a drill-down unit's municipality); the unit-type and
-- profession filters do not narrow them.
create or replace macro scoped_municipalities(s) as table
    select sel.selection_id, sel.as_of_date, sel.profession, sel.network, sel.unit_type, sel.unit,
        m.number, m.name
    from selections(s) as sel
    join municipality as m
        on (sel.health_trust is null or m.health_trust = sel.health_trust)
        and (sel.municipality is null or m.number = sel.municipality)
    where (sel.network_group is null
            or m.number in (
                select g.municipality_number from network_group_municipality as g
                where g.group_code = sel.network_group
            ))
        and (sel.unit is null
            or m.number = (select u.municipality_number from unit as u where u.unit_id = sel.unit));

-- Per selection: the municipalities in scope that have an active member of one of `professions`
-- (passing the profession filter) in a municipal unit (of the unit-type filter, and the unit of a
-- drill-down) on the as-of date. Any kommune unit counts, whatever its own network group.
create or replace macro covered_municipalities(s, professions) as table
    -- Who is active where per as-of date first: it does not depend on the other filters.
    with active as (
        select distinct d.as_of_date, u.municipality_number, u.unit_id, u.unit_type, m.profession
        from (select distinct as_of_date from selections(s)) as d
        join member as m on is_active(m.start_date, m.end_date, d.as_of_date)
        join unit as u on u.unit_id = m.unit_id
        where u.owner = 'kommune' and list_contains(professions, m.profession)
    )

    select distinct sm.selection_id, sm.number
    from scoped_municipalities(s) as sm
    join active as a
        on a.as_of_date = sm.as_of_date
        and a.municipality_number = sm.number
    where (sm.unit_type is null or a.unit_type = sm.unit_type)
        and (sm.unit is null or a.unit_id = sm.unit)
        and profession_selected(a.profession, sm.profession, sm.network);

-- Per selection: municipality coverage for `professions`: covered / municipalities in scope. A
-- profession or network filter that none of `professions` passes leaves no municipalities.
create or replace macro municipality_coverage(s, professions) as table
    select
        sm.selection_id,
        count(c.number) as numerator,
        count(*) as denominator
    from scoped_municipalities(s) as sm
    left join covered_municipalities(s, professions) as c
        on c.selection_id = sm.selection_id and c.number = sm.number
    where len(list_filter(professions,
        lambda p: profession_selected(p, sm.profession, sm.network))) > 0
    group by sm.selection_id;

-- Per selection: attended / expected, summed over the selection's events of one kind (network
-- meetings, conference days): one (event, member) pair per expected member.
create or replace macro attendance_rate(s, kind) as table
    with expected as (
        select selection_id, event_id, member_id, bool_or(is_attended) as is_attended
        from selected_attendance(s, [kind])
        group by selection_id, event_id, member_id
    )
    select
        selection_id,
        count(*) filter (where is_attended) as numerator,
        count(*) as denominator
    from expected
    group by selection_id;

-- The annual plan (seed 001) on day d: each activity with its delmål. An activity is open while it
-- is planned or under way; overdue when open and its due date has passed (due date < d); due soon
-- when open and due within n days (d <= due date <= d + n). Done and dropped activities, and
-- activities without a due date (ongoing), are neither.
create or replace macro plan_activity_state(d, n) as table
    select
        a.*,
        g.year,
        g.health_trust,
        g.focus_area_number,
        g.focus_area,
        g.goal_number,
        g.title as goal_title,
        g.network,
        g.indicators,
        a.status in ('planned', 'under_way') as is_open,
        coalesce(a.status in ('planned', 'under_way') and a.due_date < d::date, false)
            as is_overdue,
        coalesce(
            a.status in ('planned', 'under_way')
                and a.due_date >= d::date
                and a.due_date <= d::date + n::integer,
            false
        ) as is_due_soon,
        date_diff('day', d::date, a.due_date) as n_days_left
    from plan_activity as a
    join plan_goal as g on g.goal_id = a.goal_id;

-- The governance register (seed 000) on day d, without names. A network group's leader is appointed
-- for 2 years at a time: without an end date the term ends the day before the second anniversary;
-- other assignments without one run on (term_end NULL). In force on d: start_date <= d <= term_end.
-- A successor is appointed when a later assignment (starting after this one started) has the same
-- health trust, body, network, network group and role, and, for members and deputies, the same
-- organisation (a new member from the same organisation).
create or replace macro governance_register(d) as table
    with terms as (
        select
            g.*,
            coalesce(
                g.end_date,
                case when g.body = 'nettverksgruppe' and g.role = 'leder'
                    then (g.start_date + interval 2 year - interval 1 day)::date end
            ) as term_end
        from governance_member as g
    )
    select
        t.assignment_id,
        t.body,
        t.health_trust,
        t.network,
        t.network_group,
        ng.name as network_group_name,
        t.role,
        t.organisation,
        t.start_date,
        t.end_date,
        t.term_end,
        is_active(t.start_date, t.term_end, d::date) as is_active,
        date_diff('day', d::date, t.term_end) as n_days_left,
        exists (
            select 1 from governance_member as s
            where s.health_trust = t.health_trust
                and s.body = t.body
                and s.network is not distinct from t.network
                and s.network_group is not distinct from t.network_group
                and s.role = t.role
                and (t.role not in ('medlem', 'varamedlem')
                    or s.organisation is not distinct from t.organisation)
                and s.start_date > t.start_date
        ) as has_successor,
        case t.body when 'styringsgruppe' then 1 when 'driftsgruppe' then 2 else 3 end
            as body_order,
        case t.role when 'leder' then 1 when 'nestleder' then 2 when 'sekretær' then 3
            when 'medlem' then 4 else 5 end as role_order
    from terms as t
    left join network_group as ng on ng.code = t.network_group;

-- Who may check in at one event by QR code (dashboard/exchange/checkin.py), with the network group
-- of their place (the people gate's column): the members expected there (expected_attendance's
-- definition; the live view, filtered to the one event, since a macro is bound when made);
-- at an intro course, which has no expected list, the new members whose first appointment
-- started from 365 days before to 90 days after it (the window of intro_course_uptake) in its
-- health trust, network and group; and at a conference day, intro course or leader meeting the
-- leaders of those members (person_type leader, as leader_fagdag_share counts them).
create or replace macro checkin_expected(wanted_event_id) as table
    with ev as (
        select e.* from event as e where e.event_id = wanted_event_id
    ),

    expected_member as (
        select x.member_id, x.leader_id, x.network_group
        from expected_attendance_live as x
        where x.event_id = wanted_event_id
        union
        select f.member_id, f.leader_id, u.network_group
        from ev
        join first_appointment as f
            on ev.kind = 'introkurs'
            and ev.event_date between f.start_date - interval 90 day and f.start_date + interval 365 day
        join unit as u on u.unit_id = f.unit_id
        where u.health_trust = ev.health_trust
            and (ev.network = 'alle' or profession_network(f.profession) = ev.network)
            and (ev.network_group is null or u.network_group = ev.network_group)
    )

    select distinct member_id as person_id, 'member' as person_type, network_group
    from expected_member
    union
    select distinct x.leader_id as person_id, 'leader' as person_type, x.network_group
    from expected_member as x
    join ev on ev.kind in ('fagdag', 'introkurs', 'ledermote')
    where x.leader_id is not null;
