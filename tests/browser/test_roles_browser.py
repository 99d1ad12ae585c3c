"""Sign-in as each role in a real browser. The identity comes from trusted headers that only this
test server is configured to accept (`server.trustedUserHeaders`; never in production), set by an
HAProxy in front of it as a real deployment's proxy would: Chromium does not send a page's extra
HTTP headers on the websocket, where Streamlit reads them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import NAVIGATION, UNKNOWN, screenshot, wait_for_run
from tests.engine import sql

pytestmark = pytest.mark.browser


def _page_as(browser: object) -> object:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1400, "height": 2400}, locale="nb-NO", accept_downloads=True
    )
    return context.new_page()


def _navigation(page: object) -> list[str]:
    links = page.locator("[data-testid='stSidebarNav'] a")  # type: ignore[attr-defined]
    return [links.nth(i).inner_text().strip().split("\n")[-1] for i in range(links.count())]


@pytest.mark.parametrize("email", list(NAVIGATION))
def test_each_role_gets_its_navigation(signed_server: dict, browser: object, email: str) -> None:
    page = _page_as(browser)
    page.goto(signed_server[email])  # type: ignore[attr-defined]
    wait_for_run(page)
    assert _navigation(page) == NAVIGATION[email]
    assert page.locator("[data-testid='stException']").count() == 0  # type: ignore[attr-defined]
    screenshot(page, f"rolle_{email.split('@')[0]}")
    page.context.close()  # type: ignore[attr-defined]


def test_unknown_user_sees_no_access_page(signed_server: dict, browser: object) -> None:
    page = _page_as(browser)
    page.goto(signed_server[UNKNOWN])  # type: ignore[attr-defined]
    wait_for_run(page)
    assert "har ikke fått tilgang" in page.inner_text("body")  # type: ignore[attr-defined]
    assert page.locator("[data-testid='stDataFrame']").count() == 0  # type: ignore[attr-defined]
    # A restricted page opened directly by its address shows the same, nothing more.
    page.goto(f"{signed_server[UNKNOWN]}/ressurspersoner")  # type: ignore[attr-defined]
    wait_for_run(page)
    assert page.locator("[data-testid='stDataFrame']").count() == 0  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


def test_identity_sent_by_the_browser_is_ignored(signed_server: dict, browser: object) -> None:
    """The proxy removes identity headers a visitor sends: forging one gets nothing."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1400, "height": 2400},
        locale="nb-NO",
        extra_http_headers={"X-Test-Email": "koord@eksempel.no", "X-Test-Name": "Falsk"},
    )
    page = context.new_page()
    page.goto(f"{signed_server[None]}/ressurspersoner")
    wait_for_run(page)
    assert "Logg inn" in page.inner_text("body") or "ikke fått tilgang" in page.inner_text("body")
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    context.close()


def _download_text(page: object, button: object) -> str:
    with page.expect_download() as info:  # type: ignore[attr-defined]
        button.click()  # type: ignore[attr-defined]
    data = Path(info.value.path()).read_bytes()
    if info.value.suggested_filename.endswith(".xlsx"):
        workbook = load_workbook(io.BytesIO(data))
        return "\n".join(
            str(cell)
            for sheet in workbook
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return "\n".join(
        ";".join(r) for r in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    )


def test_steering_group_downloads_hold_no_names(
    signed_server: dict, browser: object, demo_db: Path
) -> None:
    rows = sql(demo_db, "select name, email from member union all select name, email from leader")
    people = {v for row in rows for v in row if v}
    page = _page_as(browser)
    n_downloads = 0
    paths = [
        "",
        *(f"/dekning?del={d}" for d in ("kommuner", "grupper", "enheter", "fysio", "turnover")),
        *(f"/oppmote?del={d}" for d in ("arrangementer", "steder", "premie")),
        *(f"/rapportering?del={d}" for d in ("svar", "mangler")),
    ]
    for path in paths:
        page.goto(f"{signed_server['styr@eksempel.no']}{path}")  # type: ignore[attr-defined]
        wait_for_run(page)
        buttons = page.locator("[data-testid='stDownloadButton'] button")  # type: ignore[attr-defined]
        for i in range(buttons.count()):
            text = _download_text(page, buttons.nth(i))
            n_downloads += 1
            leaked = sorted(p for p in people if p in text)
            assert not leaked, (path, i, leaked[:3])
        body = page.inner_text("body")  # type: ignore[attr-defined]
        assert not [p for p in people if p in body]
    assert n_downloads >= 10
    page.context.close()  # type: ignore[attr-defined]
