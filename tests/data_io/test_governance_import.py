"""Importing the annual plan and the governance register from spreadsheets like every other table:
Norwegian headers and spellings, validation by file, row and column, all or nothing, audit and
undo; a bad row leaves the database exactly as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from dashboard.engine.access import OPERATOR
from dashboard.engine.contract import TABLES_BY_NAME
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope
from dashboard.exchange import importer
from dashboard.exchange.export import ExportMeta, to_csv, to_xlsx
from dashboard.exchange.tables import named_table
from dashboard.exchange.templates import template_xlsx
from tests.data_io.conftest import assert_named, csv_bytes, refused, snapshot, xlsx_bytes

D = dt.date
# The headers the product's own templates write (Norwegian).
GOAL_HEADER = [
    "Delmål ID",
    "År",
    "Helseforetak",
    "Satsningsområde nr.",
    "Satsningsområde",
    "Delmål nr.",
    "Tittel",
    "Nettverk",
    "Indikatorer",
]
GOALS = [
    ["2026-1.1", "2026", "hst", "1", "Pasient- og pårørendearbeid", "1", "Dødshjelp", "alle", ""],
    [
        "2026-5.3",
        "2026",
        "hst",
        "5",
        "Organisering og drift",
        "3",
        "80 % fremmøte",
        "",
        "meeting_attendance, fagdag_attendance",
    ],
]
ACTIVITY_HEADER = [
    "Aktivitet ID",
    "Delmål ID",
    "Tittel",
    "Ansvarlig",
    "Startdato",
    "Frist",
    "Status",
    "Merknad",
]
ACTIVITIES = [
    [
        "A1",
        "2026-1.1",
        "Tema for årlig fagdag",
        "Driftsgruppen",
        "",
        "12.11.2026",
        "Gjennomført",
        "",
    ],
    [
        "A2",
        "2026-5.3",
        "Trekke premie",
        "Driftsgruppen",
        "01.01.2026",
        "2026-11-12",
        "pågår",
        "Trekkes på fagdagen",
    ],
    ["A3", "2026-5.3", "Nyhetsbrev", "Koordinator", "", "", "planned", ""],
]
MEMBER_HEADER = [
    "Verv ID",
    "Organ",
    "Helseforetak",
    "Nettverk",
    "Nettverksgruppe",
    "Navn",
    "E-post",
    "Organisasjon",
    "Rolle",
    "Startdato",
    "Sluttdato",
]
MEMBERS = [
    [
        "SG-1",
        "styringsgruppe",
        "hst",
        "",
        "",
        "Åse Ødegård",
        "ase@eksempel.no",
        "Sandnes kommune",
        "leder",
        "01.01.2025",
        "31.12.2026",
    ],
    [
        "SG-2",
        "styringsgruppe",
        "hst",
        "",
        "",
        "Per Ærlig",
        "",
        "Helse Stavanger HF",
        "Sekretær",
        "01.01.2025",
        "",
    ],
    [
        "NG-1",
        "nettverksgruppe",
        "hst",
        "sykepleier",
        "G1",
        "Liv Leder",
        "",
        "Stavanger kommune",
        "leder",
        "01.03.2025",
        "",
    ],
]


def _plan_files() -> list[tuple[str, bytes]]:
    return [
        ("plan_goal.csv", csv_bytes([GOAL_HEADER, *GOALS])),
        ("plan_activity.csv", csv_bytes([ACTIVITY_HEADER, *ACTIVITIES])),
    ]


def test_a_plan_imports_with_norwegian_headers_and_spellings(
    base_con: duckdb.DuckDBPyConnection,
) -> None:
    result = importer.import_files(base_con, _plan_files(), imported_by="test")
    assert [(c.table, c.inserted) for c in result.changes] == [
        ("plan_goal", 2),
        ("plan_activity", 3),
    ]
    goals = base_con.execute(
        "select goal_id, network, indicators from plan_goal order by goal_id"
    ).fetchall()
    # The indicator list is checked and written one way; an empty network stays empty (= both).
    assert goals == [
        ("2026-1.1", "alle", None),
        ("2026-5.3", None, "meeting_attendance,fagdag_attendance"),
    ]
    activities = base_con.execute(
        "select activity_id, start_date, due_date, status, note from plan_activity order by 1"
    ).fetchall()
    assert activities == [
        ("A1", None, D(2026, 11, 12), "done", None),
        ("A2", D(2026, 1, 1), D(2026, 11, 12), "under_way", "Trekkes på fagdagen"),
        ("A3", None, None, "planned", None),
    ]
    # Audited like every import.
    tables = base_con.execute(
        "select table_name, inserted from import_batch where action = 'import' order by batch_id"
    ).fetchall()[-2:]
    assert tables == [("plan_goal", 2), ("plan_activity", 3)]


BAD_PLAN = {
    "unknown goal": (
        "plan_activity.csv",
        [ACTIVITY_HEADER, ["A9", "2026-9.9", "X", "", "", "", "planned", ""]],
        "Delmål ID (goal_id)",
        "finnes ikke",
    ),
    "unknown status": (
        "plan_activity.csv",
        [ACTIVITY_HEADER, ["A9", "2026-1.1", "X", "", "", "", "kanskje", ""]],
        "Status",
        "ukjent verdi «kanskje»",
    ),
    "due before start": (
        "plan_activity.csv",
        [ACTIVITY_HEADER, ["A9", "2026-1.1", "X", "", "01.06.2026", "01.05.2026", "planned", ""]],
        "Frist (due_date)",
        "er før",
    ),
    "missing title": (
        "plan_activity.csv",
        [ACTIVITY_HEADER, ["A9", "2026-1.1", "", "", "", "", "planned", ""]],
        "Tittel (title)",
        "verdien mangler",
    ),
    "unknown indicator": (
        "plan_goal.csv",
        [GOAL_HEADER, ["2026-2.1", "2026", "hst", "2", "K", "1", "T", "", "oppmøte_alle"]],
        "Indikatorer (indicators)",
        "ukjente indikatorer: oppmøte_alle",
    ),
    "unknown trust": (
        "plan_goal.csv",
        [GOAL_HEADER, ["2026-2.1", "2026", "nope", "2", "K", "1", "T", "", ""]],
        "Helseforetak (health_trust)",
        "finnes ikke",
    ),
}


@pytest.mark.parametrize(("name", "rows", "column", "words"), BAD_PLAN.values(), ids=BAD_PLAN)
def test_a_bad_plan_row_is_named_and_changes_nothing(
    base_con: duckdb.DuckDBPyConnection, name: str, rows: list[list[str]], column: str, words: str
) -> None:
    importer.import_files(base_con, _plan_files(), imported_by="test")
    problems = refused(base_con, [(name, csv_bytes(rows))])
    assert_named(problems, f"{name}, rad 2, kolonne {column}:", words)


def test_a_good_and_a_bad_plan_file_together_neither_lands(
    base_con: duckdb.DuckDBPyConnection,
) -> None:
    bad = csv_bytes([ACTIVITY_HEADER, *ACTIVITIES, ["A4", "2026-1.1", "X", "", "", "", "?", ""]])
    before = snapshot(base_con)
    with pytest.raises(importer.ImportRejected):
        importer.import_files(
            base_con, [_plan_files()[0], ("plan_activity.csv", bad)], imported_by="test"
        )
    assert snapshot(base_con) == before


def test_a_register_imports_and_a_role_is_not_mistaken_for_a_person_type(
    base_con: duckdb.DuckDBPyConnection,
) -> None:
    data = xlsx_bytes([MEMBER_HEADER, *MEMBERS], sheet="governance_member")
    importer.import_files(base_con, [("styringsorganer.xlsx", data)], imported_by="test")
    rows = base_con.execute(
        "select assignment_id, body, network_group, role, start_date, end_date"
        " from governance_member order by 1"
    ).fetchall()
    # «leder» is the role leder (not the person type leader); «Sekretær» is sekretær.
    assert rows == [
        ("NG-1", "nettverksgruppe", "G1", "leder", D(2025, 3, 1), None),
        ("SG-1", "styringsgruppe", None, "leder", D(2025, 1, 1), D(2026, 12, 31)),
        ("SG-2", "styringsgruppe", None, "sekretær", D(2025, 1, 1), None),
    ]


DAYS_BACKWARDS = ["01.01.2026", "31.12.2025"]
BAD_REGISTER = {
    "group leader without a group": (
        ["NG-2", "nettverksgruppe", "hst", "", "", "Kari", "", "", "leder", "01.01.2026", ""],
        "Nettverksgruppe (network_group)",
        "må si hvilken gruppe",
    ),
    "unknown group": (
        ["NG-2", "nettverksgruppe", "hst", "", "G9", "Kari", "", "", "leder", "01.01.2026", ""],
        "Nettverksgruppe (network_group)",
        "«G9» finnes ikke",
    ),
    "end before start": (
        ["SG-3", "styringsgruppe", "hst", "", "", "Kari", "", "", "medlem", *DAYS_BACKWARDS],
        "Sluttdato (end_date)",
        "er før",
    ),
    "unknown body": (
        ["SG-3", "fagråd", "hst", "", "", "Kari", "", "", "medlem", "01.01.2026", ""],
        "Organ (body)",
        "ukjent verdi «fagråd»",
    ),
    "unknown role": (
        ["SG-3", "styringsgruppe", "hst", "", "", "Kari", "", "", "sjef", "01.01.2026", ""],
        "Rolle (role)",
        "ukjent verdi «sjef»",
    ),
}


@pytest.mark.parametrize(("row", "column", "words"), BAD_REGISTER.values(), ids=BAD_REGISTER)
def test_a_bad_register_row_is_named_and_changes_nothing(
    base_con: duckdb.DuckDBPyConnection, row: list[str], column: str, words: str
) -> None:
    file = ("governance_member.csv", csv_bytes([MEMBER_HEADER, MEMBERS[0], row]))
    problems = refused(base_con, [file])
    assert_named(problems, f"governance_member.csv, rad 3, kolonne {column}:", words)


def _status(database: Database, activity_id: str) -> str:
    with database.read() as con:
        return con.execute(
            "select status from plan_activity where activity_id = $a", {"a": activity_id}
        ).fetchall()[0][0]


def test_undo_takes_a_plan_import_back(base_db: Path) -> None:
    database = Database(base_db)
    with database.read() as con:
        before = snapshot(con)
    database.change(lambda con: importer.import_and_record(con, _plan_files(), "test"))
    changed = [("plan_activity.csv", csv_bytes([ACTIVITY_HEADER, [*ACTIVITIES[0][:6], "pågår"]]))]
    database.change(lambda con: importer.import_and_record(con, changed, "test"))
    assert _status(database, "A1") == "under_way"
    database.change(lambda con: importer.undo_and_record(con, "test"))
    assert _status(database, "A1") == "done"
    database.change(lambda con: importer.undo_and_record(con, "test"))
    with database.read() as con:
        after = snapshot(con)
    for table in ("plan_goal", "plan_activity", "undo_plan_goal", "undo_plan_activity"):
        assert after[table] == before[table] == []


@pytest.mark.parametrize("table", ["plan_goal", "plan_activity", "governance_member"])
def test_templates_and_exports_import_again(base_db: Path, table: str) -> None:
    """Each template imports (its parents first), and the table exported as XLSX and as CSV
    imports again without a change."""
    database = Database(base_db)
    parents = {
        "plan_goal": [],
        "plan_activity": ["plan_goal"],
        "governance_member": ["network_group"],
    }[table]
    templates = [
        ("health_trust.xlsx", template_xlsx("health_trust")),
        *((f"{p}.xlsx", template_xlsx(p)) for p in parents),
        (f"{table}.xlsx", template_xlsx(table)),
    ]
    result = database.change(lambda con: importer.import_files(con, templates, "test"))
    assert result.changes[-1].inserted == 1
    with database.read() as con:
        exported = named_table(con, table, Scope(2026), OPERATOR)
    assert set(exported.frame.columns).isdisjoint(TABLES_BY_NAME[table].column_names)
    for writer, extension in ((to_xlsx, "xlsx"), (to_csv, "csv")):
        data = writer(exported.frame, ExportMeta(exported.title), exported.formats)
        again = database.change(
            lambda con, d=data, e=extension: importer.preview(con, [(f"{table}.{e}", d)])
        )
        assert (again.inserted, again.updated, again.changes[0].unchanged) == (0, 0, 1)
