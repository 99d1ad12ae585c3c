"""The engine's own figures, for tests to compare with what a page, a file or the CLI shows, and
the CLI itself."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import duckdb

from dashboard.engine import db, lake
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope, Selection
from dashboard.engine.scorecard import IndicatorResult, compute_scorecard
from dashboard.exchange.page_tables import Table
from dashboard.exchange.tables import named_table

# The indicators the annual report's answers count.
REPORTING = (
    "report_response",
    "leader_meeting",
    "routine_new_staff",
    "routine_inform_colleagues",
    "earmarked_time",
    "job_shadowing",
    "development_work",
)


def copy_lake(source: Path, target: Path) -> Path:
    """A copy of the embedded lake (a folder) at `source`, to write to."""
    shutil.copytree(source, target)
    return target


def lake_state(path: Path) -> tuple[int, list[tuple]]:
    """What a lake holds, in a form to compare before and after: its newest snapshot and the
    number of rows of every table (a refused change makes no snapshot and moves no row)."""
    database = Database(path)
    with database.read() as con:  # the first read may keep the counted figures (a snapshot)
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where database_name = $replica order by 1",
                {"replica": lake.REPLICA},
            ).fetchall()
        ]
        counts = [(t, con.execute(f'select count(*) from "{t}"').fetchall()[0][0]) for t in tables]
    return database.snapshot_id(), counts


def engine(path: Path, year: int, **filters: str) -> dict[str, IndicatorResult]:
    """Every indicator for a selection, by id."""
    with Database(path).read() as con:
        card = compute_scorecard(con, Scope(year, None, Selection(**filters)))
    return {r.indicator.id: r for r in card.results}


def table(path: Path, name: str, year: int, **filters: str) -> Table:
    """A named export table for a selection."""
    with Database(path).read() as con:
        return named_table(con, name, Scope(year, None, Selection(**filters)))


def sql(path: Path, statement: str, params: dict | None = None) -> list[tuple]:
    """Rows of a plain SELECT, read the way the app reads."""
    with Database(path).read() as con:
        return con.execute(statement, params or {}).fetchall()


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m dashboard ARGS…` in a process of its own, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, timeout=timeout
    )


def reopened_as_older(con: duckdb.DuckDBPyConnection, path: Path) -> duckdb.DuckDBPyConnection:
    """The database at `path` closed as if an older version of the product had made it, and
    opened again by `db.connect` (which brings an older schema up to date)."""
    con.execute("update schema_fingerprint set sha256 = 'older'")
    con.close()
    return db.connect(path)


def add_users(path: Path, users: Mapping[str, tuple[str, str]]) -> Path:
    """Users of the app in the database at `path`: e-mail → (role, network groups)."""
    con = db.connect(path)
    for email, (role, groups) in users.items():
        con.execute(
            "insert into app_user (email, role, network_groups) values ($e, $r, $g)",
            {"e": email, "r": role, "g": groups},
        )
    con.close()
    return path


def assert_refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    """The CLI refused a bad argument as it should: status 2 and `message` in at most two lines,
    never a traceback."""
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def signature_changed(token: str) -> str:
    """A signed link's token with the first character of its signature changed: one that carries
    six bits of it (the last may differ only in bits base64 drops, leaving the signature as it
    was)."""
    i = token.rindex(".") + 1
    return token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]


# The mail-merge file's columns, as a coordinator's e-mail program reads them (issue 18).
MAIL_MERGE_COLUMNS = [
    "Navn",
    "E-post",
    "Enhet",
    "Leder",
    "Leders e-post",
    "Svarfrist",
    "Har svart",
    "Lenke",
]


def members_to_check_in(con: duckdb.DuckDBPyConnection, event_id: str, n: int) -> list[tuple]:
    """Up to `n` members expected at the event (member id, e-mail), each with one e-mail that is
    nobody else's (a member's or a leader's), so that a check-in by e-mail finds one person."""
    return con.execute(
        """
        with email_of as (
            select member_id as id, lower(trim(email)) as email from member
            union all
            select leader_id as id, lower(trim(email)) as email from leader
        ),
        shared as (
            select email from email_of group by email having count(distinct id) > 1
        )
        select m.member_id, any_value(m.email)
        from member as m
        join (select distinct person_id from checkin_expected($e)
              where person_type = 'member') as x on x.person_id = m.member_id
        where m.email is not null
        group by m.member_id
        having count(distinct lower(trim(m.email))) = 1
            and not bool_or(lower(trim(m.email)) in (select email from shared))
        order by 1
        limit $n
        """,
        {"e": event_id, "n": n},
    ).fetchall()
