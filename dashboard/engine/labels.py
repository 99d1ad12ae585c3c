"""Every code the data uses, with the words people read: one place for the app, the CLI, the files
and the report. Codes stay codes in the database and in URLs; people see these labels, in bokmål
here and in the language of the moment when read (`TranslatedMapping`; `NO_GROUP` and
`WHOLE_NETWORK` are translated with `_()` where shown).
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.engine.contract import (
    EVENT_KINDS,
    EVENT_NETWORKS,
    GOVERNANCE_BODIES,
    GOVERNANCE_ROLES,
    GROUP_NETWORKS,
    OWNERS,
    PERSON_TYPES,
    PLAN_STATUSES,
    PROFESSIONS,
    STATUSES,
    UNIT_TYPES,
)
from dashboard.engine.i18n import N_, TranslatedMapping, _, ngettext

PROFESSION: Mapping[str, str] = TranslatedMapping(
    {
        "sykepleier": N_("Sykepleier"),
        "fysioterapeut": N_("Fysioterapeut"),
        "ergoterapeut": N_("Ergoterapeut"),
    }
)
NETWORK: Mapping[str, str] = TranslatedMapping(
    {
        "sykepleier": N_("Sykepleiernettverket"),
        "fysio_ergo": N_("Fysio- og ergoterapinettverket"),
        "alle": N_("Begge nettverkene"),
    }
)
UNIT_TYPE: Mapping[str, str] = TranslatedMapping(
    {
        "sykehjem": N_("Sykehjem"),
        "hjemmetjeneste": N_("Hjemmetjeneste"),
        "sykehusavdeling": N_("Sykehusavdeling"),
        "poliklinikk": N_("Poliklinikk"),
        "annet": N_("Annet"),
    }
)
OWNER: Mapping[str, str] = TranslatedMapping(
    {"kommune": N_("Kommune"), "helseforetak": N_("Helseforetak")}
)
EVENT_KIND: Mapping[str, str] = TranslatedMapping(
    {
        "nettverksmote": N_("Nettverksmøte"),
        "fagdag": N_("Årlig fagdag"),
        "introkurs": N_("Introduksjonskurs"),
        "samling": N_("Samling (fysio/ergo)"),
        "ledermote": N_("Ledermøte"),
        "annet": N_("Annet arrangement"),
    }
)
PERSON_TYPE: Mapping[str, str] = TranslatedMapping(
    {"member": N_("Ressursperson"), "leader": N_("Leder")}
)
ATTENDANCE: Mapping[str, str] = TranslatedMapping(
    {
        "møtt": N_("Møtt"),
        "forfall": N_("Forfall"),
        "ikke_møtt": N_("Ikke møtt"),
        "ikke_registrert": N_("Ikke registrert"),
    }
)
ROLE: Mapping[str, str] = TranslatedMapping(
    {
        "styringsgruppe": N_("Styringsgruppe"),
        "nettverksleder": N_("Nettverksleder"),
        "koordinator": N_("Koordinator"),
        "demo": N_("Demomodus"),
        "ingen": N_("Ingen tilgang"),
    }
)
IMPORT_ACTION: Mapping[str, str] = TranslatedMapping(
    {"import": N_("Import"), "undo": N_("Angring"), "demo": N_("Demodata")}
)
COMPARISON: Mapping[str, str] = TranslatedMapping(
    {">=": N_("minst"), "<=": N_("høyst"), "rising": N_("økende")}
)
# The yes/no questions of the annual report, as people read them.
QUESTION: Mapping[str, str] = TranslatedMapping(
    {
        "met_leader": N_("Årlig møte med leder"),
        "has_work_plan": N_("Har arbeidsplan"),
        "routine_new_staff": N_("Rutine for nyansatte"),
        "routine_inform_colleagues": N_("Informerer kolleger"),
        "earmarked_time": N_("Øremerket tid"),
        "job_shadowing": N_("Hospitering"),
        "development_work": N_("Utviklingsarbeid"),
    }
)
# The selection's dimensions (the filters), as people name them.
FILTER: Mapping[str, str] = TranslatedMapping(
    {
        "health_trust": N_("Helseforetak"),
        "network": N_("Nettverk"),
        "network_group": N_("Nettverksgruppe"),
        "municipality": N_("Kommune"),
        "profession": N_("Yrke"),
        "unit_type": N_("Enhetstype"),
        "unit": N_("Enhet"),
    }
)
NO_GROUP = N_("(ingen gruppe)")
WHOLE_NETWORK = N_("Hele nettverket")
# What the queries write themselves where a place has no name (queries/attendance_by_event.sql,
# attendance_by_place.sql, report_by_group.sql): words, translated where shown (`place_name`).
QUERY_WORDS = frozenset({NO_GROUP, WHOLE_NETWORK})
# The annual plan's activity statuses (seed 001); the governance register's bodies and roles (000).
PLAN_STATUS: Mapping[str, str] = TranslatedMapping(
    {
        "planned": N_("Planlagt"),
        "under_way": N_("Pågår"),
        "done": N_("Gjennomført"),
        "dropped": N_("Utgår"),
    }
)
GOVERNANCE_BODY: Mapping[str, str] = TranslatedMapping(
    {
        "styringsgruppe": N_("Styringsgruppe (palliativt fagråd)"),
        "driftsgruppe": N_("Driftsgruppe"),
        "nettverksgruppe": N_("Nettverksgruppe"),
    }
)
GOVERNANCE_ROLE: Mapping[str, str] = TranslatedMapping(
    {
        "leder": N_("Leder"),
        "nestleder": N_("Nestleder"),
        "medlem": N_("Medlem"),
        "varamedlem": N_("Varamedlem"),
        "sekretær": N_("Sekretær"),
    }
)

# The e-mail subscriptions (dashboard/engine/subscriptions.py): kinds, frequencies, deliveries.
SUBSCRIPTION_KIND: Mapping[str, str] = TranslatedMapping(
    {
        "digest": N_("Indikatorene"),
        "alert": N_("Varsel ved endret status"),
        "pack": N_("Møtepakken"),
        "reminder": N_("Påminnelser til koordinator"),
    }
)
FREQUENCY: Mapping[str, str] = TranslatedMapping(
    {
        "weekly": N_("hver uke"),
        "monthly": N_("hver måned"),
        "daily": N_("sjekkes daglig"),
        "before_meeting": N_("før styringsgruppens møter"),
    }
)
DELIVERY_STATE: Mapping[str, str] = TranslatedMapping(
    {
        "sending": N_("sendes"),
        "sent": N_("sendt"),
        "failed": N_("feilet (prøves igjen)"),
        "skipped": N_("ikke sendt"),
    }
)

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
    PLAN_STATUSES: PLAN_STATUS,
    GOVERNANCE_BODIES: GOVERNANCE_BODY,
    GOVERNANCE_ROLES: GOVERNANCE_ROLE,
}


def label(labels: Mapping[str, str], code: object) -> str:
    """The label of a code; an unknown code as it is, and nothing as an empty string."""
    if code is None or code != code:  # None or NaN
        return ""
    return labels.get(str(code), str(code))


def place_name(name: object) -> object:
    """A place's name as shown: a name from the data as it is, a word the query wrote for a
    missing one («(ingen gruppe)», «Hele nettverket») in the current language."""
    return _(name) if name in QUERY_WORDS else name


def plural(count: int, one: str, many: str) -> str:
    """«1 person», «2 personer»: `one` and `many` are bokmål texts marked for the catalogue
    (`ngettext` translates them, with the plural rule of the current language)."""
    return f"{count} {ngettext(one, many, count)}"
