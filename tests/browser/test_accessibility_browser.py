"""WCAG 2.1 A and AA, checked by axe-core (the npm package, run inside each page) on every page
and section, as every role: 0 violations. An empty Streamlit page has none either; the product
must not add any."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import AXE, wait_for_run

pytestmark = pytest.mark.browser

VIEWS = {
    "styr@eksempel.no": [
        "",
        "?mote=1",
        *(
            f"dekning?del={d}"
            for d in ("kommuner", "grupper", "enheter", "fysio", "slutter", "turnover")
        ),
        *(
            f"oppmote?del={d}"
            for d in ("arrangementer", "steder", "hvem", "premie", "ledere", "intro")
        ),
        "rapportering?del=svar",
        "rapportering?del=mangler",
    ],
    "leder@eksempel.no": [
        "?gruppe=SYK-SAND",
        "dekning?del=enheter&gruppe=SYK-SAND",
        "oppmote?del=hvem&gruppe=SYK-SAND",
        "oppmote?del=premie&gruppe=SYK-SAND",
        "rapportering?del=mangler&gruppe=SYK-SAND",
        "ressurspersoner?gruppe=SYK-SAND",
    ],
    "koord@eksempel.no": ["ressurspersoner", "data", "admin", "dekning?del=enheter&kommune=1108"],
    "ukjent@eksempel.no": [""],
    None: ["", "?side=tilgjengelighet"],
}


def axe_violations(page: object) -> list[dict]:
    """Run axe-core in the page for WCAG 2.0/2.1 A and AA; the violations found."""
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    return page.evaluate(  # type: ignore[attr-defined]
        """async () => {
            const result = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return result.violations.map(v => ({id: v.id, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )


@pytest.mark.parametrize("who", list(VIEWS), ids=lambda w: w or "anonym")
def test_no_wcag_violations_on_any_page_for_any_role(
    signed_server: dict, browser: object, who: str | None
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="nb-NO")  # type: ignore[attr-defined]
    page = context.new_page()
    found = {}
    for view in VIEWS[who]:
        page.goto(f"{signed_server[who]}/{view}")
        wait_for_run(page)
        page.wait_for_timeout(500)  # charts and tables finish drawing
        violations = axe_violations(page)
        if violations:
            found[view] = violations
    context.close()
    assert not found, found


def test_an_empty_streamlit_page_has_none_either(browser: object, tmp_path: Path) -> None:
    """The floor: Streamlit itself passes, so every violation above would be ours."""
    from tests.browser.conftest import ROOT, running_server

    with running_server(
        tmp_path / "unused.lake", demo=True, script=ROOT / "bench" / "empty_app.py"
    ) as url:
        context = browser.new_context(locale="nb-NO")  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(url)
        wait_for_run(page)
        assert axe_violations(page) == []
        context.close()


@pytest.mark.parametrize(
    ("who", "view"),
    [(None, ""), ("styr@eksempel.no", "dekning?del=kommuner"), ("koord@eksempel.no", "data")],
    ids=["anonym", "styringsgruppe", "koordinator"],
)
def test_every_page_links_to_the_accessibility_statement(
    signed_server: dict, browser: object, who: str | None, view: str
) -> None:
    """The footer's link opens the statement, in Uutilsynet's structure, for anyone."""
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="nb-NO")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{signed_server[who]}/{view}")
    wait_for_run(page)
    link = page.locator("footer a", has_text="Tilgjengelighetserklæring")
    assert link.count() == 1
    link.click()
    page.wait_for_function(
        "() => window.location.search.includes('side=tilgjengelighet')", timeout=15_000
    )
    wait_for_run(page)
    page.get_by_role("heading", name="Tilgjengelighetserklæring").wait_for(timeout=15_000)
    text = page.inner_text("body")
    for heading in (
        "Dette er i samsvar med kravene",
        "Dette er ikke i samsvar med kravene ennå",
        "Meld fra om et problem",
        "Klage",
    ):
        assert heading in text
    assert "uutilsynet.no" in text
    assert page.locator("[data-testid='stDataFrame']").count() == 0  # no data here
    context.close()
