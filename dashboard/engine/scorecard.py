"""The indicator engine: count every indicator for one selection or for many at once, judge each
against its target, and keep the figures people use prepared in the database.

Every count comes from the indicator's SQL, run with the `$selections` parameter: one row per
(year, as-of date, selection) wanted. A page's scorecard asks for its year, last year, the
baseline years and the trend years of one selection in one query per indicator; the prepared
figures ask for every selection people use, every year, in one query per indicator.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.formatting import format_value
from dashboard.engine.i18n import _
from dashboard.engine.indicators import (
    INDICATORS,
    REGION,
    Comparison,
    Indicator,
    Status,
    TargetPlace,
    TargetRule,
    applicable_rule,
    judge,
    resolve_target,
    share_value,
)
from dashboard.engine.scope import Scope, Selection, as_of_date_for, selection_rows

# How many years a trend shows, ending with the scope's year.
TREND_YEARS = 6
# (indicator id, year) → (numerator, denominator)
Counts = dict[tuple[str, int], tuple[int, int]]


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's figures for a year and selection, with its target and status."""

    indicator: Indicator
    year: int
    as_of_date: dt.date
    numerator: int
    denominator: int
    value: float | None
    target: float | None
    comparison: Comparison | None
    status: Status
    previous_value: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object: exactly the keys DESIGN.md names."""
        return {
            "indicator": self.indicator.id,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "target": self.target,
            "status": self.status,
        }


@dataclass(frozen=True)
class Scorecard:
    """Every indicator for one scope, and each one's values over the trend years. Immutable: a
    cached scorecard can be shared by every session that shows it."""

    scope: Scope
    results: tuple[IndicatorResult, ...]
    trend_years: tuple[int, ...]
    # indicator id → the value per trend year (None where there is no data)
    trend: dict[str, tuple[float | None, ...]]

    def __hash__(self) -> int:
        return hash((self.scope, self.results, self.trend_years, tuple(self.trend.items())))

    def __getitem__(self, indicator_id: str) -> IndicatorResult:
        return next(r for r in self.results if r.indicator.id == indicator_id)

    @property
    def has_data(self) -> bool:
        return any(r.denominator for r in self.results)


def load_target_rules(con: duckdb.DuckDBPyConnection) -> list[TargetRule]:
    """Every row of the target table (read as plain rows: it is read for every new selection)."""
    return [
        TargetRule(
            indicator=indicator,
            year_from=int(year_from),
            year_to=None if year_to is None else int(year_to),
            value=None if value is None else float(value),
            comparison=comparison,
            baseline_year=None if baseline_year is None else int(baseline_year),
            source=source,
            health_trust=health_trust or "",
            network_group=network_group or "",
        )
        for (
            indicator,
            year_from,
            year_to,
            value,
            comparison,
            baseline_year,
            source,
            health_trust,
            network_group,
        ) in db.execute(con, "target_rules")
    ]


def target_place(
    con: duckdb.DuckDBPyConnection, selection: Selection, rules: Sequence[TargetRule]
) -> TargetPlace:
    """Where the selection lies, for its targets: the health trust it is within (chosen, or the
    trust of its network group, municipality or unit) and its network group. Asks the database
    only when some target is set for a trust or a group."""
    if not any(rule.is_scoped for rule in rules):
        return REGION
    frame = db.run(
        con,
        "target_place",
        {
            "health_trust": selection.health_trust,
            "network_group": selection.network_group,
            "municipality": selection.municipality,
            "unit": selection.unit,
        },
    )
    trust = frame["health_trust"].iloc[0] if len(frame) else None
    return TargetPlace(
        health_trust=None if trust is None or pd.isna(trust) else str(trust),
        network_group=selection.network_group,
    )


def count_many(
    con: duckdb.DuckDBPyConnection,
    rows: list[dict[str, Any]],
    indicators: Sequence[Indicator] = INDICATORS,
    workers: int = 1,
) -> dict[tuple[str, int], tuple[int, int]]:
    """(indicator id, selection_id) → (numerator, denominator) for every `$selections` row: one
    query per indicator, whatever the number of rows. A selection with nothing to count is
    (0, 0). `workers` > 1 runs the indicators' queries side by side on as many cursors (reads
    only: see `db.sibling_cursors`); a query of one selection is mostly fixed cost, so two
    workers count a new selection's scorecard in ~60 % of the time."""

    def counted(
        cursor: duckdb.DuckDBPyConnection, indicator: Indicator
    ) -> dict[int, tuple[int, int]]:
        frame = db.run(
            cursor, indicator.query_name, {"selections": rows, **dict(indicator.query_params)}
        )
        return {
            int(s): (int(n), int(d))
            for s, n, d in zip(
                frame["selection_id"], frame["numerator"], frame["denominator"], strict=True
            )
        }

    found: dict[str, dict[int, tuple[int, int]]] = {}
    if workers > 1 and len(indicators) > 1:
        with db.sibling_cursors(con, workers) as cursors, ThreadPoolExecutor(workers) as pool:
            shares = [indicators[k::workers] for k in range(workers)]  # one cursor per thread
            for done in pool.map(
                lambda k: [(i.id, counted(cursors[k], i)) for i in shares[k]], range(workers)
            ):
                found.update(done)
    else:
        found = {indicator.id: counted(con, indicator) for indicator in indicators}
    return {
        (indicator.id, row["selection_id"]): found[indicator.id].get(row["selection_id"], (0, 0))
        for indicator in indicators
        for row in rows
    }


