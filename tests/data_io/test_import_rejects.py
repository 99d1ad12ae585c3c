"""The importer refuses bad input: every kind of bad file is named by file, row and column and
leaves the database exactly as it was, in the importer and from the CLI; a good file with a bad
one does not land, nor does an import the database fails half-way through."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboard.engine.database import Database
from dashboard.exchange import importer
from dashboard.exchange.importer import load
from tests.data_io.conftest import UNIT_HEADER, assert_named, csv_bytes, refused, snapshot
from tests.data_io.member_file import MEMBER_HEADER, MEMBERS
from tests.engine import cli, lake_state

EVENT_HEADER = ["event_id", "kind", "title", "event_date", "network", "health_trust"]

BAD_INPUTS = {
    "unknown column": (
        "member.csv",
        csv_bytes([[*MEMBER_HEADER, "skonummer"], [*MEMBERS[0], "42"]]),
        1,
        "skonummer",
        "ukjent kolonne",
    ),
    "missing column": (
        "member.csv",
        csv_bytes(
            [["member_id", "name", "unit_id", "start_date"], ["m1", "Kari", "A", "01.01.2026"]]
        ),
        1,
        "profession",
        "mangler",
    ),
    "empty required value": (
        "member.csv",
        csv_bytes(
            [MEMBER_HEADER, MEMBERS[0], ["m2", "", "", "sykepleier", "A", "", "01.01.2026", ""]]
        ),
        3,
        "name",
        "verdien mangler",
    ),
    "impossible date": (
        "member.csv",
        csv_bytes([MEMBER_HEADER, ["m1", "Kari", "", "sykepleier", "A", "", "31.02.2026", ""]]),
        2,
        "start_date",
        "ugyldig dato",
    ),
    "end before start": (
        "member.csv",
        csv_bytes(
            [
                MEMBER_HEADER,
                MEMBERS[1],
                ["m1", "Kari", "", "sykepleier", "A", "", "01.05.2026", "30.04.2026"],
            ]
        ),
        3,
        "end_date",
        "før start_date",
    ),
    "unknown enumerated value": (
        "member.csv",
        csv_bytes([MEMBER_HEADER, ["m1", "Kari", "", "lege", "A", "", "01.01.2026", ""]]),
        2,
        "profession",
        "ukjent verdi",
    ),
    "unknown municipality": (
        "unit.csv",
        csv_bytes(
            [
                UNIT_HEADER[:-1],
                ["U9", "Enhet", "sykehjem", "kommune", "9999", "hst"],
            ]
        ),
        2,
        "municipality_number",
        "9999",
    ),
    "unknown unit": (
        "member.csv",
        csv_bytes([MEMBER_HEADER, ["m1", "Kari", "", "sykepleier", "ZZ", "", "01.01.2026", ""]]),
        2,
        "unit_id",
        "finnes ikke",
    ),
    "unknown leader": (
        "member.csv",
        csv_bytes([MEMBER_HEADER, ["m1", "Kari", "", "sykepleier", "A", "L404", "01.01.2026", ""]]),
        2,
        "leader_id",
        "finnes ikke",
    ),
    "unknown member": (
        "annual_report.csv",
        csv_bytes([["year", "member_id", "met_leader"], ["2026", "m404", "ja"]]),
        2,
        "member_id",
        "finnes ikke",
    ),
    "unknown event": (
        "attendance.csv",
        csv_bytes(
            [["event_id", "person_id", "person_type", "status"], ["E404", "LA", "leader", "møtt"]]
        ),
        2,
        "event_id",
        "finnes ikke",
    ),
    "duplicate key": (
        "member.csv",
        csv_bytes([MEMBER_HEADER, MEMBERS[0], MEMBERS[1], MEMBERS[0]]),
        4,
        "member_id, start_date",
        "samme nøkkel som rad 2",
    ),
    "empty file": ("member.csv", b"", None, "(hele filen)", "tom"),
    "header only": ("member.csv", csv_bytes([MEMBER_HEADER]), 2, "(hele filen)", "ingen rader"),
    "not a spreadsheet": (
        "member.xlsx",
        b"%PDF-1.7 not a workbook",
        None,
        "(hele filen)",
        "kan ikke leses",
    ),
    "wrong encoding": (
        "member.csv",
        "member_id;name\nm1;Kari\n".encode("utf-16-le"),
        None,
        "(hele filen)",
        "kan ikke leses",
    ),
    "unknown table": (
        "skostørrelser.csv",
        csv_bytes([["a"], ["b"]]),
        None,
        "(hele filen)",
        "filnavnet",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_is_named_and_changes_nothing(
    base_con: duckdb.DuckDBPyConnection, kind: str
) -> None:
    name, data, row, column, words = BAD_INPUTS[kind]
    expected_row = "–" if row is None else str(row)
    problems = refused(base_con, [(name, data)])
    assert_named(problems, f"{name}, rad {expected_row}, kolonne {column}:", words)


def _assert_cli_refuses(database: Path, path: Path, words: str) -> None:
    """The CLI names the problem, exits non-zero, and leaves the lake as it was (no snapshot)."""
    before = lake_state(database)
    result = cli("import", "--db", str(database), str(path))
    assert result.returncode == 1
    assert words in result.stderr
    assert "Ingenting ble importert" in result.stderr
    assert "Traceback" not in result.stderr
    assert lake_state(database) == before


def test_huge_file_is_refused_unread(tmp_path: Path, base_db: Path) -> None:
    huge = tmp_path / "attendance.csv"
    with huge.open("wb") as handle:
        handle.write(b"event_id;person_id;person_type;status\n")
        handle.truncate(importer.MAX_FILE_BYTES + 1)
    files, problems = importer.read_paths([huge])
    assert files == []
    assert str(problems[0]).startswith(
        "attendance.csv, rad –, kolonne (hele filen): filen er for stor"
    )
    _assert_cli_refuses(base_db, huge, "filen er for stor")


def test_cli_bad_file_leaves_the_file_byte_for_byte(tmp_path: Path, base_db: Path) -> None:
    bad = tmp_path / "member.csv"
    bad.write_bytes(
        csv_bytes([MEMBER_HEADER, ["m1", "Kari", "", "sykepleier", "A", "", "31.02.2026", ""]])
    )
    _assert_cli_refuses(base_db, bad, "member.csv, rad 2, kolonne start_date: ugyldig dato")


def test_good_and_bad_file_together_neither_lands(base_con: duckdb.DuckDBPyConnection) -> None:
    good = csv_bytes([MEMBER_HEADER, *MEMBERS])
    bad = csv_bytes([EVENT_HEADER, ["E1", "fagdag", "Fagdag", "12.13.2026", "alle", "hst"]])
    before = snapshot(base_con)
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_files(base_con, [("member.csv", good), ("event.csv", bad)], "t")
    assert [str(p).split(":")[0] for p in rejected.value.problems] == [
        "event.csv, rad 2, kolonne event_date"
    ]
    assert snapshot(base_con) == before


def test_a_failure_while_writing_rolls_everything_back(
    base_db: Path, base_con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing also when the database itself fails halfway through the load."""
    good = csv_bytes([MEMBER_HEADER, *MEMBERS])
    events = csv_bytes([EVENT_HEADER, ["E1", "fagdag", "Fagdag", "12.11.2026", "alle", "hst"]])
    before = snapshot(base_con)
    real_apply = load._apply
    calls = []

    def failing_apply(cursor, change, file, stage, import_id):  # type: ignore[no-untyped-def]
        calls.append(file.table.name)
        if file.table.name == "member":
            real_apply(cursor, change, file, stage, import_id)
            raise duckdb.IOException("disk full")
        return real_apply(cursor, change, file, stage, import_id)

    monkeypatch.setattr(load, "_apply", failing_apply)
    files = [("member.csv", good), ("event.csv", events)]
    with pytest.raises(duckdb.IOException):
        Database(base_db).change(lambda con: importer.import_files(con, files, "t"))
    assert calls == ["member"]  # events were written first (parents first), then member failed
    assert snapshot(base_con) == before
