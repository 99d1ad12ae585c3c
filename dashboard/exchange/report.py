"""The annual report (PDF and XLSX) and the steering group's meeting pack (landscape PDF).

Aggregates only: no names or e-mails. The charts are the app's own Plotly figures, rendered to PNG
offline by kaleido with Debian's chromium; without chromium the documents are made without charts
and say so.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.engine import db, meetings
from dashboard.engine.comparison import Comparison, compare
from dashboard.engine.formatting import (
    format_date,
    format_date_long,
    format_fraction,
    format_value,
)
from dashboard.engine.governance import register_date
from dashboard.engine.i18n import _
from dashboard.engine.indicators import FOCUS_AREAS, RATE_OF_EVENT_KIND, status_label
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import IndicatorResult, compute_scorecard
from dashboard.exchange import boundaries, page_tables
from dashboard.exchange.charts import (
    MapArea,
    event_bars,
    indicator_bars,
    label,
    map_areas,
    map_figure,
    map_legend,
    share_bars,
)
from dashboard.exchange.export import ExportMeta, to_xlsx_sheets
from dashboard.exchange.governance_tables import GovernanceSummary, governance_summary
from dashboard.exchange.page_tables import Table, cell_text
from dashboard.exchange.region import region_pages

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
Progress = Callable[[float, str], None]
FORMATS = ("pdf", "xlsx", "pack")


class ReportUnavailable(RuntimeError):
    """Something the document needs is missing (a font); the message says what (in the current
    language)."""


@dataclass
class ReportContent:
    """Everything a document shows, computed once. The tables are the pages' own
    (`dashboard/exchange/page_tables/`)."""

    year: int
    as_of: dt.date
    filters: dict[str, str]
    made_at: dt.datetime
    data_version: str
    last_import: str
    results: list[IndicatorResult]
    coverage: Table
    attendance_groups: Table
    events: Table
    event_kinds: list[str]
    reporting: Table
    gaps: Table
    # The selection's municipalities on the map, the rest of the data's for context.
    map_areas: list[MapArea] = field(default_factory=list)
    # The meeting pack's page on the governance bodies and the plan (no names).
    governance: GovernanceSummary | None = None
    # The meeting pack's first page: every health trust side by side (dashboard/exchange/region.py).
    region: Comparison | None = None
    # The decisions recorded on the indicators for this selection and year.
    decisions: Table | None = None
    # Set when the document shows a frozen meeting's figures: «Tall slik de var på møtet …».
    frozen_line: str = ""


def collect(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    filters: dict[str, str] | None = None,
    notes: pd.DataFrame | None = None,
) -> ReportContent:
    """`notes`: the decisions to show (default: those `con` holds for the scope's selection and
    year)."""
    params = {"selections": scope.selections()}
    if notes is None:
        notes = meetings.notes(con, year=scope.year, selection_key=scope.selection.key())
    places = db.run(con, "attendance_by_place", params)
    coverage = db.run(con, "coverage_by_municipality", params)
    results = list(compute_scorecard(con, scope).results)
    options = db.run(con, "filter_options")
    municipalities = options[options["kind"] == "municipality"]
    events = db.run(con, "attendance_by_event", params)
    last = db.run(con, "last_import").iat[0, 0]
    return ReportContent(
        year=scope.year,
        as_of=scope.as_of_date,
        filters=filters if filters is not None else scope.selection.describe(),
        made_at=dt.datetime.now().replace(microsecond=0),
        data_version=db.data_version(con),
        last_import=_("ukjent") if last is None or pd.isna(last) else cell_text(last, None),
        results=results,
        coverage=page_tables.coverage_by_municipality(coverage),
        map_areas=map_areas(
            dict(zip(municipalities["code"], municipalities["name"], strict=True)),
            tuple(coverage["municipality_number"]),
            tuple(coverage["n_units_covered"]),
            tuple(coverage["n_units"]),
            next(r for r in results if r.indicator.id == "unit_coverage").target,
        ),
        attendance_groups=page_tables.attendance_by_place(
            places[places["dimension"] == "network_group"]
        ),
        events=page_tables.events(events),
        event_kinds=list(events["kind"]),
        reporting=page_tables.reporting_by(db.run(con, "report_by_group", params), "municipality"),
        gaps=page_tables.uncovered_units(db.run(con, "uncovered_unit_list", params)),
        governance=governance_summary(
            con,
            register_date(scope),
            scope.year,
            scope.as_of_date,
            scope.selection.health_trust,
            scope.selection.network,
        ),
        decisions=page_tables.decisions(notes) if not notes.empty else None,
    )


def scorecard_rows(content: ReportContent) -> Table:
    return page_tables.scorecard_table(content.results, content.year)


# --- charts ----------------------------------------------------------------------------------


def figures(content: ReportContent) -> dict[str, go.Figure]:
    """The app's figures for the report: one per focus area with indicators, and the sections'."""
    charts: dict[str, go.Figure] = {}
    for number, name in FOCUS_AREAS.items():
        shares = [
            r
            for r in content.results
            if r.indicator.focus_area == number and r.indicator.kind == "share"
        ]
        if shares:
            charts[f"focus_{number}"] = indicator_bars(
                [r.indicator.title for r in shares],
                [r.value for r in shares],
                [r.target for r in shares],
                [format_fraction(r.numerator, r.denominator) for r in shares],
                f"{number}. {name}",
                [r.status for r in shares],
            )
    coverage, events = content.coverage.frame, content.events.frame
    if len(coverage):
        charts["coverage"] = share_bars(
            coverage[_("Kommune")].tolist(),
            coverage[_("Med ressurssykepleier")].tolist(),
            coverage[_("Enheter som skal ha ressurssykepleier")].tolist(),
            _("Kommunale enheter med ressurssykepleier"),
            target=_result(content, "unit_coverage").target,
        )
    if any(area.status is not None for area in content.map_areas):
        charts["map"] = map_figure(
            content.map_areas, _("Kommunale enheter med ressurssykepleier, per kommune")
        )
    if len(events):
        charts["events"] = event_bars(
            [
                label(format_date_long(d), g)
                for d, g in zip(events[_("Dato")], events[_("Gruppe")], strict=True)
            ],
            events[_("Møtt")].tolist(),
            events[_("Forventet")].tolist(),
            _("Møtt av forventet per arrangement"),
            [_kind_target(content, kind) for kind in content.event_kinds],
        )
    return charts


def _result(content: ReportContent, indicator_id: str) -> IndicatorResult:
    return next(r for r in content.results if r.indicator.id == indicator_id)


def _kind_target(content: ReportContent, kind: str) -> float | None:
    """The target of the rate an event of this kind counts in (None for gatherings)."""
    rate = RATE_OF_EVENT_KIND.get(kind)
    return None if rate is None else _result(content, rate).target


_KALEIDO_LOCK = threading.Lock()
_kaleido_started = False


def render_pngs(charts: dict[str, go.Figure], width: int = 1000) -> dict[str, bytes]:
    """PNG per chart (empty when chromium is missing: the documents then say so)."""
    global _kaleido_started
    chromium = os.environ.get("BROWSER_PATH") or shutil.which("chromium")
    if not chromium or not charts:
        return {}
    os.environ["BROWSER_PATH"] = chromium
    import kaleido

    with _KALEIDO_LOCK, warnings.catch_warnings():
        # plotly warns that its per-call options are ignored once a kaleido server runs.
        warnings.simplefilter("ignore", UserWarning)
        if not _kaleido_started:
            kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
        return {
            key: fig.to_image(
                format="png", width=width, height=int(fig.layout.height or 450), scale=1.5
            )
            for key, fig in charts.items()
        }


# --- PDF -------------------------------------------------------------------------------------


def _font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise ReportUnavailable(
        _("Fonten DejaVu mangler (Debian-pakken fonts-dejavu-core); rapporten kan ikke lages.")
    )


def _pdf(orientation: str = "P") -> object:
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, format="A4")
    pdf.add_font("DejaVu", "", str(_font_path("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(_font_path("DejaVuSans-Bold.ttf")))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_font("DejaVu", size=10)
    return pdf


def _heading(pdf: object, text: str, size: int = 16) -> None:
    pdf.set_font("DejaVu", "B", size)  # type: ignore[attr-defined]
    pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(2)  # type: ignore[attr-defined]
    pdf.set_font("DejaVu", "", 10)  # type: ignore[attr-defined]


def _paragraph(pdf: object, text: str, size: int = 10) -> None:
    pdf.set_font("DejaVu", "", size)  # type: ignore[attr-defined]
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(2)  # type: ignore[attr-defined]


def _scorecard_rows(results: Sequence[IndicatorResult]) -> tuple[list[str], list[list[str]]]:
    """The scorecard's header and rows in the PDF and the meeting pack: value, «x av n», target,
    status and last year's value."""
    header = [_("Indikator"), _("Verdi"), _("Antall"), _("Mål"), _("Status"), _("I fjor")]
    return header, [
        [
            r.indicator.title,
            format_value(r.indicator.kind, r.value),
            format_fraction(r.numerator, r.denominator),
            "" if r.target is None else format_value(r.indicator.kind, r.target),
            status_label(r.status),
            format_value(r.indicator.kind, r.previous_value),
        ]
        for r in results
    ]


