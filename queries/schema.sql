-- schema: every table of DESIGN.md, as the DuckLake holds it. Idempotent: running it on a lake
-- that already has the tables changes nothing.
--
-- DuckLake refuses PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY, sequences and enums: each table's key
-- and the checks on its values live in dashboard/engine/rules.py (and contract.py), enforced on
-- every change before it commits. References are written as comments ("references table
-- (column)") and enforced by the importer's validation (dashboard/exchange/importer/validate.py).
-- Numbered rows (import_batch, audit_log, prize_draw, checkin_attempt) take the next number after
-- the last: changes are serialised across processes (dashboard/engine/database.py).
-- params: (none)

create table if not exists health_trust (
    code varchar not null,
    name varchar not null
);

create table if not exists municipality (
    number varchar not null,
    name varchar not null,
    health_trust varchar not null -- references health_trust (code)
);

create table if not exists network_group (
    code varchar not null,
    name varchar not null,
    network varchar not null,
    health_trust varchar not null -- references health_trust (code)
);

create table if not exists network_group_municipality (
    group_code varchar not null, -- references network_group (code)
    municipality_number varchar not null -- references municipality (number)
);

create table if not exists unit (
    unit_id varchar not null,
    name varchar not null,
    unit_type varchar not null,
    owner varchar not null,
    municipality_number varchar not null, -- references municipality (number)
    health_trust varchar not null, -- references health_trust (code)
    network_group varchar, -- references network_group (code)
    needs_member boolean not null default true,
    valid_from date,
    valid_to date
);

create table if not exists leader (
    leader_id varchar not null,
    name varchar not null,
    email varchar,
    unit_id varchar -- references unit (unit_id)
);

-- One row per appointment: a member who moves unit gets a new row with the same member_id.
create table if not exists member (
    member_id varchar not null,
    name varchar not null,
    email varchar,
    profession varchar not null,
    unit_id varchar not null, -- references unit (unit_id)
    leader_id varchar, -- references leader (leader_id)
    start_date date not null,
    end_date date,
    end_reason varchar
);

create table if not exists event (
    event_id varchar not null,
    kind varchar not null,
    title varchar not null,
    event_date date not null,
    network varchar not null,
    network_group varchar, -- references network_group (code)
    health_trust varchar not null -- references health_trust (code)
);

-- person_id is a member_id (person_type 'member') or a leader_id (person_type 'leader').
create table if not exists attendance (
    event_id varchar not null, -- references event (event_id)
    person_id varchar not null,
    person_type varchar not null,
    status varchar not null
);

create table if not exists reporting_round (
    year integer not null,
    network varchar not null,
    health_trust varchar not null, -- references health_trust (code)
    sent_on date not null,
    closes_on date
);

create table if not exists annual_report (
    year integer not null,
    member_id varchar not null, -- references member (member_id)
    submitted_on date,
    met_leader boolean,
    has_work_plan boolean,
    routine_new_staff boolean,
    routine_inform_colleagues boolean,
    earmarked_time boolean,
    job_shadowing boolean,
    development_work boolean
);

-- comparison: '>=' or '<=' against value (or value x the baseline year's value when
-- baseline_year is set); 'rising' = above the previous year's value for the same selection.
-- Scope: health_trust and network_group empty ('') = the whole region; a trust's code = that
-- trust; a network group's code = that group. The most specific target wins (group > trust >
-- region; see dashboard/engine/indicators.py, applicable_rule).
create table if not exists target (
    indicator varchar not null,
    year_from integer not null,
    year_to integer,
    value double,
    comparison varchar not null,
    baseline_year integer,
    source varchar,
    health_trust varchar not null default '', -- references health_trust (code), '' = all
    network_group varchar not null default '' -- references network_group (code), '' = all
);
-- One row per file of an import (and one per undo). import_id groups the files imported together;
-- action is 'import', 'undo' or 'demo'; undone marks an import that has been undone.
create table if not exists import_batch (
    batch_id integer not null,
    imported_at timestamptz not null,
    imported_by varchar not null,
    file_name varchar not null,
    sha256 varchar,
    table_name varchar not null,
    inserted integer not null default 0,
    updated integer not null default 0,
    rejected integer not null default 0,
    import_id integer,
    action varchar not null default 'import',
    undone boolean not null default false
);

