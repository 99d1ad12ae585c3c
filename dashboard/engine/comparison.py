"""The region side by side: every indicator for each health trust (or each network group) and the
regional total, judged exactly as each one's own scorecard judges it.

The figures are the scorecard's: the prepared figures of each column where they hold (a trust or
a group alone), the rest counted in one query per indicator for every column and year the targets
need (`counts_of`), then `assemble` per column with that column's own targets (a trust's or a
group's target wins over the region's). A column equals `compute_scorecard` for its selection; a
test compares them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import duckdb

from dashboard.engine import db
from dashboard.engine.indicators import REGION, TargetPlace
from dashboard.engine.scope import Scope, Selection
from dashboard.engine.scorecard import (
    Scorecard,
    assemble,
    counts_of,
    load_target_rules,
    years_needed,
)

By = Literal["health_trust", "network_group"]
BY_VALUES: tuple[By, ...] = ("health_trust", "network_group")
# The filters that choose a place: the compared dimension replaces them.
PLACE_FILTERS = ("health_trust", "network_group", "municipality", "unit")


@dataclass(frozen=True)
class Place:
    """One column: a health trust, a network group, a trust's total or the whole region."""

    kind: Literal["health_trust", "network_group", "region"]
    code: str | None
    name: str
    health_trust: str | None = None  # the trust a group belongs to (a trust: itself)
    is_total: bool = False

    def selection(self, base: Selection) -> Selection:
        """The base selection (its place filters removed) narrowed to this place."""
        cleared = replace(base, **dict.fromkeys(PLACE_FILTERS))
        if self.kind == "region":
            return cleared
        return replace(cleared, **{self.kind: self.code})

    @property
    def target_place(self) -> TargetPlace:
        if self.kind == "network_group":
            return TargetPlace(health_trust=self.health_trust, network_group=self.code)
        if self.kind == "health_trust":
            return TargetPlace(health_trust=self.code)
        return REGION


@dataclass(frozen=True)
class Comparison:
    """The columns (places, totals last) and each one's scorecard, in the same order."""

    scope: Scope
    by: By
    places: tuple[Place, ...]
    cards: tuple[Scorecard, ...]

    def __hash__(self) -> int:
        return hash((self.scope, self.by, self.places, self.cards))

    @property
    def columns(self) -> tuple[tuple[Place, Scorecard], ...]:
        return tuple(zip(self.places, self.cards, strict=True))

    @property
    def has_data(self) -> bool:
        return any(card.has_data for card in self.cards)


def places(
    con: duckdb.DuckDBPyConnection,
    by: By,
    selection: Selection,
    trusts: Collection[str] = (),
    region_name: str = "Hele regionen",
) -> list[Place]:
    """The columns for the selection: each health trust (or each network group of the chosen
    trust and network), then the totals: the chosen trust's (network groups only) and the whole
    region's. `trusts` limits the columns to those trusts (empty: every trust); the region's
    total still counts every trust, as an aggregate."""
    options = db.run(con, "filter_options")
    allowed = set(trusts)

    def visible(trust: str | None) -> bool:
        return not allowed or trust in allowed

    trust_names = {
        code: name
        for kind, code, name in zip(options["kind"], options["code"], options["name"], strict=True)
        if kind == "health_trust"
    }
    found: list[Place] = []
    if by == "health_trust":
        found = [
            Place("health_trust", code, name, code)
            for code, name in sorted(trust_names.items(), key=lambda item: item[1])
            if visible(code)
        ]
    else:
        groups = options[options["kind"] == "network_group"]
        for code, name, network, trust in zip(
            groups["code"],
            groups["name"],
            groups["network"],
            groups["health_trust"],
            strict=True,
        ):
            if not visible(trust):
                continue
            if selection.health_trust and trust != selection.health_trust:
                continue
            if selection.network and network != selection.network:
                continue
            found.append(Place("network_group", code, name, trust))
        found.sort(key=lambda p: (trust_names.get(p.health_trust or "", ""), p.name))
        chosen = selection.health_trust
        if chosen and visible(chosen):
            found.append(
                Place("health_trust", chosen, trust_names.get(chosen, chosen), chosen, True)
            )
    found.append(Place("region", None, region_name, None, True))
    return found


def compared_scope(scope: Scope, by: By) -> Scope:
    """The part of a scope a comparison depends on: each column brings its own place, so the
    chosen municipality, unit or group does not count (only the chosen trust does, when it picks
    the network groups compared). Two scopes with the same compared scope give the same
    comparison: a cache keys on it."""
    kept = ("health_trust",) if by == "network_group" else ()
    cleared = dict.fromkeys(f for f in PLACE_FILTERS if f not in kept)
    return replace(scope, selection=replace(scope.selection, **cleared))


def compare(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    by: By = "health_trust",
    trusts: Collection[str] = (),
    today: dt.date | None = None,
    region_name: str = "Hele regionen",
    workers: int = 1,
) -> Comparison:
    """Every indicator for each place of `places(...)`, with the scope's year, as-of date and
    other filters (network, profession, unit type), each judged against its own target
    (`workers`: see `scorecard.count_many`)."""
    if by not in BY_VALUES:
        raise ValueError(f"ukjent sammenligning «{by}»; velg health_trust eller network_group")
    scope = compared_scope(scope, by)
    columns = places(con, by, scope.selection, trusts, region_name)
    return _judge(con, scope, by, columns, today, workers)


def _judge(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    by: By,
    columns: Sequence[Place],
    today: dt.date | None,
    workers: int = 1,
) -> Comparison:
    rules = load_target_rules(con)
    wanted = years_needed(scope, rules, (), today)
    selections = [place.selection(scope.selection) for place in columns]
    by_place = counts_of(con, selections, wanted, workers=workers)
    cards = tuple(
        assemble(
            replace(scope, selection=selection), place_counts, rules, (), today, place.target_place
        )
        for place, selection, place_counts in zip(columns, selections, by_place, strict=True)
    )
    return Comparison(scope, by, tuple(columns), cards)
