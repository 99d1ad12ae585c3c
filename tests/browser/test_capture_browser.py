"""Check-in by QR code and the annual report answered in the product, in a real browser: the
coordinator's page on a desktop, the member's pages on a phone-sized screen (390 × 844). One
server for the module, on a copy of the demo database with three meetings of Sandnes + SUS added
(today, a week ago, in ten days); the test reads the same database file to see what was written.
The rate-limit test runs last: it leaves this address limited for a minute."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.engine import capture
from dashboard.engine.capture import RoundKey
from dashboard.engine.database import Database
from dashboard.exchange import importer, questionnaire
from tests.browser.conftest import running_server, screenshot, wait_for_run
from tests.browser.test_accessibility_browser import axe_violations
from tests.engine import MAIL_MERGE_COLUMNS, REPORTING, copy_lake, engine, sql

pytestmark = pytest.mark.browser

SECRET = "nettleser-testens-hemmelighet-" + "w" * 24
TODAY, PAST, LATER = "TEST-I-DAG", "TEST-FORBI", "TEST-SENERE"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "locale": "nb-NO",
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


def _with_events(demo_db: Path, directory: Path) -> Path:
    """A copy of the demo with the three meetings, imported as a coordinator would."""
    path = Path(copy_lake(demo_db, directory / "demo.lake"))
    today = dt.date.today()  # the server's date, which its as-of date is
    rows = "".join(
        f"{event_id};nettverksmote;{title};{day.isoformat()};sykepleier;SYK-SAND;stavanger\n"
        for event_id, title, day in (
            (TODAY, "Nettverksmøte i dag", today),
            (PAST, "Nettverksmøte forrige uke", today - dt.timedelta(days=7)),
            (LATER, "Nettverksmøte om ti dager", today + dt.timedelta(days=10)),
        )
    )
    data = ("event_id;kind;title;event_date;network;network_group;health_trust\n" + rows).encode()
    Database(path).change(
        lambda con: importer.import_and_record(con, [("event.csv", data)], "test")
    )
    return path


@pytest.fixture(scope="module")
def capture_server(
    demo_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """Demo mode (the coordinator's pages without sign-in), the links' secret from the
    environment."""
    path = _with_events(demo_db, tmp_path_factory.mktemp("capture"))
    with running_server(path, env={capture.SECRET_ENV: SECRET}) as base_url:
        yield base_url, path


def _desktop(browser: object) -> object:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1400, "height": 2400}, locale="nb-NO", accept_downloads=True
    )
    return context.new_page()


def _phone(browser: object) -> object:
    return browser.new_context(**PHONE).new_page()  # type: ignore[attr-defined]


def _expected(path: Path, event_id: str) -> list[tuple[str, str, str]]:
    """(member_id, name, e-mail) of the members expected at the event."""
    return sql(
        path,
        "select distinct x.member_id, m.name, m.email from expected_attendance x"
        " join member m using (member_id) where x.event_id = $e order by 1",
        {"e": event_id},
    )


def _counts(path: Path) -> tuple[int, int]:
    """Attendance rows and import-history rows: what a refused check-in must not change."""
    rows = sql(
        path, "select (select count(*) from attendance), (select count(*) from import_batch)"
    )
    return rows[0]


def _body(page: object) -> str:
    return page.inner_text("body")  # type: ignore[attr-defined]


def _alert(page: object, shown_before: int = 0) -> str:
    """The message of the run a click started: waits for an alert beyond the `shown_before`
    already on the page (a page may show one before the click), then for the run's end."""
    alerts = page.locator("[data-testid='stAlert']")  # type: ignore[attr-defined]
    alerts.nth(shown_before).wait_for(timeout=30_000)
    wait_for_run(page)
    return alerts.last.inner_text()


def _check_in(page: object, link: str, email: str) -> str:
    """Open the link, type the e-mail, press «Sjekk inn»; the message shown."""
    page.goto(link)  # type: ignore[attr-defined]
    wait_for_run(page)
    page.get_by_label("Jobb-e-posten din").fill(email)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sjekk inn").click()  # type: ignore[attr-defined]
    return _alert(page)


def _link(base_url: str, event_id: str) -> str:
    return capture.checkin_link(base_url, capture.checkin_token(SECRET, event_id))


def _qr_link(page: object, base_url: str) -> str:
    """The QR code on the page, decoded."""
    image = page.locator("[data-testid='stImage'] img").first  # type: ignore[attr-defined]
    image.wait_for(timeout=30_000)
    response = page.request.get(urljoin(base_url + "/", image.get_attribute("src")))  # type: ignore[attr-defined]
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.body())))
    assert len(found) == 1
    return found[0].text


