"""Targets per scope on the admin page: the scope columns of the target editor, the checks before
saving (a known trust and group, a group within its trust, and a limited coordinator's own
trusts only), and the table of which target applies where."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.engine.access import Access
from dashboard.engine.i18n import _, cache_per_language
from dashboard.engine.scorecard import load_target_rules
from dashboard.engine.target_scope import ScopePlace, scope_problems, targets_in_effect
from dashboard.engine.trust_access import target_edit_problems
from dashboard.exchange.page_tables import Table
from dashboard.exchange.target_views import targets_in_effect_table
from dashboard.ui.components.data_access import query, read, version
from dashboard.ui.components.tables import show_table


def places() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """trust code → name; group code → (name, trust): once per data version."""
    return _places_at(version())


@lru_cache(maxsize=8)
def _places_at(data_version: str) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    options = query("filter_options")
    trusts = {
        code: name
        for kind, code, name in zip(options["kind"], options["code"], options["name"], strict=True)
        if kind == "health_trust"
    }
    columns = [options[c] for c in ("kind", "code", "name", "health_trust")]
    groups = {
        code: (name, trust)
        for kind, code, name, trust in zip(*columns, strict=True)
        if kind == "network_group"
    }
    return trusts, groups


def scope_columns() -> dict[str, Any]:
    """The editor's columns for a target's scope (empty = the whole region)."""
    trusts, groups = places()
    return {
        "health_trust": st.column_config.SelectboxColumn(
            _("Helseforetak"),
            options=sorted(trusts),
            help=_("Tom = målet gjelder hele regionen. Et foretaks eget mål gjelder foran."),
        ),
        "network_group": st.column_config.SelectboxColumn(
            _("Nettverksgruppe"),
            options=sorted(groups),
            help=_("Tom = ikke én gruppe. En gruppes eget mål gjelder foran foretakets."),
        ),
    }


def target_problems(before: pd.DataFrame, after: pd.DataFrame, access: Access) -> list[str]:
    """The scope checks of the edited targets, and a limited coordinator's edit rights."""
    trusts, groups = places()
    group_trusts = {code: trust for code, (_name, trust) in groups.items()}
    return scope_problems(after, set(trusts), group_trusts) + target_edit_problems(
        before, after, access, group_trusts
    )


def _in_effect(
    con: duckdb.DuckDBPyConnection,
    year: int,
    places: tuple[ScopePlace, ...],
    trust_names: tuple[tuple[str, str], ...],
    group_names: tuple[tuple[str, str], ...],
) -> Table:
    return targets_in_effect_table(
        targets_in_effect(load_target_rules(con), year, places),
        year,
        dict(trust_names),
        dict(group_names),
    )


@cache_per_language(maxsize=64)
def _targets_in_effect(data_version: str, year: int, allowed: frozenset[str]) -> Table:
    """The table of which target applies where, once per data version, year and trusts."""
    trusts, groups = places()
    shown = [ScopePlace("region", None, _("Hele regionen"))]
    for code, name in sorted(trusts.items(), key=lambda item: item[1]):
        if allowed and code not in allowed:
            continue
        shown.append(ScopePlace("health_trust", code, name, code))
        shown.extend(
            ScopePlace("network_group", group, group_name, code)
            for group, (group_name, trust) in sorted(groups.items(), key=lambda i: i[1][0])
            if trust == code
        )
    group_names = tuple((code, name) for code, (name, _trust) in groups.items())
    return read(lambda con: _in_effect(con, year, tuple(shown), tuple(trusts.items()), group_names))


def show_targets_in_effect(year: int, access: Access) -> None:
    """«Hvilket mål gjelder hvor»: for the year, each indicator's target for the whole region,
    every health trust and every network group (a limited user: their trusts only)."""
    table = _targets_in_effect(version(), year, access.health_trusts)
    show_table(
        table,
        "targets_in_effect",
        None,
        caption=_(
            "Det mest spesifikke målet gjelder: en nettverksgruppes eget mål foran "
            "helseforetakets, helseforetakets foran hele regionens. «Satt for» sier hvilken "
            "målrad som gjelder."
        ),
    )
