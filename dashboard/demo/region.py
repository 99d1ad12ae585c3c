"""The demo's fixed facts: its "today", its health trust (Helse Stavanger), the network groups and
their municipalities, the units to fill (hospital wards, clinics, nursing homes, home-care zones)
and the pool of fictional names. The generator reads them; nothing here draws a random number.
"""

from __future__ import annotations

import csv
import datetime as dt

from dashboard.engine.db import DATA_DIR

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


def read_reference_municipalities() -> list[dict[str, str]]:
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_health_trusts() -> list[dict[str, str]]:
    with open(DATA_DIR / "health_trusts.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "", "-": ""})
    return text.lower().translate(table)
