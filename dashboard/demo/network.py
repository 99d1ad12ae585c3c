"""The embedded demo network: fictional people in real places (Helse Stavanger's 15 municipalities).

Deterministic: the same seed gives the same rows in the same order, so the same database. History
runs from 2021 to the demo's data date; the 2026 calendar is the annual plan's (seed 001).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.demo import governance as demo_governance
from dashboard.engine import db, subscriptions
from dashboard.engine.contract import TABLES
from dashboard.engine.database import Database
from dashboard.engine.db import DATA_DIR
from dashboard.engine.meetings import add_meeting_row
from dashboard.engine.scope import Selection

DEFAULT_DB = DATA_DIR / "demo.lake"
DEFAULT_SEED = 2026
# The demo's "today": nothing in it happens after this day (appointments may be planned to end).
DATA_DATE = dt.date(2026, 11, 20)
FIRST_YEAR = 2021
TRUST = "stavanger"

NURSE_GROUPS: dict[str, tuple[str, list[str]]] = {
    "SYK-STAV": ("Stavanger + SUS", ["1103"]),
    "SYK-SAND": ("Sandnes + SUS", ["1108"]),
    "SYK-DSJ": (
        "Dalane og sør Jæren + SUS",
        ["1101", "1111", "1112", "1114", "1119", "1120", "1121", "1122"],
    ),
    "SYK-RNJ": ("Ryfylke og nord Jæren + SUS", ["1130", "1133", "1124", "1127", "1144"]),
}
PHYSIO_GROUP = "FE-HS"
PHYSIO_GROUP_NAME = "Fysio- og ergoterapinettverket Helse Stavanger"

# Network meetings of the 2026 annual plan (seed 001, "Møter i lokale nettverksgrupper").
MEETINGS_2026: dict[str, tuple[dt.date, dt.date]] = {
    "SYK-STAV": (dt.date(2026, 4, 16), dt.date(2026, 10, 22)),
    "SYK-SAND": (dt.date(2026, 4, 16), dt.date(2026, 10, 15)),
    "SYK-DSJ": (dt.date(2026, 3, 12), dt.date(2026, 10, 29)),
    "SYK-RNJ": (dt.date(2026, 3, 12), dt.date(2026, 10, 22)),
}

# (sykehjem, hjemmetjeneste zones) per municipality; more in Stavanger and Sandnes.
MUNICIPAL_UNITS: dict[str, tuple[int, int]] = {
    "1103": (13, 8),
    "1108": (8, 5),
    "1124": (3, 2),
    "1120": (2, 2),
    "1121": (2, 2),
    "1119": (3, 2),
    "1101": (2, 2),
    "1130": (2, 1),
    "1122": (2, 1),
    "1127": (1, 1),
    "1111": (1, 1),
    "1112": (1, 1),
    "1114": (1, 1),
    "1133": (1, 1),
    "1144": (1, 1),
}

SUS_WARDS = [
    "Kreftavdelingen, sengepost",
    "Lungeavdelingen, sengepost",
    "Medisinsk sengepost 1",
    "Medisinsk sengepost 2",
    "Gastrokirurgisk sengepost",
    "Nevrologisk sengepost",
    "Hjerteavdelingen, sengepost",
    "Urologisk sengepost",
    "Gynekologisk sengepost",
    "Ortopedisk sengepost",
    "Hematologisk sengepost",
    "Geriatrisk sengepost",
    "Nyreavdelingen, sengepost",
    "Infeksjonsmedisinsk sengepost",
    "Palliativ enhet",
    "Endokrinologisk sengepost",
    "Karkirurgisk sengepost",
    "Thoraxkirurgisk sengepost",
    "Øre-nese-hals, sengepost",
    "Plastikkirurgisk sengepost",
    "Slagenheten",
    "Intermediærenheten",
    "Observasjonsposten",
    "Barne- og ungdomsklinikken, sengepost",
]
SUS_CLINICS = [
    "Kreftpoliklinikken",
    "Lungepoliklinikken",
    "Palliativt team, poliklinikk",
    "Stråleterapien, poliklinikk",
    "Gynekologisk poliklinikk",
    "Urologisk poliklinikk",
    "Hematologisk poliklinikk",
    "Nevrologisk poliklinikk",
]
AREA_NAMES = [
    "Sentrum",
    "Nord",
    "Sør",
    "Øst",
    "Vest",
    "Åsen",
    "Dalen",
    "Lia",
    "Tunet",
    "Haugen",
    "Bakken",
    "Strandli",
    "Moen",
    "Bråten",
    "Vikane",
    "Furuly",
]

FIRST_NAMES = [
    "Anne",
    "Kari",
    "Ingrid",
    "Marit",
    "Silje",
    "Hanne",
    "Ida",
    "Nina",
    "Line",
    "Camilla",
    "Tone",
    "Hilde",
    "Siri",
    "Marte",
    "Kristin",
    "Eli",
    "Ragnhild",
    "Solveig",
    "Berit",
    "Guro",
    "Tuva",
    "Maren",
    "Synnøve",
    "Åse",
    "Liv",
    "Torunn",
    "Heidi",
    "Randi",
    "Vigdis",
    "Ellen",
    "Sunniva",
    "Oda",
    "Thea",
    "Ane",
    "Lene",
    "Mona",
    "Gunn",
    "Astrid",
    "Sigrid",
    "Ragnhild",
    "Ola",
    "Lars",
    "Per",
    "Knut",
    "Erik",
    "Jon",
    "Magnus",
    "Håkon",
    "Øystein",
    "Tor",
]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Berg",
    "Haugen",
    "Hagen",
    "Eriksen",
    "Bakke",
    "Sørensen",
    "Tjelta",
    "Rasmussen",
    "Sivertsen",
    "Skadberg",
    "Tengesdal",
    "Time",
    "Håland",
    "Ravndal",
    "Bø",
    "Svela",
    "Egeland",
    "Frafjord",
    "Aarsland",
    "Undheim",
    "Espeland",
    "Nærland",
    "Helland",
    "Sola",
    "Vatne",
    "Lende",
    "Erga",
    "Gabrielsen",
    "Stangeland",
    "Øvrebø",
    "Skjæveland",
    "Bjørnsen",
    "Vikse",
    "Ueland",
    "Fjeldsbø",
    "Dahle",
    "Torland",
    "Mæland",
    "Søyland",
    "Hetland",
]

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

# Column order of every table, from the data contract.
TABLE_COLUMNS: dict[str, list[str]] = {t.name: list(t.column_names) for t in TABLES}


def read_reference_municipalities() -> list[dict[str, str]]:
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_health_trusts() -> list[dict[str, str]]:
    with open(DATA_DIR / "health_trusts.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def thursday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "", "-": ""})
    return text.lower().translate(table)


def weighted_pick(
    rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int
) -> set:
    """k distinct items, likelier the heavier (Efraimidis–Spirakis keys): exact counts, no luck."""
    keyed = sorted(
        range(len(items)), key=lambda i: rng.random() ** (1.0 / max(weights[i], 1e-6)), reverse=True
    )
    return {items[i] for i in keyed[:k]}


@dataclass
class DemoNetwork:
    """Rows per table, built in a fixed order."""

    rows: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLE_COLUMNS})

    def add(self, table: str, *values: Any) -> None:
        self.rows[table].append(values)


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.net = DemoNetwork()
        self.used_names: set[str] = set()
        self.member_seq = 0
        self.propensity: dict[str, float] = {}
        self.leader_of_unit: dict[str, str] = {}
        self.unit_type_of: dict[str, str] = {}
        self.municipality_names: dict[str, str] = {}

    # --- people ---------------------------------------------------------------------------
    def person_name(self) -> str:
        for _ in range(1000):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        raise RuntimeError("name pool exhausted")

    def email(self, name: str, domain: str) -> str:
        return f"{slug(name.split()[0])}.{slug(name.split()[-1])}@{domain}"

    def domain_for(self, municipality_number: str, owner: str) -> str:
        if owner == "helseforetak":
            return "sus.eksempel.no"
        return f"{slug(self.municipality_names[municipality_number])}.kommune.eksempel.no"

    # --- places -----------------------------------------------------------------------------
    def build_places(self) -> list[dict[str, Any]]:
        for trust in read_health_trusts():
            self.net.add("health_trust", trust["code"], trust["name"])
        for row in read_reference_municipalities():
            if row["health_trust"] == "Helse Stavanger":
                self.net.add("municipality", row["number"], row["name"], TRUST)
                self.municipality_names[row["number"]] = row["name"]
        group_of_municipality: dict[str, str] = {}
        for code, (name, numbers) in NURSE_GROUPS.items():
            self.net.add("network_group", code, name, "sykepleier", TRUST)
            for number in numbers:
                self.net.add("network_group_municipality", code, number)
                group_of_municipality[number] = code
        self.net.add("network_group", PHYSIO_GROUP, PHYSIO_GROUP_NAME, "fysio_ergo", TRUST)
        for number in sorted(self.municipality_names):
            self.net.add("network_group_municipality", PHYSIO_GROUP, number)

        units: list[dict[str, Any]] = []

        def add_unit(
            unit_id: str,
            name: str,
            unit_type: str,
            owner: str,
            number: str,
            group: str,
            needs: bool,
            valid_from: dt.date | None = None,
            valid_to: dt.date | None = None,
        ) -> None:
            units.append(
                {
                    "unit_id": unit_id,
                    "name": name,
                    "unit_type": unit_type,
                    "owner": owner,
                    "municipality_number": number,
                    "network_group": group,
                    "needs_member": needs,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                }
            )

        groups = list(NURSE_GROUPS)
        for i, ward in enumerate(SUS_WARDS, start=1):
            add_unit(
                f"SUS-AVD{i:02d}",
                f"SUS {ward}",
                "sykehusavdeling",
                "helseforetak",
                "1103",
                groups[i % 4],
                True,
            )
        for i, clinic in enumerate(SUS_CLINICS, start=1):
            add_unit(
                f"SUS-POL{i:02d}",
                f"SUS {clinic}",
                "poliklinikk",
                "helseforetak",
                "1103",
                groups[(i + 1) % 4],
                True,
            )
        add_unit(
            "SUS-FYS",
            "SUS Fysio- og ergoterapiavdelingen",
            "annet",
            "helseforetak",
            "1103",
            PHYSIO_GROUP,
            False,
        )
        for number, (n_homes, n_zones) in MUNICIPAL_UNITS.items():
            place = self.municipality_names[number]
            group = group_of_municipality[number]
            for i in range(n_homes):
                add_unit(
                    f"{number}-SH{i + 1:02d}",
                    f"{place} sykehjem {AREA_NAMES[i]}",
                    "sykehjem",
                    "kommune",
                    number,
                    group,
                    True,
                )
            for i in range(n_zones):
                zone = AREA_NAMES[-(i + 1)]
                add_unit(
                    f"{number}-HT{i + 1:02d}",
                    f"{place} hjemmetjeneste sone {zone}",
                    "hjemmetjeneste",
                    "kommune",
                    number,
                    group,
                    True,
                )
            add_unit(
                f"{number}-FE",
                f"{place} fysio- og ergoterapitjeneste",
                "annet",
                "kommune",
                number,
                PHYSIO_GROUP,
                False,
            )
        # Kreftkoordinator: a unit that does not need a resource nurse of its own.
        for number in ("1103", "1108", "1124"):
            add_unit(
                f"{number}-KK",
                f"{self.municipality_names[number]} kreftkoordinator",
                "annet",
                "kommune",
                number,
                group_of_municipality[number],
                False,
            )
        # A nursing home closed in 2023 and a new one opened in 2024.
        add_unit(
            "1103-SH90",
            "Stavanger sykehjem Gamlebyen",
            "sykehjem",
            "kommune",
            "1103",
            "SYK-STAV",
            True,
            None,
            dt.date(2023, 6, 30),
        )
        add_unit(
            "1108-SH90",
            "Sandnes sykehjem Nyland",
            "sykehjem",
            "kommune",
            "1108",
            "SYK-SAND",
            True,
            dt.date(2024, 3, 1),
            None,
        )

        for unit in units:
            self.net.add(
                "unit",
                unit["unit_id"],
                unit["name"],
                unit["unit_type"],
                unit["owner"],
                unit["municipality_number"],
                TRUST,
                unit["network_group"],
                unit["needs_member"],
                unit["valid_from"],
                unit["valid_to"],
            )
            leader_name = self.person_name()
            leader_id = f"L-{unit['unit_id']}"
            domain = self.domain_for(unit["municipality_number"], unit["owner"])
            self.net.add(
                "leader", leader_id, leader_name, self.email(leader_name, domain), unit["unit_id"]
            )
            self.leader_of_unit[unit["unit_id"]] = leader_id
            self.unit_type_of[unit["unit_id"]] = unit["unit_type"]
        return units

    # --- appointments -----------------------------------------------------------------------
    def new_member_id(self) -> str:
        self.member_seq += 1
        return f"M{self.member_seq:04d}"

    def add_appointment(
        self,
        member_id: str,
        name: str,
        email: str,
        profession: str,
        unit: dict[str, Any],
        start: dt.date,
        end: dt.date | None,
        reason: str | None,
    ) -> None:
        self.net.add(
            "member",
            member_id,
            name,
            email,
            profession,
            unit["unit_id"],
            self.leader_of_unit[unit["unit_id"]],
            start,
            end,
            reason,
        )

    def fill_slot(
        self,
        unit: dict[str, Any],
        profession: str,
        hard_to_fill: bool,
        movers: list[tuple[str, str, str, dt.date]],
    ) -> None:
        """A succession of appointments in one seat of a unit, with gaps between them."""
        rng = self.rng
        unit_start = unit["valid_from"] or dt.date(2012, 1, 1)
        unit_end = unit["valid_to"]
        start = max(unit_start, dt.date(2013, 1, 1) + dt.timedelta(days=rng.randrange(2900)))
        if unit["valid_from"]:
            start = unit_start + dt.timedelta(days=rng.randrange(20, 120))
        while start <= DATA_DATE and (unit_end is None or start < unit_end):
            member_id = self.new_member_id()
            name = self.person_name()
            email = self.email(name, self.domain_for(unit["municipality_number"], unit["owner"]))
            self.propensity[member_id] = rng.uniform(0.45, 1.0)
            years = max(0.6, rng.expovariate(1 / 4.5))
            end: dt.date | None = start + dt.timedelta(days=int(years * 365))
            reason = rng.choice(
                [
                    "sluttet",
                    "sluttet",
                    "sluttet",
                    "ny stilling",
                    "ny stilling",
                    "permisjon",
                    "flyttet",
                ]
            )
            if unit_end and (end is None or end > unit_end):
                end, reason = unit_end, "enheten lagt ned"
            if end and end > DATA_DATE:
                # Active today; a few have a planned end within the next months.
                if rng.random() < 0.06:
                    end = DATA_DATE + dt.timedelta(days=rng.randrange(10, 150))
                    reason = "planlagt avslutning"
                else:
                    end, reason = None, None
            self.add_appointment(member_id, name, email, profession, unit, start, end, reason)
            if end is None or end > DATA_DATE or (unit_end and end >= unit_end):
                return
            if reason == "flyttet":
                movers.append((member_id, name, profession, end + dt.timedelta(days=1)))
            gap = rng.randrange(20, 300)
            if hard_to_fill and rng.random() < 0.6:
                gap += rng.randrange(400, 900)
            start = end + dt.timedelta(days=gap)

    def build_members(self, units: list[dict[str, Any]]) -> None:
        rng = self.rng
        movers: list[tuple[str, str, str, dt.date]] = []
        nurse_units = [u for u in units if u["needs_member"]]
        never_covered = {"1103-HT08", "SUS-AVD23", "1114-HT01"}
        for unit in nurse_units:
            if unit["unit_id"] in never_covered:
                continue
            big = unit["municipality_number"] in ("1103", "1108") or unit["owner"] == "helseforetak"
            seats = 2 if big and rng.random() < 0.3 else 1
            for seat in range(seats):
                self.fill_slot(
                    unit,
                    "sykepleier",
                    hard_to_fill=seat == 0 and rng.random() < 0.12,
                    movers=movers,
                )
        # Members who move: a new appointment in another unit of the same kind of owner.
        open_units = [
            u for u in nurse_units if u["valid_to"] is None and u["unit_id"] not in never_covered
        ]
        for member_id, name, profession, start in movers:
            unit = rng.choice(open_units)
            end = (
                None if rng.random() < 0.5 else start + dt.timedelta(days=rng.randrange(200, 1100))
            )
            if end is not None and end > DATA_DATE:
                end = None
            email = self.email(name, self.domain_for(unit["municipality_number"], unit["owner"]))
            self.add_appointment(
                member_id,
                name,
                email,
                profession,
                unit,
                start,
                end,
                None if end is None else "sluttet",
            )

        physio_seats: dict[str, list[str]] = {
            "1103": ["fysioterapeut"] * 6 + ["ergoterapeut"] * 3,
            "1108": ["fysioterapeut"] * 5 + ["ergoterapeut"] * 2,
            "1124": ["fysioterapeut"] * 2 + ["ergoterapeut"],
            "1120": ["fysioterapeut", "ergoterapeut"],
            "1121": ["fysioterapeut", "ergoterapeut"],
            "1119": ["fysioterapeut", "ergoterapeut"],
            "1101": ["fysioterapeut", "fysioterapeut", "ergoterapeut"],
            "1130": ["fysioterapeut", "fysioterapeut"],
            "1122": ["fysioterapeut", "fysioterapeut"],
            "1127": ["fysioterapeut", "fysioterapeut"],
            "1111": ["fysioterapeut"],
            "1112": ["fysioterapeut"],
            "1114": ["fysioterapeut"],
            "1133": ["fysioterapeut"],
        }
        by_id = {u["unit_id"]: u for u in units}
        for number, professions in physio_seats.items():
            for profession in professions:
                self.fill_slot(
                    by_id[f"{number}-FE"], profession, hard_to_fill=number == "1133", movers=[]
                )
        for profession in ["fysioterapeut"] * 3 + ["ergoterapeut"]:
            self.fill_slot(by_id["SUS-FYS"], profession, hard_to_fill=False, movers=[])
        # A kreftkoordinator who is also a resource nurse, though the unit needs none.
        self.fill_slot(by_id["1103-KK"], "sykepleier", hard_to_fill=False, movers=[])

    # --- calendar ---------------------------------------------------------------------------
    def build_events(self) -> None:
        for year in range(FIRST_YEAR, DATA_DATE.year + 1):
            intro = (
                dt.date(2026, 1, 29) if year == 2026 else thursday_on_or_after(dt.date(year, 1, 22))
            )
            self.event(
                f"{year}-INTRO",
                "introkurs",
                "Introduksjonskurs for nye ressurspersoner og ledere",
                intro,
                "alle",
                None,
            )
            basic = (
                dt.date(2026, 3, 26) if year == 2026 else thursday_on_or_after(dt.date(year, 3, 20))
            )
            self.event(
                f"{year}-GRUNN", "annet", "Fagdag i grunnleggende palliasjon", basic, "alle", None
            )
            for g, code in enumerate(NURSE_GROUPS):
                if year == 2026:
                    spring, autumn = MEETINGS_2026[code]
                else:
                    spring = thursday_on_or_after(dt.date(year, 3 if g >= 2 else 4, 8 + 2 * g))
                    autumn = thursday_on_or_after(dt.date(year, 10, 12 + 3 * g))
                name = NURSE_GROUPS[code][0]
                self.event(
                    f"{year}-{code}-V",
                    "nettverksmote",
                    f"Nettverksmøte vår, {name}",
                    spring,
                    "sykepleier",
                    code,
                )
                self.event(
                    f"{year}-{code}-H",
                    "nettverksmote",
                    f"Nettverksmøte høst, {name}",
                    autumn,
                    "sykepleier",
                    code,
                )
            full_day = (
                dt.date(2026, 4, 28) if year == 2026 else thursday_on_or_after(dt.date(year, 4, 24))
            )
            self.event(
                f"{year}-FE-V", "samling", "Heldagssamling fysio/ergo", full_day, "fysio_ergo", None
            )
            digital = (
                dt.date(2026, 10, 15)
                if year == 2026
                else thursday_on_or_after(dt.date(year, 10, 10))
            )
            self.event(
                f"{year}-FE-H",
                "samling",
                "Halvdagssamling digitalt, fysio/ergo",
                digital,
                "fysio_ergo",
                None,
            )
            self.event(
                f"{year}-LEDER",
                "ledermote",
                "Teams-møte for ledere i sykepleiernettverket",
                thursday_on_or_after(dt.date(year, 9, 1)),
                "sykepleier",
                None,
            )
            fagdag = (
                dt.date(2026, 11, 12)
                if year == 2026
                else thursday_on_or_after(dt.date(year, 11, 8))
            )
            self.event(f"{year}-FAGDAG", "fagdag", "Årlig fagdag", fagdag, "alle", None)
            for network, sent in (
                ("sykepleier", dt.date(year, 10, 1)),
                ("fysio_ergo", dt.date(year, 10, 15)),
            ):
                self.net.add("reporting_round", year, network, TRUST, sent, dt.date(year, 11, 30))

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


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple]) -> None:
    """Rows in the contract's column order into one table (the table name is the contract's)."""
    if not rows:
        return
    frame = pd.DataFrame(list(rows), columns=TABLE_COLUMNS[table], dtype=object)
    columns = ", ".join(TABLE_COLUMNS[table])
    con.register("incoming_rows", frame)
    try:
        con.execute(f"insert into {table} ({columns}) select {columns} from incoming_rows")
    finally:
        con.unregister("incoming_rows")


def build_database(
    path: str | Path, build: Callable[[duckdb.DuckDBPyConnection], int], label: str
) -> Path:
    """A new lake at `path` (replacing it via a temporary folder and a rename): the seeds'
    targets, whatever `build` inserts (it returns the number of rows) and a `demo` line in the
    import history in one change, then the prepared figures counted and kept."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)

    def work(con: duckdb.DuckDBPyConnection) -> None:
        n_rows = build(con)
        db.execute(
            con,
            "import_batch_record",
            {
                "at": dt.datetime.combine(DATA_DATE, dt.time(6, 0), tzinfo=dt.UTC),
                "by": "demo",
                "file": label,
                "sha": None,
                "table": "alle",
                "inserted": n_rows,
                "updated": 0,
                "import_id": None,
                "action": "demo",
            },
        )

    building = Database(tmp, create=True)
    building.change(work)
    building.settle()  # the prepared figures counted once and kept in the lake
    building.close()
    shutil.rmtree(path, ignore_errors=True)
    os.replace(tmp, path)
    return path