def _table(
    pdf: object, header: list[str], rows: list[list[str]], widths: tuple[float, ...], size: int = 8
) -> None:
    pdf.set_font("DejaVu", "", size)  # type: ignore[attr-defined]
    with pdf.table(
        col_widths=widths,
        line_height=size * 0.55,
        text_align="LEFT",  # type: ignore[attr-defined]
        headings_style=_bold_style(),
        repeat_headings=1,
    ) as table:
        for values in [header, *rows]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(3)  # type: ignore[attr-defined]


def _bold_style() -> object:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(232, 238, 244))


def _image(pdf: object, png: bytes | None, width: float) -> None:
    if png is None:
        return
    pdf.image(io.BytesIO(png), w=width)  # type: ignore[attr-defined]
    pdf.ln(3)  # type: ignore[attr-defined]


def _png_height(png: bytes) -> float:
    """Height per 1000 units of width, from the PNG header."""
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return height / width * 1000


def _map(pdf: object, content: ReportContent, png: bytes | None) -> None:
    """The map on a page of its own, its legend in words and the credit as text under it."""
    if png is None:
        return
    pdf.add_page()  # type: ignore[attr-defined]
    _heading(pdf, _("Kart: dekning per kommune"))
    _image(pdf, png, 150)
    legend = " · ".join(word for word, _colour in map_legend(content.map_areas))
    _paragraph(pdf, _("Status: {legend}.").format(legend=legend))
    _paragraph(pdf, boundaries.CREDIT, 9)


