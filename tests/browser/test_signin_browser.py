"""Sign-in for real (issue 15): `st.login` against a local OpenID Connect provider started by the
test (`tests/browser/oidc.py`), in a real Streamlit server that is not in demo mode and reads a
secrets file written for this test only. A steering-group member and a network-group leader each
sign in through the provider's own pages, see what their role may see and nothing more, and sign
out again."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import (
    NAVIGATION,
    page_sections,
    running_server,
    screenshot,
    wait_for_run,
)
from tests.browser.oidc import confirm_sign_out, oidc_provider, sign_in, write_secrets
from tests.engine import add_users, copy_lake, sql

pytestmark = [
    pytest.mark.browser,
    # The provider, on a thread of this process, uses Authlib APIs that Authlib calls deprecated.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib"),
]

STEERING = "styr@eksempel.no"
LEADER = "leder@eksempel.no"
GROUP = "SYK-SAND"
USERS = {STEERING: ("styringsgruppe", ""), LEADER: ("nettverksleder", GROUP)}
# What the provider says about each user: the app finds the role by the e-mail claim.
CLAIMS = {
    STEERING: {"email": STEERING, "name": "Siri Styring"},
    LEADER: {"email": LEADER.upper(), "name": "Leif Leder"},  # the app lower-cases e-mails
}
PEOPLE = "select name, email from member union all select name, email from leader"
GROUP_PEOPLE = """
    select m.name, m.email from member as m join unit as u using (unit_id)
    where u.network_group = $group
    union all
    select l.name, l.email from leader as l join unit as u using (unit_id)
    where u.network_group = $group
"""


@pytest.fixture(scope="module")
def signin(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The provider and the app server signing in with it: (app URL, provider URL)."""
    directory = tmp_path_factory.mktemp("signin")
    path = add_users(Path(copy_lake(demo_db, directory / "demo.lake")), USERS)
    with oidc_provider(CLAIMS) as issuer:
        secrets = write_secrets(directory / "secrets.toml", issuer)
        with running_server(path, "--secrets.files", str(secrets), demo=False) as app:
            yield app, issuer


@pytest.fixture(scope="module")
def people(demo_db: Path) -> tuple[set[str], set[str]]:
    """Names and e-mails of every member and leader; those of the leader's own group."""
    everyone = {v for row in sql(demo_db, PEOPLE) for v in row if v}
    own = {v for row in sql(demo_db, GROUP_PEOPLE, {"group": GROUP}) for v in row if v}
    assert len(own) > 20 and len(everyone - own) > 100
    return everyone, own


def _navigation(page: object) -> list[str]:
    links = page.locator("[data-testid='stSidebarNav'] a")  # type: ignore[attr-defined]
    return [links.nth(i).inner_text().strip().split("\n")[-1] for i in range(links.count())]


def _open(page: object, url: str | None = None, signed_in_as: str = "") -> str:
    """The page's text once the script has run (`url`: go there first). `signed_in_as`: the
    role the sidebar names, which the script draws before the page itself."""
    if url is not None:
        page.goto(url)  # type: ignore[attr-defined]
    if signed_in_as:
        who = page.get_by_text(f"Innlogget som {signed_in_as}")  # type: ignore[attr-defined]
        who.wait_for(timeout=30_000)
    wait_for_run(page)
    errors = page.locator("[data-testid='stException']")  # type: ignore[attr-defined]
    assert errors.count() == 0, (page.url, errors.all_inner_texts())  # type: ignore[attr-defined]
    return page.inner_text("body")  # type: ignore[attr-defined]


def _assert_welcome(page: object) -> None:
    """A visitor's page: «Velkommen» (ingen_tilgang.py), the only page a visitor gets, so no
    navigation; «Logg inn» and no «Logg ut»."""
    page.get_by_role("button", name="Logg inn").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    body = _open(page)
    assert "Logg inn med jobbkontoen din" in body
    assert page.locator("[data-testid='stSidebarNav']").count() == 0  # type: ignore[attr-defined]
    assert page.get_by_role("button", name="Logg ut").count() == 0  # type: ignore[attr-defined]


