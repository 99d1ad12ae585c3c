"""Security against a real server in Chromium, as an attacker would try it (issue 19): sign-in
never fails open, a cookie signed with a placeholder secret gets nothing, names from files stay
text everywhere and make the browser fetch nothing, and a leader sees only the group's prize
draws."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from dashboard.engine import db
from dashboard.engine.text import WORD_JOINER
from tests.browser.conftest import (
    ALL_VIEWS,
    IDENTITY_HEADERS,
    RAW_VALUES,
    ROOT,
    USERS,
    identity_proxy,
    running_server,
    screenshot,
    wait_for_run,
)
from tests.browser.test_roles_browser import _download_text, _page_as
from tests.engine import add_users, copy_lake, sql

pytestmark = pytest.mark.browser

COORDINATOR = "koord@eksempel.no"
PLACEHOLDER = "change-me"
GOOD_SECRET = "k" * 20 + "9Xq2-LmZ7pW4rT8vB1nC6dF3"  # 44 characters, not a placeholder


def _auth(cookie_secret: str, port_hint: str = "http://127.0.0.1:1") -> str:
    """A complete `[auth]` section; the provider is never contacted in these tests."""
    return (
        "[auth]\n"
        f'redirect_uri = "{port_hint}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "nettverksindikatorer"\n'
        'client_secret = "ikke-brukt-i-testen"\n'
        'server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"\n'
    )


def _users_db(demo_db: Path, directory: Path) -> Path:
    return add_users(Path(copy_lake(demo_db, directory / "demo.lake")), USERS)


def _assert_serves_nothing(page: object, base_url: str, people: set[str], says: str) -> None:
    for path in ("", "/ressurspersoner", "/admin", "/data"):
        page.goto(f"{base_url}{path}")  # type: ignore[attr-defined]
        wait_for_run(page)
        body = page.inner_text("body")  # type: ignore[attr-defined]
        assert "viser ingen data" in body and says in body, body[:400]
        assert page.locator("[data-testid='stDataFrame']").count() == 0  # type: ignore[attr-defined]
        assert page.locator("[data-testid='stSidebarNav']").count() == 0  # type: ignore[attr-defined]
        assert not [p for p in people if p in body]


def _people(demo_db: Path) -> set[str]:
    rows = sql(demo_db, "select name, email from member union all select name, email from leader")
    return {value for row in rows for value in row if value}


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("no_file", "Innlogging er ikke satt opp"),
        ("broken_toml", "kan ikke leses"),
        ("missing_keys", "mangler"),
        ("placeholder", "plassholder"),
        ("short_secret", "kortere enn 32 tegn"),
    ],
)
def test_without_a_valid_sign_in_configuration_no_data_is_served(
    demo_db: Path, browser: object, tmp_path: Path, case: str, says: str
) -> None:
    secrets = tmp_path / "secrets.toml"
    if case == "broken_toml":
        secrets.write_text(_auth(GOOD_SECRET).replace("[auth]", "[auth"))
    elif case == "missing_keys":
        secrets.write_text('[auth]\nredirect_uri = "http://127.0.0.1:1/oauth2callback"\n')
    elif case == "placeholder":
        secrets.write_text(_auth(PLACEHOLDER))
    elif case == "short_secret":
        secrets.write_text(_auth("kort-hemmelighet-1234"))
    path = _users_db(demo_db, tmp_path)
    with running_server(path, "--secrets.files", str(secrets), demo=False) as base_url:
        page = _page_as(browser)
        _assert_serves_nothing(page, base_url, _people(demo_db), says)
        screenshot(page, f"sikkerhet_{case}")
        page.context.close()  # type: ignore[attr-defined]
    # The launcher refuses to start at all, with the same one line and exit status 1.
    started = subprocess.run(
        [sys.executable, "-m", "dashboard", "serve", "--secrets.files", str(secrets)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    assert started.stderr.startswith("Starter ikke:") and says in started.stderr
    assert started.stderr.count("\n") == 1 and "Traceback" not in started.stderr


def _forged_cookie(secret: str, email: str, origin: str) -> dict[str, str]:
    """The `_streamlit_user` cookie Streamlit sets after an OpenID Connect sign-in, signed with
    `secret` (what an attacker who knows the secret can make without signing in)."""
    value = json.dumps({"email": email, "origin": origin, "is_logged_in": True})
    signed = create_signed_value(secret, "_streamlit_user", value).decode()
    return {"name": "_streamlit_user", "value": signed, "url": origin}


def _open_with_cookie(browser: object, base_url: str, cookie: dict[str, str]) -> object:
    page = _page_as(browser)
    page.context.add_cookies([cookie])  # type: ignore[attr-defined]
    page.goto(f"{base_url}/ressurspersoner")  # type: ignore[attr-defined]
    wait_for_run(page)
    return page


def test_a_cookie_forged_with_the_placeholder_secret_gets_nothing(
    demo_db: Path, browser: object, tmp_path: Path
) -> None:
    path = _users_db(demo_db, tmp_path)
    people = _people(demo_db)
    # A server still configured with the placeholder from the example file: no data for anyone.
    placeholder = tmp_path / "placeholder.toml"
    with running_server(path, "--secrets.files", str(placeholder), demo=False) as base_url:
        placeholder.write_text(_auth(PLACEHOLDER, base_url))
        page = _open_with_cookie(
            browser, base_url, _forged_cookie(PLACEHOLDER, COORDINATOR, base_url)
        )
        _assert_serves_nothing(page, base_url, people, "plassholder")
        page.context.close()  # type: ignore[attr-defined]
    # A server with a real secret: the same forged cookie is not a sign-in; one signed with the
    # real secret is (so the forgery above was the real thing, refused only for its secret).
    good = tmp_path / "good.toml"
    with running_server(path, "--secrets.files", str(good), demo=False) as base_url:
        good.write_text(_auth(GOOD_SECRET, base_url))
        page = _open_with_cookie(
            browser, base_url, _forged_cookie(PLACEHOLDER, COORDINATOR, base_url)
        )
        body = page.inner_text("body")  # type: ignore[attr-defined]
        assert "Logg inn" in body
        assert page.locator("[data-testid='stDataFrame']").count() == 0  # type: ignore[attr-defined]
        assert not [p for p in people if p in body]
        page.context.close()  # type: ignore[attr-defined]
        page = _open_with_cookie(
            browser, base_url, _forged_cookie(GOOD_SECRET, COORDINATOR, base_url)
        )
        assert page.locator("[data-testid='stDataFrame']").count() > 0  # type: ignore[attr-defined]
        page.context.close()  # type: ignore[attr-defined]


# --- Names from files stay text ---------------------------------------------------------------

EVIL = "evil.invalid"
PAYLOAD = (
    f'<b>fet</b> <a href="http://{EVIL}/a">lenke</a> <img src="http://{EVIL}/i.png"> '
    f"![x](http://{EVIL}/m.png)"
)
# Every column that holds a name that came from a file.
NAMED = (
    ("health_trust", "name"),
    ("municipality", "name"),
    ("network_group", "name"),
    ("unit", "name"),
    ("leader", "name"),
    ("member", "name"),
    ("event", "title"),
)
VIEWS = ["", "?mote=1", *ALL_VIEWS[1:]]  # meeting mode too


@pytest.fixture(scope="module")
def marked_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with the payload appended to every name that came from a file."""
    path = Path(copy_lake(demo_db, tmp_path_factory.mktemp("markup") / "demo.lake"))
    con = db.connect(path)
    for table, column in NAMED:  # constants of this test, not input
        con.execute(f"update {table} set {column} = {column} || ' ' || $p", {"p": PAYLOAD})
    con.close()
    return path