def _meeting_tile(page: object) -> tuple[int, int]:
    tile = page.locator(".nk-tile", has_text="Oppmøte på nettverksmøter").first  # type: ignore[attr-defined]
    match = re.search(r"(\d[\d ]*) av (\d[\d ]*)", tile.inner_text())
    assert match, tile.inner_text()
    return int(match.group(1).replace(" ", "")), int(match.group(2).replace(" ", ""))


def test_checkin_by_qr_code_writes_once_and_the_rate_moves_without_a_restart(
    capture_server: tuple[str, Path], browser: object
) -> None:
    base_url, path = capture_server
    coordinator = _desktop(browser)
    coordinator.goto(f"{base_url}/oppmote?del=innsjekk&arrangement={TODAY}")  # type: ignore[attr-defined]
    wait_for_run(coordinator)
    assert "Innsjekkingen er åpen nå" in _body(coordinator)
    before = _meeting_tile(coordinator)
    link = _qr_link(coordinator, base_url)
    assert link.startswith(f"{base_url}/innsjekk?t=")
    assert capture.checkin_event(SECRET, link.split("?t=")[1]) == TODAY
    screenshot(coordinator, "innsjekk_koordinator")

    member_id, name, email = _expected(path, TODAY)[0]
    phone = _phone(browser)
    assert "Oppmøtet ditt er registrert" in _check_in(phone, link, email)
    assert name not in _body(phone)  # the page says nothing about anyone
    assert not axe_violations(phone)
    screenshot(phone, "innsjekk_mobil")
    rows = "select person_id, status from attendance where event_id = $e"
    assert sql(path, rows, {"e": TODAY}) == [(member_id, "møtt")]
    # The same e-mail again (as typed on a phone: capitals, a space): one row still.
    assert "allerede registrert" in _check_in(phone, link, f" {email.upper()}")
    assert sql(path, rows, {"e": TODAY}) == [(member_id, "møtt")]

    # The dashboard, served by the same process all along, counts the new attendance.
    coordinator.reload()  # type: ignore[attr-defined]
    wait_for_run(coordinator)
    assert _meeting_tile(coordinator) == (before[0] + 1, before[1])
    expected = sql(
        path,
        "select count(distinct member_id) from expected_attendance where event_id = $e",
        {"e": TODAY},
    )[0][0]
    coordinator.get_by_text(f"1 av {expected}").first.wait_for(timeout=30_000)  # type: ignore[attr-defined]

    # Meeting mode: the code big on the projector, the count, no names.
    coordinator.goto(f"{base_url}/oppmote?del=innsjekk&arrangement={TODAY}&mote=1")  # type: ignore[attr-defined]
    wait_for_run(coordinator)
    assert _qr_link(coordinator, base_url).split("?t=")[0] == link.split("?t=")[0]
    projected = _body(coordinator)
    assert f"1 av {expected}" in projected and name not in projected
    screenshot(coordinator, "innsjekk_motemodus")
    coordinator.context.close()  # type: ignore[attr-defined]
    phone.context.close()  # type: ignore[attr-defined]


def test_refused_links_and_unknown_emails_write_nothing(
    capture_server: tuple[str, Path], browser: object
) -> None:
    base_url, path = capture_server
    before = _counts(path)
    expected = _expected(path, TODAY)
    names = {name for _m, name, _e in expected}
    phone = _phone(browser)

    said = _check_in(phone, _link(base_url, TODAY), "ukjent.person@eksempel.no")
    assert "Vi fant ikke e-postadressen" in said and "Koordinatoren" in said
    assert not [n for n in names if n in _body(phone)]

    token = capture.checkin_token(SECRET, TODAY)
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    for link, says in (
        (_link(base_url, PAST), "Innsjekkingen er stengt"),  # expired
        (_link(base_url, LATER), "ikke åpnet ennå"),  # a token for another event
        (f"{base_url}/innsjekk?t={forged}", "Lenken er ikke gyldig"),
        # A questionnaire link's token is no check-in token.
        (
            f"{base_url}/innsjekk?t="
            + capture.answer_token(SECRET, RoundKey(2026, "sykepleier", "stavanger"), "M0001"),
            "Lenken er ikke gyldig",
        ),
    ):
        phone.goto(link)  # type: ignore[attr-defined]
        wait_for_run(phone)
        assert says in _body(phone), (link, _body(phone)[:300])
        assert phone.get_by_label("Jobb-e-posten din").count() == 0  # type: ignore[attr-defined]
    assert _counts(path) == before
    # The unknown e-mail waits on the coordinator's page, as typed.
    attempts = sql(path, "select typed_email from checkin_attempt where outcome = 'ukjent'")
    assert ("ukjent.person@eksempel.no",) in attempts
    screenshot(phone, "innsjekk_avvist")
    phone.context.close()  # type: ignore[attr-defined]


