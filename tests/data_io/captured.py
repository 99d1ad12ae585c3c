"""Helpers for the tests of data captured in the product (test_capture.py: the annual report
answered by link; test_checkin.py: check-in by QR code): a copy of the demo lake, its figures, and
a file imported as the coordinator would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard.engine import capture
from dashboard.engine.capture import RoundKey
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange import importer
from tests.engine import copy_lake

SECRET = "en-hemmelighet-for-testene-" + "z" * 20
ADDRESS = capture.address_key(SECRET, "192.0.2.10")
ROUND = RoundKey(2026, "sykepleier", "stavanger")


def copied(demo_db: Path, tmp_path: Path, name: str) -> Database:
    """A copy of the demo lake, named `name` in `tmp_path`."""
    return Database(copy_lake(demo_db, tmp_path / name))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def figures(database: Database, year: int, ids: tuple[str, ...] | None = None) -> dict:
    """Each indicator's (numerator, denominator) for the whole region, by id."""
    with database.read() as con:
        card = compute_scorecard(con, Scope(year))
    return {
        r.indicator.id: (r.numerator, r.denominator)
        for r in card.results
        if ids is None or r.indicator.id in ids
    }


def import_text(database: Database, name: str, text: str) -> None:
    database.change(lambda con: importer.import_and_record(con, [(name, text.encode())], "test"))