@pytest.fixture(scope="module")
def marked_server(marked_db: Path) -> Iterator[str]:
    with running_server(marked_db) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def marked_browsing(browser: object) -> Iterator[object]:
    """One browser context for the views of the marked demo: each view opens in a page of its
    own, and the app's scripts and styles come from the context's cache after the first."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1400, "height": 2400}, locale="nb-NO"
    )
    yield context
    context.close()


# Attributes that make the browser fetch or follow something, or run it. (A name may be in text
# attributes, as a search box's value or a label; that is still text.)
ATTRIBUTES_NAMING_EVIL = f"""() => Array.from(document.querySelectorAll('*')).flatMap(element =>
    Array.from(element.attributes)
        .filter(a => ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'poster',
                      'style', 'data', 'background'].includes(a.name) || a.name.startsWith('on'))
        .filter(a => a.value.includes('{EVIL}'))
        .map(a => element.tagName + ' ' + a.name + '=' + a.value.slice(0, 200)))"""
TEXT_OF_CHARTS = """() => Array.from(document.querySelectorAll('svg text'))
    .map(t => t.textContent).join('\\n')"""


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v or "oversikt")
def test_names_with_markup_show_as_literal_text_and_fetch_nothing(
    marked_server: str, marked_browsing: object, view: str
) -> None:
    page = marked_browsing.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))  # type: ignore[attr-defined]
    joiner = "&" if "?" in view else "?"
    page.goto(f"{marked_server}/{view}{joiner}gruppe=SYK-SAND")  # type: ignore[attr-defined]
    wait_for_run(page)
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # charts finish drawing
    assert page.locator("[data-testid='stException']").count() == 0  # type: ignore[attr-defined]
    # Under the group filter no missing value shows raw («nan %», «None»).
    assert not RAW_VALUES.findall(page.inner_text("body")), view  # type: ignore[attr-defined]
    # Nothing from a name became an element or an attribute.
    assert page.evaluate(ATTRIBUTES_NAMING_EVIL) == []  # type: ignore[attr-defined]
    assert page.locator("b:text-is('fet'), strong:text-is('fet')").count() == 0  # type: ignore[attr-defined]
    # It shows as typed: in the text of the page (the selection line names the group) and in
    # the charts' labels and hover text.
    text = page.inner_text("body") + page.evaluate(TEXT_OF_CHARTS)  # type: ignore[attr-defined]
    text = text.replace(WORD_JOINER, "")  # invisible, keeps addresses in Markdown from linking
    assert "<b>fet</b>" in text and f"![x](http://{EVIL}/m.png)" in text, view
    outside = [url for url in requests if not url.startswith(marked_server) and EVIL in url]
    elsewhere = [
        url for url in requests if not url.startswith((marked_server, "data:", "blob:", "about:"))
    ]
    assert outside == [] and elsewhere == [], (outside, elsewhere)
    page.close()  # type: ignore[attr-defined]


def test_names_with_markup_are_literal_in_the_report(marked_db: Path, tmp_path: Path) -> None:
    marked_db = Path(copy_lake(marked_db, tmp_path / "rapport.lake"))  # the server has it open
    year = sql(marked_db, "select max(year(event_date)) from event")[0][0]
    output = tmp_path / "rapport.pdf"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "report",
            "--db",
            str(marked_db),
            "--year",
            str(year),
            "--format",
            "pdf",
            "--output",
            str(output),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdftotext = shutil.which("pdftotext") or "/usr/bin/pdftotext"
    text = subprocess.run(
        [pdftotext, "-layout", str(output), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "<b>fet</b>" in flat
    assert f"http://{EVIL}/a" in flat  # the link's text, not a link
    links = subprocess.run(
        [shutil.which("pdfinfo") or "/usr/bin/pdfinfo", "-url", str(output)],
        capture_output=True,
        text=True,
    ).stdout
    assert EVIL not in links  # no clickable link made from a name


# --- Prize draws by access ----------------------------------------------------------------------

DRAWS = {"SYK-SAND": 424242, "SYK-STAV": 737373}


def test_a_leader_sees_only_the_groups_prize_draws(
    demo_db: Path, browser: object, tmp_path: Path
) -> None:
    path = _users_db(demo_db, tmp_path)
    con = db.connect(path)
    years = db.run(con, "data_years")["year"].tolist()
    for year in years:
        for group, seed in DRAWS.items():
            con.execute(
                "insert into prize_draw (draw_id, year, drawn_at, drawn_by, seed, n_candidates,"
                " winners, filters, network_group) values ((select coalesce(max(draw_id), 0) + 1"
                " from prize_draw), $y, now(), 'Trekker', $s, 5, 'M1', '', $g)",
                {"y": year, "s": seed, "g": group},
            )
    con.close()
    headers = json.dumps(IDENTITY_HEADERS)
    leader = "leder@eksempel.no"
    with (
        running_server(path, "--server.trustedUserHeaders", headers, demo=False) as base_url,
        identity_proxy(base_url, [leader, COORDINATOR]) as urls,
    ):
        seen = {}
        for email in (leader, COORDINATOR):
            page = _page_as(browser)
            page.goto(f"{urls[email]}/oppmote?del=premie")  # type: ignore[attr-defined]
            wait_for_run(page)
            buttons = page.locator("[data-testid='stDownloadButton'] button")  # type: ignore[attr-defined]
            seen[email] = "\n".join(
                _download_text(page, buttons.nth(i)) for i in range(buttons.count())
            )
            page.context.close()  # type: ignore[attr-defined]
    assert str(DRAWS["SYK-SAND"]) in seen[leader]
    assert str(DRAWS["SYK-STAV"]) not in seen[leader]
    # The coordinator sees both: the draws were there to be seen.
    assert str(DRAWS["SYK-SAND"]) in seen[COORDINATOR]
    assert str(DRAWS["SYK-STAV"]) in seen[COORDINATOR]
