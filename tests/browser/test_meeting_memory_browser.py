"""Meeting memory in a real browser, signed in through the identity proxy: a coordinator records a
decision on an indicator, sees it marked on the indicator's trend and listed under the scorecard,
makes the meeting pack and finds it there; freezes the figures for a meeting and opens them; a
steering-group member who is not in the register reads the decision but cannot write one."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import screenshot, signed_in, wait_for_run
from tests.engine import add_users, copy_lake

pytestmark = pytest.mark.browser

USERS = {"styr@eksempel.no": ("styringsgruppe", ""), "koord@eksempel.no": ("koordinator", "")}
NOTE = "Rekruttere ressurssykepleiere i <b>Sandnes</b> før sommeren"


@pytest.fixture(scope="module")
def urls(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A server of its own (the test writes), behind a proxy per identity."""
    path = add_users(
        Path(copy_lake(demo_db, tmp_path_factory.mktemp("memory") / "demo.lake")), USERS
    )
    with signed_in(path, list(USERS)) as by_email:
        yield by_email


def _page(browser: object) -> object:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1400, "height": 2400}, locale="nb-NO", accept_downloads=True
    )
    return context.new_page()


def test_a_decision_is_marked_on_the_trend_and_in_the_pack(
    urls: dict, browser: object, tmp_path: Path
) -> None:
    page = _page(browser)
    page.goto(f"{urls['koord@eksempel.no']}/?gruppe=SYK-SAND")  # type: ignore[attr-defined]
    wait_for_run(page)
    tile = page.locator("#tile-unit_coverage")  # type: ignore[attr-defined]
    assert tile.locator(".nk-noted").count() == 0
    frames = page.locator("[data-testid='stDataFrame']")  # type: ignore[attr-defined]
    tables_before = frames.count()
    assert page.get_by_text("Ingen vedtak er skrevet").count() == 1  # type: ignore[attr-defined]

    page.get_by_text("Skriv et vedtak").click()  # type: ignore[attr-defined]
    page.get_by_label("Vedtak", exact=True).fill(NOTE)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Lagre vedtaket").click()  # type: ignore[attr-defined]
    page.get_by_text("Vedtaket er lagret.").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    wait_for_run(page)

    # The trend's bar of this year carries the mark, and the tile says it in words.
    assert tile.locator(".nk-bar.nk-noted").count() == 1
    assert "Vedtak om indikatoren" in tile.inner_text()
    assert frames.count() == tables_before + 1  # the decisions' table
    assert page.get_by_text("Ingen vedtak er skrevet").count() == 0  # type: ignore[attr-defined]
    body = page.content()  # type: ignore[attr-defined]
    assert "<b>Sandnes</b>" not in body  # the note is text, never markup
    screenshot(page, "vedtak")

    page.get_by_role("button", name="Lag møtepakke (pdf, liggende)").click()  # type: ignore[attr-defined]
    download = page.get_by_role("button", name="Last ned møtepakke (pdf, liggende)")  # type: ignore[attr-defined]
    download.wait_for(timeout=120_000)
    with page.expect_download() as info:  # type: ignore[attr-defined]
        download.click()
    pack = tmp_path / "pakke.pdf"
    info.value.save_as(pack)
    text = subprocess.run(
        ["pdftotext", str(pack), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Vedtak om indikatorene" in text
    assert "<b>Sandnes</b>" in " ".join(text.split())  # «…i <b>Sandnes</b> før…», as written

    # Freeze the figures for the December meeting and open them: every page says so. (The
    # download starts no page run; a run still going would close the list opened meanwhile.)
    wait_for_run(page)
    page.get_by_label("Møte", exact=True).first.click()  # type: ignore[attr-defined]
    page.get_by_role("option", name="Fagrådsmøte desember").first.click()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Frys tallene").click()  # type: ignore[attr-defined]
    page.get_by_text("Tallene er frosset for møtet").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    wait_for_run(page)
    page.get_by_role("link", name="Fagrådsmøte desember").first.click()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => window.location.search.includes('frosset=')", timeout=15_000
    )
    wait_for_run(page)
    assert "Tall slik de var på møtet 10.12." in page.inner_text("body")  # type: ignore[attr-defined]
    assert "«Da» er tallene møtet så" in page.inner_text("body")  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


def test_a_steering_group_member_without_write_rights_cannot_add_one(
    urls: dict, browser: object
) -> None:
    page = _page(browser)
    page.goto(f"{urls['styr@eksempel.no']}/?gruppe=SYK-SAND")  # type: ignore[attr-defined]
    wait_for_run(page)
    text = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Vedtak og møter" in text
    assert page.get_by_text("Skriv et vedtak").count() == 0  # type: ignore[attr-defined]
    assert page.get_by_role("button", name="Frys tallene").count() == 0  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
