"""Targets per scope: which target row applies to the whole region, each health trust and each
network group in a year (the most specific scope wins: network group > health trust > region;
see `indicators.applicable_rule`), and the checks of a target's scope. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.engine.formatting import format_number, format_value
from dashboard.engine.i18n import _
from dashboard.engine.indicators import (
    INDICATORS,
    REGION,
    TargetPlace,
    TargetRule,
    applicable_rule,
)


@dataclass(frozen=True)
class ScopePlace:
    """A place a target can be set for: the whole region, a health trust or a network group."""

    kind: str  # "region", "health_trust" or "network_group"
    code: str | None
    name: str
    health_trust: str | None = None

    @property
    def target_place(self) -> TargetPlace:
        if self.kind == "network_group":
            return TargetPlace(self.health_trust, self.code)
        if self.kind == "health_trust":
            return TargetPlace(self.code)
        return REGION


@dataclass(frozen=True)
class InEffect:
    """The target that applies to one indicator at one place in a year (None: no target)."""

    indicator_id: str
    place: ScopePlace
    rule: TargetRule | None


def targets_in_effect(
    rules: Sequence[TargetRule], year: int, places: Sequence[ScopePlace]
) -> list[InEffect]:
    """For every place and indicator: the row that applies in the year."""
    return [
        InEffect(
            indicator.id, place, applicable_rule(rules, indicator.id, year, place.target_place)
        )
        for place in places
        for indicator in INDICATORS
    ]


def rule_text(rule: TargetRule | None, kind: str) -> str:
    """A target row in words: «≥ 80,0 %», «≤ 0», «over fjorårets verdi», «≥ 1,5 × verdien i
    2021»; «ingen mål» when there is none."""
    if rule is None:
        return _("ingen mål")
    if rule.comparison == "rising":
        return _("over fjorårets verdi")
    sign = "≥" if rule.comparison == ">=" else "≤"
    if rule.baseline_year is not None:
        return _("{sign} {factor} × verdien i {year}").format(
            sign=sign, factor=format_number(rule.value or 0.0, 2), year=rule.baseline_year
        )
    return f"{sign} {format_value(kind, rule.value)}"  # type: ignore[arg-type]


def scope_name(
    rule: TargetRule, trust_names: Mapping[str, str], group_names: Mapping[str, str]
) -> str:
    """Whom a target row is set for, in words."""
    if rule.network_group:
        return group_names.get(rule.network_group, rule.network_group)
    if rule.health_trust:
        return trust_names.get(rule.health_trust, rule.health_trust)
    return _("Hele regionen")


def scope_problems(
    frame: pd.DataFrame, known_trusts: set[str], group_trusts: Mapping[str, str]
) -> list[str]:
    """A target's scope must name a known trust and group, and a group within that trust."""
    problems = []
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        trust, group = scope_of(row)
        if trust and trust not in known_trusts:
            problems.append(
                _("Rad {number}: ukjent helseforetak «{trust}».").format(number=number, trust=trust)
            )
        if group and group not in group_trusts:
            problems.append(
                _("Rad {number}: ukjent nettverksgruppe «{group}».").format(
                    number=number, group=group
                )
            )
        elif group and trust and group_trusts[group] != trust:
            problems.append(
                _("Rad {number}: nettverksgruppen {group} hører til {owner}, ikke {trust}.").format(
                    number=number, group=group, owner=group_trusts[group], trust=trust
                )
            )
    return problems


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or value != value or not str(value).strip()


def scope_of(row: object) -> tuple[str, str]:
    """(health trust, network group) of a target row; '' where it is not limited."""
    trust = getattr(row, "health_trust", None)
    group = getattr(row, "network_group", None)
    return (
        "" if _blank(trust) else str(trust).strip(),
        "" if _blank(group) else str(group).strip(),
    )


def for_editing(frame: pd.DataFrame) -> pd.DataFrame:
    """The target rows as the admin page edits them: an empty scope shown empty (None)."""
    edited = frame.copy()
    for column in ("health_trust", "network_group"):
        if column in edited.columns:
            edited[column] = edited[column].where(edited[column].fillna("") != "", None)
    return edited