-- The prize draws among members who attended everything (seed 001 §5 delmål 3): the seed is shown
-- on screen, so anyone can redo the draw and get the same winners. network_group: the group a draw
-- was made among (NULL: several groups), which says who may see the draw.
create table if not exists prize_draw (
    draw_id integer not null,
    year integer not null,
    drawn_at timestamptz not null,
    drawn_by varchar not null,
    seed integer not null,
    n_candidates integer not null,
    winners varchar not null,
    filters varchar,
    network_group varchar
);

-- Who may sign in and what they see (see dashboard/access.py). network_groups: comma-separated
-- network-group codes whose people a nettverksleder may see. health_trusts: comma-separated
-- health-trust codes a user is limited to ('' = every trust): only those trusts in the filters and
-- the comparison, and a coordinator imports and edits only their rows
-- (dashboard/engine/trust_access.py).
create table if not exists app_user (
    email varchar not null,
    role varchar not null,
    network_groups varchar not null default '',
    health_trusts varchar not null default ''
);

-- Exports of person-level data, imports, undo, target and user changes: who, when, what.
create table if not exists audit_log (
    audit_id integer not null,
    logged_at timestamptz not null,
    email varchar not null,
    action varchar not null,
    detail varchar,
    filters varchar,
    n_rows integer
);

-- Before-images for undo: per import, the keys of inserted rows ('insert') and the old version of
-- updated rows ('update'). Same columns as the table, without its constraints.
create table if not exists undo_health_trust as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from health_trust limit 0;
create table if not exists undo_municipality as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from municipality limit 0;
create table if not exists undo_network_group as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from network_group limit 0;
create table if not exists undo_network_group_municipality as
    select 0::integer as undo_import_id, ''::varchar as undo_action, *
    from network_group_municipality limit 0;
create table if not exists undo_unit as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from unit limit 0;
create table if not exists undo_leader as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from leader limit 0;
create table if not exists undo_member as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from member limit 0;
create table if not exists undo_event as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from event limit 0;
create table if not exists undo_attendance as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from attendance limit 0;
create table if not exists undo_reporting_round as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from reporting_round limit 0;
create table if not exists undo_annual_report as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from annual_report limit 0;
create table if not exists undo_target as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from target limit 0;

-- The annual plan (seed 001): delmål per focus area (indicators: the ids of the indicators that
-- measure one, comma-separated), and the activities under each with owner, period or due date,
-- status and note. status: 'planned', 'under_way', 'done' or 'dropped'.
create table if not exists plan_goal (
    goal_id varchar not null,
    year integer not null,
    health_trust varchar not null, -- references health_trust (code)
    focus_area_number integer not null,
    focus_area varchar not null,
    goal_number integer not null,
    title varchar not null,
    network varchar,
    indicators varchar
);

create table if not exists plan_activity (
    activity_id varchar not null,
    goal_id varchar not null, -- references plan_goal (goal_id)
    title varchar not null,
    owner varchar,
    start_date date,
    due_date date,
    status varchar not null,
    note varchar
);

-- The governance register (seed 000): the steering group (palliativt fagråd), the operations group
-- (driftsgruppe) and each network group's leader, with the term. A network group's leader without
-- an end date serves 2 years (macro governance_register in views.sql).
create table if not exists governance_member (
    assignment_id varchar not null,
    body varchar not null,
    health_trust varchar not null, -- references health_trust (code)
    network varchar,
    network_group varchar, -- references network_group (code)
    name varchar not null,
    email varchar,
    organisation varchar,
    role varchar not null,
    start_date date not null,
    end_date date
);

create table if not exists undo_plan_goal as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from plan_goal limit 0;
create table if not exists undo_plan_activity as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from plan_activity limit 0;
create table if not exists undo_governance_member as
    select 0::integer as undo_import_id, ''::varchar as undo_action, * from governance_member limit 0;