def _download(page: object, button_name: str) -> tuple[str, bytes]:
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.get_by_role("button", name=button_name).first.click()  # type: ignore[attr-defined]
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def _reminder_names(page: object, base_url: str) -> str:
    page.goto(f"{base_url}/rapportering?del=mangler")  # type: ignore[attr-defined]
    wait_for_run(page)
    _name, data = _download(page, "Last ned CSV")
    return data.decode("utf-8-sig")


def _answer(page: object, link: str, answers: dict[str, bool], comment: str) -> str:
    page.goto(link)  # type: ignore[attr-defined]
    wait_for_run(page)
    groups = page.locator("[data-testid='stRadio']")  # type: ignore[attr-defined]
    assert groups.count() == len(answers)
    for i, value in enumerate(answers.values()):
        groups.nth(i).get_by_text("Ja" if value else "Nei", exact=True).click()
    page.get_by_label("Er det noe du vil si til nettverket?", exact=False).fill(comment)  # type: ignore[attr-defined]
    shown_before = page.locator("[data-testid='stAlert']").count()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send svar").click()  # type: ignore[attr-defined]
    return _alert(page, shown_before)


def test_questionnaire_answered_in_the_browser_counts_like_an_import_until_closed(
    capture_server: tuple[str, Path], browser: object, demo_db: Path, tmp_path: Path
) -> None:
    base_url, path = capture_server
    coordinator = _desktop(browser)
    coordinator.goto(f"{base_url}/rapportering?del=sporreskjema")  # type: ignore[attr-defined]
    wait_for_run(coordinator)
    coordinator.get_by_role("button", name="Åpne runden for svar i appen").click()  # type: ignore[attr-defined]
    coordinator.get_by_text("Runden er åpen for svar").first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
    wait_for_run(coordinator)
    file_name, data = _download(coordinator, "Last ned fletteliste (CSV)")
    assert file_name.endswith(".csv")
    merge = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert merge and list(merge[0]) == MAIL_MERGE_COLUMNS
    row = next(r for r in merge if r["Har svart"] == "nei")
    link, name = row["Lenke"], row["Navn"]
    round_key, member_id = capture.answer_respondent(SECRET, link.split("?t=")[1])
    assert name in _reminder_names(coordinator, base_url)

    phone = _phone(browser)
    answers = {q: i % 2 == 0 for i, q in enumerate(questionnaire.QUESTIONS)}
    assert "Svarene er lagret" in _answer(phone, link, answers, "Takk for et godt nettverk")
    assert name not in _body(phone)
    assert not axe_violations(phone)
    screenshot(phone, "sporreskjema_mobil")
    report = "select * from annual_report where year = $y and member_id = $m"
    stored = sql(path, report, {"y": round_key.year, "m": member_id})
    assert len(stored) == 1 and stored[0][3:] == tuple(answers.values())
    # Answered in the product = the same answers imported from a file (the same round).
    closes_on, sent_on = sql(
        path,
        "select closes_on, sent_on from reporting_round"
        " where year = $y and network = $n and health_trust = $h",
        {"y": round_key.year, "n": round_key.network, "h": round_key.health_trust},
    )[0]
    imported = Database(copy_lake(demo_db, tmp_path / "imported.lake"))
    files = [
        (
            "reporting_round.csv",
            f"year;network;health_trust;sent_on;closes_on\n{round_key.year};{round_key.network};"
            f"{round_key.health_trust};{sent_on.isoformat()};{closes_on.isoformat()}\n",
        ),
        (
            "annual_report.csv",
            questionnaire.answer_file(round_key.year, member_id, answers, stored[0][2]).decode(),
        ),
    ]
    imported.change(
        lambda con: importer.import_and_record(
            con, [(n, text.encode()) for n, text in files], "test"
        )
    )
    ours = engine(path, round_key.year)
    theirs = engine(imported.path, round_key.year)
    for indicator in REPORTING:
        assert (ours[indicator].numerator, ours[indicator].denominator) == (
            theirs[indicator].numerator,
            theirs[indicator].denominator,
        ), indicator
    # The reminder list no longer has them.
    assert name not in _reminder_names(coordinator, base_url)

    # Changed before the close: the new answers replace the old.
    changed = {**answers, "met_leader": not answers["met_leader"]}
    assert "Svarene er lagret" in _answer(phone, link, changed, "")
    stored = sql(path, report, {"y": round_key.year, "m": member_id})
    assert len(stored) == 1 and stored[0][3:] == tuple(changed.values())

    # The coordinator closes the round: the link is refused, the answers stay.
    coordinator.goto(f"{base_url}/rapportering?del=sporreskjema")  # type: ignore[attr-defined]
    wait_for_run(coordinator)
    coordinator.get_by_text("Ja, steng runden nå", exact=False).click()  # type: ignore[attr-defined]
    coordinator.get_by_role("button", name="Steng runden").click()  # type: ignore[attr-defined]
    coordinator.get_by_text("Runden er stengt").first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
    phone.goto(link)  # type: ignore[attr-defined]
    wait_for_run(phone)
    assert "Rapporteringsrunden er stengt" in _body(phone)
    assert phone.locator("[data-testid='stRadio']").count() == 0  # type: ignore[attr-defined]
    assert len(sql(path, report, {"y": round_key.year, "m": member_id})) == 1
    screenshot(phone, "sporreskjema_stengt")
    coordinator.context.close()  # type: ignore[attr-defined]
    phone.context.close()  # type: ignore[attr-defined]


