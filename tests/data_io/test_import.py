"""The importer with real files made in the test: what Norwegian offices produce imports, again
without change, by key, parents before children, from the CLI; undo, preview and the exported
file's round trip. Bad input: test_import_rejects.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dashboard.engine import db
from dashboard.engine.database import Database
from dashboard.exchange import importer
from tests.data_io.conftest import UNIT_HEADER, csv_bytes, snapshot, xlsx_bytes
from tests.data_io.member_file import MEMBER_HEADER, MEMBERS
from tests.engine import cli

EXPECTED_MEMBERS = [
    ("m1", "Åse Ødegård", "sykepleier", "A", "LA", dt.date(2026, 4, 16), None),
    ("m2", "Per Ærlig", "fysioterapeut", "B", None, dt.date(2025, 2, 1), dt.date(2025, 12, 31)),
]
EVENT_HEADER = ["event_id", "kind", "title", "event_date", "network", "health_trust"]


def _members(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "select member_id, name, profession, unit_id, leader_id, start_date, end_date from member"
        " order by member_id"
    ).fetchall()


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [
        ("utf-8", ";"),
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("utf-8-sig", ","),
        ("cp1252", ";"),
        ("cp1252", ","),
        ("utf-16", "\t"),
    ],
)
def test_csv_in_every_encoding_and_separator(
    base_con: duckdb.DuckDBPyConnection, encoding: str, sep: str
) -> None:
    data = csv_bytes([MEMBER_HEADER, *MEMBERS], sep=sep, encoding=encoding)
    result = importer.import_files(base_con, [("member.csv", data)], imported_by="test")
    assert result.inserted == 2
    assert _members(base_con) == EXPECTED_MEMBERS


def test_xlsx_written_by_openpyxl(base_con: duckdb.DuckDBPyConnection) -> None:
    rows = [
        ["Medlem ID", "Navn", "Yrke", "Enhet", "Leder", "Startdato", "Sluttdato"],
        ["m1", "Åse Ødegård", "Sykepleier", "A", "LA", dt.datetime(2026, 4, 16), None],
        ["m2", "Per Ærlig", "fysioterapeut", "B", None, "01.02.2025", dt.date(2025, 12, 31)],
    ]
    # A sheet named after the table is read, even when it is not the first one.
    workbook_bytes = xlsx_bytes(rows, sheet="member")
    importer.import_files(base_con, [("Medlemmer.xlsx", workbook_bytes)], imported_by="test")
    assert _members(base_con) == EXPECTED_MEMBERS


def test_norwegian_office_habits(base_con: duckdb.DuckDBPyConnection) -> None:
    """Norwegian headers, spaces, a lost leading zero, ja/nei, d.m.yyyy."""
    files = [
        (
            "kommune.csv",
            csv_bytes([[" Kommunenummer ", "Navn", "Helseforetak"], ["301", " Oslo ", "hst"]]),
        ),
        (
            "enhet.csv",
            csv_bytes(
                [
                    [
                        "Enhet",
                        "Navn",
                        "Enhetstype",
                        "Eier",
                        "Kommunenummer",
                        "Helseforetak",
                        "Skal ha ressursperson",
                        "Gyldig fra",
                    ],
                    ["O1", "Oslo sykehjem", "Sykehjem", "Kommune", "301", "hst", "nei", "1.3.2024"],
                    ["O2", "Oslo kreftkoordinator", "annet", "kommune", "0301", "hst", "", ""],
                ]
            ),
        ),
    ]
    importer.import_files(base_con, files, imported_by="test")
    oslo = base_con.execute("select number, name from municipality where number = '0301'")
    assert oslo.fetchall() == [("0301", "Oslo")]
    rows = base_con.execute(
        "select unit_id, unit_type, owner, municipality_number, needs_member, valid_from from unit"
        " where unit_id like 'O%' order by 1"
    ).fetchall()
    assert rows == [
        ("O1", "sykehjem", "kommune", "0301", False, dt.date(2024, 3, 1)),
        ("O2", "annet", "kommune", "0301", False, None),  # annet needs no member by default
    ]


def test_yes_no_spellings(base_con: duckdb.DuckDBPyConnection) -> None:
    importer.import_files(base_con, [("member.csv", csv_bytes([MEMBER_HEADER, *MEMBERS]))], "t")
    header = [
        "year",
        "member_id",
        "met_leader",
        "has_work_plan",
        "routine_new_staff",
        "routine_inform_colleagues",
        "earmarked_time",
        "job_shadowing",
    ]
    data = csv_bytes(
        [
            header,
            ["2026", "m1", "ja", "yes", "true", "1", "JA", "x"],
            ["2026", "m2", "nei", "no", "false", "0", "Nei", ""],
        ]
    )
    importer.import_files(base_con, [("annual_report.csv", data)], "t")
    rows = base_con.execute(
        "select met_leader, has_work_plan, routine_new_staff, routine_inform_colleagues,"
        " earmarked_time, job_shadowing from annual_report order by member_id"
    ).fetchall()
    assert rows == [(True, True, True, True, True, True), (False, False, False, False, False, None)]


def test_reimporting_the_same_file_changes_nothing(base_con: duckdb.DuckDBPyConnection) -> None:
    data = csv_bytes([MEMBER_HEADER, *MEMBERS])
    importer.import_files(base_con, [("member.csv", data)], "t")
    before = {t: r for t, r in snapshot(base_con).items() if t != "import_batch"}
    again = importer.import_files(base_con, [("member.csv", data)], "t")
    assert (again.inserted, again.updated, again.changes[0].unchanged) == (0, 0, 2)
    assert {t: r for t, r in snapshot(base_con).items() if t != "import_batch"} == before


def test_upsert_updates_by_key_and_keeps_missing_columns(
    base_con: duckdb.DuckDBPyConnection,
) -> None:
    importer.import_files(base_con, [("member.csv", csv_bytes([MEMBER_HEADER, *MEMBERS]))], "t")
    # A file without the email column: m1's name changes, m3 is new, m2 is untouched, and m1
    # keeps the e-mail it had.
    update = csv_bytes(
        [
            ["member_id", "name", "profession", "unit_id", "start_date"],
            ["m1", "Åse Ødegård Berg", "sykepleier", "A", "16.04.2026"],
            ["m3", "Nils Ny", "ergoterapeut", "B", "01.09.2026"],
        ]
    )
    result = importer.import_files(base_con, [("member.csv", update)], "t")
    assert (result.inserted, result.updated) == (1, 1)
    rows = base_con.execute("select member_id, name, email from member order by 1").fetchall()
    assert rows == [
        ("m1", "Åse Ødegård Berg", "ase@eksempel.no"),
        ("m2", "Per Ærlig", None),
        ("m3", "Nils Ny", None),
    ]


def test_parents_and_children_in_one_batch(tmp_path: Path) -> None:
    """References may point at rows in the same batch; files load parents first whatever
    order they are given in; the audit trail names every file."""
    con = db.connect(tmp_path / "x.lake")
    files = [
        (
            "member.csv",
            csv_bytes(
                [
                    ["member_id", "name", "profession", "unit_id", "start_date"],
                    ["m1", "Kari", "sykepleier", "U1", "01.01.2026"],
                ]
            ),
        ),
        (
            "unit.csv",
            csv_bytes(
                [
                    UNIT_HEADER[:-1],
                    ["U1", "Enhet", "sykehjem", "kommune", "1103", "hst"],
                ]
            ),
        ),
        (
            "municipality.csv",
            csv_bytes([["number", "name", "health_trust"], ["1103", "Stavanger", "hst"]]),
        ),
        ("health_trust.csv", csv_bytes([["code", "name"], ["hst", "Helse Stavanger HF"]])),
    ]
    result = importer.import_files(con, files, "t")
    assert [c.table for c in result.changes] == ["health_trust", "municipality", "unit", "member"]
    assert con.execute("select count(*) from member").fetchall() == [(1,)]
    history = importer.history(con)
    assert set(history["file_name"]) == {
        "member.csv",
        "unit.csv",
        "municipality.csv",
        "health_trust.csv",
    }
    assert hashlib.sha256(files[0][1]).hexdigest() in set(history["sha256"])
    assert set(history["imported_by"]) == {"t"}
    assert history["inserted"].tolist() == [1, 1, 1, 1]
    con.close()


def test_cli_imports_good_files(tmp_path: Path, base_db: Path) -> None:
    good = tmp_path / "member.csv"
    good.write_bytes(csv_bytes([MEMBER_HEADER, *MEMBERS], encoding="cp1252"))
    result = cli("import", "--db", str(base_db), str(good))
    assert result.returncode == 0, result.stderr
    assert "member.csv → member: 2 nye, 0 endret, 0 uendret" in result.stdout
    with Database(base_db).read() as con:
        assert _members(con) == EXPECTED_MEMBERS


def test_undo_restores_the_state_before_the_last_import(
    base_con: duckdb.DuckDBPyConnection,
) -> None:
    first = importer.import_files(
        base_con, [("member.csv", csv_bytes([MEMBER_HEADER, *MEMBERS]))], "t"
    )
    before = {t: r for t, r in snapshot(base_con).items() if t != "import_batch"}
    # The next import adds parents and children and changes existing rows.
    files = [
        (
            "unit.csv",
            csv_bytes(
                [
                    UNIT_HEADER[:-1],
                    ["A", "Åsen sykehjem (nytt navn)", "sykehjem", "kommune", "1103", "hst"],
                    ["C", "Ny enhet", "poliklinikk", "helseforetak", "1103", "hst"],
                ]
            ),
        ),
        (
            "member.csv",
            csv_bytes(
                [
                    MEMBER_HEADER,
                    ["m1", "Åse Endret", "", "sykepleier", "C", "", "2026-04-16", ""],
                    ["m9", "Ny Person", "", "sykepleier", "C", "", "2026-09-01", ""],
                ]
            ),
        ),
        (
            "event.csv",
            csv_bytes([EVENT_HEADER, ["E1", "fagdag", "Fagdag", "12.11.2026", "alle", "hst"]]),
        ),
        (
            "attendance.csv",
            csv_bytes(
                [["event_id", "person_id", "person_type", "status"], ["E1", "m9", "member", "møtt"]]
            ),
        ),
    ]
    result = importer.import_files(base_con, files, "t")
    assert (result.inserted, result.updated) == (4, 2)
    assert importer.undoable_import(base_con) == result.import_id
    importer.undo_last_import(base_con, "t")
    # Every table but the audit trail is exactly as before the import.
    assert {t: r for t, r in snapshot(base_con).items() if t != "import_batch"} == before
    history = importer.history(base_con)
    assert history.iloc[0]["action"] == "undo"
    files_of_import = history[
        (history["import_id"] == result.import_id) & (history["action"] == "import")
    ]
    assert len(files_of_import) == 4 and files_of_import["undone"].all()
    # The import before it is next in line.
    assert importer.undoable_import(base_con) == first.import_id


def test_nothing_to_undo(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "x.lake")
    with pytest.raises(importer.UndoRefused):
        importer.undo_last_import(con, "t")
    con.close()


def test_preview_writes_nothing(base_con: duckdb.DuckDBPyConnection) -> None:
    importer.import_files(base_con, [("member.csv", csv_bytes([MEMBER_HEADER, MEMBERS[0]]))], "t")
    before = snapshot(base_con)
    changed = [MEMBERS[0][0], "Åse Ny", *MEMBERS[0][2:]]
    plan = importer.preview(
        base_con, [("member.csv", csv_bytes([MEMBER_HEADER, changed, MEMBERS[1]]))]
    )
    change = plan.changes[0]
    assert (change.inserted, change.updated, change.unchanged) == (1, 1, 0)
    assert change.new_rows["member_id"].tolist() == ["m2"]
    assert change.changed_rows["name"].tolist() == ["Åse Ny"]
    assert snapshot(base_con) == before


def test_exported_file_imports_again_unchanged(tmp_path: Path, base_db: Path) -> None:
    """A coordinator's round trip: export, open, import again → nothing changes."""
    members = [("member.csv", csv_bytes([MEMBER_HEADER, *MEMBERS]))]
    Database(base_db).change(lambda con: importer.import_files(con, members, "t"))
    out = tmp_path / "member.csv"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "export",
            "member",
            "--db",
            str(base_db),
            "--format",
            "csv",
            "--output",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    con = db.connect(base_db)
    result = importer.import_files(con, [("member.csv", out.read_bytes())], "t")
    assert (result.inserted, result.updated, result.changes[0].unchanged) == (0, 0, 2)
    con.close()
