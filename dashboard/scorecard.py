"""The indicator engine: run each indicator's SQL for a selection and judge it against its target."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from dashboard import db
from dashboard.indicators import (
    INDICATORS,
    Comparison,
    Indicator,
    Status,
    TargetRule,
    applicable_rule,
    as_of_date_for,
    get_indicator,
    judge,
    resolve_target,
    share_value,
)


@dataclass(frozen=True)
class Selection:
    """The filters of DESIGN.md; None selects everything."""

    health_trust: str | None = None
    network_group: str | None = None
    municipality: str | None = None
    profession: str | None = None
    network: str | None = None
    unit_type: str | None = None

    def params(self) -> dict[str, str | None]:
        return asdict(self)

    def describe(self) -> dict[str, str]:
        """Only the filters that are set, for export headers and audit lines."""
        return {k: v for k, v in asdict(self).items() if v is not None}


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


def load_target_rules(con: duckdb.DuckDBPyConnection) -> list[TargetRule]:
    frame = db.run(con, "target_rules")
    return [
        TargetRule(
            indicator=row.indicator,
            year_from=int(row.year_from),
            year_to=None if row.year_to is None else int(row.year_to),
            value=None if row.value is None else float(row.value),
            comparison=row.comparison,
            baseline_year=None if row.baseline_year is None else int(row.baseline_year),
            source=row.source,
        )
        for row in frame.astype(object).where(frame.notna(), None).itertuples(index=False)
    ]


def count_indicator(
    con: duckdb.DuckDBPyConnection,
    indicator_id: str,
    year: int,
    as_of_date: dt.date,
    selection: Selection,
) -> tuple[int, int]:
    """(numerator, denominator) from the indicator's SQL file."""
    available: dict[str, Any] = {"year": year, "as_of_date": as_of_date, **selection.params()}
    frame = db.run_selecting(con, indicator_id, available)
    return int(frame.at[0, "numerator"]), int(frame.at[0, "denominator"])


class _YearValues:
    """Memoises indicator values per (indicator, year) within one scorecard computation."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, selection: Selection, today: dt.date | None
    ) -> None:
        self.con = con
        self.selection = selection
        self.today = today
        self.counts: dict[tuple[str, int], tuple[int, int]] = {}

    def counts_for(
        self, indicator_id: str, year: int, as_of: dt.date | None = None
    ) -> tuple[int, int]:
        key = (indicator_id, year)
        if key not in self.counts:
            as_of = as_of or as_of_date_for(year, self.today)
            self.counts[key] = count_indicator(self.con, indicator_id, year, as_of, self.selection)
        return self.counts[key]

    def value_for(self, indicator: Indicator, year: int) -> float | None:
        return share_value(indicator.kind, *self.counts_for(indicator.id, year))


def compute_scorecard(
    con: duckdb.DuckDBPyConnection,
    year: int,
    selection: Selection | None = None,
    as_of_date: dt.date | None = None,
    today: dt.date | None = None,
    indicator_ids: list[str] | None = None,
) -> list[IndicatorResult]:
    """Every indicator (or those named) for the year and selection, judged against its target.

    Last year's and the baseline year's values use their own year's as-of date.
    """
    selection = selection or Selection()
    as_of = as_of_date or as_of_date_for(year, today)
    rules = load_target_rules(con)
    values = _YearValues(con, selection, today)
    indicators = [get_indicator(i) for i in indicator_ids] if indicator_ids else list(INDICATORS)
    results = []
    for indicator in indicators:
        numerator, denominator = values.counts_for(indicator.id, year, as_of)
        previous_value = values.value_for(indicator, year - 1)
        rule = applicable_rule(rules, indicator.id, year)
        baseline_value = (
            values.value_for(indicator, rule.baseline_year)
            if rule is not None and rule.baseline_year is not None
            else None
        )
        target = resolve_target(rule, previous_value, baseline_value)
        comparison = rule.comparison if rule is not None else None
        results.append(
            IndicatorResult(
                indicator=indicator,
                year=year,
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
    return results


def compute_trend(
    con: duckdb.DuckDBPyConnection,
    years: list[int],
    selection: Selection | None = None,
    today: dt.date | None = None,
) -> list[tuple[str, int, float | None]]:
    """(indicator id, year, value) for every indicator and year, each at its year's as-of date."""
    values = _YearValues(con, selection or Selection(), today)
    return [
        (indicator.id, year, values.value_for(indicator, year))
        for indicator in INDICATORS
        for year in years
    ]
