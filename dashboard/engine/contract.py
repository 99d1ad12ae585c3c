"""The data contract of DESIGN.md as data: tables, columns, types, keys, references, aliases.

The importer validates against it, the export and the templates describe it; the undo tables
mirror it. Table and column names used in generated SQL come only from here, never from files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from dashboard.engine.i18n import N_, TranslatedField, TranslatedMapping

ColumnType = Literal["text", "date", "bool", "int", "float", "municipality"]

PROFESSIONS = ("sykepleier", "fysioterapeut", "ergoterapeut")
UNIT_TYPES = ("sykehjem", "hjemmetjeneste", "sykehusavdeling", "poliklinikk", "annet")
OWNERS = ("kommune", "helseforetak")
EVENT_KINDS = ("nettverksmote", "fagdag", "introkurs", "samling", "ledermote", "annet")
EVENT_NETWORKS = ("sykepleier", "fysio_ergo", "alle")
GROUP_NETWORKS = ("sykepleier", "fysio_ergo")
PERSON_TYPES = ("member", "leader")
STATUSES = ("møtt", "forfall", "ikke_møtt")
COMPARISONS = (">=", "<=", "rising")
# Units of these types need a resource nurse unless the file says otherwise.
NEEDS_MEMBER_BY_DEFAULT = ("sykehjem", "hjemmetjeneste", "sykehusavdeling", "poliklinikk")
# The annual plan's activity statuses (seed 001) and the governance register's bodies and roles
# (seed 000); see dashboard/engine/plan.py and dashboard/engine/governance.py.
PLAN_STATUSES = ("planned", "under_way", "done", "dropped")
GOVERNANCE_BODIES = ("styringsgruppe", "driftsgruppe", "nettverksgruppe")
GOVERNANCE_ROLES = ("leder", "nestleder", "medlem", "varamedlem", "sekretær")


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    references: str | None = None  # a table whose single-column key this value must exist in
    help: str = TranslatedField("")  # bokmål marked with N_(), read in the current language


@dataclass(frozen=True)
class Table:
    name: str
    title: str = TranslatedField()  # for people: bokmål marked with N_(), read translated
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def __hash__(self) -> int:  # the same in every language
        return hash(self.name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


TABLES: tuple[Table, ...] = (
    Table(
        "health_trust",
        N_("Helseforetak"),
        (
            Column("code", required=True, help=N_("Kort kode, f.eks. stavanger")),
            Column("name", required=True, help=N_("Navn, f.eks. Helse Stavanger HF")),
        ),
        ("code",),
    ),
    Table(
        "municipality",
        N_("Kommuner"),
        (
            Column(
                "number", "municipality", required=True, help=N_("Kommunenummer med fire sifre")
            ),
            Column("name", required=True, help=N_("Kommunens navn")),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help=N_("Helseforetakets kode"),
            ),
        ),
        ("number",),
    ),
    Table(
        "network_group",
        N_("Nettverksgrupper"),
        (
            Column("code", required=True, help=N_("Kort kode, f.eks. SYK-STAV")),
            Column("name", required=True, help=N_("Navn, f.eks. Stavanger + SUS")),
            Column(
                "network",
                required=True,
                choices=GROUP_NETWORKS,
                help=N_("sykepleier eller fysio_ergo"),
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help=N_("Helseforetakets kode"),
            ),
        ),
        ("code",),
    ),
    Table(
        "network_group_municipality",
        N_("Kommuner i nettverksgrupper"),
        (
            Column(
                "group_code",
                required=True,
                references="network_group",
                help=N_("Nettverksgruppens kode"),
            ),
            Column(
                "municipality_number",
                "municipality",
                required=True,
                references="municipality",
                help=N_("Kommunenummer"),
            ),
        ),
        ("group_code", "municipality_number"),
    ),
    Table(
        "unit",
        N_("Enheter"),
        (
            Column("unit_id", required=True, help=N_("Enhetens ID")),
            Column("name", required=True, help=N_("Enhetens navn")),
            Column("unit_type", required=True, choices=UNIT_TYPES, help=", ".join(UNIT_TYPES)),
            Column("owner", required=True, choices=OWNERS, help=N_("kommune eller helseforetak")),
            Column(
                "municipality_number",
                "municipality",
                required=True,
                references="municipality",
                help=N_("Kommunenummeret enheten ligger i"),
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help=N_("Helseforetakets kode"),
            ),
            Column(
                "network_group",
                references="network_group",
                help=N_("Nettverksgruppens kode (kan stå tom)"),
            ),
            Column(
                "needs_member",
                "bool",
                help=N_("ja/nei: skal enheten ha ressurssykepleier? Tom = ja, unntatt for annet"),
            ),
            Column("valid_from", "date", help=N_("Første dag enheten finnes (kan stå tom)")),
            Column("valid_to", "date", help=N_("Siste dag enheten finnes (tom = finnes fortsatt)")),
        ),
        ("unit_id",),
    ),
    Table(
        "leader",
        N_("Ledere"),
        (
            Column("leader_id", required=True, help=N_("Lederens ID")),
            Column("name", required=True, help=N_("Navn")),
            Column("email", help=N_("E-post")),
            Column("unit_id", references="unit", help=N_("Enheten lederen leder")),
        ),
        ("leader_id",),
    ),
    Table(
        "member",
        N_("Ressurspersoner"),
        (
            Column("member_id", required=True, help=N_("Personens ID (samme ved bytte av enhet)")),
            Column("name", required=True, help=N_("Navn")),
            Column("email", help=N_("E-post")),
            Column("profession", required=True, choices=PROFESSIONS, help=", ".join(PROFESSIONS)),
            Column("unit_id", required=True, references="unit", help=N_("Enhetens ID")),
            Column("leader_id", references="leader", help=N_("Nærmeste leders ID")),
            Column("start_date", "date", required=True, help=N_("Første dag som ressursperson")),
            Column("end_date", "date", help=N_("Siste dag som ressursperson (tom = aktiv)")),
            Column("end_reason", help=N_("Hvorfor oppnevningen sluttet")),
        ),
        ("member_id", "start_date"),
    ),
    Table(
        "event",
        N_("Arrangementer"),
        (
            Column("event_id", required=True, help=N_("Arrangementets ID")),
            Column("kind", required=True, choices=EVENT_KINDS, help=", ".join(EVENT_KINDS)),
            Column("title", required=True, help=N_("Tittel")),
            Column("event_date", "date", required=True, help=N_("Dato")),
            Column(
                "network",
                required=True,
                choices=EVENT_NETWORKS,
                help=N_("sykepleier, fysio_ergo eller alle"),
            ),
            Column(
                "network_group",
                references="network_group",
                help=N_("Nettverksgruppens kode (tom = hele nettverket)"),
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help=N_("Helseforetakets kode"),
            ),
        ),
        ("event_id",),
    ),
    Table(
        "attendance",
        N_("Oppmøte"),
        (
            Column("event_id", required=True, references="event", help=N_("Arrangementets ID")),
            Column("person_id", required=True, help=N_("Ressurspersonens eller lederens ID")),
            Column(
                "person_type", required=True, choices=PERSON_TYPES, help=N_("member eller leader")
            ),
            Column(
                "status", required=True, choices=STATUSES, help=N_("møtt, forfall eller ikke_møtt")
            ),
        ),
        ("event_id", "person_id", "person_type"),
    ),
    Table(
        "reporting_round",
        N_("Rapporteringsrunder"),
        (
            Column("year", "int", required=True, help=N_("År")),
            Column(
                "network",
                required=True,
                choices=GROUP_NETWORKS,
                help=N_("sykepleier eller fysio_ergo"),
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help=N_("Helseforetakets kode"),
            ),
            Column("sent_on", "date", required=True, help=N_("Dato rapporteringen ble sendt ut")),
            Column("closes_on", "date", help=N_("Svarfrist")),
        ),
        ("year", "network", "health_trust"),
    ),
    Table(
        "annual_report",
        N_("Årlig rapportering"),
        (
            Column("year", "int", required=True, help=N_("År")),
            Column("member_id", required=True, references="member", help=N_("Ressurspersonens ID")),
            Column("submitted_on", "date", help=N_("Dato svaret kom inn")),
            Column("met_leader", "bool", help=N_("ja/nei: årlig møte med leder")),
            Column("has_work_plan", "bool", help=N_("ja/nei: har arbeidsplan")),
            Column(
                "routine_new_staff", "bool", help=N_("ja/nei: rutine for å informere nyansatte")
            ),
            Column(
                "routine_inform_colleagues",
                "bool",
                help=N_("ja/nei: informerer kolleger etter møter"),
            ),
            Column("earmarked_time", "bool", help=N_("ja/nei: øremerket tid")),
            Column("job_shadowing", "bool", help=N_("ja/nei: har hospitert")),
            Column("development_work", "bool", help=N_("ja/nei: deltar i utviklingsarbeid")),
        ),
        ("year", "member_id"),
    ),
    Table(
        "target",
        N_("Mål"),
        (
            Column(
                "indicator", required=True, help=N_("Indikatorens ID, f.eks. meeting_attendance")
            ),
            Column("year_from", "int", required=True, help=N_("Første år målet gjelder")),
            Column("year_to", "int", help=N_("Siste år (tom = videre)")),
            Column("value", "float", help=N_("Målverdi, f.eks. 0,8 for 80 %")),
            Column(
                "comparison", required=True, choices=COMPARISONS, help=N_(">=, <= eller rising")
            ),
            Column("baseline_year", "int", help=N_("Basisår når målet er en økning fra et år")),
            Column("source", help=N_("Kilde i styringsdokumentene")),
            Column(
                "health_trust",
                references="health_trust",
                help=N_("Helseforetakets kode når målet gjelder ett foretak (tom = hele regionen)"),
            ),
            Column(
                "network_group",
                references="network_group",
                help=N_("Nettverksgruppens kode når målet gjelder én gruppe (tom = hele regionen)"),
            ),
        ),
        ("indicator", "year_from", "health_trust", "network_group"),
    ),
    Table(
        "plan_goal",
        N_("Årsplan: delmål"),
        (
            Column("goal_id", required=True, help=N_("Delmålets ID, f.eks. 2026-STAV-2.1")),
            Column("year", "int", required=True, help=N_("Årsplanens år")),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help=N_("Helseforetakets kode"),
            ),
            Column(
                "focus_area_number",
                "int",
                required=True,
                help=N_("Satsningsområdets nummer i årsplanen, f.eks. 2"),
            ),
            Column("focus_area", required=True, help=N_("Satsningsområdet, f.eks. Kompetanse")),
            Column(
                "goal_number",
                "int",
                required=True,
                help=N_("Delmålets nummer i satsningsområdet, f.eks. 1"),
            ),
            Column("title", required=True, help=N_("Delmålet, slik årsplanen formulerer det")),
            Column(
                "network",
                choices=EVENT_NETWORKS,
                help=N_("sykepleier, fysio_ergo eller alle (felles; tom = alle)"),
            ),
            Column(
                "indicators",
                help=N_(
                    "Indikatorene som måler delmålet, kommaseparert, f.eks. "
                    "meeting_attendance, fagdag_attendance (kan stå tom)"
                ),
            ),
        ),
        ("goal_id",),
    ),
    Table(
        "plan_activity",
        N_("Årsplan: aktiviteter"),
        (
            Column(
                "activity_id", required=True, help=N_("Aktivitetens ID, f.eks. 2026-STAV-2.1-01")
            ),
            Column("goal_id", required=True, references="plan_goal", help=N_("Delmålets ID")),
            Column("title", required=True, help=N_("Aktiviteten")),
            Column(
                "owner",
                help=N_(
                    "Ansvarlig: en rolle eller et organ, f.eks. Driftsgruppen (ikke personnavn)"
                ),
            ),
            Column("start_date", "date", help=N_("Første dag i perioden (kan stå tom)")),
            Column(
                "due_date", "date", help=N_("Frist, eller siste dag i perioden (tom = løpende)")
            ),
            Column(
                "status",
                required=True,
                choices=PLAN_STATUSES,
                help=N_(
                    "planned (planlagt), under_way (pågår), done (gjennomført) eller "
                    "dropped (utgår)"
                ),
            ),
            Column("note", help=N_("Merknad")),
        ),
        ("activity_id",),
    ),
    Table(
        "governance_member",
        N_("Styringsorganer"),
        (
            Column("assignment_id", required=True, help=N_("Vervets ID, f.eks. SG-01")),
            Column(
                "body",
                required=True,
                choices=GOVERNANCE_BODIES,
                help=N_(
                    "styringsgruppe, driftsgruppe eller nettverksgruppe (nettverksgruppens leder)"
                ),
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help=N_("Helseforetakets kode"),
            ),
            Column(
                "network",
                choices=GROUP_NETWORKS,
                help=N_(
                    "sykepleier eller fysio_ergo når organet gjelder ett nettverk (kan stå tom)"
                ),
            ),
            Column(
                "network_group",
                references="network_group",
                help=N_(
                    "Nettverksgruppens kode: påkrevd for nettverksgruppe; i driftsgruppen gruppen "
                    "personen representerer"
                ),
            ),
            Column("name", required=True, help=N_("Navn")),
            Column("email", help=N_("E-post")),
            Column("organisation", help=N_("Organisasjon, f.eks. Sandnes kommune")),
            Column(
                "role",
                required=True,
                choices=GOVERNANCE_ROLES,
                help=N_("leder, nestleder, medlem, varamedlem eller sekretær"),
            ),
            Column("start_date", "date", required=True, help=N_("Første dag i vervet")),
            Column(
                "end_date",
                "date",
                help=N_(
                    "Siste dag i vervet (tom: for en nettverksgruppeleder to år etter start, "
                    "ellers løpende)"
                ),
            ),
        ),
        ("assignment_id",),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
# Parents before children: the order files of one import are loaded in.
TABLE_ORDER: tuple[str, ...] = tuple(t.name for t in TABLES)

# Norwegian names a file may carry instead of the table's (e.g. "medlem.csv").
TABLE_ALIASES: dict[str, str] = {
    "helseforetak": "health_trust",
    "kommune": "municipality",
    "kommuner": "municipality",
    "nettverksgruppe": "network_group",
    "nettverksgrupper": "network_group",
    "nettverksgruppe_kommune": "network_group_municipality",
    "enhet": "unit",
    "enheter": "unit",
    "leder": "leader",
    "ledere": "leader",
    "medlem": "member",
    "medlemmer": "member",
    "ressurspersoner": "member",
    "arrangement": "event",
    "arrangementer": "event",
    "oppmote": "attendance",
    "oppmøte": "attendance",
    "rapporteringsrunde": "reporting_round",
    "arsrapport": "annual_report",
    "årsrapport": "annual_report",
    "arlig_rapportering": "annual_report",
    "årlig_rapportering": "annual_report",
    "mal": "target",
    "mål": "target",
    "delmal": "plan_goal",
    "delmål": "plan_goal",
    "arsplan_delmal": "plan_goal",
    "årsplan_delmål": "plan_goal",
    "aktivitet": "plan_activity",
    "aktiviteter": "plan_activity",
    "arsplan_aktiviteter": "plan_activity",
    "årsplan_aktiviteter": "plan_activity",
    "styringsorganer": "governance_member",
    "styringsorgan": "governance_member",
    "verv": "governance_member",
}

# Norwegian header labels → candidate contract columns (the first one the table has is used).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "kode": ("code", "group_code"),
    "navn": ("name",),
    "helseforetak": ("health_trust",),
    "kommunenummer": ("number", "municipality_number"),
    "kommunenr": ("number", "municipality_number"),
    "nummer": ("number",),
    "nettverk": ("network",),
    "nettverksgruppe": ("network_group", "group_code"),
    "gruppe": ("group_code", "network_group"),
    "enhet": ("unit_id",),
    "enhet_id": ("unit_id",),
    "enhetsid": ("unit_id",),
    "enhetsnavn": ("name",),
    "enhetstype": ("unit_type",),
    "type": ("unit_type", "kind", "person_type"),
    "eier": ("owner",),
    "skal_ha_ressursperson": ("needs_member",),
    "trenger_ressursperson": ("needs_member",),
    "gyldig_fra": ("valid_from",),
    "gyldig_til": ("valid_to",),
    "leder": ("leader_id",),
    "leder_id": ("leader_id",),
    "e_post": ("email",),
    "epost": ("email",),
    "medlem": ("member_id",),
    "medlem_id": ("member_id",),
    "ressursperson": ("member_id",),
    "yrke": ("profession",),
    "startdato": ("start_date",),
    "start": ("start_date",),
    "sluttdato": ("end_date",),
    "slutt": ("end_date",),
    "sluttårsak": ("end_reason",),
    "sluttarsak": ("end_reason",),
    "arrangement": ("event_id",),
    "arrangement_id": ("event_id",),
    "art": ("kind",),
    "tittel": ("title",),
    "dato": ("event_date",),
    "person": ("person_id",),
    "person_id": ("person_id",),
    "persontype": ("person_type",),
    "oppmøte": ("status",),
    "år": ("year",),
    "ar": ("year",),
    "sendt": ("sent_on",),
    "sendt_dato": ("sent_on",),
    "utsendt": ("sent_on",),
    "frist": ("closes_on", "due_date"),
    "svarfrist": ("closes_on",),
    "innsendt": ("submitted_on",),
    "levert": ("submitted_on",),
    "møtt_leder": ("met_leader",),
    "arbeidsplan": ("has_work_plan",),
    "rutine_nyansatte": ("routine_new_staff",),
    "rutine_kolleger": ("routine_inform_colleagues",),
    "informerer_kolleger": ("routine_inform_colleagues",),
    "øremerket_tid": ("earmarked_time",),
    "hospitering": ("job_shadowing",),
    "utviklingsarbeid": ("development_work",),
    "indikator": ("indicator",),
    "fra_år": ("year_from",),
    "til_år": ("year_to",),
    "verdi": ("value",),
    "sammenligning": ("comparison",),
    "basisår": ("baseline_year",),
    "kilde": ("source",),
    "delmål_id": ("goal_id",),
    "delmal_id": ("goal_id",),
    "satsningsområde_nr": ("focus_area_number",),
    "satsningsomrade_nr": ("focus_area_number",),
    "satsningsområde": ("focus_area",),
    "satsningsomrade": ("focus_area",),
    "delmål_nr": ("goal_number",),
    "delmal_nr": ("goal_number",),
    "indikatorer": ("indicators",),
    "aktivitet_id": ("activity_id",),
    "ansvarlig": ("owner",),
    "merknad": ("note",),
    "kommentar": ("note",),
    "verv_id": ("assignment_id",),
    "organ": ("body",),
    "organisasjon": ("organisation",),
    "rolle": ("role",),
}

# Spellings people use for enumerated values → the contract's value.
CHOICE_ALIASES: dict[str, str] = {
    "nettverksmøte": "nettverksmote",
    "årlig_fagdag": "fagdag",
    "introduksjonskurs": "introkurs",
    "ledermøte": "ledermote",
    "fysio/ergo": "fysio_ergo",
    "fysio-ergo": "fysio_ergo",
    "ikke_mott": "ikke_møtt",
    "mott": "møtt",
    "medlem": "member",
    "ressursperson": "member",
    "leder": "leader",
    "fysio": "fysioterapeut",
    "ergo": "ergoterapeut",
    "hf": "helseforetak",
    "planlagt": "planned",
    "pågår": "under_way",
    "pagar": "under_way",
    "under_arbeid": "under_way",
    "gjennomført": "done",
    "gjennomfort": "done",
    "ferdig": "done",
    "utført": "done",
    "utgår": "dropped",
    "utgar": "dropped",
    "avlyst": "dropped",
    "sekretar": "sekretær",
    "sekretaer": "sekretær",
    "vara": "varamedlem",
}


# The header of each column in files the product writes (exports, import templates), in the
# language of the moment; the importer reads each back to its column, in any of the languages (a
# test checks it). Columns not listed keep their contract name.
HEADER_LABELS: Mapping[str, str] = TranslatedMapping(
    {
        "code": N_("Kode"),
        "name": N_("Navn"),
        "health_trust": N_("Helseforetak"),
        "number": N_("Kommunenummer"),
        "network": N_("Nettverk"),
        "group_code": N_("Gruppe"),
        "municipality_number": N_("Kommunenummer"),
        "unit_id": N_("Enhet ID"),
        "unit_type": N_("Enhetstype"),
        "owner": N_("Eier"),
        "network_group": N_("Nettverksgruppe"),
        "needs_member": N_("Skal ha ressursperson"),
        "valid_from": N_("Gyldig fra"),
        "valid_to": N_("Gyldig til"),
        "leader_id": N_("Leder ID"),
        "email": N_("E-post"),
        "member_id": N_("Medlem ID"),
        "profession": N_("Yrke"),
        "start_date": N_("Startdato"),
        "end_date": N_("Sluttdato"),
        "end_reason": N_("Sluttårsak"),
        "event_id": N_("Arrangement ID"),
        "kind": N_("Art"),
        "title": N_("Tittel"),
        "event_date": N_("Dato"),
        "person_id": N_("Person ID"),
        "person_type": N_("Persontype"),
        "status": N_("Oppmøte"),
        "year": N_("År"),
        "sent_on": N_("Sendt dato"),
        "closes_on": N_("Svarfrist"),
        "submitted_on": N_("Innsendt"),
        "met_leader": N_("Møtt leder"),
        "has_work_plan": N_("Arbeidsplan"),
        "routine_new_staff": N_("Rutine nyansatte"),
        "routine_inform_colleagues": N_("Informerer kolleger"),
        "earmarked_time": N_("Øremerket tid"),
        "job_shadowing": N_("Hospitering"),
        "development_work": N_("Utviklingsarbeid"),
        "indicator": N_("Indikator"),
        "year_from": N_("Fra år"),
        "year_to": N_("Til år"),
        "value": N_("Verdi"),
        "comparison": N_("Sammenligning"),
        "baseline_year": N_("Basisår"),
        "source": N_("Kilde"),
        "goal_id": N_("Delmål ID"),
        "focus_area_number": N_("Satsningsområde nr."),
        "focus_area": N_("Satsningsområde"),
        "goal_number": N_("Delmål nr."),
        "indicators": N_("Indikatorer"),
        "activity_id": N_("Aktivitet ID"),
        "due_date": N_("Frist"),
        "note": N_("Merknad"),
        "assignment_id": N_("Verv ID"),
        "body": N_("Organ"),
        "organisation": N_("Organisasjon"),
        "role": N_("Rolle"),
    }
)
# A column whose header differs in one table (an activity's status is not attendance).
TABLE_HEADER_LABELS: Mapping[tuple[str, str], str] = TranslatedMapping(
    {("plan_activity", "status"): N_("Status"), ("plan_activity", "owner"): N_("Ansvarlig")}
)


def header_label(table: Table, column: str) -> str:
    """The header of a column in files the product writes (in the current language)."""
    if (table.name, column) in TABLE_HEADER_LABELS:
        return TABLE_HEADER_LABELS[(table.name, column)]
    return HEADER_LABELS.get(column, column)
