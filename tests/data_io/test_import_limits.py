"""Import limits hold before and while a file is read, never after: crafted files are refused with
a clear Norwegian problem, in bounded memory, writing nothing. Problems name the columns as the
file wrote its headers, and an unknown column does not hide the problems of the rows."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from dashboard.engine.database import Database
from dashboard.exchange import importer
from dashboard.exchange.importer import limits
from dashboard.exchange.importer import problems as problems_module
from tests.data_io.conftest import csv_bytes, refused, xlsx_bytes
from tests.engine import lake_state

MEMORY_LIMIT_MB = 512
MEMBER_HEADER = ["member_id", "name", "email", "profession", "unit_id", "leader_id", "start_date"]
NORWEGIAN_HEADER = ["Medlem ID", "Navn", "Yrke", "Enhet", "Startdato", "Sluttdato"]


# --- crafted files ------------------------------------------------------------------------------


def _sparse_xlsx(path: Path) -> None:
    """4.8 kB: a value in A1 and one in XFD1048576, the last cell a sheet can have."""
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "x"
    sheet["XFD1048576"] = "y"
    workbook.save(path)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _workbook(sheet_xml: bytes, shared_strings: bytes | None = None) -> bytes:
    """A minimal XLSX around a sheet written by hand (to say what no spreadsheet program would)."""
    relationships = (
        f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}"><sheets>'
            '<sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        if shared_strings is not None:
            relationships += (
                f'<Relationship Id="rId2" Type="{_OFFICE}/sharedStrings" '
                'Target="sharedStrings.xml"/>'
            )
            archive.writestr("xl/sharedStrings.xml", shared_strings)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_RELATIONSHIPS}">{relationships}</Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def _sheet(rows: bytes, dimension: str | None = None) -> bytes:
    said = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<worksheet xmlns="{_MAIN}">{said}<sheetData>'.encode()
        + rows
        + (b"</sheetData></worksheet>")
    )


def _row(number: int, *cells: tuple[str, str]) -> bytes:
    return (
        f'<row r="{number}">'
        + "".join(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in cells)
        + "</row>"
    ).encode()


_TRUST_HEADER = _row(1, ("A1", "code"), ("B1", "name"))


def _lying_xlsx(path: Path) -> None:
    """The dimension says A1:B2; a value stands in XFD1048576 all the same."""
    rows = _TRUST_HEADER + _row(2, ("A2", "h1"), ("B2", "Ett")) + _row(1048576, ("XFD1048576", "y"))
    path.write_bytes(_workbook(_sheet(rows, "A1:B2")))


def _attendance_csv(path: Path, rows: int) -> None:
    """An attendance file of `rows` rows under the header, written line by line."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("event_id;person_id;person_type;status\r\n")
        for number in range(rows):
            handle.write(f"E1;m{number};member;møtt\r\n")


def _wide_csv(path: Path) -> None:
    columns = limits.MAX_COLUMNS + 1
    header = ["unit_id", "name", *(f"x{n}" for n in range(columns - 2))]
    path.write_bytes(csv_bytes([header, ["U1", "Enhet", *("" for _ in range(columns - 2))]]))


