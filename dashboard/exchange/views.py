"""Every table the product shows or exports, built from the rows of its query: Norwegian
headers, codes as labels (`dashboard/engine/labels.py`), shares as numbers between 0 and 1 with a
percent format, counts as integers, dates as dates, times in Oslo time. The pages, the CLI's
`export` and the report use these, so a table looks the same everywhere and its file holds the
same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.contract import TABLES_BY_NAME
from dashboard.engine.formatting import format_date, format_number, format_share
from dashboard.engine.indicators import status_label
from dashboard.engine.scorecard import IndicatorResult
from dashboard.exchange.export import Formats, format_at

OSLO = "Europe/Oslo"


@dataclass(frozen=True, eq=False)
class Table:
    """A table people see and download: a Norwegian title, values typed (shares 0..1, counts as
    integers, dates as dates), `formats` saying how each column (or each row of a column) is
    shown, and whether it holds person-level data."""

    title: str
    frame: pd.DataFrame
    formats: Formats
    personal: bool = False

    def text_rows(self, columns: Sequence[str] | None = None) -> list[list[str]]:
        """Every row as people read it (for a PDF table)."""
        columns = list(columns or self.frame.columns)
        return [
            [cell_text(row[c], format_at(self.formats, c, i)) for c in columns]
            for i, (_, row) in enumerate(self.frame.iterrows())
        ]


def share(numerators: Iterable[int], denominators: Iterable[int]) -> list[float | None]:
    """Numerator / denominator per row; None (no data, never 0 %) where the denominator is 0."""
    return [n / d if d else None for n, d in zip(numerators, denominators, strict=True)]


def labelled(values: Iterable[object], mapping: Mapping[str, str]) -> list[str]:
    return [labels.label(mapping, v) for v in values]


def oslo_time(values: pd.Series) -> pd.Series:
    """Time stamps as Oslo wall-clock time, without the zone (Excel refuses zones)."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert(OSLO).dt.tz_localize(None)
    return values


def _counts(*columns: str) -> dict[str, str]:
    return dict.fromkeys(columns, "integer")


def is_missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or value != value


def cell_text(value: object, cell_format: str | None) -> str:
    """One value as people read it: «80,5 %», «1 234», «16.04.2026», «16.04.2026 14:05», «ja»;
    nothing is «None» or «nan» (a share without data is «ingen data», other gaps are empty)."""
    if is_missing(value):
        return "ingen data" if cell_format in ("share", "count") else ""
    if cell_format in ("share", "percent"):
        return format_share(float(value))  # type: ignore[arg-type]
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(ZoneInfo(OSLO)).replace(tzinfo=None)
        return format_date(value.date()) + ("" if value.time() == dt.time(0) else f" {value:%H:%M}")
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if cell_format in ("integer", "count") or float(value).is_integer():
            return format_number(round(float(value)))
        return format_number(float(value), 2)
    return str(value)


# --- Oversikt ----------------------------------------------------------------------------------


def scorecard_table(results: Sequence[IndicatorResult], year: int) -> Table:
    """The scorecard with real numbers: shares as fractions (a percent format), counts as
    integers (the count of vacant units is never a percent)."""
    frame = pd.DataFrame(
        {
            "Indikator": [r.indicator.title for r in results],
            "ID": [r.indicator.id for r in results],
            "Fokusområde": [r.indicator.focus_area_name for r in results],
            "Verdi": [r.value for r in results],
            "Teller": [r.numerator for r in results],
            "Nevner": [r.denominator for r in results],
            "Mål": [r.target for r in results],
            "Status": [status_label(r.status) for r in results],
            "I fjor": [r.previous_value for r in results],
            "Per dato": [r.as_of_date for r in results],
            "Kilde": [r.indicator.source for r in results],
        }
    )
    by_kind = ["share" if r.indicator.kind == "share" else "count" for r in results]
    targets = ["percent" if r.indicator.kind == "share" else "integer" for r in results]
    formats = {"Verdi": by_kind, "Mål": targets, "I fjor": by_kind, **_counts("Teller", "Nevner")}
    return Table(f"Indikatorer {year}", frame, formats)


# --- Dekning og rekruttering ------------------------------------------------------------------


