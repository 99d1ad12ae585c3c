"""Shared fixtures: the demo database, built once per test run from the real generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.demo.network import build_demo


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built demo database (read it; copy it before writing)."""
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.lake")
