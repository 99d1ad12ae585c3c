"""Every table the product shows or exports, built from the rows of its query: headers in the
language of the moment (bokmål in the code, wrapped in `_()`), codes as labels
(`dashboard/engine/labels.py`), shares as numbers between 0 and 1 with a
percent format, counts as integers, dates as dates, times in Oslo time. The pages, the CLI's
`export` and the report use these, so a table looks the same everywhere and its file holds the
same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.contract import TABLES_BY_NAME
from dashboard.engine.formatting import format_date, format_number, format_share
from dashboard.engine.i18n import N_, TranslatedMapping, _
from dashboard.engine.indicators import INDICATORS_BY_ID, status_label
from dashboard.engine.scorecard import IndicatorResult
from dashboard.exchange.export import Formats, format_at

OSLO = "Europe/Oslo"


@dataclass(frozen=True, eq=False)
class Table:
    """A table people see and download: a title in the language it was built in, values typed
    (shares 0..1, counts as integers, dates as dates), `formats` saying how each column (or each
    row of a column) is shown, and whether it holds person-level data."""

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
        return _("ingen data") if cell_format in ("share", "count") else ""
    if cell_format in ("share", "percent"):
        return format_share(float(value))  # type: ignore[arg-type]
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
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
            _("Indikator"): [r.indicator.title for r in results],
            "ID": [r.indicator.id for r in results],
            _("Fokusområde"): [r.indicator.focus_area_name for r in results],
            _("Verdi"): [r.value for r in results],
            _("Teller"): [r.numerator for r in results],
            _("Nevner"): [r.denominator for r in results],
            _("Mål"): [r.target for r in results],
            _("Status"): [status_label(r.status) for r in results],
            _("I fjor"): [r.previous_value for r in results],
            _("Per dato"): [r.as_of_date for r in results],
            _("Kilde"): [r.indicator.source for r in results],
        }
    )
    by_kind = ["share" if r.indicator.kind == "share" else "count" for r in results]
    targets = ["percent" if r.indicator.kind == "share" else "integer" for r in results]
    formats = {
        _("Verdi"): by_kind,
        _("Mål"): targets,
        _("I fjor"): by_kind,
        **_counts(_("Teller"), _("Nevner")),
    }
    return Table(_("Indikatorer {year}").format(year=year), frame, formats)


def change_since(
    then: Sequence[IndicatorResult], now: Sequence[IndicatorResult], meeting_day: dt.date
) -> Table:
    """A frozen meeting's figures beside today's: each indicator then, now, the change (in
    percentage points for a share) and the status then and now."""
    today = {r.indicator.id: r for r in now}
    later = [today.get(r.indicator.id) for r in then]

    def change(before: IndicatorResult, after: IndicatorResult | None) -> str:
        """«+4,5 prosentpoeng», «−1», «0»; empty when either has no value."""
        if after is None or before.value is None or after.value is None:
            return ""
        difference = after.value - before.value
        if before.indicator.kind == "share":
            difference *= 100
        if abs(difference) < 1e-9:
            return "0"
        sign = "+" if difference > 0 else "−"
        if before.indicator.kind != "share":
            return f"{sign}{format_number(abs(difference))}"
        amount = format_number(abs(difference), 1)
        return _("{sign}{points} prosentpoeng").format(sign=sign, points=amount)

    frame = pd.DataFrame(
        {
            _("Indikator"): [r.indicator.title for r in then],
            _("Da"): [r.value for r in then],
            _("Teller da"): [r.numerator for r in then],
            _("Nå"): [a.value if a is not None else None for a in later],
            _("Teller nå"): [a.numerator if a is not None else None for a in later],
            _("Endring"): [change(r, a) for r, a in zip(then, later, strict=True)],
            _("Status da"): [status_label(r.status) for r in then],
            _("Status nå"): [status_label(a.status) if a is not None else "" for a in later],
        }
    )
    by_kind = ["share" if r.indicator.kind == "share" else "count" for r in then]
    return Table(
        _("Endring siden møtet {day}").format(day=format_date(meeting_day)),
        frame,
        {
            _("Da"): by_kind,
            _("Nå"): by_kind,
            **_counts(_("Teller da"), _("Teller nå")),
        },
    )


# --- Dekning og rekruttering ------------------------------------------------------------------


def coverage_by_municipality(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Kommune"): rows["municipality_name"],
            _("Kommunenummer"): rows["municipality_number"],
            _("Enheter som skal ha ressurssykepleier"): rows["n_units"],
            _("Med ressurssykepleier"): rows["n_units_covered"],
            _("Dekning"): share(rows["n_units_covered"], rows["n_units"]),
            _("Aktive ressurssykepleiere"): rows["n_nurses"],
            _("Aktive fysio-/ergoterapeuter"): rows["n_physio_ot"],
        }
    )
    formats = {
        **_counts(
            _("Enheter som skal ha ressurssykepleier"),
            _("Med ressurssykepleier"),
            _("Aktive ressurssykepleiere"),
            _("Aktive fysio-/ergoterapeuter"),
        ),
        _("Dekning"): "share",
    }
    return Table(_("Dekning per kommune"), frame, formats)


def coverage_by_group(rows: pd.DataFrame, dimension: str, names: Mapping[str, str]) -> Table:
    """Unit coverage per unit type or network group (`names`: code → name of a group)."""
    part = rows[rows["dimension"] == dimension]
    if dimension == "unit_type":
        title, heading = _("Dekning per enhetstype"), _("Enhetstype")
        shown = labelled(part["dimension_value"], labels.UNIT_TYPE)
    else:
        title, heading = _("Dekning per nettverksgruppe"), _("Nettverksgruppe")
        shown = [names.get(v, v) if v else _(labels.NO_GROUP) for v in part["dimension_value"]]
    frame = pd.DataFrame(
        {
            heading: shown,
            _("Kode"): list(part["dimension_value"]),
            _("Enheter som skal ha ressurssykepleier"): list(part["n_units"]),
            _("Med ressurssykepleier"): list(part["n_units_covered"]),
            _("Dekning"): share(part["n_units_covered"], part["n_units"]),
        }
    )
    formats = {
        **_counts(_("Enheter som skal ha ressurssykepleier"), _("Med ressurssykepleier")),
        _("Dekning"): "share",
    }
    return Table(title, frame, formats)


def _unit_columns(rows: pd.DataFrame) -> dict[str, object]:
    """A unit's name, id, type, municipality and network group, as the unit tables show them."""
    return {
        _("Enhet"): rows["unit_name"],
        _("Enhets-ID"): rows["unit_id"],
        _("Type"): labelled(rows["unit_type"], labels.UNIT_TYPE),
        _("Kommune"): rows["municipality_name"],
        _("Nettverksgruppe"): [n if isinstance(n, str) else "" for n in rows["network_group_name"]],
    }