def coverage_by_municipality(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Kommune": rows["municipality_name"],
            "Kommunenummer": rows["municipality_number"],
            "Enheter som skal ha ressurssykepleier": rows["n_units"],
            "Med ressurssykepleier": rows["n_units_covered"],
            "Dekning": share(rows["n_units_covered"], rows["n_units"]),
            "Aktive ressurssykepleiere": rows["n_nurses"],
            "Aktive fysio-/ergoterapeuter": rows["n_physio_ot"],
        }
    )
    formats = {
        **_counts(
            "Enheter som skal ha ressurssykepleier",
            "Med ressurssykepleier",
            "Aktive ressurssykepleiere",
            "Aktive fysio-/ergoterapeuter",
        ),
        "Dekning": "share",
    }
    return Table("Dekning per kommune", frame, formats)


def coverage_by_group(rows: pd.DataFrame, dimension: str, names: Mapping[str, str]) -> Table:
    """Unit coverage per unit type or network group (`names`: code → name of a group)."""
    part = rows[rows["dimension"] == dimension]
    if dimension == "unit_type":
        title, heading = "Dekning per enhetstype", "Enhetstype"
        shown = labelled(part["dimension_value"], labels.UNIT_TYPE)
    else:
        title, heading = "Dekning per nettverksgruppe", "Nettverksgruppe"
        shown = [names.get(v, v) if v else labels.NO_GROUP for v in part["dimension_value"]]
    frame = pd.DataFrame(
        {
            heading: shown,
            "Kode": list(part["dimension_value"]),
            "Enheter som skal ha ressurssykepleier": list(part["n_units"]),
            "Med ressurssykepleier": list(part["n_units_covered"]),
            "Dekning": share(part["n_units_covered"], part["n_units"]),
        }
    )
    formats = {
        **_counts("Enheter som skal ha ressurssykepleier", "Med ressurssykepleier"),
        "Dekning": "share",
    }
    return Table(title, frame, formats)


def uncovered_units(rows: pd.DataFrame, contacts: pd.DataFrame | None = None) -> Table:
    """Units without a resource nurse; with their leader to contact when `contacts` (the people
    gate's rows for this viewer) has any."""
    frame = pd.DataFrame(
        {
            "Enhet": rows["unit_name"],
            "Enhets-ID": rows["unit_id"],
            "Type": labelled(rows["unit_type"], labels.UNIT_TYPE),
            "Kommune": rows["municipality_name"],
            "Nettverksgruppe": [
                n if isinstance(n, str) else "" for n in rows["network_group_name"]
            ],
            "Situasjon": [
                "Ledig (hadde ressurssykepleier)" if v else "Har aldri hatt"
                for v in rows["is_vacant"]
            ],
            "Ledig siden": pd.to_datetime(rows["last_end_date"]).dt.date,
            "Dager ledig": rows["n_days_vacant"].astype("Int64"),
        }
    )
    personal = contacts is not None and not contacts.empty
    if personal:
        by_unit = contacts.set_index("unit_id")
        frame["Leder"] = [by_unit["leader_name"].get(u, "") for u in rows["unit_id"]]
        frame["Leders e-post"] = [by_unit["leader_email"].get(u, "") for u in rows["unit_id"]]
    return Table(
        "Enheter uten ressurssykepleier",
        frame.reset_index(drop=True),
        {"Ledig siden": "date", "Dager ledig": "integer"},
        personal=personal,
    )


def vacant_units(rows: pd.DataFrame, contacts: pd.DataFrame | None = None) -> Table:
    """The units `vacant_units` counts: the uncovered ones that had a resource nurse before."""
    vacant = rows[rows["is_vacant"]].sort_values(
        ["n_days_vacant", "unit_name"], ascending=[False, True]
    )
    table = uncovered_units(vacant, contacts)
    return Table("Ledige enheter", table.frame.drop(columns="Situasjon"), table.formats,
                 table.personal)  # fmt: skip


def unit_status(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Enhet": rows["unit_name"],
            "Enhets-ID": rows["unit_id"],
            "Type": labelled(rows["unit_type"], labels.UNIT_TYPE),
            "Kommune": rows["municipality_name"],
            "Nettverksgruppe": [
                n if isinstance(n, str) else "" for n in rows["network_group_name"]
            ],
            "Ressurssykepleier": [
                "Ja" if c else "Ledig" if v else "Har aldri hatt"
                for c, v in zip(rows["is_covered"], rows["is_vacant"], strict=True)
            ],
        }
    )
    return Table("Enheter i utvalget", frame, {})