def count_indicator(
    con: duckdb.DuckDBPyConnection, indicator_id: str, scope: Scope
) -> tuple[int, int]:
    """(numerator, denominator) of one indicator for one scope."""
    indicator = next(i for i in INDICATORS if i.id == indicator_id)
    return count_many(con, scope.selections(), [indicator])[indicator_id, 0]


def years_needed(
    scope: Scope, rules: Iterable[TargetRule], trend_years: Sequence[int], today: dt.date | None
) -> dict[int, dt.date]:
    """Each year a scorecard needs with its as-of date: the scope's year at the scope's date,
    last year, the baseline years and the trend years at their own."""
    years = {scope.year - 1, *trend_years}
    years.update(r.baseline_year for r in rules if r.baseline_year is not None)
    wanted = {year: as_of_date_for(year, today) for year in years}
    wanted[scope.year] = scope.as_of or as_of_date_for(scope.year, today)
    return wanted


def counts_of(
    con: duckdb.DuckDBPyConnection,
    selections: Sequence[Selection],
    wanted: dict[int, dt.date],
    use_prepared: bool = True,
    workers: int = 1,
) -> list[Counts]:
    """Counts of every indicator for each selection in each wanted year (at its as-of date):
    the prepared rows where they hold a whole year (`use_prepared`), the rest counted now, one
    query per indicator for all of them (`workers`: see `count_many`)."""
    found = prepared_counts(con, selections, wanted) if use_prepared else [{} for _ in selections]
    asked = [
        (position, year)
        for position, counts in enumerate(found)
        for year in wanted
        if (INDICATORS[0].id, year) not in counts
    ]
    if asked:
        rows = selection_rows((year, wanted[year], selections[p]) for p, year in asked)
        for (indicator_id, row), value in count_many(con, rows, workers=workers).items():
            position, year = asked[row]
            found[position][indicator_id, year] = value
    return found