-- Live data capture (check-in by QR code, the annual report answered in the product; see
-- dashboard/engine/capture.py). The attendance and annual_report rows themselves are written by
-- the importer, as an import would write them; these tables hold what is around them.
-- Check-in attempts: who checked in when (person_id, when the e-mail belonged to someone
-- expected), and the e-mail as typed when it belonged to nobody expected, for the coordinator
-- to resolve (a guest, a new member, a typo). Personal data: shown to coordinators and the
-- group's leader only.
create table if not exists checkin_attempt (
    attempt_id integer not null,
    event_id varchar not null,
    attempted_at timestamptz not null,
    outcome varchar not null,
    person_id varchar,
    person_type varchar,
    typed_email varchar,
    resolution varchar,
    resolved_person_id varchar,
    resolved_at timestamptz,
    resolved_by varchar
);
-- Rate-limit counters: one row per attempt, the client address as a keyed hash; kept an hour.
create table if not exists capture_hit (
    hit_at timestamptz not null,
    kind varchar not null,
    link_key varchar not null,
    address_key varchar not null
);
-- Reporting rounds opened for answers in the product, and closed by a coordinator.
create table if not exists capture_round (
    year integer not null,
    network varchar not null,
    health_trust varchar not null,
    opened_at timestamptz not null,
    opened_by varchar not null,
    closed_at timestamptz,
    closed_by varchar
);
-- The questionnaire's free text, beside the respondent's annual_report row.
create table if not exists report_comment (
    year integer not null,
    member_id varchar not null,
    comment varchar not null,
    written_at timestamptz not null
);
-- Demo mode only (DASHBOARD_DEMO=1): the secret the links are signed with, made once.
create table if not exists capture_secret (secret varchar not null);
-- Every change updates this one row, so two changes made at the same moment conflict and the
-- second is run again on what the first wrote (dashboard/engine/database.py): keys checked inside
-- a change cannot be taken by another process before it commits.
create table if not exists write_guard (changes bigint not null);

-- Meeting memory (dashboard/engine/meetings.py): the meetings of the governance bodies; what a
-- coordinator froze for one (the lake snapshot its figures came from, with the year, the as-of
-- date and the selection: reading that snapshot again shows them exactly as they were; the
-- lake's maintenance never expires a snapshot named here); and the decisions a body recorded on
-- an indicator for a selection and a year (optionally the plan activity it created).
create table if not exists governance_meeting (
    meeting_id varchar not null,
    body varchar not null,
    health_trust varchar not null, -- references health_trust (code)
    network_group varchar, -- references network_group (code)
    meeting_date date not null,
    title varchar not null
);
create table if not exists meeting_freeze (
    meeting_id varchar not null, -- references governance_meeting (meeting_id)
    snapshot_id bigint not null,
    year integer not null,
    as_of_date date not null,
    selection_key varchar not null,
    frozen_at timestamptz not null,
    frozen_by varchar not null
);
create table if not exists decision_note (
    note_id integer not null,
    indicator varchar not null,
    selection_key varchar not null,
    year integer not null,
    body varchar not null,
    decided_on date not null,
    meeting_id varchar, -- references governance_meeting (meeting_id)
    note varchar not null,
    activity_id varchar, -- references plan_activity (activity_id)
    written_by varchar not null,
    written_at timestamptz not null
);

-- Subscriptions (dashboard/engine/subscriptions.py): who gets what by e-mail, for which selection,
-- how often, in which language; and each message's delivery, one row per subscription and period
-- (the key makes a message go out once, whichever process or run sends it). figures: the
-- indicators as sent (JSON), for the next digest's «what changed» and the alerts' last status.
create table if not exists subscription (
    subscription_id integer not null,
    email varchar not null,
    kind varchar not null,
    selection_key varchar not null,
    frequency varchar not null,
    days_before integer,
    language varchar not null,
    created_at timestamptz not null,
    created_by varchar not null
);
create table if not exists delivery (
    delivery_key varchar not null,
    subscription_id integer not null, -- references subscription (subscription_id)
    period varchar not null,
    state varchar not null,
    attempts integer not null,
    last_attempt_at timestamptz not null,
    sent_at timestamptz,
    error varchar,
    figures varchar
);

-- The prepared figures of one snapshot (a replica's prepared_count, see queries/replica.sql), kept
-- so a process that starts counts only what changed since (dashboard/engine/replica.py). Not a
-- figure's input: writing it makes no replica count again.
create table if not exists prepared_figures (
    snapshot_id bigint not null,
    selection_key varchar not null,
    year integer not null,
    as_of_date date not null,
    indicator varchar not null,
    numerator integer not null,
    denominator integer not null
);
