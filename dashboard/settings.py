"""Where the app finds its database: the one setting it has (environment variable DASHBOARD_DB)."""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.demo import DEFAULT_DB


def database_path() -> Path:
    """`$DASHBOARD_DB`, or the demo database `data/demo.duckdb`."""
    return Path(os.environ.get("DASHBOARD_DB") or DEFAULT_DB)