def _method_note(content: ReportContent) -> list[str]:
    lines = [
        _(
            "Tallene gjelder {year}, per {day} (31. desember, eller dagens dato for et år som "
            "ikke er over)."
        ).format(year=content.year, day=format_date(content.as_of)),
        _("Utvalg: {selection}.").format(selection=_selection_text(content)),
        _(
            "Dataversjon {version}; data sist importert {last_import}. Rapporten er laget "
            "{day} {time}."
        ).format(
            version=content.data_version,
            last_import=content.last_import,
            day=format_date(content.made_at.date()),
            time=f"{content.made_at:%H:%M}",
        ),
        _(
            "En andel vises med teller og nevner («41 av 52») og er «ingen data» når nevneren er "
            "0. Status: nådd når målet holder; nær målet når en andel er mindre enn 10 "
            "prosentpoeng fra målet; for få når nevneren er under 5. Målene står i måltabellen og "
            "kommer fra styringsdokumentene (kilde i parentes)."
        ),
    ]
    lines.extend(
        _("{title}: {description} (Kilde: {source}.)").format(
            title=r.indicator.title,
            description=r.indicator.description,
            source=r.indicator.source,
        )
        for r in content.results
    )
    return lines


def _selection_text(content: ReportContent) -> str:
    return ", ".join(f"{k}: {v}" for k, v in content.filters.items()) or _("hele nettverket")


