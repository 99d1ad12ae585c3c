"""The indicator registry, targets and status logic: pure functions, no database, no Streamlit.

Every indicator of DESIGN.md is one `Indicator` here and one query in `queries/` (its own file
named by its id, or a shared parameterised query such as `answer_share`); a test fails when
either lacks the other, a description, a source or its target logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from dashboard.engine.i18n import N_, TranslatedField, TranslatedMapping, _

Kind = Literal["share", "count"]
Comparison = Literal[">=", "<=", "rising"]
Status = Literal["met", "close", "not_met", "too_few", "no_target", "no_data"]

# A share whose denominator is below this shows its numbers but no status ("for få").
MIN_DENOMINATOR = 5
# A share less than this far short of its target (10 percentage points) is "close".
CLOSE_MARGIN = 0.10
# Float slack so that 4/5 meets 0.8 and 1.5 x 0.4 equals 3/5.
_EPSILON = 1e-9

FOCUS_AREAS: Mapping[int, str] = TranslatedMapping(
    {
        1: N_("Pasient- og pårørendearbeid"),
        2: N_("Kompetanse"),
        3: N_("Organisering og drift av nettverket"),
        4: N_("Ledelsesforankring"),
        5: N_("Samhandling"),
    }
)


@dataclass(frozen=True)
class Indicator:
    """One governance indicator: what it counts, where its target comes from, how it is judged.
    Its texts are bokmål marked with `N_()` and read in the current language."""

    id: str
    title: str = TranslatedField()
    description: str = TranslatedField()
    focus_area: int
    source: str = TranslatedField()
    kind: Kind
    target_text: str = TranslatedField()
    page: str
    # The query that counts it (default: the file named by its id) and its fixed parameters.
    query: str = ""
    query_params: tuple[tuple[str, str], ...] = ()

    def __hash__(self) -> int:  # the same in every language
        return hash(self.id)

    @property
    def focus_area_name(self) -> str:
        return FOCUS_AREAS[self.focus_area]

    @property
    def query_name(self) -> str:
        return self.query or self.id


def _answer(question: str) -> dict[str, Any]:
    """The registry fields of an indicator counted by `answer_share` for one question."""
    return {"query": "answer_share", "query_params": (("question", question),)}


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="unit_coverage",
        title=N_("Enheter med ressurssykepleier"),
        description=N_(
            "Enheter som skal ha ressurssykepleier og har minst én aktiv ressurssykepleier på "
            "datoen, av alle enheter som skal ha det."
        ),
        focus_area=3,
        source=N_("004 (ressurssykepleier i hver enhet); 002 §3 (rekruttere i alle avdelinger)"),
        kind="share",
        target_text=N_("100 %"),
        page="dekning",
    ),
    Indicator(
        id="municipality_coverage_nurse",
        title=N_("Kommuner med ressurssykepleier"),
        description=N_(
            "Kommuner med minst én aktiv ressurssykepleier i en kommunal enhet, av alle kommuner "
            "i utvalget."
        ),
        focus_area=3,
        source=N_("004 («I alle kommuner/avdelinger skal det være en ressurssykepleier»)"),
        kind="share",
        target_text=N_("100 %"),
        page="dekning",
    ),
    Indicator(
        id="municipality_coverage_physio_ot",
        title=N_("Kommuner med ressursfysio-/ergoterapeut"),
        description=N_(
            "Kommuner med minst én aktiv ressursfysioterapeut eller -ergoterapeut i en kommunal "
            "enhet, av alle kommuner i utvalget."
        ),
        focus_area=3,
        source=N_("002 §3 (rekruttere fysio- og ergoterapeuter fra alle kommuner)"),
        kind="share",
        target_text=N_("100 %"),
        page="dekning",
    ),
    Indicator(
        id="vacant_units",
        title=N_("Ledige enheter"),
        description=N_(
            "Enheter som skal ha ressurssykepleier, har hatt det, men ikke har noen på datoen."
        ),
        focus_area=3,
        source=N_("001 §5 (erstatte ressurspersoner som slutter)"),
        kind="count",
        target_text=N_("0"),
        page="dekning",
    ),
    Indicator(
        id="meeting_attendance",
        title=N_("Oppmøte på nettverksmøter"),
        description=N_(
            "Møtt av forventet, summert over årets nettverksmøter i de lokale nettverksgruppene."
        ),
        focus_area=3,
        source=N_("001 §5 delmål 3; 002 §3 (minimum 80 % deltakelse)"),
        kind="share",
        target_text=N_("≥ 80 %"),
        page="oppmote",
    ),
    Indicator(
        id="fagdag_attendance",
        title=N_("Oppmøte på årlig fagdag"),
        description=N_("Møtt av forventet på årets felles årlige fagdag."),
        focus_area=3,
        source=N_("001 §5 delmål 3 (min. 80 % fremmøte på årlig fagdag)"),
        kind="share",
        target_text=N_("≥ 80 %"),
        page="oppmote",
    ),
    Indicator(
        id="full_attendance",
        title=N_("Møtt på alle samlinger"),
        description=N_(
            "Ressurspersoner som møtte på alle nettverksmøter, fagdager og samlinger de var "
            "forventet på i året (premietrekningen), av alle som var forventet på minst én."
        ),
        focus_area=3,
        source=N_("001 §5 delmål 3; §2 delmål 1 (premie blant dem som har møtt på alle samlinger)"),
        kind="share",
        target_text=N_("en liste (ingen mål)"),
        page="oppmote",
    ),
    Indicator(
        id="leader_fagdag_share",
        title=N_("Ledere på årlig fagdag"),
        description=N_(
            "Ledere for ressurspersonene som var forventet på årlig fagdag, som selv møtte, av "
            "alle disse lederne."
        ),
        focus_area=4,
        source=N_("002 §4 (50 % økning i andel ledere som deltar på årlig fagdag)"),
        kind="share",
        target_text=N_("+50 % fra basisåret"),
        page="oppmote",
    ),
    Indicator(
        id="intro_course_uptake",
        title=N_("Nye som har tatt introduksjonskurs"),
        description=N_(
            "Nye ressurspersoner (første oppnevning startet i året) som deltok på "
            "introduksjonskurs fra 90 dager før til 365 dager etter start, av alle nye."
        ),
        focus_area=2,
        source=N_("001 §2 delmål 1 (nye ressurspersoner deltar på introduksjonskurs)"),
        kind="share",
        target_text=N_("100 %"),
        page="oppmote",
    ),
    Indicator(
        id="report_response",
        title=N_("Svar på årlig rapportering"),
        description=N_(
            "Ressurspersoner aktive da rapporteringen ble sendt ut, som har svart, av alle disse."
        ),
        focus_area=3,
        source=N_("002 §3 (min. 80 % oppslutning); 001 §5 delmål 2"),
        kind="share",
        target_text=N_("≥ 80 %"),
        page="rapportering",
    ),
    Indicator(
        id="leader_meeting",
        title=N_("Årlig møte med leder"),
        description=N_("Av dem som har svart: andelen som har hatt årlig møte med nærmeste leder."),
        focus_area=4,
        source=N_("002 §4 (min. 80 %); 001 §3 delmål 2 (alle, fra 2026)"),
        kind="share",
        target_text=N_("≥ 80 % (2021–2025), 100 % (fra 2026)"),
        page="rapportering",
        **_answer("met_leader"),
    ),
    Indicator(
        id="routine_new_staff",
        title=N_("Rutine for å informere nyansatte"),
        description=N_(
            "Av dem som har svart: andelen med innarbeidet rutine for å informere nyansatte om "
            "nettverket og rollen."
        ),
        focus_area=2,
        source=N_("002 §2 (min. 80 %)"),
        kind="share",
        target_text=N_("≥ 80 %"),
        page="rapportering",
        **_answer("routine_new_staff"),
    ),
    Indicator(
        id="routine_inform_colleagues",
        title=N_("Informerer kolleger etter møter"),
        description=N_(
            "Av dem som har svart: andelen som informerer kolleger etter nettverksmøter og årlig "
            "fagdag."
        ),
        focus_area=2,
        source=N_("002 §2 (min. 80 %)"),
        kind="share",
        target_text=N_("≥ 80 %"),
        page="rapportering",
        **_answer("routine_inform_colleagues"),
    ),
    Indicator(
        id="earmarked_time",
        title=N_("Øremerket tid til rollen"),
        description=N_("Av dem som har svart: andelen med øremerket tid til å utøve funksjonen."),
        focus_area=3,
        source=N_("002 §3 (flere med øremerket tid)"),
        kind="share",
        target_text=N_("økende"),
        page="rapportering",
        **_answer("earmarked_time"),
    ),
    Indicator(
        id="job_shadowing",
        title=N_("Hospitering"),
        description=N_("Av dem som har svart: andelen som har hospitert."),
        focus_area=2,
        source=N_("001 §2 delmål 4 (øke andelen som hospiterer)"),
        kind="share",
        target_text=N_("økende"),
        page="rapportering",
        **_answer("job_shadowing"),
    ),
    Indicator(
        id="development_work",
        title=N_("Faglig utviklingsarbeid"),
        description=N_("Av dem som har svart: andelen som bidrar i faglig utviklingsarbeid."),
        focus_area=2,
        source=N_("001 §2 delmål 3 (økt andel i faglig utviklingsarbeid)"),
        kind="share",
        target_text=N_("økende"),
        page="rapportering",
        **_answer("development_work"),
    ),
)

INDICATORS_BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}
# The attendance rate each event kind counts in (gatherings count in none, only in full
# attendance).
RATE_OF_EVENT_KIND = {"nettverksmote": "meeting_attendance", "fagdag": "fagdag_attendance"}


def get_indicator(indicator_id: str) -> Indicator:
    try:
        return INDICATORS_BY_ID[indicator_id]
    except KeyError:
        raise KeyError(
            _("ukjent indikator: {indicator}").format(indicator=repr(indicator_id))
        ) from None


@dataclass(frozen=True)
class TargetPlace:
    """Where a selection lies, for choosing its target: the health trust it is within and the
    network group it is (None: not known to be within one)."""

    health_trust: str | None = None
    network_group: str | None = None


# A selection that is not within one health trust: only whole-region targets apply.
REGION = TargetPlace()


@dataclass(frozen=True)
class TargetRule:
    """One row of the `target` table. `health_trust` and `network_group` are its scope: both
    empty for the whole region, a trust's code, or a network group's code."""

    indicator: str
    year_from: int
    year_to: int | None
    value: float | None
    comparison: Comparison
    baseline_year: int | None = None
    source: str | None = None
    health_trust: str = ""
    network_group: str = ""

    def applies_to(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)

    @property
    def specificity(self) -> int:
        """0 for the whole region, 1 for a health trust, 2 for a network group."""
        return 2 if self.network_group else 1 if self.health_trust else 0

    def covers(self, place: TargetPlace) -> bool:
        if self.network_group:
            return self.network_group == place.network_group
        if self.health_trust:
            return self.health_trust == place.health_trust
        return True

    @property
    def is_scoped(self) -> bool:
        return self.specificity > 0


def applicable_rule(
    rules: Iterable[TargetRule], indicator_id: str, year: int, place: TargetPlace = REGION
) -> TargetRule | None:
    """The target row for the indicator that covers the year and the place: the most specific
    scope wins (network group > health trust > whole region), then the latest `year_from`."""
    matching = [
        r for r in rules if r.indicator == indicator_id and r.applies_to(year) and r.covers(place)
    ]
    return max(matching, key=lambda r: (r.specificity, r.year_from)) if matching else None


def share_value(kind: Kind, numerator: int, denominator: int) -> float | None:
    """The share (0..1) or, for a count, the count itself; None when the denominator is 0."""
    if denominator == 0:
        return None
    return float(numerator) if kind == "count" else numerator / denominator


def resolve_target(
    rule: TargetRule | None,
    previous_value: float | None = None,
    baseline_value: float | None = None,
) -> float | None:
    """The target value for one selection: fixed, previous year's value (`rising`), or
    `value` x the baseline year's value. None when no target can be set."""
    if rule is None:
        return None
    if rule.comparison == "rising":
        return previous_value
    if rule.baseline_year is not None:
        if baseline_value is None or rule.value is None:
            return None
        return rule.value * baseline_value
    return rule.value


