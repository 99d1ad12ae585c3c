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
from dashboard.engine.i18n import _
from dashboard.engine.indicators import INDICATORS_BY_ID

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
USER_COLUMNS = ["email", "role", "network_groups", "health_trusts"]
TARGET_COLUMNS = [
    "indicator",
    "year_from",
    "year_to",
    "value",
    "comparison",
    "baseline_year",
    "source",
    "health_trust",
    "network_group",
]


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and pd.isna(value))
        or value is pd.NA
        or (isinstance(value, str) and not value.strip())
    )


def validate_users(
    frame: pd.DataFrame, known_groups: set[str], known_trusts: set[str] | None = None
) -> list[str]:
    problems = []
    seen: set[str] = set()
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        email = "" if _blank(row.email) else str(row.email).strip().lower()
        if not EMAIL.fullmatch(email):
            problems.append(
                _("Rad {number}: «{email}» er ikke en e-postadresse.").format(
                    number=number, email=row.email
                )
            )
        elif email in seen:
            problems.append(
                _("Rad {number}: {email} står flere ganger.").format(number=number, email=email)
            )
        seen.add(email)
        if row.role not in ROLES:
            problems.append(
                _("Rad {number}: rollen må være en av {roles}.").format(
                    number=number, roles=", ".join(ROLES)
                )
            )
        groups = parse_groups(None if _blank(row.network_groups) else str(row.network_groups))
        unknown = groups - known_groups
        if unknown:
            problems.append(
                _("Rad {number}: ukjente nettverksgrupper {groups}.").format(
                    number=number, groups=", ".join(sorted(unknown))
                )
            )
        if row.role == "nettverksleder" and not groups:
            problems.append(
                _("Rad {number}: en nettverksleder må ha minst én nettverksgruppe.").format(
                    number=number
                )
            )
        unknown_trusts = _trusts_of(row) - (known_trusts or set())
        if known_trusts is not None and unknown_trusts:
            problems.append(
                _("Rad {number}: ukjente helseforetak {trusts}.").format(
                    number=number, trusts=", ".join(sorted(unknown_trusts))
                )
            )
    return problems


def _trusts_of(row: object) -> frozenset[str]:
    """The health trusts a user row is limited to (none: every trust)."""
    text = getattr(row, "health_trusts", None)
    return parse_groups(None if _blank(text) else str(text))


def target_scope_of(row: object) -> tuple[str, str]:
    """(health trust, network group) of a target row; '' where it is not limited."""
    return tuple(  # type: ignore[return-value]
        "" if _blank(getattr(row, name, None)) else str(getattr(row, name)).strip()
        for name in ("health_trust", "network_group")
    )


def validate_targets(frame: pd.DataFrame) -> list[str]:
    problems = []
    seen: set[tuple[object, ...]] = set()
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        if row.indicator not in INDICATORS_BY_ID:
            problems.append(
                _("Rad {number}: ukjent indikator «{indicator}».").format(
                    number=number, indicator=row.indicator
                )
            )
        if row.comparison not in COMPARISONS:
            problems.append(
                _("Rad {number}: sammenligningen må være en av {comparisons}.").format(
                    number=number, comparisons=", ".join(COMPARISONS)
                )
            )
        if _blank(row.year_from):
            problems.append(_("Rad {number}: fra år mangler.").format(number=number))
            continue
        if not _blank(row.year_to) and int(row.year_to) < int(row.year_from):
            problems.append(_("Rad {number}: til år er før fra år.").format(number=number))
        if row.comparison != "rising" and _blank(row.value):
            problems.append(_("Rad {number}: målverdien mangler.").format(number=number))
        key = (str(row.indicator), int(row.year_from), *target_scope_of(row))
        if key in seen:
            problems.append(
                _("Rad {number}: {indicator} fra {year} står flere ganger.").format(
                    number=number, indicator=key[0], year=key[1]
                )
            )
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
            "health_trusts": ",".join(sorted(_trusts_of(r))),
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
            "health_trust": target_scope_of(r)[0],
            "network_group": target_scope_of(r)[1],
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
