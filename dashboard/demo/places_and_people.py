"""The demo's places and people: health trusts, municipalities, network groups, units with
their leaders, and the resource persons' appointments (who sat in which unit, from when to when).

A mixin of the demo's builder (`network._Builder`), which holds the shared state and decides
the order of the steps: the random draws happen in that order, so the demo stays the same.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from dashboard.demo.lake_writer import DemoNetwork
from dashboard.demo.region import (
    AREA_NAMES,
    DATA_DATE,
    FIRST_NAMES,
    LAST_NAMES,
    MUNICIPAL_UNITS,
    NURSE_GROUPS,
    PHYSIO_GROUP,
    PHYSIO_GROUP_NAME,
    SUS_CLINICS,
    SUS_WARDS,
    TRUST,
    read_health_trusts,
    read_reference_municipalities,
    slug,
)


class PlacesAndPeople:
    """Builds the places, the leaders and the members' appointments into `net`."""

    rng: random.Random
    net: DemoNetwork
    used_names: set[str]
    member_seq: int
    propensity: dict[str, float]
    leader_of_unit: dict[str, str]
    unit_type_of: dict[str, str]
    municipality_names: dict[str, str]

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