def test_the_public_pages_need_no_sign_in_where_the_app_serves_nothing_without_it(
    demo_db: Path, browser: object, tmp_path: Path
) -> None:
    """Not demo mode and no sign-in configured: the app serves no data, but a check-in link
    works, with the secret from the secrets file's [capture] section."""
    path = _with_events(demo_db, tmp_path)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[capture]\nsecret = "{SECRET}"\n', encoding="utf-8")
    member_id, _name, email = _expected(path, TODAY)[1]
    with running_server(path, "--secrets.files", str(secrets), demo=False) as base_url:
        phone = _phone(browser)
        phone.goto(base_url)  # type: ignore[attr-defined]
        wait_for_run(phone)
        assert "viser ingen data" in _body(phone)
        assert "Oppmøtet ditt er registrert" in _check_in(phone, _link(base_url, TODAY), email)
        phone.context.close()  # type: ignore[attr-defined]
    assert sql(path, "select person_id from attendance where event_id = $e", {"e": TODAY}) == [
        (member_id,)
    ]


# Counts the runs of the script that end from now on (a check-in's message can be the same as
# the one before it, so the page's text cannot tell a new run from the last).
COUNT_RUNS = """() => {
  window.__runs = 0;
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.target.getAttribute("data-test-script-state") === "notRunning") {
        window.__runs += 1;
      }
    }
  }).observe(document.body, {
    attributes: true, subtree: true, attributeFilter: ["data-test-script-state"]
  });
}"""


def _wait_for_the_run(page: object, runs: int) -> None:
    """Until the page has run `runs` times since COUNT_RUNS. A run the server answers within one
    of the browser's frames may never show as running (React draws the two states as one), so
    after a few seconds without a counted run an idle page counts as having run."""
    try:
        page.wait_for_function(f"() => window.__runs >= {runs}", timeout=4_000)  # type: ignore[attr-defined]
    except PlaywrightTimeout:
        wait_for_run(page)
        page.evaluate(f"() => {{ window.__runs = Math.max(window.__runs, {runs}); }}")  # type: ignore[attr-defined]


def test_thirty_checkins_in_a_minute_from_one_address_hit_the_rate_limit(
    capture_server: tuple[str, Path], browser: object
) -> None:
    base_url, path = capture_server
    phone = _phone(browser)
    phone.goto(_link(base_url, TODAY))  # type: ignore[attr-defined]
    wait_for_run(phone)
    phone.evaluate(COUNT_RUNS)  # type: ignore[attr-defined]
    started = time.monotonic()
    said: list[tuple[float, str]] = []  # (seconds since the first, the message)
    for i in range(30):
        phone.get_by_label("Jobb-e-posten din").fill(f"gjest{i}@eksempel.no")  # type: ignore[attr-defined]
        phone.get_by_role("button", name="Sjekk inn").click()  # type: ignore[attr-defined]
        _wait_for_the_run(phone, i + 1)
        message = phone.locator("[data-testid='stAlert']").last.inner_text()  # type: ignore[attr-defined]
        said.append((time.monotonic() - started, message))
    limit = capture.LIMITS["innsjekk"].per_address
    limited = [i for i, (_at, text) in enumerate(said) if "For mange forsøk" in text]
    assert limited, said[-1]
    first = limited[0]
    assert first <= limit and said[first][0] < 60  # the limit, within the first minute
    assert all("Vi fant ikke" in text for _at, text in said[:first])
    # What counts is a sliding minute: no minute ever held more than the limit of attempts
    # from this address (check-ins of the tests before this one included; as those age out, an
    # attempt may pass again), and a limited attempt wrote nothing.
    hits = [
        t for (t,) in sql(path, "select epoch(hit_at) from capture_hit where kind = 'innsjekk'")
    ]
    assert all(sum(1 for u in hits if t - 60 < u <= t) <= limit for t in hits)
    written = sql(path, "select count(*) from checkin_attempt where typed_email like 'gjest%'")
    assert written == [(30 - len(limited),)]
    screenshot(phone, "innsjekk_begrenset")
    phone.context.close()  # type: ignore[attr-defined]
