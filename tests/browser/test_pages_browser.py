"""Every page in a real Chromium against the real server: no exceptions, a screenshot each; a filter
changes the URL and the figures; a copied URL reproduces the view; a download reads back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.engine.formatting import format_fraction
from tests.browser.conftest import screenshot, wait_for_run
from tests.engine import engine

pytestmark = pytest.mark.browser

PAGES = {
    "oversikt": "Oversikt",
    "dekning": "Dekning og rekruttering",
    "oppmote": "Oppmøte",
    "rapportering": "Årlig rapportering",
    "ressurspersoner": "Ressurspersoner",
    "data": "Data",
}


@pytest.mark.parametrize("url_path", list(PAGES))
def test_every_page_renders(server: str, page: object, url_path: str) -> None:
    page.goto(f"{server}/{url_path}" if url_path != "oversikt" else server)  # type: ignore[attr-defined]
    wait_for_run(page)
    assert page.locator("h1", has_text=PAGES[url_path]).count() == 1  # type: ignore[attr-defined]
    assert page.locator("[data-testid='stException']").count() == 0  # type: ignore[attr-defined]
    assert "Page not found" not in page.inner_text("body")  # type: ignore[attr-defined]
    screenshot(page, f"side_{url_path}")


def _choose(page: object, label: str, option: str) -> None:
    """Pick an option in a Streamlit selectbox the way a person does: click, then click."""
    box = page.locator("[data-testid='stSelectbox']", has_text=label)  # type: ignore[attr-defined]
    box.click()
    page.get_by_role("option", name=option, exact=True).click()  # type: ignore[attr-defined]
    wait_for_run(page)


def _expected(demo_db: Path, **filters: str) -> dict[str, str]:
    results = engine(demo_db, dt.date.today().year, **filters).values()
    return {r.indicator.id: format_fraction(r.numerator, r.denominator) for r in results}


def test_filter_changes_url_and_figures_and_the_link_reproduces_it(
    server: str, page: object, browser: object, demo_db: Path
) -> None:
    everything = _expected(demo_db)
    sandnes = _expected(demo_db, network_group="SYK-SAND")
    page.goto(server)  # type: ignore[attr-defined]
    wait_for_run(page)
    body = page.inner_text("body")  # type: ignore[attr-defined]
    assert everything["meeting_attendance"] in body
    _choose(page, "Nettverksgruppe", "Sandnes + SUS")
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => window.location.search.includes('gruppe=SYK-SAND')", timeout=15_000
    )
    wait_for_run(page)
    body = page.inner_text("body")  # type: ignore[attr-defined]
    assert sandnes["meeting_attendance"] in body
    assert sandnes["meeting_attendance"] != everything["meeting_attendance"]
    copied = page.url  # type: ignore[attr-defined]
    assert parse_qs(urlparse(copied).query)["gruppe"] == ["SYK-SAND"]
    screenshot(page, "oversikt_sandnes")

    # Someone else opens the copied link in a new browser context: the same view.
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="nb-NO")  # type: ignore[attr-defined]
    other = context.new_page()
    other.goto(copied)
    wait_for_run(other)
    other_body = other.inner_text("body")
    assert sandnes["meeting_attendance"] in other_body
    assert sandnes["unit_coverage"] in other_body
    context.close()


def test_download_reads_back_as_the_table_shown(server: str, page: object, demo_db: Path) -> None:
    page.goto(f"{server}/?gruppe=SYK-DSJ")  # type: ignore[attr-defined]
    wait_for_run(page)
    with page.expect_download() as download_info:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Last ned CSV").first.click()  # type: ignore[attr-defined]
    data = Path(download_info.value.path()).read_bytes()
    assert download_info.value.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "Utvalg" and "Nettverksgruppe: Dalane og sør Jæren + SUS" in rows[1][1]
    header, body = rows[4], rows[5:]
    results = engine(demo_db, dt.date.today().year, network_group="SYK-DSJ").values()
    assert len(body) == 16
    by_id = {r[header.index("ID")]: r for r in body}
    for result in results:
        row = by_id[result.indicator.id]
        assert int(row[header.index("Teller")]) == result.numerator
        assert int(row[header.index("Nevner")]) == result.denominator


def test_meeting_mode_hides_the_sidebar(server: str, page: object) -> None:
    page.goto(f"{server}/?mote=1")  # type: ignore[attr-defined]
    wait_for_run(page)
    assert not page.locator("[data-testid='stSidebar']").is_visible()  # type: ignore[attr-defined]
    assert page.locator("[data-testid='stException']").count() == 0  # type: ignore[attr-defined]
    screenshot(page, "oversikt_motemodus")
