"""Two Streamlit processes behind HAProxy on one lake: a session opens
through the proxy; an import through one process is seen through the other without a restart."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.engine.database import Database
from tests.browser.conftest import ROOT, free_port, run_haproxy, running_server, wait_for_run
from tests.engine import cli, copy_lake, engine, table

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shared_lake(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedded lake both processes serve."""
    return copy_lake(demo_db, tmp_path_factory.mktemp("lake") / "shared.lake")


@contextlib.contextmanager
def haproxy(backends: list[str]) -> Iterator[str]:
    """The deployment's own HAProxy configuration in front of the given servers."""
    port = free_port()
    template = (ROOT / "deploy" / "haproxy.cfg.template").read_text()
    servers = "".join(
        f"    server s{i} {url.removeprefix('http://')} check cookie s{i}\n"
        for i, url in enumerate(backends, start=1)
    )
    with run_haproxy(
        template.replace("@PORT@", str(port)).replace("@SERVERS@", servers),
        f"http://127.0.0.1:{port}",
    ):
        yield f"http://127.0.0.1:{port}"


def test_import_through_one_process_is_seen_through_the_other(
    shared_lake: Path, browser: object, demo_db: Path
) -> None:
    year = dt.date.today().year
    vacant = table(demo_db, "vacant_units", year)
    coverage = engine(demo_db, year)["unit_coverage"]
    numerator, denominator = coverage.numerator, coverage.denominator
    member_file = (
        f"member_id;name;profession;unit_id;start_date\n"
        f"SKALA-1;Test Skalering;sykepleier;{vacant.frame['Enhets-ID'].iloc[0]};"
        f"01.01.{year}\n"
    ).encode()
    first_snapshot = Database(shared_lake).snapshot_id()

    with (
        running_server(shared_lake) as first,
        running_server(shared_lake) as second,
        haproxy([first, second]) as proxy,
    ):
        context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="nb-NO")  # type: ignore[attr-defined]
        page = context.new_page()
        # A session through the proxy works (websocket through HAProxy, sticky cookie).
        page.goto(proxy)
        wait_for_run(page)
        assert f"{numerator} av {denominator}" in page.inner_text("body")
        assert any(c["name"] == "DASHBOARD_SERVER" for c in context.cookies())

        # Import through the first process.
        page.goto(f"{first}/data")
        wait_for_run(page)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            files=[{"name": "member.csv", "mimeType": "text/csv", "buffer": member_file}]
        )
        page.get_by_text("Kontrollen fant ingen feil").wait_for(timeout=30_000)
        page.get_by_role("button", name="Bekreft og importer").click()
        page.get_by_text("er lagret").wait_for(timeout=60_000)

        # The second process serves the new figures to new queries, without a restart.
        expected = f"{numerator + 1} av {denominator}"
        deadline = time.monotonic() + 30
        while True:
            page.goto(second)
            wait_for_run(page)
            if expected in page.inner_text("body"):
                break
            assert time.monotonic() < deadline, "the second process never saw the import"
            time.sleep(1)
        context.close()
    assert Database(shared_lake).snapshot_id() > first_snapshot


def test_cli_import_into_the_lake_makes_a_new_snapshot(shared_lake: Path, tmp_path: Path) -> None:
    before = Database(shared_lake).snapshot_id()
    members = tmp_path / "member.csv"
    members.write_text(
        "member_id;name;profession;unit_id;start_date\n"
        "SKALA-2;Cli Person;sykepleier;SUS-AVD01;01.02.2026\n"
    )
    result = cli("import", "--db", str(shared_lake), str(members))
    assert result.returncode == 0, result.stderr
    after = Database(shared_lake).snapshot_id()
    assert after > before
    with Database(shared_lake).read() as con:
        count = con.execute("select count(*) from member where member_id = 'SKALA-2'").fetchall()
    assert count == [(1,)]
    # A bad file makes no snapshot.
    members.write_text("member_id;name;profession;unit_id;start_date\nX;Y;lege;SUS-AVD01;x\n")
    result = cli("import", "--db", str(shared_lake), str(members))
    assert result.returncode == 1
    assert Database(shared_lake).snapshot_id() == after
