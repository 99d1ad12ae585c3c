"""Every code the data uses, with the Norwegian words people read: one place for the app, the CLI,
the files and the report. Codes stay codes in the database and in URLs; people see these labels.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.engine.contract import (
    EVENT_KINDS,
    EVENT_NETWORKS,
    GROUP_NETWORKS,
    OWNERS,
    PERSON_TYPES,
    PROFESSIONS,
    STATUSES,
    UNIT_TYPES,
)

PROFESSION: dict[str, str] = {
    "sykepleier": "Sykepleier",
    "fysioterapeut": "Fysioterapeut",
    "ergoterapeut": "Ergoterapeut",
}
NETWORK: dict[str, str] = {
    "sykepleier": "Sykepleiernettverket",
    "fysio_ergo": "Fysio- og ergoterapinettverket",
    "alle": "Begge nettverkene",
}
UNIT_TYPE: dict[str, str] = {
    "sykehjem": "Sykehjem",
    "hjemmetjeneste": "Hjemmetjeneste",
    "sykehusavdeling": "Sykehusavdeling",
    "poliklinikk": "Poliklinikk",
    "annet": "Annet",
}
OWNER: dict[str, str] = {"kommune": "Kommune", "helseforetak": "Helseforetak"}
EVENT_KIND: dict[str, str] = {
    "nettverksmote": "Nettverksmøte",
    "fagdag": "Årlig fagdag",
    "introkurs": "Introduksjonskurs",
    "samling": "Samling (fysio/ergo)",
    "ledermote": "Ledermøte",
    "annet": "Annet arrangement",
}
PERSON_TYPE: dict[str, str] = {"member": "Ressursperson", "leader": "Leder"}
ATTENDANCE: dict[str, str] = {
    "møtt": "Møtt",
    "forfall": "Forfall",
    "ikke_møtt": "Ikke møtt",
    "ikke_registrert": "Ikke registrert",
}
ROLE: dict[str, str] = {
    "styringsgruppe": "Styringsgruppe",
    "nettverksleder": "Nettverksleder",
    "koordinator": "Koordinator",
    "demo": "Demomodus",
    "ingen": "Ingen tilgang",
}
IMPORT_ACTION: dict[str, str] = {"import": "Import", "undo": "Angring", "demo": "Demodata"}
COMPARISON: dict[str, str] = {">=": "minst", "<=": "høyst", "rising": "økende"}
# The yes/no questions of the annual report, as people read them.
QUESTION: dict[str, str] = {
    "met_leader": "Årlig møte med leder",
    "has_work_plan": "Har arbeidsplan",
    "routine_new_staff": "Rutine for nyansatte",
    "routine_inform_colleagues": "Informerer kolleger",
    "earmarked_time": "Øremerket tid",
    "job_shadowing": "Hospitering",
    "development_work": "Utviklingsarbeid",
}
# The selection's dimensions (the filters), as people name them.
FILTER: dict[str, str] = {
    "health_trust": "Helseforetak",
    "network": "Nettverk",
    "network_group": "Nettverksgruppe",
    "municipality": "Kommune",
    "profession": "Yrke",
    "unit_type": "Enhetstype",
    "unit": "Enhet",
}
NO_GROUP = "(ingen gruppe)"
WHOLE_NETWORK = "Hele nettverket"

# Which enumerated data columns take which labels (for tables shown and exported).
BY_CHOICES: dict[tuple[str, ...], Mapping[str, str]] = {
    PROFESSIONS: PROFESSION,
    UNIT_TYPES: UNIT_TYPE,
    OWNERS: OWNER,
    EVENT_KINDS: EVENT_KIND,
    EVENT_NETWORKS: NETWORK,
    GROUP_NETWORKS: NETWORK,
    PERSON_TYPES: PERSON_TYPE,
    STATUSES: ATTENDANCE,
}


def label(labels: Mapping[str, str], code: object) -> str:
    """The label of a code; an unknown code as it is, and nothing as an empty string."""
    if code is None or code != code:  # None or NaN
        return ""
    return labels.get(str(code), str(code))


def plural(count: int, one: str, many: str) -> str:
    """«1 person», «2 personer»."""
    return f"{count} {one if count == 1 else many}"