def uncovered_units(rows: pd.DataFrame, contacts: pd.DataFrame | None = None) -> Table:
    """Units without a resource nurse; with their leader to contact when `contacts` (the people
    gate's rows for this viewer) has any."""
    frame = pd.DataFrame(
        {
            **_unit_columns(rows),
            _("Situasjon"): [
                _("Ledig (hadde ressurssykepleier)") if v else _("Har aldri hatt")
                for v in rows["is_vacant"]
            ],
            _("Ledig siden"): pd.to_datetime(rows["last_end_date"]).dt.date,
            _("Dager ledig"): rows["n_days_vacant"].astype("Int64"),
        }
    )
    personal = contacts is not None and not contacts.empty
    if personal:
        by_unit = contacts.set_index("unit_id")
        frame[_("Leder")] = [by_unit["leader_name"].get(u, "") for u in rows["unit_id"]]
        frame[_("Leders e-post")] = [by_unit["leader_email"].get(u, "") for u in rows["unit_id"]]
    return Table(
        _("Enheter uten ressurssykepleier"),
        frame.reset_index(drop=True),
        {_("Ledig siden"): "date", _("Dager ledig"): "integer"},
        personal=personal,
    )


def vacant_units(rows: pd.DataFrame, contacts: pd.DataFrame | None = None) -> Table:
    """The units `vacant_units` counts: the uncovered ones that had a resource nurse before."""
    vacant = rows[rows["is_vacant"]].sort_values(
        ["n_days_vacant", "unit_name"], ascending=[False, True]
    )
    table = uncovered_units(vacant, contacts)
    return Table(
        _("Ledige enheter"), table.frame.drop(columns=_("Situasjon")), table.formats, table.personal
    )


def unit_status(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            **_unit_columns(rows),
            _("Ressurssykepleier"): [
                _("Ja") if c else _("Ledig") if v else _("Har aldri hatt")
                for c, v in zip(rows["is_covered"], rows["is_vacant"], strict=True)
            ],
        }
    )
    return Table(_("Enheter i utvalget"), frame, {})


def municipalities_without_physio_ot(rows: pd.DataFrame) -> Table:
    without = rows[rows["n_physio_ot"] == 0]
    frame = pd.DataFrame(
        {
            _("Kommune"): without["municipality_name"],
            _("Kommunenummer"): without["municipality_number"],
        }
    )
    return Table(_("Kommuner uten fysio- eller ergoterapeut"), frame.reset_index(drop=True), {})


