"""Fixtures of the SQL tests: the lakes with a PostgreSQL catalog (tests/lakes.py)."""

from __future__ import annotations

from tests.lakes import postgres_lake as postgres_lake