def municipalities_without_physio_ot(rows: pd.DataFrame) -> Table:
    without = rows[rows["n_physio_ot"] == 0]
    frame = pd.DataFrame(
        {"Kommune": without["municipality_name"], "Kommunenummer": without["municipality_number"]}
    )
    return Table("Kommuner uten fysio- eller ergoterapeut", frame.reset_index(drop=True), {})


def appointments_ending(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Navn": rows["member_name"],
            "Yrke": labelled(rows["profession"], labels.PROFESSION),
            "Enhet": rows["unit_name"],
            "Kommune": rows["municipality_name"],
            "Slutter": pd.to_datetime(rows["end_date"]).dt.date,
            "Dager igjen": rows["n_days_left"],
            "Leder": rows["leader_name"],
            "Leders e-post": rows["leader_email"],
        }
    )
    return Table(
        "Oppnevninger som slutter snart",
        frame,
        {"Slutter": "date", "Dager igjen": "integer"},
        personal=True,
    )


def turnover(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame({"År": rows["year"], "Nye": rows["n_started"], "Sluttet": rows["n_left"]})
    return Table("Nye og avsluttede per år", frame, _counts("År", "Nye", "Sluttet"))


# --- Oppmøte ----------------------------------------------------------------------------------


def events(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Dato": pd.to_datetime(rows["event_date"]).dt.date,
            "Arrangement": rows["title"],
            "Type": labelled(rows["kind"], labels.EVENT_KIND),
            "Gruppe": rows["network_group_name"],
            "Forventet": rows["n_expected"],
            "Møtt": rows["n_attended"],
            "Andel": share(rows["n_attended"], rows["n_expected"]),
            "Møtt uten å være forventet": rows["n_guests"],
        }
    )
    formats = {
        "Dato": "date",
        **_counts("Forventet", "Møtt", "Møtt uten å være forventet"),
        "Andel": "share",
    }
    return Table("Oppmøte per arrangement", frame, formats)


def attendance_by_place(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Inndeling": [
                labels.FILTER["network_group" if d == "network_group" else "municipality"]
                for d in rows["dimension"]
            ],
            "Navn": rows["dimension_value"],
            "Type": labelled(rows["kind"], labels.EVENT_KIND),
            "Forventet": rows["n_expected"],
            "Møtt": rows["n_attended"],
            "Andel": share(rows["n_attended"], rows["n_expected"]),
        }
    )
    return Table(
        "Oppmøte per gruppe og kommune",
        frame,
        {**_counts("Forventet", "Møtt"), "Andel": "share"},
    )


def attendance_matrix(rows: pd.DataFrame) -> Table:
    """Member × event, each cell the status word («–» where the member was not expected)."""
    rows = rows.assign(
        Arrangement=[
            f"{format_date(pd.Timestamp(d).date())} {t}"
            for d, t in zip(rows["event_date"], rows["title"], strict=True)
        ]
    )
    pivot = rows.pivot_table(
        index=["member_name", "member_id"], columns="Arrangement", values="status", aggfunc="first"
    )
    pivot = pivot.reindex(columns=rows.sort_values("event_date")["Arrangement"].unique())
    pivot = pivot.map(lambda s: labels.ATTENDANCE.get(s, "–") if isinstance(s, str) else "–")
    frame = pivot.reset_index().rename(columns={"member_name": "Navn", "member_id": "ID"})
    frame.columns.name = None
    return Table("Oppmøtematrise", frame, {}, personal=True)


def full_attendance(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "ID": rows["member_id"],
            "Navn": rows["member_name"],
            "Yrke": labelled(rows["profession"], labels.PROFESSION),
            "Arrangementer": rows["n_events"],
        }
    )
    return Table("Møtt på alle samlinger", frame, _counts("Arrangementer"), personal=True)


def intro_course(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Navn": rows["member_name"],
            "Yrke": labelled(rows["profession"], labels.PROFESSION),
            "Enhet": rows["unit_name"],
            "Startet": pd.to_datetime(rows["start_date"]).dt.date,
            "Kurs": pd.to_datetime(rows["course_date"]).dt.date,
            "Vinduet lukkes": pd.to_datetime(rows["window_closes_on"]).dt.date,
        }
    )
    return Table(
        "Introduksjonskurs",
        frame,
        {"Startet": "date", "Kurs": "date", "Vinduet lukkes": "date"},
        personal=True,
    )


