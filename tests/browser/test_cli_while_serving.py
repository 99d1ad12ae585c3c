"""The command line on the database the app is serving (as `make run` serves it): reading,
exporting and importing all work while the app runs, and the app shows the imported change on
its next page run, without a restart."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from tests.browser.conftest import running_server, wait_for_run
from tests.engine import cli, copy_lake, engine, table

pytestmark = pytest.mark.browser


def test_cli_reads_exports_and_imports_while_the_app_serves(
    demo_db: Path, browser: object, tmp_path: Path
) -> None:
    path = Path(copy_lake(demo_db, tmp_path / "demo.lake"))
    year = dt.date.today().year
    coverage = engine(path, year)["unit_coverage"]
    vacant_unit = table(path, "vacant_units", year).frame["Enhets-ID"].iloc[0]
    member_file = tmp_path / "member.csv"
    member_file.write_text(
        "member_id;name;profession;unit_id;start_date\n"
        f"CLI-1;Kari Kommandolinje;sykepleier;{vacant_unit};01.01.{year}\n",
        encoding="utf-8",
    )
    with running_server(path) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="nb-NO")  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(server)
        wait_for_run(page)
        before = f"{coverage.numerator} av {coverage.denominator}"
        assert before in page.inner_text("body")

        read = cli("indicators", "--db", str(path), "--year", str(year), "--format", "json")
        assert read.returncode == 0, read.stderr
        exported = cli(
            "export",
            "unit",
            "--db",
            str(path),
            "--format",
            "csv",
            "--output",
            str(tmp_path / "unit.csv"),
        )
        assert exported.returncode == 0, exported.stderr
        imported = cli("import", "--db", str(path), str(member_file))
        assert imported.returncode == 0, imported.stderr

        # The server's replica follows the lake within a second or so: a reload soon after
        # shows the new figure, without a restart.
        after = f"{coverage.numerator + 1} av {coverage.denominator}"
        deadline = time.monotonic() + 20
        while True:
            page.reload()
            wait_for_run(page)
            if after in page.inner_text("body") or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert after in page.inner_text("body")
        context.close()
