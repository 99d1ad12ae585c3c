"""Users and targets, as coordinators edit them: validation (Norwegian messages) and saving, with a
line in the audit trail. Saving runs inside a `Database.change`, so it all lands or none does. No
Streamlit here."""

from __future__ import annotations

import re
from collections.abc import Callable

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.access import ROLES, parse_groups, record
from dashboard.engine.contract import COMPARISONS
from dashboard.engine.indicators import INDICATORS_BY_ID

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
USER_COLUMNS = ["email", "role", "network_groups"]
TARGET_COLUMNS = [
    "indicator",
    "year_from",
    "year_to",
    "value",
    "comparison",
    "baseline_year",
    "source",
]


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and pd.isna(value))
        or value is pd.NA
        or (isinstance(value, str) and not value.strip())
    )


def validate_users(frame: pd.DataFrame, known_groups: set[str]) -> list[str]:
    problems = []
    seen: set[str] = set()
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        email = "" if _blank(row.email) else str(row.email).strip().lower()
        if not EMAIL.fullmatch(email):
            problems.append(f"Rad {number}: «{row.email}» er ikke en e-postadresse.")
        elif email in seen:
            problems.append(f"Rad {number}: {email} står flere ganger.")
        seen.add(email)
        if row.role not in ROLES:
            problems.append(f"Rad {number}: rollen må være en av {', '.join(ROLES)}.")
        groups = parse_groups(None if _blank(row.network_groups) else str(row.network_groups))
        unknown = groups - known_groups
        if unknown:
            problems.append(f"Rad {number}: ukjente nettverksgrupper {', '.join(sorted(unknown))}.")
        if row.role == "nettverksleder" and not groups:
            problems.append(f"Rad {number}: en nettverksleder må ha minst én nettverksgruppe.")
    return problems


def validate_targets(frame: pd.DataFrame) -> list[str]:
    problems = []
    seen: set[tuple[str, int]] = set()
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        if row.indicator not in INDICATORS_BY_ID:
            problems.append(f"Rad {number}: ukjent indikator «{row.indicator}».")
        if row.comparison not in COMPARISONS:
            problems.append(
                f"Rad {number}: sammenligningen må være en av {', '.join(COMPARISONS)}."
            )
        if _blank(row.year_from):
            problems.append(f"Rad {number}: fra år mangler.")
            continue
        if not _blank(row.year_to) and int(row.year_to) < int(row.year_from):
            problems.append(f"Rad {number}: til år er før fra år.")
        if row.comparison != "rising" and _blank(row.value):
            problems.append(f"Rad {number}: målverdien mangler.")
        key = (str(row.indicator), int(row.year_from))
        if key in seen:
            problems.append(f"Rad {number}: {key[0]} fra {key[1]} står flere ganger.")
        seen.add(key)
    return problems


def _replace(
    con: duckdb.DuckDBPyConnection,
    clear: str,
    save: str,
    rows: list[dict[str, object]],
    audit: Callable[[duckdb.DuckDBPyConnection], None],
) -> None:
    """Replace every row of a table with `rows`, then write the audit line."""
    db.execute(con, clear)
    for row in rows:
        db.execute(con, save, row)
    audit(con)


def _value(value: object, kind: Callable[[object], object]) -> object:
    return None if _blank(value) else kind(value)


def save_users(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, by: str) -> None:
    rows = [
        {
            "email": str(r.email).strip().lower(),
            "role": r.role,
            "network_groups": ",".join(
                sorted(parse_groups(None if _blank(r.network_groups) else str(r.network_groups)))
            ),
        }
        for r in frame.itertuples(index=False)
    ]
    _replace(
        con,
        "app_user_clear",
        "app_user_save",
        rows,
        lambda c: record(c, by, "endret brukere", f"{len(rows)} brukere", "", len(rows)),
    )


def save_targets(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, by: str) -> None:
    rows = [
        {
            "indicator": r.indicator,
            "year_from": int(r.year_from),
            "year_to": _value(r.year_to, int),
            "value": _value(r.value, float),
            "comparison": r.comparison,
            "baseline_year": _value(r.baseline_year, int),
            "source": _value(r.source, str),
        }
        for r in frame.itertuples(index=False)
    ]
    _replace(
        con,
        "target_clear",
        "target_save",
        rows,
        lambda c: record(c, by, "endret mål", f"{len(rows)} målrader", "", len(rows)),
    )