def _largest_csv(path: Path) -> int:
    """A valid member file of the most rows allowed, its text filling it to just under the size
    limit: every cell of it is read, typed, staged, compared and written. Returns its rows."""
    rows = limits.MAX_ROWS
    header = "member_id;name;email;profession;unit_id;leader_id;start_date;end_date;end_reason\r\n"
    fixed = len("m0000000;;e0000000;sykepleier;A;LA;16.04.2026;31.12.2026;\r\n")
    room, extra = divmod(limits.MAX_FILE_BYTES - 64 * 1024 - len(header) - rows * fixed, rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        for number in range(rows):
            text = room + (number < extra)
            name = (f"Navn {number} " * (text // 8 + 2))[: text // 2]
            reason = (f"grunn {number} " * (text // 8 + 2))[: text - len(name)]
            handle.write(
                f"m{number:07d};{name};e{number:07d};sykepleier;A;LA;16.04.2026;31.12.2026;"
                f"{reason}\r\n"
            )
    assert path.stat().st_size == limits.MAX_FILE_BYTES - 64 * 1024
    return rows


# --- (a) a sparse workbook reaching XFD1048576 --------------------------------------------------


def test_sparse_xlsx_is_refused_by_its_used_range(
    tmp_path: Path, base_con: duckdb.DuckDBPyConnection
) -> None:
    path = tmp_path / "member.xlsx"
    _sparse_xlsx(path)
    assert path.stat().st_size < 10_000
    [problem] = refused(base_con, [("member.xlsx", path.read_bytes())])
    assert (problem.file, problem.row, problem.column) == ("member.xlsx", None, "(hele filen)")
    assert "XFD1048576" in problem.message
    assert "grensen er 200\u00a0000 rader og 200 kolonner" in problem.message
    assert "Slett de tomme radene og kolonnene" in problem.message


LYING_SHEETS: dict[str, tuple[Callable[[], bytes], int, str]] = {
    "rows": (  # the dimension lies about the rows
        lambda: _sheet(
            _TRUST_HEADER + _row(2, ("A2", "h1"), ("B2", "Ett")) + _row(1048576, ("A1048576", "y")),
            "A1:B2",
        ),
        1048576,
        "mer enn 200\u00a0000 rader",
    ),
    "columns": (  # … about the columns
        lambda: _sheet(
            _TRUST_HEADER + _row(2, ("A2", "h1"), ("B2", "Ett"), ("XFD2", "y")), "A1:B2"
        ),
        2,
        "flere enn 200 kolonner",
    ),
}


@pytest.mark.parametrize("kind", list(LYING_SHEETS))
def test_xlsx_limits_hold_while_reading_when_the_dimension_lies(
    base_con: duckdb.DuckDBPyConnection, kind: str
) -> None:
    sheet, row, words = LYING_SHEETS[kind]
    [problem] = refused(base_con, [("health_trust.xlsx", _workbook(sheet()))])
    assert (problem.row, problem.column) == (row, "(hele filen)")
    assert words in problem.message


def test_xlsx_without_a_dimension_stops_at_the_row_limit(
    base_con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    rows = b"".join(_row(n, (f"A{n}", f"h{n}"), (f"B{n}", "Navn")) for n in range(2, 1000))
    [problem] = refused(base_con, [("health_trust.xlsx", _workbook(_sheet(_TRUST_HEADER + rows)))])
    assert (problem.row, problem.column) == (102, "(hele filen)")
    assert "mer enn 100 rader" in problem.message


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: _workbook(_sheet(b"<a>" * 1000 + b"</a>" * 1000)), "kan ikke leses"),
        (
            lambda: _workbook(b'<!DOCTYPE w [<!ENTITY e "e">]><worksheet><sheetData/></worksheet>'),
            "kan ikke leses",
        ),
        (
            lambda: _workbook(
                _sheet(_TRUST_HEADER),
                b"<sst>" + b"<si><t>ab</t></si>" * 300_000 + b"</sst>",
            ),
            "for mye innhold utenfor selve arket (xl/sharedStrings.xml",
        ),
        (
            lambda: _workbook(_sheet(_TRUST_HEADER + _row(2, ("A2", "h" * 200_000)))),
            "en celle har mer enn 100\u00a0000 tegn",
        ),
        (
            lambda: _workbook(
                _sheet(
                    _TRUST_HEADER
                    + b"".join(
                        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>h{n}</t></is></c>'
                        f'<c r="B{n}" t="s"><v>0</v></c></row>'.encode()
                        for n in range(2, 400)
                    )
                ),
                b"<sst><si><t>" + b"y" * 99_000 + b"</t></si></sst>",
            ),
            "mer enn 20 MB tekst",
        ),
    ],
    ids=["deep", "dtd", "shared strings", "long cell", "one string many times"],
)
def test_crafted_workbooks_are_refused_whole(
    base_con: duckdb.DuckDBPyConnection, make: Callable[[], bytes], words: str
) -> None:
    [problem] = refused(base_con, [("health_trust.xlsx", make())])
    assert problem.file == "health_trust.xlsx"
    assert words in problem.message


def test_xml_elements_are_counted(
    base_con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_XML_ELEMENTS", 1000)
    data = _workbook(_sheet(_TRUST_HEADER + b"<x/>" * 1000))
    [problem] = refused(base_con, [("health_trust.xlsx", data)])
    assert "flere enn 1\u00a0000 XML-elementer" in problem.message


# --- (b) rows -----------------------------------------------------------------------------------


def test_csv_over_the_row_limit_is_refused(
    tmp_path: Path, base_con: duckdb.DuckDBPyConnection
) -> None:
    path = tmp_path / "attendance.csv"
    _attendance_csv(path, limits.MAX_ROWS + 1)
    [problem] = refused(base_con, [("attendance.csv", path.read_bytes())])
    assert str(problem).startswith(
        f"attendance.csv, rad {limits.MAX_ROWS + 2}, kolonne (hele filen): "
        "filen har mer enn 200\u00a0000 rader under overskriftene, som er grensen."
    )


def test_the_row_limit_counts_rows_under_the_header(
    base_con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    rows = [["code", "name"], *([f"h{n}", f"Foretak {n}"] for n in range(3))]
    importer.import_files(base_con, [("health_trust.csv", csv_bytes(rows))], "test")
    assert base_con.execute("select count(*) from health_trust").fetchall() == [(4,)]
    [problem] = refused(base_con, [("health_trust.csv", csv_bytes([*rows, ["h9", "Ett for mye"]]))])
    assert problem.row == 5 and "rader" in problem.message


# --- (c) columns --------------------------------------------------------------------------------


def test_header_wider_than_the_column_limit_is_refused(
    tmp_path: Path, base_con: duckdb.DuckDBPyConnection
) -> None:
    path = tmp_path / "unit.csv"
    _wide_csv(path)
    [problem] = refused(base_con, [("unit.csv", path.read_bytes())])
    assert str(problem) == (
        "unit.csv, rad 1, kolonne (hele filen): raden har verdier i flere enn 200 kolonner, som "
        "er grensen. Slett kolonnene som ikke hører til tabellen (og eventuelle verdier langt "
        "til høyre)."
    )


def test_a_value_right_of_the_column_limit_is_refused(base_con: duckdb.DuckDBPyConnection) -> None:
    far = ["" for _ in range(limits.MAX_COLUMNS)]
    data = csv_bytes([["code", "name"], ["h1", "Ett"], ["h2", "To", *far, "langt ute"]])
    [problem] = refused(base_con, [("health_trust.csv", data)])
    assert problem.row == 3 and "flere enn 200 kolonner" in problem.message


def test_empty_cells_at_the_end_of_rows_are_dropped(base_con: duckdb.DuckDBPyConnection) -> None:
    """A sheet formatted far to the right (empty cells, or spaces) reads like any other."""
    empty = ["" for _ in range(5000)]
    data = csv_bytes([["code", "name", *empty], ["h1", "Ett", *empty], ["h2", "To", " ", " "]])
    importer.import_files(base_con, [("health_trust.csv", data)], "test")
    rows = base_con.execute("select code, name from health_trust where code like 'h_' order by 1")
    assert rows.fetchall() == [("h1", "Ett"), ("h2", "To")]


# --- (d) memory, through the command line -------------------------------------------------------

# Runs `python -m dashboard …` in this process and reports its peak memory in kB on the last
# line of stderr. On Linux it reads VmHWM, the peak of this process's own memory: ru_maxrss keeps
# the parent's size across fork + exec, so under a large pytest process it reports the parent.
_MEASURED_CLI = """
import re, resource, runpy, sys
sys.argv = ["dashboard", *sys.argv[1:]]
try:
    runpy.run_module("dashboard", run_name="__main__", alter_sys=True)
    code = 0
except SystemExit as stop:
    code = stop.code
try:
    with open("/proc/self/status") as status:
        peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = peak // 1024 if sys.platform == "darwin" else peak
print(f"peak_kb={peak}", file=sys.stderr)
sys.exit(code)
"""


def _measured_import(database: Path, path: Path) -> tuple[subprocess.CompletedProcess, float]:
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED_CLI, "import", "--db", str(database), str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    match = re.search(r"peak_kb=(\d+)\s*$", result.stderr)
    assert match, result.stderr
    return result, int(match.group(1)) / 1024


CRAFTED: dict[str, tuple[str, Callable[[Path], object], str]] = {
    "sparse xlsx": ("member.xlsx", _sparse_xlsx, "XFD1048576"),
    "lying xlsx": ("health_trust.xlsx", _lying_xlsx, "rad 1048576"),
    "too many rows": (
        "attendance.csv",
        lambda path: _attendance_csv(path, limits.MAX_ROWS + 1),
        "mer enn 200\u00a0000 rader",
    ),
    "too many columns": ("unit.csv", _wide_csv, "flere enn 200 kolonner"),
}


@pytest.mark.parametrize("kind", list(CRAFTED))
def test_crafted_file_is_refused_in_bounded_memory(
    tmp_path: Path, base_db: Path, kind: str
) -> None:
    name, make, words = CRAFTED[kind]
    path = tmp_path / name
    make(path)
    before = lake_state(base_db)
    result, peak_mb = _measured_import(base_db, path)
    assert result.returncode == 1, result.stderr
    assert f"{name}, rad" in result.stderr and words in result.stderr
    assert "Ingenting ble importert (1 feil)" in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert lake_state(base_db) == before
    assert peak_mb < MEMORY_LIMIT_MB, f"{kind}: {peak_mb:.0f} MB"


def test_largest_allowed_csv_imports_in_bounded_memory(tmp_path: Path, base_db: Path) -> None:
    path = tmp_path / "member.csv"
    rows = _largest_csv(path)
    result, peak_mb = _measured_import(base_db, path)
    assert result.returncode == 0, result.stderr
    assert f"member.csv → member: {rows} nye, 0 endret, 0 uendret" in result.stdout
    assert peak_mb < MEMORY_LIMIT_MB, f"{peak_mb:.0f} MB"
    with Database(base_db).read() as con:
        assert con.execute("select count(*) from member").fetchall() == [(rows,)]


# --- (e) the file's own headers -----------------------------------------------------------------

NORWEGIAN_ROWS = [
    NORWEGIAN_HEADER,
    ["m1", "Kari", "sykepleier", "A", "31.02.2026", ""],
    ["m2", "Per", "sykepleier", "B", "02.05.2026", "01.05.2026"],
    ["m3", "Ola", "sykepleier", "ZZ", "01.01.2026", ""],
]
NORWEGIAN_PROBLEMS = [
    "rad 2, kolonne Startdato (start_date): ugyldig dato «31.02.2026»",
    "rad 3, kolonne Sluttdato (end_date): Sluttdato (01.05.2026) er før Startdato (02.05.2026)",
    "rad 4, kolonne Enhet (unit_id): «ZZ» finnes ikke i enheter",
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_norwegian_headers_name_the_problems(
    base_con: duckdb.DuckDBPyConnection, kind: str
) -> None:
    data = csv_bytes(NORWEGIAN_ROWS) if kind == "csv" else xlsx_bytes(NORWEGIAN_ROWS)
    problems = refused(base_con, [(f"medlem.{kind}", data)])
    assert len(problems) == len(NORWEGIAN_PROBLEMS)
    for problem, expected in zip(problems, NORWEGIAN_PROBLEMS, strict=True):
        assert str(problem).startswith(f"medlem.{kind}, {expected}"), problem


def test_a_missing_or_doubled_column_of_a_norwegian_file_is_named_in_norwegian(
    base_con: duckdb.DuckDBPyConnection,
) -> None:
    data = csv_bytes([["Medlem ID", "Navn", "Enhet", "Startdato", "navn"], ["m1", "Kari", "A"]])
    messages = [str(p) for p in refused(base_con, [("medlem.csv", data)])]
    assert messages[0].startswith(
        "medlem.csv, rad 1, kolonne navn: kolonnen «Navn» og «navn» står to ganger"
    )
    assert messages[1].startswith(
        "medlem.csv, rad 1, kolonne Yrke (profession): kolonnen Yrke (profession) mangler"
    )
    assert messages[2].startswith("medlem.csv, rad 2, kolonne Startdato (start_date): verdien")


def test_english_headers_keep_their_names(base_con: duckdb.DuckDBPyConnection) -> None:
    data = csv_bytes([MEMBER_HEADER, ["m1", "Kari", "", "sykepleier", "A", "", "2026-13-01"]])
    [problem] = refused(base_con, [("member.csv", data)])
    assert str(problem).startswith("member.csv, rad 2, kolonne start_date: ugyldig dato")


# --- (f) an unknown column hides nothing --------------------------------------------------------


def test_unknown_column_is_reported_with_the_row_problems(
    base_con: duckdb.DuckDBPyConnection,
) -> None:
    data = csv_bytes(
        [
            [*NORWEGIAN_HEADER, "Skonummer"],
            ["m1", "Kari", "sykepleier", "A", "16.04.2026", "", "38"],
            ["m2", "Per", "lege", "B", "1.5.2026", "", "44"],
        ]
    )
    messages = [str(p) for p in refused(base_con, [("medlem.csv", data)])]
    assert len(messages) == 2, messages
    assert messages[0].startswith(
        "medlem.csv, rad 1, kolonne Skonummer: ukjent kolonne for ressurspersoner (member). "
        "Kolonnene er: Medlem ID (member_id), Navn (name)"
    )
    assert messages[1].startswith(
        "medlem.csv, rad 3, kolonne Yrke (profession): ukjent verdi «lege»"
    )


def test_problems_of_a_file_are_counted_past_the_first(
    base_con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(problems_module, "MAX_PROBLEMS_PER_FILE", 3)
    rows = [["code", "name"], *([f"h{n}", ""] for n in range(10))]
    messages = [str(p) for p in refused(base_con, [("health_trust.csv", csv_bytes(rows))])]
    assert messages[:3] == [
        f"health_trust.csv, rad {n}, kolonne name: verdien mangler" for n in (2, 3, 4)
    ]
    assert messages[3].startswith(
        "health_trust.csv, rad –, kolonne (hele filen): … og 7 problemer til i filen"
    )


def test_dates_in_a_workbook_import_as_dates(base_con: duckdb.DuckDBPyConnection) -> None:
    """The streaming reader knows a date by its cell's number format, as Excel shows it."""
    rows = [
        ["Medlem ID", "Navn", "Yrke", "Enhet", "Startdato", "Sluttdato"],
        ["m1", "Kari", "Sykepleier", "A", dt.datetime(2026, 4, 16), dt.date(2026, 12, 31)],
        ["m2", "Per", "ergo", "B", "1.2.2025", None],
    ]
    importer.import_files(base_con, [("medlem.xlsx", xlsx_bytes(rows))], "test")
    rows_read = base_con.execute(
        "select member_id, profession, start_date, end_date from member order by 1"
    ).fetchall()
    assert rows_read == [
        ("m1", "sykepleier", dt.date(2026, 4, 16), dt.date(2026, 12, 31)),
        ("m2", "ergoterapeut", dt.date(2025, 2, 1), None),
    ]
