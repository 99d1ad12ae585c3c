"""The embedded demo network: fictional people in real places (Helse Stavanger's 15 municipalities).

Deterministic: the same seed gives the same rows in the same order, so the same database. History
runs from 2021 to the demo's data date; the 2026 calendar is the annual plan's (seed 001).

The builder's steps live beside it: region (the fixed facts), places_and_people (units, leaders,
appointments), participation (events, attendance, annual reports), lake_writer (into the lake).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import duckdb

from dashboard.demo import governance as demo_governance
from dashboard.demo.lake_writer import TABLE_COLUMNS, DemoNetwork, build_database, insert_rows
from dashboard.demo.participation import Participation
from dashboard.demo.places_and_people import PlacesAndPeople
from dashboard.demo.region import FIRST_NAMES, LAST_NAMES, TRUST, slug
from dashboard.engine import db, subscriptions
from dashboard.engine.database import Database
from dashboard.engine.db import DATA_DIR
from dashboard.engine.meetings import add_meeting_row
from dashboard.engine.scope import Selection

DEFAULT_DB = DATA_DIR / "demo.lake"
DEFAULT_SEED = 2026


class _Builder(PlacesAndPeople, Participation):
    """The state both steps share: one random generator, the rows, the names used so far."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.net = DemoNetwork()
        self.used_names: set[str] = set()
        self.member_seq = 0
        self.propensity: dict[str, float] = {}
        self.leader_of_unit: dict[str, str] = {}
        self.unit_type_of: dict[str, str] = {}
        self.municipality_names: dict[str, str] = {}


def build_demo(
    path: str | Path = DEFAULT_DB,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Build the demo database at `path` (replacing it)."""
    say = progress or (lambda _message: None)
    builder = _Builder(seed)

    def build(con: duckdb.DuckDBPyConnection) -> int:
        say("steder og enheter")
        units = builder.build_places()
        builder.build_members(units)
        builder.build_events()
        for table in (
            "health_trust",
            "municipality",
            "network_group",
            "network_group_municipality",
            "unit",
            "leader",
            "member",
            "event",
            "reporting_round",
        ):
            insert_rows(con, table, builder.net.rows[table])
        say("oppmøte og årlig rapportering")
        builder.build_attendance(con)
        builder.build_reports(con)
        insert_rows(con, "attendance", builder.net.rows["attendance"])
        insert_rows(con, "annual_report", builder.net.rows["annual_report"])
        say("årsplan og styringsorganer")
        for table, rows in demo_governance.plan_rows(TRUST, "STAV").items():
            builder.net.rows[table].extend(rows)
        builder.net.rows["governance_member"].extend(
            demo_governance.register_rows(
                TRUST,
                dt.date.today(),
                seed,
                builder.net.rows,
                builder.used_names,
                FIRST_NAMES,
                LAST_NAMES,
                slug,
            )
        )
        for table in ("plan_goal", "plan_activity", "governance_member"):
            insert_rows(con, table, builder.net.rows[table])
        calendar = demo_governance.meetings(TRUST, dt.date.today().year)
        for meeting in calendar:
            add_meeting_row(con, meeting)
        for email, role, groups in demo_governance.DEMO_USERS:
            groups = groups if role == "nettverksleder" else ""
            db.run(
                con,
                "app_user_save",
                {"email": email, "role": role, "network_groups": groups, "health_trusts": None},
            )
        for email, kind, frequency, selection in demo_governance.DEMO_SUBSCRIPTIONS:
            new = subscriptions.NewSubscription(
                email,
                kind,
                Selection.from_key(selection),
                frequency,
                "nb",
                days_before=7 if kind == "pack" else None,
            )
            subscriptions.add_row(con, new, "demo")
        return sum(len(r) for r in builder.net.rows.values()) + len(calendar)

    build_database(path, build, "demo")
    say(f"ferdig: {path}")
    return Path(path)


def summary(path: str | Path) -> dict[str, int]:
    """Row counts per table (for the CLI's closing line)."""
    with Database(path).read() as con:
        return {
            table: int(con.execute(f"select count(*) from {table}").fetchall()[0][0])
            for table in TABLE_COLUMNS
        }
