"""The data contract of DESIGN.md as data: tables, columns, types, keys, references, aliases.

The importer validates against it, the export and the templates describe it; the undo tables
mirror it. Table and column names used in generated SQL come only from here, never from files.

The other names files use for tables, columns and values are in import_aliases.py; the headers
the product writes in column_headers.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dashboard.engine.i18n import N_, TranslatedField

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


# Columns several tables have, alike in each.
HEALTH_TRUST_CODE = Column(
    "health_trust", required=True, references="health_trust", help=N_("Helseforetakets kode")
)
GROUP_NETWORK = Column(
    "network", required=True, choices=GROUP_NETWORKS, help=N_("sykepleier eller fysio_ergo")
)

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
            HEALTH_TRUST_CODE,
        ),
        ("number",),
    ),
    Table(
        "network_group",
        N_("Nettverksgrupper"),
        (
            Column("code", required=True, help=N_("Kort kode, f.eks. SYK-STAV")),
            Column("name", required=True, help=N_("Navn, f.eks. Stavanger + SUS")),
            GROUP_NETWORK,
            HEALTH_TRUST_CODE,
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
            HEALTH_TRUST_CODE,
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
            HEALTH_TRUST_CODE,
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
            GROUP_NETWORK,
            HEALTH_TRUST_CODE,
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
            HEALTH_TRUST_CODE,
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
            HEALTH_TRUST_CODE,
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
