"""The annual report, its XLSX twin and the meeting pack, read back: every indicator's figures
equal the engine's; æøå survive; no names; the pages are rendered to PNG for people to look at."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard.engine.database import Database
from dashboard.engine.formatting import format_fraction, format_value
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange import charts, report
from tests.engine import cli

PAGES_DIR = Path(__file__).resolve().parent / "pages"
YEAR = 2025


@pytest.fixture(scope="module")
def documents(demo_db: Path) -> dict[str, bytes]:
    built = {}
    with Database(demo_db).read() as con:
        for output_format in report.FORMATS:
            started = time.perf_counter()
            built[output_format] = report.build(con, Scope(YEAR), output_format)
            seconds = time.perf_counter() - started
            print(f"{output_format}: {seconds:.1f} s, {len(built[output_format])} B")
    return built


@pytest.fixture(scope="module")
def expected(demo_db: Path) -> list:
    with Database(demo_db).read() as con:
        return list(compute_scorecard(con, Scope(YEAR)).results)


@pytest.fixture(scope="module")
def people(demo_db: Path) -> set[str]:
    with Database(demo_db).read() as con:
        rows = con.execute(
            "select name, email from member union all select name, email from leader"
        ).fetchall()
    return {v for row in rows for v in row if v}


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_holds_every_indicators_figures(documents: dict[str, bytes], expected: list) -> None:
    lines = _text(documents["pdf"]).splitlines()
    for result in expected:
        value = format_value(result.indicator.kind, result.value)
        fraction = format_fraction(result.numerator, result.denominator)
        assert any(value in line and fraction in line for line in lines), result.indicator.id
    text = "\n".join(lines)
    assert "Årsrapport" in text and "Oppmøte" in text and "Rekrutteringshull" in text
    assert "Metode" in text and "Dataversjon" in text


def test_pack_is_landscape_with_one_page_per_focus_area(
    documents: dict[str, bytes], expected: list
) -> None:
    reader = PdfReader(io.BytesIO(documents["pack"]))
    # a cover, the five focus areas and the governance bodies (test_governance_pack.py)
    assert len(reader.pages) == 7
    first = reader.pages[1].mediabox
    assert first.width > first.height
    text = _text(documents["pack"])
    for result in expected:
        assert format_fraction(result.numerator, result.denominator) in text


def test_xlsx_has_the_same_figures(documents: dict[str, bytes], expected: list) -> None:
    workbook = load_workbook(io.BytesIO(documents["xlsx"]))
    assert workbook.sheetnames[:3] == ["Forside", "Indikatorer", "Dekning"]
    sheet = workbook["Indikatorer"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("ID")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    for result in expected:
        row = rows[result.indicator.id]
        assert row[header.index("Teller")] == result.numerator
        assert row[header.index("Nevner")] == result.denominator
        if result.value is None:
            assert row[header.index("Verdi")] is None
        else:
            assert row[header.index("Verdi")] == pytest.approx(result.value)
        # Shares carry a percent format; the count of vacant units never does.
        cell = sheet.cell(list(rows).index(result.indicator.id) + 2, header.index("Verdi") + 1)
        if result.indicator.kind == "share":
            assert "%" in cell.number_format
        else:
            assert "%" not in cell.number_format


def test_documents_hold_no_names(documents: dict[str, bytes], people: set[str]) -> None:
    for output_format in ("pdf", "pack"):
        text = _text(documents[output_format])
        assert not [p for p in people if p in text], output_format
    workbook = load_workbook(io.BytesIO(documents["xlsx"]))
    cells = "\n".join(
        str(c) for s in workbook for r in s.iter_rows(values_only=True) for c in r if c is not None
    )
    assert not [p for p in people if p in cells]


def test_pages_rendered_to_png(documents: dict[str, bytes], tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm missing: `make test` installs Debian's poppler-utils"
    PAGES_DIR.mkdir(exist_ok=True)
    for output_format in ("pdf", "pack"):
        source = tmp_path / f"{output_format}.pdf"
        source.write_bytes(documents[output_format])
        prefix = PAGES_DIR / ("arsrapport" if output_format == "pdf" else "motepakke")
        subprocess.run([pdftoppm, "-r", "60", "-png", str(source), str(prefix)], check=True)
        n_pages = len(PdfReader(io.BytesIO(documents[output_format])).pages)
        pngs = sorted(PAGES_DIR.glob(f"{prefix.name}-*.png"))
        assert len(pngs) == n_pages
        assert all(p.stat().st_size > 2_000 for p in pngs)


def test_report_has_charts(documents: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(documents["pdf"]))
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 5  # three focus areas with shares, coverage, the map, events


def test_report_has_the_map_with_its_legend_and_credit(
    documents: dict[str, bytes], demo_db: Path
) -> None:
    """The map's page: its image, the legend in words of the statuses it shows, and the credit."""
    reader = PdfReader(io.BytesIO(documents["pdf"]))
    [page] = [p for p in reader.pages if "Kart: dekning per kommune" in p.extract_text()]
    assert len(page.images) == 1
    text = page.extract_text()
    assert "Kartgrunnlag: Kartverket, CC BY 4.0" in text
    with Database(demo_db).read() as con:
        content = report.collect(con, Scope(YEAR))
    words = [word for word, _colour in charts.map_legend(content.map_areas)]
    assert words and all(word in text for word in words)


def test_cli_report(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.xlsx"
    result = cli(
        "report",
        "--db",
        str(demo_db),
        "--year",
        "2025",
        "--network-group",
        "SYK-SAND",
        "--format",
        "xlsx",
        "--output",
        str(out),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(out)
    cover = {r[0]: r[1] for r in workbook["Forside"].iter_rows(min_row=2, values_only=True)}
    assert cover["Utvalg"] == "Nettverksgruppe: Sandnes + SUS"  # names, not codes