def to_pdf(content: ReportContent, pngs: dict[str, bytes]) -> bytes:
    """The annual report, A4 portrait."""
    pdf = _pdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.ln(50)  # type: ignore[attr-defined]
    _heading(pdf, _("Årsrapport"), 30)
    _heading(
        pdf,
        _("Nettverk i kreftomsorg og lindrende behandling – {year}").format(year=content.year),
        16,
    )
    _paragraph(
        pdf,
        _("Styringsindikatorer for {selection}, per {day}.").format(
            selection=_selection_text(content), day=format_date(content.as_of)
        ),
        12,
    )
    if content.frozen_line:
        _paragraph(pdf, content.frozen_line, 12)
    if not pngs:
        _paragraph(pdf, _("Diagrammene mangler fordi Chromium ikke er installert på serveren."), 10)

    pdf.add_page()  # type: ignore[attr-defined]
    _heading(pdf, _("Indikatorer etter fokusområde"))
    for number, name in FOCUS_AREAS.items():
        in_area = [r for r in content.results if r.indicator.focus_area == number]
        _heading(pdf, f"{number}. {name}", 12)
        if not in_area:
            _paragraph(pdf, _("Strategien har ingen målbare indikatorer i dette fokusområdet."))
            continue
        _table(
            pdf,
            *_scorecard_rows(in_area),
            (62, 20, 26, 20, 30, 20),
        )
        _image(pdf, pngs.get(f"focus_{number}"), 170)
    _decisions_page(pdf, content, 16)

    pdf.add_page()  # type: ignore[attr-defined]
    _heading(pdf, _("Dekning per kommune"))
    _image(pdf, pngs.get("coverage"), 170)
    _view(
        pdf,
        content.coverage,
        [
            _("Kommune"),
            _("Enheter som skal ha ressurssykepleier"),
            _("Med ressurssykepleier"),
            _("Dekning"),
            _("Aktive ressurssykepleiere"),
            _("Aktive fysio-/ergoterapeuter"),
        ],
        [
            _("Kommune"),
            _("Enheter"),
            _("Med ressurssykepleier"),
            _("Dekning"),
            _("Sykepleiere"),
            _("Fysio/ergo"),
        ],
        (40, 22, 38, 22, 24, 22),
    )
    _map(pdf, content, pngs.get("map"))

    pdf.add_page()  # type: ignore[attr-defined]
    _heading(pdf, _("Oppmøte"))
    _view(
        pdf,
        content.attendance_groups,
        [_("Navn"), _("Type"), _("Forventet"), _("Møtt"), _("Andel")],
        [_("Nettverksgruppe"), _("Type"), _("Forventet"), _("Møtt"), _("Andel")],
        (60, 36, 26, 22, 24),
    )
    _image(pdf, pngs.get("events"), 170)
    _view(
        pdf,
        content.events,
        [_("Dato"), _("Arrangement"), _("Gruppe"), _("Forventet"), _("Møtt"), _("Andel")],
        [_("Dato"), _("Arrangement"), _("Gruppe"), _("Forventet"), _("Møtt"), _("Andel")],
        (20, 62, 40, 18, 14, 18),
    )

    pdf.add_page()  # type: ignore[attr-defined]
    _heading(pdf, _("Årlig rapportering"))
    _view(
        pdf,
        content.reporting,
        [
            _("Kommune"),
            _("Ressurspersoner"),
            _("Svart"),
            _("Svarprosent"),
            _("Årlig møte med leder"),
        ],
        [_("Kommune"), _("Ressurspersoner"), _("Svart"), _("Svarprosent"), _("Møtt leder")],
        (50, 34, 24, 30, 30),
    )

    _heading(pdf, _("Rekrutteringshull: enheter uten ressurssykepleier"), 12)
    if content.gaps.frame.empty:
        _paragraph(pdf, _("Alle enheter som skal ha ressurssykepleier, har det."))
    else:
        _view(
            pdf,
            content.gaps,
            [
                _("Enhet"),
                _("Type"),
                _("Kommune"),
                _("Situasjon"),
                _("Ledig siden"),
                _("Dager ledig"),
            ],
            [_("Enhet"), _("Type"), _("Kommune"), _("Situasjon"), _("Ledig siden"), _("Dager")],
            (58, 28, 26, 22, 22, 14),
        )

    pdf.add_page()  # type: ignore[attr-defined]
    _heading(pdf, _("Metode"))
    for line in _method_note(content):
        _paragraph(pdf, line, 9)
    return bytes(pdf.output())  # type: ignore[attr-defined]