def build_demo(
    path: str | Path = DEFAULT_DB,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Build the demo database at `path` (replacing it)."""
    say = progress or (lambda _message: None)
    builder = _Builder(seed)

    def build(con: duckdb.DuckDBPyConnection) -> int:
        say("steder og enheter")
        units = builder.build_places()
        builder.build_members(units)
        builder.build_events()
        for table in (
            "health_trust",
            "municipality",
            "network_group",
            "network_group_municipality",
            "unit",
            "leader",
            "member",
            "event",
            "reporting_round",
        ):
            insert_rows(con, table, builder.net.rows[table])
        say("oppmøte og årlig rapportering")
        builder.build_attendance(con)
        builder.build_reports(con)
        insert_rows(con, "attendance", builder.net.rows["attendance"])
        insert_rows(con, "annual_report", builder.net.rows["annual_report"])
        say("årsplan og styringsorganer")
        for table, rows in demo_governance.plan_rows(TRUST, "STAV").items():
            builder.net.rows[table].extend(rows)
        builder.net.rows["governance_member"].extend(
            demo_governance.register_rows(
                TRUST,
                dt.date.today(),
                seed,
                builder.net.rows,
                builder.used_names,
                FIRST_NAMES,
                LAST_NAMES,
                slug,
            )
        )
        for table in ("plan_goal", "plan_activity", "governance_member"):
            insert_rows(con, table, builder.net.rows[table])
        calendar = demo_governance.meetings(TRUST, dt.date.today().year)
        for meeting in calendar:
            add_meeting_row(con, meeting)
        for email, role, groups in demo_governance.DEMO_USERS:
            groups = groups if role == "nettverksleder" else ""
            db.run(
                con,
                "app_user_save",
                {"email": email, "role": role, "network_groups": groups, "health_trusts": None},
            )
        for email, kind, frequency, selection in demo_governance.DEMO_SUBSCRIPTIONS:
            subscriptions.add_row(
                con,
                email,
                kind,
                Selection.from_key(selection),
                frequency,
                "nb",
                "demo",
                days_before=7 if kind == "pack" else None,
            )
        return sum(len(r) for r in builder.net.rows.values()) + len(calendar)

    build_database(path, build, "demo")
    say(f"ferdig: {path}")
    return Path(path)


def summary(path: str | Path) -> dict[str, int]:
    """Row counts per table (for the CLI's closing line)."""
    with Database(path).read() as con:
        return {
            table: int(con.execute(f"select count(*) from {table}").fetchall()[0][0])
            for table in TABLE_COLUMNS
        }