def _sign_in(browser: object, signin: tuple[str, str], email: str) -> object:
    """A fresh browser that opens the app, gets the welcome page and signs in as `email` through
    the provider's authorization page. Returns the signed-in page."""
    app, issuer = signin
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1400, "height": 2400}, locale="nb-NO", accept_downloads=True
    )
    page = context.new_page()
    page.goto(app)
    _assert_welcome(page)
    page.get_by_role("button", name="Logg inn").click()
    sign_in(page, issuer, email)
    assert page.url.startswith(f"{app}/")
    page.get_by_role("button", name="Logg ut").wait_for(timeout=30_000)
    sidebar = _open(page, signed_in_as=USERS[email][0])
    assert email in sidebar
    assert _navigation(page) == NAVIGATION[email]
    return page


def _sign_out(page: object, signin: tuple[str, str], everyone: set[str]) -> None:
    """«Logg ut», confirmed at the provider: back to the welcome page, the sign-in cookies gone,
    and the person register's address shows no table and no names."""
    app, issuer = signin
    page.get_by_role("button", name="Logg ut").click()  # type: ignore[attr-defined]
    confirm_sign_out(page, issuer)
    assert page.url.startswith(f"{app}/")  # type: ignore[attr-defined]
    _assert_welcome(page)
    cookies = page.context.cookies()  # type: ignore[attr-defined]
    assert not [c["name"] for c in cookies if c["name"].startswith("_streamlit_user")]
    body = _open(page, f"{app}/ressurspersoner")
    assert "Logg inn" in body
    assert "Registeret over ressurspersoner" not in body
    assert page.locator("[data-testid='stDataFrame']").count() == 0  # type: ignore[attr-defined]
    assert not [p for p in everyone if p in body]
    page.context.close()  # type: ignore[attr-defined]


def test_steering_group_signs_in_sees_figures_without_people_and_signs_out(
    signin: tuple[str, str], browser: object, people: tuple[set[str], set[str]]
) -> None:
    app, _ = signin
    everyone, _ = people
    page = _sign_in(browser, signin, STEERING)
    screenshot(page, "innlogget_styringsgruppe")
    # The person register opened by its address: refused («page not found»), no names.
    body = _open(page, f"{app}/ressurspersoner", "styringsgruppe")
    assert "Registeret over ressurspersoner" not in body
    assert not [p for p in everyone if p in body]
    # Every page and every section of it.
    urls = [
        app,
        *(f"{app}/dekning?del={d}" for d in page_sections("dekning")),
        *(f"{app}/oppmote?del={d}" for d in page_sections("oppmote")),
        *(f"{app}/rapportering?del={d}" for d in page_sections("rapportering")),
    ]
    for url in urls:
        body = _open(page, url, "styringsgruppe")
        leaked = sorted(p for p in everyone if p in body)
        assert not leaked, (url, leaked[:3])
    _sign_out(page, signin, everyone)


def test_network_leader_signs_in_sees_own_group_only_and_signs_out(
    signin: tuple[str, str], browser: object, people: tuple[set[str], set[str]], demo_db: Path
) -> None:
    app, _ = signin
    everyone, own = people
    others = everyone - own
    page = _sign_in(browser, signin, LEADER)
    body = _open(page, f"{app}/ressurspersoner", "nettverksleder")
    assert "vises ikke (ingen tilgang)" in body  # the other groups' rows are held back
    assert page.locator("[data-testid='stDataFrame']").count() == 1
    assert not sorted(p for p in others if p in body)
    screenshot(page, "innlogget_nettverksleder_ressurspersoner")

    # The register as the table shows it (a canvas; its «Last ned CSV» holds exactly its rows).
    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned CSV").click()
    wait_for_run(page)
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    table = text.split("\r\n\r\n", 1)[1]  # after the lines saying what the file is
    rows = list(csv.DictReader(io.StringIO(table), delimiter=";"))
    group_name = sql(demo_db, "select name from network_group where code = $g", {"g": GROUP})
    assert rows
    assert {r["Nettverksgruppe"] for r in rows} == {group_name[0][0]}
    assert {r["Navn"] for r in rows} <= own
    assert {r["E-post"] for r in rows} - {""} <= own
    assert not sorted(p for p in others if p in text)

    # «Velg person» offers the people of the leader's own group, and only them.
    picker = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(
        has_text="Velg person"
    )
    picker.click()
    options = page.locator("[role='option']")
    options.first.wait_for(state="visible")
    offered = options.all_inner_texts()
    assert offered
    assert all(any(text.startswith(f"{name} (") for name in own) for text in offered), offered
    assert not [p for p in others if any(p in text for text in offered)]
    page.keyboard.press("Escape")

    _sign_out(page, signin, everyone)