def appointments_ending(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Navn"): rows["member_name"],
            _("Yrke"): labelled(rows["profession"], labels.PROFESSION),
            _("Enhet"): rows["unit_name"],
            _("Kommune"): rows["municipality_name"],
            _("Slutter"): pd.to_datetime(rows["end_date"]).dt.date,
            _("Dager igjen"): rows["n_days_left"],
            _("Leder"): rows["leader_name"],
            _("Leders e-post"): rows["leader_email"],
        }
    )
    return Table(
        _("Oppnevninger som slutter snart"),
        frame,
        {_("Slutter"): "date", _("Dager igjen"): "integer"},
        personal=True,
    )


def turnover(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {_("År"): rows["year"], _("Nye"): rows["n_started"], _("Sluttet"): rows["n_left"]}
    )
    return Table(_("Nye og avsluttede per år"), frame, _counts(_("År"), _("Nye"), _("Sluttet")))


# --- Oppmøte ----------------------------------------------------------------------------------


def events(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Dato"): pd.to_datetime(rows["event_date"]).dt.date,
            _("Arrangement"): rows["title"],
            _("Type"): labelled(rows["kind"], labels.EVENT_KIND),
            _("Gruppe"): [labels.place_name(g) for g in rows["network_group_name"]],
            _("Forventet"): rows["n_expected"],
            _("Møtt"): rows["n_attended"],
            _("Andel"): share(rows["n_attended"], rows["n_expected"]),
            _("Møtt uten å være forventet"): rows["n_guests"],
        }
    )
    formats = {
        _("Dato"): "date",
        **_counts(_("Forventet"), _("Møtt"), _("Møtt uten å være forventet")),
        _("Andel"): "share",
    }
    return Table(_("Oppmøte per arrangement"), frame, formats)


def attendance_by_place(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Inndeling"): [
                labels.FILTER["network_group" if d == "network_group" else "municipality"]
                for d in rows["dimension"]
            ],
            _("Navn"): [labels.place_name(v) for v in rows["dimension_value"]],
            _("Type"): labelled(rows["kind"], labels.EVENT_KIND),
            _("Forventet"): rows["n_expected"],
            _("Møtt"): rows["n_attended"],
            _("Andel"): share(rows["n_attended"], rows["n_expected"]),
        }
    )
    return Table(
        _("Oppmøte per gruppe og kommune"),
        frame,
        {**_counts(_("Forventet"), _("Møtt")), _("Andel"): "share"},
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
    frame = pivot.reset_index().rename(columns={"member_name": _("Navn"), "member_id": "ID"})
    frame.columns.name = None
    return Table(_("Oppmøtematrise"), frame, {}, personal=True)


def full_attendance(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "ID": rows["member_id"],
            _("Navn"): rows["member_name"],
            _("Yrke"): labelled(rows["profession"], labels.PROFESSION),
            _("Arrangementer"): rows["n_events"],
        }
    )
    return Table(_("Møtt på alle samlinger"), frame, _counts(_("Arrangementer")), personal=True)


def intro_course(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Navn"): rows["member_name"],
            _("Yrke"): labelled(rows["profession"], labels.PROFESSION),
            _("Enhet"): rows["unit_name"],
            _("Startet"): pd.to_datetime(rows["start_date"]).dt.date,
            _("Kurs"): pd.to_datetime(rows["course_date"]).dt.date,
            _("Vinduet lukkes"): pd.to_datetime(rows["window_closes_on"]).dt.date,
        }
    )
    return Table(
        _("Introduksjonskurs"),
        frame,
        {_("Startet"): "date", _("Kurs"): "date", _("Vinduet lukkes"): "date"},
        personal=True,
    )


def prize_draws(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Nr."): rows["draw_id"],
            _("Tidspunkt"): oslo_time(rows["drawn_at"]),
            _("Trukket av"): rows["drawn_by"],
            _("Frø"): rows["seed"],
            _("Kandidater"): rows["n_candidates"],
            _("Vinnere"): rows["winners"],
            _("Utvalg"): rows["filters"],
        }
    )
    return Table(
        _("Premietrekninger"), frame, _counts(_("Nr."), _("Frø"), _("Kandidater")), personal=True
    )


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
    heading = labels.FILTER[dimension] if dimension != "unit_type" else _("Enhetstype")
    names = (
        labelled(part["dimension_value"], labels.UNIT_TYPE)
        if dimension == "unit_type"
        else [labels.place_name(v) for v in part["dimension_value"]]
    )
    columns: dict[str, object] = {
        heading: names,
        _("Ressurspersoner"): list(part["n_members"]),
        _("Svart"): list(part["n_responded"]),
        _("Svarprosent"): share(part["n_responded"], part["n_members"]),
    }
    formats: dict[str, str] = {
        **_counts(_("Ressurspersoner"), _("Svart")),
        _("Svarprosent"): "share",
    }
    for question in ANSWERS:
        title = labels.QUESTION[question]
        columns[title] = share(part[f"n_{question}"], part["n_responded"])
        formats[title] = "share"
    title = _("Rapportering per {dimension}").format(dimension=heading.lower())
    return Table(title, pd.DataFrame(columns), formats)  # type: ignore[arg-type]


