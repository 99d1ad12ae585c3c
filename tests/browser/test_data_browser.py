"""Upload a file on the Data page in a real browser: preview, confirm, and the figures change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.browser.conftest import screenshot, upload, wait_for_run
from tests.engine import engine, table

pytestmark = pytest.mark.browser


def _coverage_text(page: object) -> str:
    row = page.locator(  # type: ignore[attr-defined]
        "[data-testid='stDataFrame']", has_text="Enheter med ressurssykepleier"
    )
    return row.inner_text()


def test_upload_preview_confirm_and_see_the_figures_change(
    writable_server: str, page: object, demo_db: Path
) -> None:
    server = writable_server
    year = dt.date.today().year
    vacant = table(demo_db, "vacant_units", year)
    coverage = engine(demo_db, year)["unit_coverage"]
    numerator, denominator = coverage.numerator, coverage.denominator
    unit_id = vacant.frame["Enhets-ID"].iloc[0]
    member_file = (
        "member_id;name;profession;unit_id;start_date\n"
        f"NY-0001;Test Testesen;sykepleier;{unit_id};01.01.{year}\n"
    ).encode()

    page.goto(server)  # type: ignore[attr-defined]
    wait_for_run(page)
    assert "Enheter med ressurssykepleier" in page.inner_text("body")  # type: ignore[attr-defined]

    upload(page, server, "member.csv", member_file, "Kontrollen fant ingen feil")
    body = page.inner_text("body")  # type: ignore[attr-defined]
    assert "1 nye, 0 endret, 0 avvist" in body
    screenshot(page, "data_preview")
    page.get_by_role("button", name="Bekreft og importer").click()  # type: ignore[attr-defined]
    page.get_by_text("er lagret").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    wait_for_run(page)
    assert page.locator("[data-testid='stException']").count() == 0  # type: ignore[attr-defined]
    screenshot(page, "data_imported")

    page.goto(server)  # type: ignore[attr-defined]
    wait_for_run(page)
    page.get_by_text("Enheter med ressurssykepleier").first.wait_for()  # type: ignore[attr-defined]
    text = page.inner_text("body")  # type: ignore[attr-defined]
    assert f"{numerator + 1} av {denominator}" in text, f"expected {numerator + 1} av {denominator}"


def test_bad_upload_shows_the_problems(writable_server: str, page: object) -> None:
    server = writable_server
    bad = b"member_id;name;profession;unit_id;start_date\nX1;Kari;lege;NOWHERE;31.02.2026\n"
    upload(page, server, "member.csv", bad, "Ingenting er importert")
    assert page.get_by_role("button", name="Bekreft og importer").count() == 0  # type: ignore[attr-defined]
    assert page.locator("[data-testid='stException']").count() == 0  # type: ignore[attr-defined]
    screenshot(page, "data_problems")
