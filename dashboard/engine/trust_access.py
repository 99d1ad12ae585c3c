"""Roles limited to some health trusts (`app_user.health_trusts`; empty = every trust).

What the limit means, everywhere:
- the filters offer only those trusts (no «Alle»: the first of them is chosen by default), and
  the network groups and municipalities of those trusts;
- the comparison shows a column for each of those trusts (or their network groups); other trusts
  appear only inside the regional total, as an aggregate;
- person-level rows are those of network groups in those trusts (`access.people`);
- a coordinator imports only rows of those trusts (the importer refuses a file with any other
  trust's row, `dashboard/exchange/importer/trusts.py`), edits only targets set for those trusts
  or their network groups, undoes only an import they made themselves, and does not manage users
  (only a coordinator for the whole region does).
Pure functions; the UI and the importer apply them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.engine.access import Access
from dashboard.engine.i18n import _
from dashboard.engine.target_scope import scope_of

TARGET_KEY = ("indicator", "year_from", "health_trust", "network_group")


def is_limited(access: Access) -> bool:
    return bool(access.health_trusts)


def may_manage_users(access: Access) -> bool:
    """Users are managed by a coordinator for the whole region (a limited one could otherwise
    lift their own limit)."""
    return not access.health_trusts


def undo_refusal(history: pd.DataFrame, import_id: int, access: Access) -> str | None:
    """Why this user may not undo the import (None: they may): a limited coordinator undoes
    only an import they made themselves, which held only their trusts' rows."""
    if not access.health_trusts:
        return None
    rows = history[(history["import_id"] == import_id) & (history["action"] == "import")]
    made_by = set(rows["imported_by"])
    if made_by and made_by <= {access.audit_name}:
        return None
    return _(
        "Import nr. {number} er gjort av en annen bruker og kan gjelde andre helseforetak enn "
        "dine. Be en koordinator for hele regionen om å angre den."
    ).format(number=import_id)


def _target_rows(frame: pd.DataFrame) -> dict[tuple[object, ...], tuple[object, ...]]:
    """Target rows by key (indicator, year, scope) → the whole row, for comparing edits."""
    rows: dict[tuple[object, ...], tuple[object, ...]] = {}
    for row in frame.itertuples(index=False):
        trust, group = scope_of(row)
        year = getattr(row, "year_from", None)
        key = (row.indicator, None if pd.isna(year) else int(year), trust, group)
        values = tuple(
            None if pd.isna(getattr(row, c, None)) else getattr(row, c, None)
            for c in ("year_to", "value", "comparison", "baseline_year", "source")
        )
        rows[key] = values
    return rows


def target_edit_problems(
    before: pd.DataFrame, after: pd.DataFrame, access: Access, group_trusts: Mapping[str, str]
) -> list[str]:
    """For a limited coordinator: every target row added, changed or removed must be set for
    one of their trusts or for a network group of one of them."""
    if not access.health_trusts:
        return []
    old, new = _target_rows(before), _target_rows(after)
    touched = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    problems = []
    for indicator, year, trust, group in sorted(touched, key=str):
        owner = group_trusts.get(str(group)) if group else trust
        if owner in access.health_trusts:
            continue
        where = (
            _("nettverksgruppen {group}").format(group=group)
            if group
            else (_("helseforetaket {trust}").format(trust=trust) if trust else _("hele regionen"))
        )
        problems.append(
            _(
                "Målet for {indicator} fra {year} gjelder {where}: du kan bare endre mål for "
                "{trusts} og nettverksgruppene der."
            ).format(
                indicator=indicator,
                year=year,
                where=where,
                trusts=", ".join(sorted(access.health_trusts)),
            )
        )
    return problems