def judge(
    kind: Kind,
    numerator: int,
    denominator: int,
    target: float | None,
    comparison: Comparison | None,
) -> Status:
    """The status word of DESIGN.md, in its order: no data, too few, no target, met/close/not met."""
    if denominator == 0:
        return "no_data"
    if kind == "share" and denominator < MIN_DENOMINATOR:
        return "too_few"
    if target is None or comparison is None:
        return "no_target"
    value = share_value(kind, numerator, denominator)
    assert value is not None
    if comparison == "rising":
        is_met = value > target + _EPSILON
        shortfall = target - value
    elif comparison == ">=":
        is_met = value >= target - _EPSILON
        shortfall = target - value
    else:
        is_met = value <= target + _EPSILON
        shortfall = value - target
    if is_met:
        return "met"
    if kind == "share" and shortfall < CLOSE_MARGIN - _EPSILON:
        return "close"
    return "not_met"


STATUS_LABELS: Mapping[Status, tuple[str, str]] = TranslatedMapping(
    {
        "met": ("✔", N_("Nådd")),
        "close": ("◐", N_("Nær målet")),
        "not_met": ("✖", N_("Ikke nådd")),
        "too_few": ("…", N_("For få")),
        "no_target": ("–", N_("Uten mål")),
        "no_data": ("∅", N_("Ingen data")),
    }
)

# Okabe–Ito hues, darkened until white text on them and they on white reach WCAG AA (4.5:1):
# distinguishable with the common colour-vision deficiencies, and never used alone (a word and a
# symbol go with every colour).
STATUS_COLOURS: dict[Status, str] = {
    "met": "#005A8C",
    "close": "#8A5C00",
    "not_met": "#A8370A",
    "too_few": "#5F6368",
    "no_target": "#5F6368",
    "no_data": "#5F6368",
}


def status_label(status: Status) -> str:
    """Symbol and word, e.g. '✔ Nådd'."""
    symbol, word = STATUS_LABELS[status]
    return f"{symbol} {word}"
