"""Like datasette's documentation test: every indicator has all its parts, every SQL file an owner."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import duckdb

from dashboard.engine import db
from dashboard.engine.indicators import FOCUS_AREAS, INDICATORS, TargetRule, applicable_rule
from dashboard.engine.prepared import SHAPE_QUERIES, indicators_reading
from dashboard.engine.replica import NOT_FIGURES
from dashboard.engine.scope import Selection
from dashboard.engine.scorecard import selection_rows

# SQL files that are not indicators, and what they are for.
SUPPORT_QUERIES = {
    "schema": "tables",
    "views": "shared views and macros",
    "replica": "what each process's replica adds (its snapshot, the prepared figures)",
    "import_batch_record": "a line of the import history",
    "import_id_next": "the number of a new import",
    "prize_draw_last": "the number of the draw just stored",
    "data_version": "cache key",
    "data_years": "year selector",
    "target_rules": "the target table for the status logic",
    "unit_contacts": "the leader to contact per unit (person-level)",
    "unit_names": "a drill-down to one unit, in words",
    "unit_status_list": "Dekning page (the units a drill-down picks from)",
    "group_municipalities": "the filters narrow each other (group → municipalities)",
    "prepared_counts": "the prepared figures of some selections",
    "prepared_as_of": "which prepared years are stale",
    "full_attendance_list": "the list behind full_attendance (prize draw)",
    "import_reference_keys": "the importer's reference checks",
    "event_years": "the years an import of attendance can move",
    "expected_attendance_attended": "a replica's expected_attendance after a check-in",
    "import_history": "the Data page's history",
    "export_unit": "filtered unit export",
    "export_member": "filtered member export",
    "export_leader": "filtered leader export",
    "filter_options": "sidebar filter choices",
    "coverage_by_municipality": "Dekning page",
    "unit_coverage_by_group": "Dekning page",
    "uncovered_unit_list": "Dekning page",
    "appointments_ending": "Dekning page",
    "turnover_by_year": "Dekning page",
    "attendance_by_event": "Oppmøte page",
    "attendance_by_place": "Oppmøte page",
    "attendance_matrix": "Oppmøte page",
    "intro_course_list": "Oppmøte page",
    "prize_draw_record": "the prize draw",
    "prize_draw_history": "the prize draw",
    "report_by_group": "Årlig rapportering page",
    "report_missing_list": "Årlig rapportering page",
    "member_register": "Ressurspersoner page",
    "member_history": "Ressurspersoner page",
    "trend_years": "Oversikt trend charts",
    "app_user_get": "sign-in and roles",
    "app_user_list": "admin page",
    "app_user_save": "admin page",
    "app_user_clear": "admin page",
    "audit_record": "audit trail",
    "audit_list": "admin page",
    "target_save": "admin page",
    "target_clear": "admin page",
    "last_import": "the report's method note",
    # Check-in by QR code and the questionnaire in the product (dashboard/exchange/checkin.py,
    # questionnaire.py; the signed links in dashboard/engine/capture.py).
    "capture_secret_get": "the links' secret in demo mode",
    "capture_secret_save": "the links' secret in demo mode",
    "capture_hits_count": "rate limits of the check-in and questionnaire pages",
    "capture_hit_record": "rate limits of the check-in and questionnaire pages",
    "capture_hit_purge": "rate limits of the check-in and questionnaire pages",
    "capture_batch": "one undoable import per event's check-in or round's answers",
    "capture_round_open": "Årlig rapportering page (Spørreskjema)",
    "capture_round_close": "Årlig rapportering page (Spørreskjema)",
    "checkin_event": "the check-in page and link",
    "checkin_events": "Oppmøte page (Innsjekk)",
    "checkin_match": "the check-in page (whose e-mail)",
    "checkin_attempt_record": "the check-in page",
    "checkin_attempt_resolve": "Oppmøte page (Innsjekk)",
    "checkin_status": "Oppmøte page (Innsjekk, live)",
    "checkin_arrivals": "Oppmøte page (Innsjekk, live; person-level)",
    "checkin_attempts": "Oppmøte page (Innsjekk; person-level)",
    "checkin_expected_missing": "Oppmøte page (Innsjekk; person-level)",
    "checkin_may_register": "Oppmøte page (Innsjekk)",
    "questionnaire_rounds": "Årlig rapportering page (Spørreskjema), the questionnaire page and link",
    "questionnaire_respondent": "the questionnaire page",
    "questionnaire_mail_merge": "the mail-merge file (person-level), CLI round-links",
    "questionnaire_comments": "Årlig rapportering page (Spørreskjema; person-level)",
    "report_comment_save": "the questionnaire page",
    "report_comment_clear": "the questionnaire page",
    "target_place": "targets per scope (which trust a selection lies within)",
    "trust_owners": "the importer's check of a trust-limited coordinator's rows",
    "plan_goals": "Årsplan page, Oversikt, meeting pack",
    "plan_activities": "Årsplan page and the CLI's plan",
    "plan_deadlines": "Oversikt (overdue and due soon)",
    "plan_activity_get": "Årsplan page (a coordinator's edit)",
    "plan_activity_save": "Årsplan page (a coordinator's edit)",
    "governance_register": "Styringsorganer page",
    "governance_terms_ending": "Styringsorganer page, Oversikt, meeting pack, CLI terms",
    "governance_groups_without_leader": "Styringsorganer page, Oversikt, meeting pack, CLI terms",
    "governance_names": "the register's names (person-level)",
    "export_governance_member": "filtered governance_member export (person-level)",
    "governance_meetings": "the governance bodies' meetings and what was frozen for each",
    "governance_meeting_add": "a meeting in the calendar",
    "meeting_freeze_save": "a meeting's figures frozen (the snapshot, year, date, selection)",
    "frozen_snapshots": "the snapshots maintenance must keep",
    "decision_notes": "the decisions recorded on the indicators",
    "decision_note_add": "a decision recorded",
    "decision_note_next": "the number of a new decision",
    "governance_bodies_of": "the bodies an e-mail sits in (who may record decisions)",
    "plan_activity_exists": "a decision's plan activity, checked",
    "subscriptions": "the e-mail subscriptions, with the last message sent",
    "subscription_add": "a subscription",
    "subscription_remove": "a subscription stopped",
    "delivery_get": "a message's delivery (claimed, sent, failed)",
    "delivery_claim": "a message claimed before it is sent",
    "delivery_finish": "how a message ended",
    "delivery_list": "the last deliveries, for a coordinator",
    "deliveries_of": "a subscription's earlier messages (what changed, alerts)",
}
# Every indicator query takes the selections; a shared one also its fixed parameters.
INDICATOR_PARAMS = {"selections", "question"}
# Indicators whose target in the seed documents is "a list", not a figure.
WITHOUT_TARGET = {"full_attendance"}


def test_sixteen_indicators_with_unique_ids() -> None:
    ids = [i.id for i in INDICATORS]
    assert len(ids) == 16
    assert len(set(ids)) == 16


def test_every_indicator_has_its_parts() -> None:
    for indicator in INDICATORS:
        query = db.load_query(indicator.query_name)  # raises when missing or malformed
        assert query.params == {"selections", *dict(indicator.query_params)}, indicator.id
        assert query.params <= INDICATOR_PARAMS, indicator.id
        assert query.personal_column is None, indicator.id
        assert len(indicator.title) > 5, indicator.id
        assert len(indicator.description) > 20, indicator.id
        assert indicator.source[:3].isdigit(), f"{indicator.id}: source must name a seed document"
        assert indicator.focus_area in FOCUS_AREAS
        assert indicator.kind in ("share", "count")
        assert indicator.target_text, indicator.id
        assert indicator.page in ("dekning", "oppmote", "rapportering"), indicator.id


def test_every_indicator_has_target_logic_in_the_seed_targets() -> None:
    rules = [TargetRule(**row) for row in db.seed_targets()]
    for indicator in INDICATORS:
        for year in (2021, 2026):
            rule = applicable_rule(rules, indicator.id, year)
            if indicator.id in WITHOUT_TARGET:
                assert rule is None
            elif indicator.id == "leader_fagdag_share" and year == 2021:
                assert rule is None  # 2021 is the baseline year of the +50 % target
            else:
                assert rule is not None, f"{indicator.id} has no target in data/targets.csv"
    assert {r.indicator for r in rules} <= {i.id for i in INDICATORS}
    assert all(r.source and r.source[:3].isdigit() for r in rules), "each cites a seed document"


def test_every_sql_file_belongs_to_something() -> None:
    owners = {i.query_name for i in INDICATORS} | set(SUPPORT_QUERIES)
    assert set(db.query_names()) == owners


def test_every_query_header_matches_its_body() -> None:
    for name in db.query_names():
        db.load_query(name)


def _tables_in_plan(node: object) -> set[str]:
    """The tables a JSON query plan scans (views and macros are already expanded in it)."""
    found: set[str] = set()
    if isinstance(node, dict):
        info = node.get("extra_info")
        if isinstance(info, dict) and "Table" in info:
            found.add(str(info["Table"]).split(".")[-1].strip('"'))
        for value in node.values():
            found |= _tables_in_plan(value)
    elif isinstance(node, list):
        for value in node:
            found |= _tables_in_plan(value)
    return found


def test_every_figure_query_reads_what_its_header_says() -> None:
    """`-- reads:` decides which prepared figures a change counts again (a check-in: only the
    attendance indicators): DuckDB's own plan of each query, the optimiser off so no table is
    pruned, must scan exactly the tables the header names."""
    con = duckdb.connect()
    db.ensure_schema(con)
    con.execute("pragma disable_optimizer")
    selections = selection_rows([(2026, dt.date(2026, 12, 6), Selection())])
    queries = {i.query_name: dict(i.query_params) for i in INDICATORS}
    queries |= {name: {} for name in SHAPE_QUERIES}
    for name, fixed in queries.items():
        query = db.load_query(name)
        params = {"selections": selections, **fixed} if "selections" in query.params else {}
        plan = con.execute("explain (format json) " + query.sql, params).fetchall()[0][1]
        assert query.reads == _tables_in_plan(json.loads(plan)), name
    con.close()


def test_a_change_moves_the_indicators_reading_its_tables() -> None:
    attendance = {
        "meeting_attendance",
        "fagdag_attendance",
        "full_attendance",
        "leader_fagdag_share",
        "intro_course_uptake",
    }
    # What a check-in writes: attendance and the history around it.
    check_in = {"attendance", "undo_attendance", "import_batch", "audit_log", "checkin_attempt"}
    assert indicators_reading(check_in) == attendance
    assert indicators_reading({"annual_report"}) == {
        i.id for i in INDICATORS if i.page == "rapportering"
    }
    assert indicators_reading({"audit_log", "undo_member"}) == frozenset()
    # Tables that decide the prepared selections and years move every indicator.
    for table in ("target", "event", "member", "health_trust", "network_group", "reporting_round"):
        assert indicators_reading({table}) is None, table


def test_pages_read_the_tables_a_data_version_ignores_live() -> None:
    """The pages' caches key on the data version, which a change to only `NOT_FIGURES` (an audit
    line, a rate-limit hit, a comment) leaves as it was. So a query reading one of those tables,
    by DuckDB's own plan, is named in the UI only in `live(...)` or with `live=True`: else a
    page would show the list as it was before the change."""
    con = db.connect()  # a replica's tables: the derived ones too
    con.execute("pragma disable_optimizer")
    selections = selection_rows([(2026, dt.date(2026, 12, 6), Selection())])
    reading: set[str] = set()
    for name in db.query_names():
        query = db.load_query(name)
        params = {p: selections if p == "selections" else None for p in query.params}
        plan = con.execute("explain (format json) " + query.sql, params).fetchall()
        if plan and _tables_in_plan(json.loads(plan[0][1])) & NOT_FIGURES:
            reading.add(name)
    con.close()
    assert {"audit_list", "questionnaire_comments", "import_history"} <= reading
    trees = {
        f: ast.parse(f.read_text(encoding="utf-8")) for f in Path("dashboard/ui").rglob("*.py")
    }
    # Helpers that read the list they are named live themselves.
    live_helpers = {"live"} | {
        node.name
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and node.name.startswith("_")
        and "live=True" in ast.unparse(node)
    }
    assert "_event_people" in live_helpers
    cached_calls = []
    for file, tree in sorted(trees.items()):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            named = {
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            }
            if not named & reading:
                continue
            function = node.func
            called = (
                function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
            )
            live = any(
                k.arg == "live" and isinstance(k.value, ast.Constant) and k.value.value is True
                for k in node.keywords
            )
            if called not in live_helpers and not live:
                cached_calls.append(f"{file}:{node.lineno} {sorted(named & reading)}")
    assert not cached_calls, cached_calls


def test_every_derived_table_reads_what_it_says() -> None:
    """A replica makes a derived table again only when a table it `reads` changed: DuckDB's plan
    of each one's view, the optimiser off, scans exactly those tables."""
    con = db.connect()
    con.execute("pragma disable_optimizer")
    for derived in db.DERIVED:
        plan = con.execute(f"explain (format json) select * from {derived.live}").fetchall()[0][1]
        assert _tables_in_plan(json.loads(plan)) == derived.reads, derived.table
    con.close()
