"""The demo's activity: the calendar of events and reporting rounds, who attended each event and
who answered the annual report, drawn to land on the per-year rates below.

A mixin of the demo's builder (`network._Builder`), which holds the shared state and decides
the order of the steps: the random draws happen in that order, so the demo stays the same.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

import duckdb

from dashboard.demo.lake_writer import DemoNetwork
from dashboard.demo.region import DATA_DATE, FIRST_YEAR, NURSE_GROUPS, TRUST

# Network meetings of the 2026 annual plan (seed 001, "Møter i lokale nettverksgrupper").
MEETINGS_2026: dict[str, tuple[dt.date, dt.date]] = {
    "SYK-STAV": (dt.date(2026, 4, 16), dt.date(2026, 10, 22)),
    "SYK-SAND": (dt.date(2026, 4, 16), dt.date(2026, 10, 15)),
    "SYK-DSJ": (dt.date(2026, 3, 12), dt.date(2026, 10, 29)),
    "SYK-RNJ": (dt.date(2026, 3, 12), dt.date(2026, 10, 22)),
}

# The region-wide events of each year, before and after the network groups' meetings (the calendar's
# order): the id's end, kind, title, network, the 2026 plan's day (None: as other years) and the
# (month, day) from which other years take the first Thursday.
YearlyEvent = tuple[str, str, str, str, dt.date | None, tuple[int, int]]
BEFORE_MEETINGS: tuple[YearlyEvent, ...] = (
    (
        "INTRO",
        "introkurs",
        "Introduksjonskurs for nye ressurspersoner og ledere",
        "alle",
        dt.date(2026, 1, 29),
        (1, 22),
    ),
    ("GRUNN", "annet", "Fagdag i grunnleggende palliasjon", "alle", dt.date(2026, 3, 26), (3, 20)),
)
AFTER_MEETINGS: tuple[YearlyEvent, ...] = (
    ("FE-V", "samling", "Heldagssamling fysio/ergo", "fysio_ergo", dt.date(2026, 4, 28), (4, 24)),
    (
        "FE-H",
        "samling",
        "Halvdagssamling digitalt, fysio/ergo",
        "fysio_ergo",
        dt.date(2026, 10, 15),
        (10, 10),
    ),
    (
        "LEDER",
        "ledermote",
        "Teams-møte for ledere i sykepleiernettverket",
        "sykepleier",
        None,
        (9, 1),
    ),
    ("FAGDAG", "fagdag", "Årlig fagdag", "alle", dt.date(2026, 11, 12), (11, 8)),
)

# Per-year rates the demo aims at (exact shares are drawn, so each year lands on them).
MEETING_RATE = {2021: 0.70, 2022: 0.74, 2023: 0.78, 2024: 0.80, 2025: 0.79, 2026: 0.83}
FAGDAG_RATE = {2021: 0.66, 2022: 0.72, 2023: 0.76, 2024: 0.82, 2025: 0.78, 2026: 0.74}
SAMLING_RATE = {2021: 0.72, 2022: 0.75, 2023: 0.80, 2024: 0.82, 2025: 0.84, 2026: 0.81}
LEADER_FAGDAG_RATE = {2021: 0.24, 2022: 0.26, 2023: 0.29, 2024: 0.31, 2025: 0.33, 2026: 0.34}
INTRO_RATE = 0.75
RESPONSE_RATE = {2021: 0.68, 2022: 0.72, 2023: 0.78, 2024: 0.83, 2025: 0.82, 2026: 0.77}
ANSWER_RATES: dict[str, dict[int, float]] = {
    "met_leader": {2021: 0.70, 2022: 0.74, 2023: 0.78, 2024: 0.82, 2025: 0.84, 2026: 0.86},
    "has_work_plan": {2021: 0.50, 2022: 0.54, 2023: 0.58, 2024: 0.60, 2025: 0.63, 2026: 0.66},
    "routine_new_staff": {2021: 0.70, 2022: 0.73, 2023: 0.77, 2024: 0.80, 2025: 0.82, 2026: 0.85},
    "routine_inform_colleagues": {
        2021: 0.64,
        2022: 0.67,
        2023: 0.70,
        2024: 0.72,
        2025: 0.74,
        2026: 0.75,
    },
    "earmarked_time": {2021: 0.30, 2022: 0.31, 2023: 0.33, 2024: 0.36, 2025: 0.38, 2026: 0.42},
    "job_shadowing": {2021: 0.10, 2022: 0.12, 2023: 0.09, 2024: 0.13, 2025: 0.16, 2026: 0.12},
    "development_work": {2021: 0.25, 2022: 0.27, 2023: 0.30, 2024: 0.29, 2025: 0.33, 2026: 0.28},
}


def thursday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


def weighted_pick(
    rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int
) -> set:
    """k distinct items, likelier the heavier (Efraimidis–Spirakis keys): exact counts, no luck."""
    keyed = sorted(
        range(len(items)), key=lambda i: rng.random() ** (1.0 / max(weights[i], 1e-6)), reverse=True
    )
    return {items[i] for i in keyed[:k]}


class Participation:
    """Builds the events, the attendance and the annual reports into `net`."""

    rng: random.Random
    net: DemoNetwork
    propensity: dict[str, float]

    # --- calendar ---------------------------------------------------------------------------
    def build_events(self) -> None:
        for year in range(FIRST_YEAR, DATA_DATE.year + 1):
            self._yearly_events(year, BEFORE_MEETINGS)
            for g, code in enumerate(NURSE_GROUPS):
                if year == 2026:
                    spring, autumn = MEETINGS_2026[code]
                else:
                    spring = thursday_on_or_after(dt.date(year, 3 if g >= 2 else 4, 8 + 2 * g))
                    autumn = thursday_on_or_after(dt.date(year, 10, 12 + 3 * g))
                name = NURSE_GROUPS[code][0]
                for suffix, season, day in (("V", "vår", spring), ("H", "høst", autumn)):
                    self.event(
                        f"{year}-{code}-{suffix}",
                        "nettverksmote",
                        f"Nettverksmøte {season}, {name}",
                        day,
                        "sykepleier",
                        code,
                    )
            self._yearly_events(year, AFTER_MEETINGS)
            for network, sent in (
                ("sykepleier", dt.date(year, 10, 1)),
                ("fysio_ergo", dt.date(year, 10, 15)),
            ):
                self.net.add("reporting_round", year, network, TRUST, sent, dt.date(year, 11, 30))

    def _yearly_events(self, year: int, events: Sequence[YearlyEvent]) -> None:
        """The year's region-wide events: on the 2026 plan's day in 2026, else on the first
        Thursday from the table's day."""
        for suffix, kind, title, network, planned, (month, day) in events:
            on = (
                planned
                if planned is not None and planned.year == year
                else thursday_on_or_after(dt.date(year, month, day))
            )
            self.event(f"{year}-{suffix}", kind, title, on, network, None)

    def event(
        self, event_id: str, kind: str, title: str, day: dt.date, network: str, group: str | None
    ) -> None:
        self.net.add("event", event_id, kind, title, day, network, group, TRUST)

    # --- attendance and reports (need the expected lists: computed by the real views) -------
    def build_attendance(self, con: duckdb.DuckDBPyConnection) -> None:
        rng = self.rng
        expected = con.execute(
            "select event_id, kind, year(event_date) as year, list(distinct member_id order by member_id),"
            " list(distinct leader_id order by leader_id) filter (where leader_id is not null)"
            " from expected_attendance_live where event_date <= $d and kind in"
            " ('nettverksmote', 'fagdag', 'samling') group by all order by event_id",
            {"d": DATA_DATE},
        ).fetchall()
        rates = {"nettverksmote": MEETING_RATE, "fagdag": FAGDAG_RATE, "samling": SAMLING_RATE}
        active_by_group = self._members_by_group(con)
        for event_id, kind, year, members, leaders in expected:
            rate = rates[kind][year] + rng.uniform(-0.03, 0.03)
            weights = [self.propensity.get(m, 0.7) for m in members]
            came = weighted_pick(rng, members, weights, round(rate * len(members)))
            for member_id in members:
                if member_id in came:
                    self.net.add("attendance", event_id, member_id, "member", "møtt")
                elif rng.random() < 0.55:  # sign-in sheets often list only who came
                    status = "forfall" if rng.random() < 0.75 else "ikke_møtt"
                    self.net.add("attendance", event_id, member_id, "member", status)
            if kind == "nettverksmote":
                # Guests from another group: kept, listed, and counted in no rate.
                group = event_id.split("-", 1)[1].rsplit("-", 1)[0]
                others = sorted(
                    m
                    for g, ms in active_by_group.items()
                    if g != group
                    for m in ms
                    if m not in members
                )
                for guest in rng.sample(others, k=min(len(others), rng.randrange(0, 3))):
                    self.net.add("attendance", event_id, guest, "member", "møtt")
            if kind == "fagdag" and leaders:
                k = round(LEADER_FAGDAG_RATE[year] * len(leaders))
                for leader_id in sorted(rng.sample(leaders, k)):
                    self.net.add("attendance", event_id, leader_id, "leader", "møtt")
        self._intro_attendance(con)

    def _members_by_group(self, con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
        rows = con.execute(
            "select u.network_group, list(distinct m.member_id order by m.member_id) from member m"
            " join unit u using (unit_id) where m.profession = 'sykepleier' group by all order by 1"
        ).fetchall()
        return {group: members for group, members in rows}

    def _intro_attendance(self, con: duckdb.DuckDBPyConnection) -> None:
        rng = self.rng
        new_members = con.execute(
            "select member_id, min(start_date), arg_min(leader_id, start_date) from member"
            " group by member_id having min(start_date) >= make_date($y, 1, 1) - interval 400 day"
            " order by member_id",
            {"y": FIRST_YEAR},
        ).fetchall()
        intros = con.execute(
            "select event_id, event_date, kind from event where kind in ('introkurs', 'annet')"
            " and event_date <= $d order by event_date",
            {"d": DATA_DATE},
        ).fetchall()
        for member_id, start, leader_id in new_members:
            window = [
                (e, d)
                for e, d, k in intros
                if k == "introkurs"
                and start - dt.timedelta(days=90) <= d <= start + dt.timedelta(days=365)
            ]
            if window and rng.random() < INTRO_RATE:
                event_id = window[0][0]
                self.net.add("attendance", event_id, member_id, "member", "møtt")
                if leader_id and rng.random() < 0.45:
                    self.net.add("attendance", event_id, leader_id, "leader", "møtt")
            basics = [
                e
                for e, d, k in intros
                if k == "annet" and start <= d <= start + dt.timedelta(days=365)
            ]
            if basics and rng.random() < 0.5:
                self.net.add("attendance", basics[0], member_id, "member", "møtt")
        # Several leaders come to the intro course with their new members; avoid duplicate keys.
        seen: set[tuple] = set()
        unique = []
        for row in self.net.rows["attendance"]:
            if row[:3] not in seen:
                seen.add(row[:3])
                unique.append(row)
        self.net.rows["attendance"] = unique

    def build_reports(self, con: duckdb.DuckDBPyConnection) -> None:
        rng = self.rng
        rounds = con.execute(
            "select year, network, sent_on, closes_on, list(distinct member_id order by member_id)"
            " from report_population_live group by all order by year, network"
        ).fetchall()
        answered: set[tuple[int, str]] = set()
        for year, _network, sent_on, closes_on, members in rounds:
            if sent_on > DATA_DATE:
                continue
            weights = [self.propensity.get(m, 0.7) for m in members]
            respondents = sorted(
                weighted_pick(rng, members, weights, round(RESPONSE_RATE[year] * len(members)))
            )
            last_day = min(closes_on, DATA_DATE)
            answers = {
                question: weighted_pick(
                    rng,
                    respondents,
                    [1.0] * len(respondents),
                    round(rates[year] * len(respondents)),
                )
                for question, rates in ANSWER_RATES.items()
            }
            for member_id in respondents:
                if (year, member_id) in answered:
                    continue
                answered.add((year, member_id))
                submitted = sent_on + dt.timedelta(
                    days=rng.randrange((last_day - sent_on).days + 1)
                )
                self.net.add(
                    "annual_report",
                    year,
                    member_id,
                    submitted,
                    *(member_id in answers[q] for q in ANSWER_RATES),
                )
        # A few answers from people who had left before the round: kept, counted nowhere.
        left = con.execute(
            "select member_id from member group by member_id having max(coalesce(end_date, date"
            " '9999-12-31')) < make_date($y, 9, 1) order by member_id limit 3",
            {"y": 2025},
        ).fetchall()
        for (member_id,) in left:
            self.net.add(
                "annual_report",
                2025,
                member_id,
                dt.date(2025, 10, 20),
                True,
                True,
                True,
                True,
                False,
                False,
                False,
            )
