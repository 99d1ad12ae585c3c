"""Targets and status: DESIGN.md's rules, case by case."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.engine.indicators import (
    TargetRule,
    applicable_rule,
    judge,
    resolve_target,
    share_value,
)
from dashboard.engine.scope import as_of_date_for


@pytest.mark.parametrize(
    ("numerator", "denominator", "target", "comparison", "expected"),
    [
        (4, 5, 0.8, ">=", "met"),  # exactly at the target: 80 % of 80 %
        (8, 10, 0.8, ">=", "met"),
        (79, 100, 0.8, ">=", "close"),  # 1 point short
        (71, 100, 0.8, ">=", "close"),  # 9 points short
        (7, 10, 0.8, ">=", "not_met"),  # exactly 10 points short is not "less than 10"
        (1, 2, 0.8, ">=", "too_few"),
        (0, 10, 1.0, ">=", "not_met"),
        (10, 10, 1.0, ">=", "met"),
        (3, 4, 0.8, ">=", "too_few"),  # denominator below 5
        (0, 0, 0.8, ">=", "no_data"),  # no data beats everything
        (5, 5, None, None, "no_target"),
    ],
)
def test_share_status(
    numerator: int, denominator: int, target: float | None, comparison: str | None, expected: str
) -> None:
    assert judge("share", numerator, denominator, target, comparison) == expected


def test_count_status_is_met_or_not_met_only() -> None:
    # vacant_units: value = numerator; target 0 with <=.
    assert judge("count", 0, 107, 0.0, "<=") == "met"
    assert judge("count", 1, 107, 0.0, "<=") == "not_met"
    # A count with a denominator below 5 is still judged (never too_few) ...
    assert judge("count", 1, 3, 0.0, "<=") == "not_met"
    assert judge("count", 0, 3, 0.0, "<=") == "met"
    # ... but a denominator of 0 is no data.
    assert judge("count", 0, 0, 0.0, "<=") == "no_data"


def test_rising_target() -> None:
    # Last year 40 %: 41 % is met, equal is close, 31 % is close, 30 % is 10 points short.
    rule = TargetRule("job_shadowing", 2021, None, None, "rising")
    target = resolve_target(rule, previous_value=0.40)
    assert target == 0.40
    assert judge("share", 41, 100, target, "rising") == "met"
    assert judge("share", 40, 100, target, "rising") == "close"
    assert judge("share", 31, 100, target, "rising") == "close"
    assert judge("share", 30, 100, target, "rising") == "not_met"
    # No value last year (denominator 0 then): no target.
    assert resolve_target(rule, previous_value=None) is None
    assert judge("share", 41, 100, None, "rising") == "no_target"


def test_rising_uses_last_years_value_even_with_few() -> None:
    # Last year's 1 of 2 (50 %) still sets the target.
    rule = TargetRule("earmarked_time", 2021, None, None, "rising")
    target = resolve_target(rule, previous_value=share_value("share", 1, 2))
    assert target == 0.5
    assert judge("share", 6, 10, target, "rising") == "met"


def test_baseline_target() -> None:
    # +50 % from a baseline share of 40 % → 60 %; 3 of 5 meets it exactly despite float error.
    rule = TargetRule("leader_fagdag_share", 2022, None, 1.5, ">=", baseline_year=2021)
    target = resolve_target(rule, baseline_value=0.4)
    assert target == pytest.approx(0.6)
    assert judge("share", 3, 5, target, ">=") == "met"
    assert judge("share", 11, 20, target, ">=") == "close"  # 55 %: 5 points short
    assert judge("share", 10, 20, target, ">=") == "not_met"  # 50 %: exactly 10 points short
    assert resolve_target(rule, baseline_value=None) is None


def test_applicable_rule_picks_the_years_row() -> None:
    rules = [
        TargetRule("leader_meeting", 2021, 2025, 0.8, ">="),
        TargetRule("leader_meeting", 2026, None, 1.0, ">="),
        TargetRule("report_response", 2021, None, 0.8, ">="),
    ]
    assert applicable_rule(rules, "leader_meeting", 2025).value == 0.8
    assert applicable_rule(rules, "leader_meeting", 2026).value == 1.0
    assert applicable_rule(rules, "leader_meeting", 2031).value == 1.0
    assert applicable_rule(rules, "leader_meeting", 2020) is None
    assert applicable_rule(rules, "vacant_units", 2026) is None


def test_as_of_date_for() -> None:
    today = dt.date(2026, 11, 23)
    assert as_of_date_for(2026, today) == today
    assert as_of_date_for(2025, today) == dt.date(2025, 12, 31)
    assert as_of_date_for(2027, today) == today


def test_share_value() -> None:
    assert share_value("share", 41, 52) == pytest.approx(41 / 52)
    assert share_value("share", 0, 0) is None
    assert share_value("count", 4, 107) == 4.0
