"""Shared fixtures: the demo database, built once per test run from the real generator."""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner

from dashboard.demo.network import build_demo
from dashboard.demo.scale import build_scaled
from dashboard.engine import database

# Every AppTest scans the installed packages for Streamlit components (about 1 s: 350 packages'
# metadata parsed) before its first run; the packages do not change during a test run, so the
# scan is made once. A server started by a browser test scans for itself.
manifest_scanner.scan_component_manifests = functools.cache(
    manifest_scanner.scan_component_manifests
)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built demo database (read it; copy it before writing)."""
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.lake")


@pytest.fixture(scope="session")
def national_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The national-size database (`demo --scale national`), built once per test run, and the
    seconds its build took (read it; copy it before writing)."""
    started = time.perf_counter()
    path = build_scaled(tmp_path_factory.mktemp("national") / "national.lake", "national")
    return path, time.perf_counter() - started


@pytest.fixture(autouse=True)
def _replicas_follow_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that writes to a lake behind `Database`'s back (through `db.connect`, or a server
    or the CLI in another process) reads it again at once: the replicas ask the lake at every
    read, not twice a second, and follow it before the read."""
    monkeypatch.setattr(database, "POLL_SECONDS", 0.0)
    monkeypatch.setattr(database, "FOLLOW_AT_ONCE", True)
