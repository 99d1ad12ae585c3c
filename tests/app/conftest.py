"""AppTest helpers: run a page of the real app on its own copy of a database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.engine import db
from tests.engine import add_users, copy_lake

ENTRY = str(Path(__file__).resolve().parents[2] / "dashboard" / "ui" / "app.py")
PAGES = [
    "app_pages/oversikt.py",
    "app_pages/dekning.py",
    "app_pages/oppmote.py",
    "app_pages/rapportering.py",
    "app_pages/ressurspersoner.py",
    "app_pages/data.py",
]


@pytest.fixture
def app_db(demo_db: Path, tmp_path: Path) -> Path:
    """The app opens its database read-write: give it its own copy."""
    return Path(copy_lake(demo_db, tmp_path / "app.lake"))


# The demo's users of each role: (role, network groups).
USERS = {
    "styr@eksempel.no": ("styringsgruppe", ""),
    "leder@eksempel.no": ("nettverksleder", "SYK-SAND"),
    "koord@eksempel.no": ("koordinator", ""),
}


@pytest.fixture
def role_db(app_db: Path) -> Path:
    """The app's copy of the demo with a user of each role (`USERS`)."""
    return add_users(app_db, USERS)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "empty.lake"
    db.connect(path).close()
    return path


@pytest.fixture
def run_page(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    def run(path: Path, page: str, **query_params: str) -> AppTest:
        monkeypatch.setenv("DASHBOARD_LAKE", str(path))
        monkeypatch.setenv("DASHBOARD_DEMO", "1")
        at = AppTest.from_file(ENTRY, default_timeout=120)
        for name, value in query_params.items():
            at.query_params[name] = value
        at.switch_page(page)
        return at.run()

    return run


def html_text(at: AppTest) -> str:
    """The text of the page's HTML blocks (the scorecard, headline tiles, breadcrumb), without
    tags, entities decoded."""
    import html as html_module
    import re

    bodies = [e.proto.body for e in at.get("html")]
    return html_module.unescape(re.sub(r"<[^>]+>", " ", " ".join(bodies)))


def frame_with(at: AppTest, *columns: str):  # type: ignore[no-untyped-def]
    """The first table on the page that has these columns."""
    return next(df.value for df in at.dataframe if set(columns) <= set(df.value.columns))