def assemble(
    scope: Scope,
    counts: Counts,
    rules: Sequence[TargetRule],
    trend_years: Sequence[int],
    today: dt.date | None = None,
    place: TargetPlace = REGION,
) -> Scorecard:
    """Judge every indicator from its counts: pure, the same for computed and prepared figures.
    Last year's and the baseline year's values count whatever their denominator. `place` says
    which trust's or group's own targets apply (the most specific one wins)."""
    as_of = scope.as_of or as_of_date_for(scope.year, today)

    def value(indicator: Indicator, year: int) -> float | None:
        numerator, denominator = counts.get((indicator.id, year), (0, 0))
        return share_value(indicator.kind, numerator, denominator)

    results = []
    for indicator in INDICATORS:
        numerator, denominator = counts[indicator.id, scope.year]
        previous_value = value(indicator, scope.year - 1)
        rule = applicable_rule(rules, indicator.id, scope.year, place)
        baseline_value = (
            value(indicator, rule.baseline_year)
            if rule is not None and rule.baseline_year is not None
            else None
        )
        target = resolve_target(rule, previous_value, baseline_value)
        comparison = rule.comparison if rule is not None else None
        results.append(
            IndicatorResult(
                indicator=indicator,
                year=scope.year,
                as_of_date=as_of,
                numerator=numerator,
                denominator=denominator,
                value=share_value(indicator.kind, numerator, denominator),
                target=target,
                comparison=comparison,
                status=judge(indicator.kind, numerator, denominator, target, comparison),
                previous_value=previous_value,
            )
        )
    trend = {i.id: tuple(value(i, year) for year in trend_years) for i in INDICATORS}
    return Scorecard(scope, tuple(results), tuple(trend_years), trend)


def trend_years_for(con: duckdb.DuckDBPyConnection, year: int) -> tuple[int, ...]:
    """The years a trend shows: those with events, up to the scope's year, the last six."""
    years = [int(y) for (y,) in db.execute(con, "trend_years", {"year": year})]
    return tuple(years[-TREND_YEARS:])


def compute_scorecard(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    today: dt.date | None = None,
    trend: bool = False,
) -> Scorecard:
    """Every indicator for the scope, judged against its target, computed from the data now
    (with the trend when asked for)."""
    return _scorecard(con, scope, today, trend, use_prepared=False)


def scorecard(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    today: dt.date | None = None,
    trend: bool = True,
    workers: int = 1,
) -> Scorecard:
    """The scorecard from the prepared figures where they hold the selection (every year a
    prepared row's as-of date still matches), the rest computed now (`workers`: see
    `count_many`). The same figures as `compute_scorecard`."""
    return _scorecard(con, scope, today, trend, use_prepared=True, workers=workers)


def _scorecard(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    today: dt.date | None,
    trend: bool,
    use_prepared: bool,
    workers: int = 1,
) -> Scorecard:
    rules = load_target_rules(con)
    trend_years = trend_years_for(con, scope.year) if trend else ()
    wanted = years_needed(scope, rules, trend_years, today)
    [counts] = counts_of(con, [scope.selection], wanted, use_prepared, workers)
    place = target_place(con, scope.selection, rules)
    return assemble(scope, counts, rules, trend_years, today, place)


# --- prepared figures ----------------------------------------------------------------------


def prepared_counts(
    con: duckdb.DuckDBPyConnection, selections: Sequence[Selection], wanted: dict[int, dt.date]
) -> list[Counts]:
    """The prepared counts of each selection for the wanted years whose as-of date they were
    prepared at, every indicator (one query for all); a year that is missing, incomplete or was
    prepared at another date is left out."""
    keys = [selection.key() for selection in selections]
    years = sorted(wanted)
    params = {
        "selection_keys": sorted(set(keys)),
        "years": years,
        "as_of_dates": [wanted[year] for year in years],
        "n_indicators": len(INDICATORS),
    }
    frame = db.run(con, "prepared_counts", params)
    by_key: dict[str, Counts] = defaultdict(dict)
    for key, indicator_id, year, numerator, denominator in zip(
        *(frame[column].tolist() for column in frame.columns), strict=True
    ):
        by_key[key][indicator_id, int(year)] = (int(numerator), int(denominator))
    return [dict(by_key.get(key, {})) for key in keys]


def target_text(result: IndicatorResult) -> str:
    """«Mål: minst 80,0 %», «Mål: over 42,1 %» (rising), or the registry's words."""
    if result.target is None:
        if result.comparison == "rising":
            return _("Mål: økende (mangler fjorårstall)")
        return _("Mål: {target}").format(target=result.indicator.target_text)
    word = {"rising": _("over"), ">=": _("minst"), "<=": _("høyst")}.get(
        result.comparison or "", ""
    )
    return _("Mål: {comparison} {value}").format(
        comparison=word, value=format_value(result.indicator.kind, result.target)
    )
