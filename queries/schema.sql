-- schema: every table of DESIGN.md, with keys, foreign keys and CHECKs for enumerated columns.
-- Idempotent: running it on a database that already has the tables changes nothing.
--
-- References are written as comments ("references table (column)") and enforced by the importer's
-- validation (dashboard/exchange/importer/validate.py) before anything is written, not by DuckDB
-- foreign keys: DuckDB refuses to update an indexed column of a referenced row (even to the same
-- value), and to delete a referenced row in the transaction that deleted its referencing rows, so
-- with foreign keys an undo could not run in one transaction. A database made with foreign keys
-- has them removed by dashboard/engine/db.py (ensure_schema), its rows unchanged.
-- params: (none)

create table if not exists health_trust (
    code varchar primary key,
    name varchar not null
);

create table if not exists municipality (
    number varchar primary key check (regexp_full_match(number, '[0-9]{4}')),
    name varchar not null,
    health_trust varchar not null -- references health_trust (code)
);

create table if not exists network_group (
    code varchar primary key,
    name varchar not null,
    network varchar not null check (network in ('sykepleier', 'fysio_ergo')),
    health_trust varchar not null -- references health_trust (code)
);

create table if not exists network_group_municipality (
    group_code varchar not null, -- references network_group (code)
    municipality_number varchar not null, -- references municipality (number)
    primary key (group_code, municipality_number)
);

create table if not exists unit (
    unit_id varchar primary key,
    name varchar not null,
    unit_type varchar not null
        check (unit_type in ('sykehjem', 'hjemmetjeneste', 'sykehusavdeling', 'poliklinikk', 'annet')),
    owner varchar not null check (owner in ('kommune', 'helseforetak')),
    municipality_number varchar not null, -- references municipality (number)
    health_trust varchar not null, -- references health_trust (code)
    network_group varchar, -- references network_group (code)
    needs_member boolean not null default true,
    valid_from date,
    valid_to date,
    check (valid_from is null or valid_to is null or valid_to >= valid_from)
);

create table if not exists leader (
    leader_id varchar primary key,
    name varchar not null,
    email varchar,
    unit_id varchar -- references unit (unit_id)
);

-- One row per appointment: a member who moves unit gets a new row with the same member_id.
create table if not exists member (
    member_id varchar not null,
    name varchar not null,
    email varchar,
    profession varchar not null check (profession in ('sykepleier', 'fysioterapeut', 'ergoterapeut')),
    unit_id varchar not null, -- references unit (unit_id)
    leader_id varchar, -- references leader (leader_id)
    start_date date not null,
    end_date date,
    end_reason varchar,
    primary key (member_id, start_date),
    check (end_date is null or end_date >= start_date)
);

create table if not exists event (
    event_id varchar primary key,
    kind varchar not null
        check (kind in ('nettverksmote', 'fagdag', 'introkurs', 'samling', 'ledermote', 'annet')),
    title varchar not null,
    event_date date not null,
    network varchar not null check (network in ('sykepleier', 'fysio_ergo', 'alle')),
    network_group varchar, -- references network_group (code)
    health_trust varchar not null -- references health_trust (code)
);

-- person_id is a member_id (person_type 'member') or a leader_id (person_type 'leader').
create table if not exists attendance (
    event_id varchar not null, -- references event (event_id)
    person_id varchar not null,
    person_type varchar not null check (person_type in ('member', 'leader')),
    status varchar not null check (status in ('møtt', 'forfall', 'ikke_møtt')),
    primary key (event_id, person_id, person_type)
);

create table if not exists reporting_round (
    year integer not null,
    network varchar not null check (network in ('sykepleier', 'fysio_ergo')),
    health_trust varchar not null, -- references health_trust (code)
    sent_on date not null,
    closes_on date,
    primary key (year, network, health_trust),
    check (closes_on is null or closes_on >= sent_on)
);

create table if not exists annual_report (
    year integer not null,
    member_id varchar not null,
    submitted_on date,
    met_leader boolean,
    has_work_plan boolean,
    routine_new_staff boolean,
    routine_inform_colleagues boolean,
    earmarked_time boolean,
    job_shadowing boolean,
    development_work boolean,
    primary key (year, member_id)
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
    comparison varchar not null check (comparison in ('>=', '<=', 'rising')),
    baseline_year integer,
    source varchar,
    health_trust varchar not null default '', -- references health_trust (code), '' = all
    network_group varchar not null default '', -- references network_group (code), '' = all
    primary key (indicator, year_from, health_trust, network_group),
    check (year_to is null or year_to >= year_from),
    check (comparison = 'rising' or value is not null)
);
-- Databases made before targets had a scope: their rows mean the whole region. (The key
-- changed with the scope: dashboard/engine/db.py rebuilds such a table, rows unchanged.)
alter table target add column if not exists health_trust varchar default '';
alter table target add column if not exists network_group varchar default '';

create sequence if not exists import_batch_id start 1;

-- One row per file of an import (and one per undo). import_id groups the files imported together;
-- action is 'import', 'undo' or 'demo'; undone marks an import that has been undone.
create table if not exists import_batch (
    batch_id integer primary key default nextval('import_batch_id'),
    imported_at timestamptz not null,
    imported_by varchar not null,
    file_name varchar not null,
    sha256 varchar,
    table_name varchar not null,
    inserted integer not null default 0,
    updated integer not null default 0,
    rejected integer not null default 0,
    import_id integer,
    action varchar not null default 'import' check (action in ('import', 'undo', 'demo')),
    undone boolean not null default false
);
-- Databases made before import_id, action and undone existed get them here.
alter table import_batch add column if not exists import_id integer;
alter table import_batch add column if not exists action varchar default 'import';
alter table import_batch add column if not exists undone boolean default false;