def _view(
    pdf: object,
    table: Table,
    columns: list[str],
    headings: list[str],
    widths: tuple[float, ...],
) -> None:
    """Some of a table's columns, formatted as on screen, under shorter headings."""
    _table(pdf, headings, table.text_rows(columns), widths)


def _decisions_page(pdf: object, content: ReportContent, size: int) -> None:
    """The decisions recorded on the indicators for this selection and year (a page of its own;
    none when there are none)."""
    if content.decisions is None:
        return
    pdf.add_page()  # type: ignore[attr-defined]
    _heading(pdf, content.decisions.title, size)
    columns = [_("Indikator"), _("Vedtatt"), _("Organ"), _("Vedtak"), _("Aktivitet i årsplanen")]
    landscape = size > 16
    widths = (60, 24, 40, 105, 48) if landscape else (40, 20, 30, 55, 35)
    _view(pdf, content.decisions, columns, columns, widths)


def _governance_page(pdf: object, summary: GovernanceSummary) -> None:
    """The pack's page on the steering bodies: terms ending soon and network groups without a
    leader, and the year's plan in numbers. No names: the pack is projected in the steering
    group's meeting (see dashboard/engine/governance.py)."""
    pdf.add_page()  # type: ignore[attr-defined]
    _heading(pdf, _("Styringsorganer og årsplan"), 24)
    counts = summary.plan_counts
    if sum(counts[s] for s in ("planned", "under_way", "done", "dropped")):
        text = _(
            "Årsplan {year}: {done} gjennomført, {under_way} pågår, {planned} planlagt, "
            "{dropped} utgår; {overdue} forfalt."
        ).format(year=summary.plan_year, **counts)
    else:
        text = _("Ingen årsplan for {year} i databasen.").format(year=summary.plan_year)
    _paragraph(pdf, text, 14)
    _heading(
        pdf,
        _("Verv som slutter innen {days} dager (per {day})").format(
            days=summary.within_days, day=format_date(summary.day)
        ),
        16,
    )
    ending = [
        _("Slutter"),
        _("Dager igjen"),
        _("Organ"),
        _("Nettverksgruppe"),
        _("Rolle"),
        _("Organisasjon"),
        _("Etterfølger oppnevnt"),
    ]
    if summary.ending.frame.empty:
        _paragraph(
            pdf, _("Ingen verv slutter innen {days} dager.").format(days=summary.within_days), 13
        )
    else:
        widths = (30, 22, 55, 45, 25, 70, 30)
        _table(pdf, ending, summary.ending.text_rows(ending), widths, size=12)
    _heading(pdf, _("Nettverksgrupper uten leder"), 16)
    groups = [
        _("Nettverksgruppe"),
        _("Nettverk"),
        _("Forrige leders periode sluttet"),
        _("Dager uten leder"),
        _("Ny leder fra"),
    ]
    if summary.leaderless.frame.empty:
        _paragraph(pdf, _("Alle nettverksgruppene har en leder."), 13)
    else:
        widths = (70, 70, 55, 40, 42)
        _table(pdf, groups, summary.leaderless.text_rows(groups), widths, size=12)