def report_missing(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Navn"): rows["member_name"],
            _("E-post"): rows["member_email"],
            _("Yrke"): labelled(rows["profession"], labels.PROFESSION),
            _("Enhet"): rows["unit_name"],
            _("Kommune"): rows["municipality_name"],
            _("Leder"): rows["leader_name"],
            _("Leders e-post"): rows["leader_email"],
        }
    )
    return Table(_("Påminnelsesliste"), frame, {}, personal=True)


# --- Ressurspersoner --------------------------------------------------------------------------


def member_register(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            "ID": rows["member_id"],
            _("Navn"): rows["member_name"],
            _("E-post"): rows["member_email"],
            _("Yrke"): labelled(rows["profession"], labels.PROFESSION),
            _("Enhet"): rows["unit_name"],
            _("Enhetstype"): labelled(rows["unit_type"], labels.UNIT_TYPE),
            _("Kommune"): rows["municipality_name"],
            _("Nettverksgruppe"): rows["network_group_name"],
            _("Start"): pd.to_datetime(rows["start_date"]).dt.date,
            _("Slutt"): pd.to_datetime(rows["end_date"]).dt.date,
            _("Sluttårsak"): rows["end_reason"],
            _("Aktiv"): [_("ja") if a else _("nei") for a in rows["is_active"]],
        }
    )
    return Table(
        _("Ressurspersoner"), frame, {_("Start"): "date", _("Slutt"): "date"}, personal=True
    )


HISTORY_KIND: Mapping[str, str] = TranslatedMapping(
    {
        "appointment": N_("Oppnevning"),
        "event": N_("Arrangement"),
        "annual_report": N_("Årlig rapportering"),
    }
)


def _yes_no(value: object) -> str:
    return "–" if is_missing(value) else _("ja") if value else _("nei")


def _history_detail(row: Mapping[str, object]) -> str:
    """«Sola sykehjem – til 16.04.2026 (flyttet)», «Årlig fagdag: møtt», «År 2025: møtt leder
    ja, øremerket tid nei»: in the current language."""
    if row["kind"] == "appointment":
        end = row["end_date"]
        until = (
            _("til {day}").format(day=format_date(pd.Timestamp(end).date()))  # type: ignore[arg-type]
            if not is_missing(end)
            else _("aktiv")
        )
        reason = "" if is_missing(row["end_reason"]) else f" ({row['end_reason']})"
        return f"{row['title']} – {until}{reason}"
    if row["kind"] == "event":
        return f"{row['title']}: {labels.label(labels.ATTENDANCE, row['status']).lower()}"
    return _("År {year}: møtt leder {met_leader}, øremerket tid {earmarked_time}").format(
        year=row["year"],
        met_leader=_yes_no(row["met_leader"]),
        earmarked_time=_yes_no(row["earmarked_time"]),
    )


def member_history(rows: pd.DataFrame, name: str) -> Table:
    frame = pd.DataFrame(
        {
            _("Dato"): pd.to_datetime(rows["day"]).dt.date,
            _("Hva"): labelled(rows["kind"], HISTORY_KIND),
            _("Detaljer"): [_history_detail(row) for row in rows.to_dict("records")],
        }
    )
    return Table(_("Historikk {name}").format(name=name), frame, {_("Dato"): "date"}, personal=True)


# --- Data and admin -----------------------------------------------------------------------------


def import_history(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Import nr."): [str(int(i)) if pd.notna(i) else "–" for i in rows["import_id"]],
            _("Tidspunkt"): oslo_time(rows["imported_at"]),
            _("Av"): rows["imported_by"],
            _("Handling"): labelled(rows["action"], labels.IMPORT_ACTION),
            _("Fil"): rows["file_name"],
            _("Tabell"): [
                TABLES_BY_NAME[t].title if t in TABLES_BY_NAME else _("Alle tabeller")
                for t in rows["table_name"]
            ],
            _("Nye"): rows["inserted"],
            _("Endret"): rows["updated"],
            _("Angret"): [_("ja") if u else _("nei") for u in rows["undone"]],
        }
    )
    return Table(_("Importhistorikk"), frame, _counts(_("Nye"), _("Endret")), personal=True)


