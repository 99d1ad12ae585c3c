"""The data contract of DESIGN.md as data: tables, columns, types, keys, references, aliases.

The importer validates against it, the export and the templates describe it; the undo tables
mirror it. Table and column names used in generated SQL come only from here, never from files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    references: str | None = None  # a table whose single-column key this value must exist in
    help: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # Norwegian, for people
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


TABLES: tuple[Table, ...] = (
    Table(
        "health_trust",
        "Helseforetak",
        (
            Column("code", required=True, help="Kort kode, f.eks. stavanger"),
            Column("name", required=True, help="Navn, f.eks. Helse Stavanger HF"),
        ),
        ("code",),
    ),
    Table(
        "municipality",
        "Kommuner",
        (
            Column("number", "municipality", required=True, help="Kommunenummer med fire sifre"),
            Column("name", required=True, help="Kommunens navn"),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help="Helseforetakets kode",
            ),
        ),
        ("number",),
    ),
    Table(
        "network_group",
        "Nettverksgrupper",
        (
            Column("code", required=True, help="Kort kode, f.eks. SYK-STAV"),
            Column("name", required=True, help="Navn, f.eks. Stavanger + SUS"),
            Column(
                "network", required=True, choices=GROUP_NETWORKS, help="sykepleier eller fysio_ergo"
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help="Helseforetakets kode",
            ),
        ),
        ("code",),
    ),
    Table(
        "network_group_municipality",
        "Kommuner i nettverksgrupper",
        (
            Column(
                "group_code",
                required=True,
                references="network_group",
                help="Nettverksgruppens kode",
            ),
            Column(
                "municipality_number",
                "municipality",
                required=True,
                references="municipality",
                help="Kommunenummer",
            ),
        ),
        ("group_code", "municipality_number"),
    ),
    Table(
        "unit",
        "Enheter",
        (
            Column("unit_id", required=True, help="Enhetens ID"),
            Column("name", required=True, help="Enhetens navn"),
            Column("unit_type", required=True, choices=UNIT_TYPES, help=", ".join(UNIT_TYPES)),
            Column("owner", required=True, choices=OWNERS, help="kommune eller helseforetak"),
            Column(
                "municipality_number",
                "municipality",
                required=True,
                references="municipality",
                help="Kommunenummeret enheten ligger i",
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help="Helseforetakets kode",
            ),
            Column(
                "network_group",
                references="network_group",
                help="Nettverksgruppens kode (kan stå tom)",
            ),
            Column(
                "needs_member",
                "bool",
                help="ja/nei: skal enheten ha ressurssykepleier? Tom = ja, unntatt for annet",
            ),
            Column("valid_from", "date", help="Første dag enheten finnes (kan stå tom)"),
            Column("valid_to", "date", help="Siste dag enheten finnes (tom = finnes fortsatt)"),
        ),
        ("unit_id",),
    ),
    Table(
        "leader",
        "Ledere",
        (
            Column("leader_id", required=True, help="Lederens ID"),
            Column("name", required=True, help="Navn"),
            Column("email", help="E-post"),
            Column("unit_id", references="unit", help="Enheten lederen leder"),
        ),
        ("leader_id",),
    ),
    Table(
        "member",
        "Ressurspersoner",
        (
            Column("member_id", required=True, help="Personens ID (samme ved bytte av enhet)"),
            Column("name", required=True, help="Navn"),
            Column("email", help="E-post"),
            Column("profession", required=True, choices=PROFESSIONS, help=", ".join(PROFESSIONS)),
            Column("unit_id", required=True, references="unit", help="Enhetens ID"),
            Column("leader_id", references="leader", help="Nærmeste leders ID"),
            Column("start_date", "date", required=True, help="Første dag som ressursperson"),
            Column("end_date", "date", help="Siste dag som ressursperson (tom = aktiv)"),
            Column("end_reason", help="Hvorfor oppnevningen sluttet"),
        ),
        ("member_id", "start_date"),
    ),
    Table(
        "event",
        "Arrangementer",
        (
            Column("event_id", required=True, help="Arrangementets ID"),
            Column("kind", required=True, choices=EVENT_KINDS, help=", ".join(EVENT_KINDS)),
            Column("title", required=True, help="Tittel"),
            Column("event_date", "date", required=True, help="Dato"),
            Column(
                "network",
                required=True,
                choices=EVENT_NETWORKS,
                help="sykepleier, fysio_ergo eller alle",
            ),
            Column(
                "network_group",
                references="network_group",
                help="Nettverksgruppens kode (tom = hele nettverket)",
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help="Helseforetakets kode",
            ),
        ),
        ("event_id",),
    ),
    Table(
        "attendance",
        "Oppmøte",
        (
            Column("event_id", required=True, references="event", help="Arrangementets ID"),
            Column("person_id", required=True, help="Ressurspersonens eller lederens ID"),
            Column("person_type", required=True, choices=PERSON_TYPES, help="member eller leader"),
            Column("status", required=True, choices=STATUSES, help="møtt, forfall eller ikke_møtt"),
        ),
        ("event_id", "person_id", "person_type"),
    ),
    Table(
        "reporting_round",
        "Rapporteringsrunder",
        (
            Column("year", "int", required=True, help="År"),
            Column(
                "network", required=True, choices=GROUP_NETWORKS, help="sykepleier eller fysio_ergo"
            ),
            Column(
                "health_trust",
                required=True,
                references="health_trust",
                help="Helseforetakets kode",
            ),
            Column("sent_on", "date", required=True, help="Dato rapporteringen ble sendt ut"),
            Column("closes_on", "date", help="Svarfrist"),
        ),
        ("year", "network", "health_trust"),
    ),
    Table(
        "annual_report",
        "Årlig rapportering",
        (
            Column("year", "int", required=True, help="År"),
            Column("member_id", required=True, references="member", help="Ressurspersonens ID"),
            Column("submitted_on", "date", help="Dato svaret kom inn"),
            Column("met_leader", "bool", help="ja/nei: årlig møte med leder"),
            Column("has_work_plan", "bool", help="ja/nei: har arbeidsplan"),
            Column("routine_new_staff", "bool", help="ja/nei: rutine for å informere nyansatte"),
            Column(
                "routine_inform_colleagues", "bool", help="ja/nei: informerer kolleger etter møter"
            ),
            Column("earmarked_time", "bool", help="ja/nei: øremerket tid"),
            Column("job_shadowing", "bool", help="ja/nei: har hospitert"),
            Column("development_work", "bool", help="ja/nei: deltar i utviklingsarbeid"),
        ),
        ("year", "member_id"),
    ),
    Table(
        "target",
        "Mål",
        (
            Column("indicator", required=True, help="Indikatorens ID, f.eks. meeting_attendance"),
            Column("year_from", "int", required=True, help="Første år målet gjelder"),
            Column("year_to", "int", help="Siste år (tom = videre)"),
            Column("value", "float", help="Målverdi, f.eks. 0,8 for 80 %"),
            Column("comparison", required=True, choices=COMPARISONS, help=">=, <= eller rising"),
            Column("baseline_year", "int", help="Basisår når målet er en økning fra et år"),
            Column("source", help="Kilde i styringsdokumentene"),
        ),
        ("indicator", "year_from"),
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
    "frist": ("closes_on",),
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
}


# The Norwegian header of each column in files the product writes (exports, import templates);
# the importer reads each back to its column (a test checks it). Columns not listed keep their
# contract name.
HEADER_LABELS: dict[str, str] = {
    "code": "Kode",
    "name": "Navn",
    "health_trust": "Helseforetak",
    "number": "Kommunenummer",
    "network": "Nettverk",
    "group_code": "Gruppe",
    "municipality_number": "Kommunenummer",
    "unit_id": "Enhet ID",
    "unit_type": "Enhetstype",
    "owner": "Eier",
    "network_group": "Nettverksgruppe",
    "needs_member": "Skal ha ressursperson",
    "valid_from": "Gyldig fra",
    "valid_to": "Gyldig til",
    "leader_id": "Leder ID",
    "email": "E-post",
    "member_id": "Medlem ID",
    "profession": "Yrke",
    "start_date": "Startdato",
    "end_date": "Sluttdato",
    "end_reason": "Sluttårsak",
    "event_id": "Arrangement ID",
    "kind": "Art",
    "title": "Tittel",
    "event_date": "Dato",
    "person_id": "Person ID",
    "person_type": "Persontype",
    "status": "Oppmøte",
    "year": "År",
    "sent_on": "Sendt dato",
    "closes_on": "Svarfrist",
    "submitted_on": "Innsendt",
    "met_leader": "Møtt leder",
    "has_work_plan": "Arbeidsplan",
    "routine_new_staff": "Rutine nyansatte",
    "routine_inform_colleagues": "Informerer kolleger",
    "earmarked_time": "Øremerket tid",
    "job_shadowing": "Hospitering",
    "development_work": "Utviklingsarbeid",
    "indicator": "Indikator",
    "year_from": "Fra år",
    "year_to": "Til år",
    "value": "Verdi",
    "comparison": "Sammenligning",
    "baseline_year": "Basisår",
    "source": "Kilde",
}


def header_label(table: Table, column: str) -> str:
    """The Norwegian header of a column in files the product writes."""
    return HEADER_LABELS.get(column, column)