def to_pack(content: ReportContent, pngs: dict[str, bytes]) -> bytes:
    """The meeting pack: landscape, large type, one page per focus area with every area's chart
    and last year's value."""
    pdf = _pdf("L")
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.ln(4 if content.region is not None else 40)  # type: ignore[attr-defined]
    _heading(pdf, _("Styringsgruppemøte – indikatorer {year}").format(year=content.year), 28)
    _paragraph(
        pdf,
        _("{selection} · per {day}").format(
            selection=_selection_text(content), day=format_date(content.as_of)
        ),
        16,
    )
    if content.frozen_line:
        _paragraph(pdf, content.frozen_line, 14)
    if content.region is not None:  # the first page: the region side by side
        region_pages(pdf, content.region, _heading, _table, _paragraph)
    for number, name in FOCUS_AREAS.items():
        in_area = [r for r in content.results if r.indicator.focus_area == number]
        pdf.add_page()  # type: ignore[attr-defined]
        _heading(pdf, f"{number}. {name}", 24)
        if not in_area:
            _paragraph(pdf, _("Ingen målbare indikatorer i dette fokusområdet."), 16)
            continue
        _table(
            pdf,
            *_scorecard_rows(in_area),
            (90, 30, 40, 30, 45, 30),
            size=13,
        )
        png = pngs.get(f"focus_{number}")
        if png is not None:
            # The chart fills what is left of the page (an area of many indicators gets a taller
            # chart, drawn smaller to fit).
            room = 190 - pdf.get_y()  # type: ignore[attr-defined]
            _image(pdf, png, min(200.0, max(90.0, room * 1000 / _png_height(png))))
    _decisions_page(pdf, content, 24)
    if content.governance is not None:
        _governance_page(pdf, content.governance)
    return bytes(pdf.output())  # type: ignore[attr-defined]


def to_xlsx(content: ReportContent) -> bytes:
    """The same content, one sheet per section, for working further on it."""
    scorecard = scorecard_rows(content)
    cover = pd.DataFrame(
        {
            _("Felt"): [
                _("Årsrapport"),
                _("År"),
                _("Per dato"),
                _("Utvalg"),
                _("Dataversjon"),
                _("Sist importert"),
            ],
            _("Verdi"): [
                _("Nettverk i kreftomsorg og lindrende behandling"),
                str(content.year),
                format_date(content.as_of),
                _selection_text(content),
                content.data_version,
                content.last_import,
            ],
        }
    )
    method = pd.DataFrame({_("Metode"): _method_note(content)})
    meta = ExportMeta(
        _("Årsrapport {year}").format(year=content.year), content.filters, content.made_at
    )
    sections = [
        (_("Indikatorer"), scorecard),
        (_("Dekning"), content.coverage),
        (_("Oppmøte per gruppe"), content.attendance_groups),
        (_("Oppmøte per arrangement"), content.events),
        (_("Rapportering"), content.reporting),
        (_("Rekrutteringshull"), content.gaps),
    ]
    if content.decisions is not None:
        sections.append((_("Vedtak"), content.decisions))
    return to_xlsx_sheets(
        [
            (_("Forside"), cover, None),
            *((name, table.frame, table.formats) for name, table in sections),
            (_("Metode"), method, None),
        ],
        meta,
    )


def build(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    output_format: str,
    filters: dict[str, str] | None = None,
    progress: Progress | None = None,
    trusts: frozenset[str] = frozenset(),
    notes: pd.DataFrame | None = None,
    frozen_line: str = "",
) -> bytes:
    """One document: `pdf` (the annual report), `xlsx` (its content) or `pack` (meeting pack).
    `trusts`: the health trusts a limited user sees side by side in the pack (empty: all);
    `notes`: the decisions to show (default: those `con` holds); `frozen_line`: said on the first
    page when `con` reads a frozen meeting's snapshot."""
    say = progress or (lambda _fraction, _text: None)
    if output_format not in FORMATS:
        raise ValueError(
            _("ukjent format «{format}»; velg pdf, xlsx eller pack").format(format=output_format)
        )
    say(0.1, _("Henter tallene"))
    content = collect(con, scope, filters, notes)
    content.frozen_line = frozen_line
    if output_format == "pack":
        content.region = compare(con, scope, "health_trust", trusts)
    if output_format == "xlsx":
        say(0.9, _("Skriver regnearket"))
        return to_xlsx(content)
    say(0.3, _("Tegner diagrammene"))
    pngs = render_pngs(figures(content))
    say(0.8, _("Setter sammen dokumentet"))
    return to_pdf(content, pngs) if output_format == "pdf" else to_pack(content, pngs)