def audit_log(rows: pd.DataFrame) -> Table:
    frame = pd.DataFrame(
        {
            _("Tidspunkt"): oslo_time(rows["logged_at"]),
            _("Hvem"): rows["email"],
            _("Hva"): rows["action"],
            _("Detaljer"): rows["detail"],
            _("Utvalg"): rows["filters"],
            _("Rader"): rows["n_rows"].astype("Int64"),
        }
    )
    return Table(_("Logg"), frame, _counts(_("Rader")), personal=True)


def decisions(rows: pd.DataFrame) -> Table:
    """The decisions recorded on the indicators (queries/decision_notes.sql): what, when, by which
    body, at which meeting, and the plan activity it created."""

    def indicator(code: str) -> str:
        found = INDICATORS_BY_ID.get(code)
        return found.title if found is not None else code

    def blank(values: Iterable[object]) -> list[str]:
        return ["" if v is None or pd.isna(v) else str(v) for v in values]

    frame = pd.DataFrame(
        {
            _("Indikator"): [indicator(c) for c in rows["indicator"]],
            _("År"): [str(int(y)) for y in rows["year"]],
            _("Vedtatt"): pd.to_datetime(rows["decided_on"]).dt.date,
            _("Organ"): labelled(rows["body"], labels.GOVERNANCE_BODY),
            _("Møte"): blank(rows["meeting_title"]),
            _("Vedtak"): list(rows["note"]),
            _("Aktivitet i årsplanen"): blank(rows["activity_title"]),
        }
    )
    return Table(
        _("Vedtak om indikatorene"),
        frame.reset_index(drop=True),
        {_("Vedtatt"): "date"},
    )


# --- Abonnementer -----------------------------------------------------------------------------

Names = Callable[[str], str]  # a selection's key → the selection in words


def subscription_words(row: Any, names: Names | None = None) -> str:
    """«Indikatorene hver uke – Sandnes + SUS» for a choice list."""
    kind = labels.label(labels.SUBSCRIPTION_KIND, row.kind)
    often = labels.label(labels.FREQUENCY, row.frequency)
    return f"{kind} {often} – {_selection_words(row.selection_key, names)}"


def _selection_words(key: str, names: Names | None) -> str:
    if not key:
        return _("alt")
    return names(key) if names is not None else key


def subscriptions(rows: pd.DataFrame, names: Names | None = None) -> Table:
    """Subscriptions (queries/subscriptions.sql): who, what, how often, the selection (in words
    with `names`), the last message sent."""
    frame = pd.DataFrame(
        {
            _("Nr."): rows["subscription_id"].astype("Int64"),
            _("E-post"): list(rows["email"]),
            _("Hva"): labelled(rows["kind"], labels.SUBSCRIPTION_KIND),
            _("Hvor ofte"): labelled(rows["frequency"], labels.FREQUENCY),
            _("Utvalg"): [_selection_words(k, names) for k in rows["selection_key"]],
            _("Språk"): list(rows["language"]),
            _("Sist sendt"): [_moment(v) for v in rows["last_sent_at"]],
        }
    )
    return Table(
        _("Abonnementer"), frame.reset_index(drop=True), {_("Nr."): "integer"}, personal=True
    )


def deliveries(rows: pd.DataFrame) -> Table:
    """The last deliveries (queries/delivery_list.sql), failures with their reason."""
    frame = pd.DataFrame(
        {
            _("Tidspunkt"): [_moment(v) for v in rows["last_attempt_at"]],
            _("E-post"): [e if isinstance(e, str) else "" for e in rows["email"]],
            _("Hva"): labelled(rows["kind"], labels.SUBSCRIPTION_KIND),
            _("Periode"): list(rows["period"]),
            _("Status"): labelled(rows["state"], labels.DELIVERY_STATE),
            _("Forsøk"): rows["attempts"].astype("Int64"),
            _("Feil"): [e if isinstance(e, str) else "" for e in rows["error"]],
        }
    )
    return Table(
        _("Siste utsendinger"),
        frame.reset_index(drop=True),
        {_("Forsøk"): "integer"},
        personal=True,
    )


def _moment(value: object) -> str:
    if is_missing(value):
        return ""
    moment = pd.Timestamp(value).to_pydatetime().astimezone(ZoneInfo("Europe/Oslo"))
    return f"{format_date(moment.date())} {moment:%H:%M}"