-- The prize draws among members who attended everything (seed 001 §5 delmål 3): the seed is shown
-- on screen, so anyone can redo the draw and get the same winners.
create sequence if not exists prize_draw_id start 1;

create table if not exists prize_draw (
    draw_id integer primary key default nextval('prize_draw_id'),
    year integer not null,
    drawn_at timestamptz not null,
    drawn_by varchar not null,
    seed integer not null,
    n_candidates integer not null,
    winners varchar not null,
    filters varchar
);
-- The network group a draw was made among (NULL: several groups): who may see the draw.
alter table prize_draw add column if not exists network_group varchar;

-- Who may sign in and what they see (see dashboard/access.py). network_groups: comma-separated
-- network-group codes whose people a nettverksleder may see.
create table if not exists app_user (
    email varchar primary key check (email = lower(email) and email like '%_@_%'),
    role varchar not null check (role in ('styringsgruppe', 'nettverksleder', 'koordinator')),
    network_groups varchar not null default ''
);
-- health_trusts: comma-separated health-trust codes a user is limited to ('' = every trust):
-- only those trusts in the filters and the comparison, and a coordinator imports and edits only
-- their rows (dashboard/engine/trust_access.py).
alter table app_user add column if not exists health_trusts varchar default '';

-- Exports of person-level data, imports, undo, target and user changes: who, when, what.
create sequence if not exists audit_log_id start 1;

create table if not exists audit_log (
    audit_id integer primary key default nextval('audit_log_id'),
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
alter table undo_target add column if not exists health_trust varchar default '';
alter table undo_target add column if not exists network_group varchar default '';

-- The figures people use, counted after every change to the data (dashboard/engine/scorecard.py,
-- prepare_figures): every indicator for every year and each selection people use (every single
-- filter value, and each health trust with each profession), so a page reads prepared
-- rows. selection_key: '' for everything, else e.g. 'network_group=SYK-SAND'. This text is part
-- of the schema's fingerprint: when the prepared selections change, say so here, and every
-- database prepares its figures again on its first read.
create table if not exists prepared_count (
    selection_key varchar not null,
    year integer not null,
    as_of_date date not null,
    indicator varchar not null,
    numerator integer not null,
    denominator integer not null
);

-- The annual plan (seed 001): delmål per focus area (indicators: the ids of the indicators that
-- measure one, comma-separated), and the activities under each with owner, period or due date,
-- status and note. status: 'planned', 'under_way', 'done' or 'dropped'.
create table if not exists plan_goal (
    goal_id varchar primary key,
    year integer not null,
    health_trust varchar not null, -- references health_trust (code)
    focus_area_number integer not null,
    focus_area varchar not null,
    goal_number integer not null,
    title varchar not null,
    network varchar check (network in ('sykepleier', 'fysio_ergo', 'alle')),
    indicators varchar
);

create table if not exists plan_activity (
    activity_id varchar primary key,
    goal_id varchar not null, -- references plan_goal (goal_id)
    title varchar not null,
    owner varchar,
    start_date date,
    due_date date,
    status varchar not null check (status in ('planned', 'under_way', 'done', 'dropped')),
    note varchar,
    check (start_date is null or due_date is null or due_date >= start_date)
);

-- The governance register (seed 000): the steering group (palliativt fagråd), the operations group
-- (driftsgruppe) and each network group's leader, with the term. A network group's leader without
-- an end date serves 2 years (macro governance_register in views.sql).
create table if not exists governance_member (
    assignment_id varchar primary key,
    body varchar not null check (body in ('styringsgruppe', 'driftsgruppe', 'nettverksgruppe')),
    health_trust varchar not null, -- references health_trust (code)
    network varchar check (network in ('sykepleier', 'fysio_ergo')),
    network_group varchar, -- references network_group (code)
    name varchar not null,
    email varchar,
    organisation varchar,
    role varchar not null
        check (role in ('leder', 'nestleder', 'medlem', 'varamedlem', 'sekretær')),
    start_date date not null,
    end_date date,
    check (end_date is null or end_date >= start_date),
    check (body <> 'nettverksgruppe' or network_group is not null)
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
create sequence if not exists checkin_attempt_id start 1;
create table if not exists checkin_attempt (
    attempt_id integer primary key default nextval('checkin_attempt_id'),
    event_id varchar not null,
    attempted_at timestamptz not null,
    outcome varchar not null check (outcome in ('registrert', 'allerede_registrert', 'ukjent')),
    person_id varchar,
    person_type varchar check (person_type is null or person_type in ('member', 'leader')),
    typed_email varchar,
    resolution varchar
        check (resolution is null or resolution in ('gjest', 'ny_ressursperson', 'registrert', 'avvist')),
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
    closed_by varchar,
    primary key (year, network, health_trust)
);
-- The questionnaire's free text, beside the respondent's annual_report row.
create table if not exists report_comment (
    year integer not null,
    member_id varchar not null,
    comment varchar not null,
    written_at timestamptz not null,
    primary key (year, member_id)
);
-- Demo mode only (DASHBOARD_DEMO=1): the secret the links are signed with, made once.
create table if not exists capture_secret (secret varchar not null);