def prize_draws(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Nr.": rows["draw_id"],
            "Tidspunkt": oslo_time(rows["drawn_at"]),
            "Trukket av": rows["drawn_by"],
            "Frø": rows["seed"],
            "Kandidater": rows["n_candidates"],
            "Vinnere": rows["winners"],
            "Utvalg": rows["filters"],
        }
    )
    return Table("Premietrekninger", frame, _counts("Nr.", "Frø", "Kandidater"), personal=True)


# --- Årlig rapportering ------------------------------------------------------------------------

ANSWERS = (
    "met_leader",
    "routine_new_staff",
    "routine_inform_colleagues",
    "earmarked_time",
    "job_shadowing",
    "development_work",
)


def reporting_by(rows: pd.DataFrame, dimension: str) -> Table:
    """Response and each answer's share of the respondents, per municipality, network group or
    unit type."""
    part = rows[rows["dimension"] == dimension]
    heading = labels.FILTER[dimension] if dimension != "unit_type" else "Enhetstype"
    names = (
        labelled(part["dimension_value"], labels.UNIT_TYPE)
        if dimension == "unit_type"
        else list(part["dimension_value"])
    )
    columns: dict[str, object] = {
        heading: names,
        "Ressurspersoner": list(part["n_members"]),
        "Svart": list(part["n_responded"]),
        "Svarprosent": share(part["n_responded"], part["n_members"]),
    }
    formats: dict[str, str] = {**_counts("Ressurspersoner", "Svart"), "Svarprosent": "share"}
    for question in ANSWERS:
        title = labels.QUESTION[question]
        columns[title] = share(part[f"n_{question}"], part["n_responded"])
        formats[title] = "share"
    return Table(f"Rapportering per {heading.lower()}", pd.DataFrame(columns), formats)  # type: ignore[arg-type]


def report_missing(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Navn": rows["member_name"],
            "E-post": rows["member_email"],
            "Yrke": labelled(rows["profession"], labels.PROFESSION),
            "Enhet": rows["unit_name"],
            "Kommune": rows["municipality_name"],
            "Leder": rows["leader_name"],
            "Leders e-post": rows["leader_email"],
        }
    )
    return Table("Påminnelsesliste", frame, {}, personal=True)


# --- Ressurspersoner --------------------------------------------------------------------------


def member_register(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "ID": rows["member_id"],
            "Navn": rows["member_name"],
            "E-post": rows["member_email"],
            "Yrke": labelled(rows["profession"], labels.PROFESSION),
            "Enhet": rows["unit_name"],
            "Enhetstype": labelled(rows["unit_type"], labels.UNIT_TYPE),
            "Kommune": rows["municipality_name"],
            "Nettverksgruppe": rows["network_group_name"],
            "Start": pd.to_datetime(rows["start_date"]).dt.date,
            "Slutt": pd.to_datetime(rows["end_date"]).dt.date,
            "Sluttårsak": rows["end_reason"],
            "Aktiv": ["ja" if a else "nei" for a in rows["is_active"]],
        }
    )
    return Table("Ressurspersoner", frame, {"Start": "date", "Slutt": "date"}, personal=True)


def member_history(rows: pd.DataFrame, name: str) -> Table:
    frame = pd.DataFrame(
        {
            "Dato": pd.to_datetime(rows["day"]).dt.date,
            "Hva": rows["kind"],
            "Detaljer": rows["detail"],
        }
    )
    return Table(f"Historikk {name}", frame, {"Dato": "date"}, personal=True)


# --- Data and admin -----------------------------------------------------------------------------


def import_history(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Import nr.": [str(int(i)) if pd.notna(i) else "–" for i in rows["import_id"]],
            "Tidspunkt": oslo_time(rows["imported_at"]),
            "Av": rows["imported_by"],
            "Handling": labelled(rows["action"], labels.IMPORT_ACTION),
            "Fil": rows["file_name"],
            "Tabell": [
                TABLES_BY_NAME[t].title if t in TABLES_BY_NAME else "Alle tabeller"
                for t in rows["table_name"]
            ],
            "Nye": rows["inserted"],
            "Endret": rows["updated"],
            "Angret": ["ja" if u else "nei" for u in rows["undone"]],
        }
    )
    return Table("Importhistorikk", frame, _counts("Nye", "Endret"), personal=True)


def audit_log(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "Tidspunkt": oslo_time(rows["logged_at"]),
            "Hvem": rows["email"],
            "Hva": rows["action"],
            "Detaljer": rows["detail"],
            "Utvalg": rows["filters"],
            "Rader": rows["n_rows"].astype("Int64"),
        }
    )
    return Table("Logg", frame, _counts("Rader"), personal=True)
