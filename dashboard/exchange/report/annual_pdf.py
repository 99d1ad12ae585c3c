"""The annual report as a PDF (A4 portrait): the cover, the indicators by focus area, coverage with
the map, attendance, annual reporting and recruitment gaps, and the method.
"""

from __future__ import annotations

from dashboard.engine.i18n import _
from dashboard.engine.indicators import FOCUS_AREAS
from dashboard.exchange import boundaries
from dashboard.exchange.charts import map_legend
from dashboard.exchange.report.content import ReportContent, method_note
from dashboard.exchange.report.pdf_layout import (
    decisions_page,
    heading,
    image,
    new_pdf,
    paragraph,
    pdf_table,
    scope_lines,
    scorecard_cells,
    view,
)


def _map(pdf: object, content: ReportContent, png: bytes | None) -> None:
    """The map on a page of its own, its legend in words and the credit as text under it."""
    if png is None:
        return
    pdf.add_page()  # type: ignore[attr-defined]
    heading(pdf, _("Kart: dekning per kommune"))
    image(pdf, png, 150)
    legend = " · ".join(word for word, _colour in map_legend(content.map_areas))
    paragraph(pdf, _("Status: {legend}.").format(legend=legend))
    paragraph(pdf, boundaries.CREDIT, 9)


def to_pdf(content: ReportContent, pngs: dict[str, bytes]) -> bytes:
    """The annual report, A4 portrait."""
    pdf = new_pdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.ln(50)  # type: ignore[attr-defined]
    heading(pdf, _("Årsrapport"), 30)
    heading(
        pdf,
        _("Nettverk i kreftomsorg og lindrende behandling – {year}").format(year=content.year),
        16,
    )
    scope_lines(pdf, content, _("Styringsindikatorer for {selection}, per {day}."), 12, 12)
    if not pngs:
        paragraph(pdf, _("Diagrammene mangler fordi Chromium ikke er installert på serveren."), 10)

    pdf.add_page()  # type: ignore[attr-defined]
    heading(pdf, _("Indikatorer etter fokusområde"))
    for number, name in FOCUS_AREAS.items():
        in_area = [r for r in content.results if r.indicator.focus_area == number]
        heading(pdf, f"{number}. {name}", 12)
        if not in_area:
            paragraph(pdf, _("Strategien har ingen målbare indikatorer i dette fokusområdet."))
            continue
        pdf_table(
            pdf,
            *scorecard_cells(in_area),
            (62, 20, 26, 20, 30, 20),
        )
        image(pdf, pngs.get(f"focus_{number}"), 170)
    decisions_page(pdf, content, 16)

    pdf.add_page()  # type: ignore[attr-defined]
    heading(pdf, _("Dekning per kommune"))
    image(pdf, pngs.get("coverage"), 170)
    view(
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
    heading(pdf, _("Oppmøte"))
    view(
        pdf,
        content.attendance_groups,
        [_("Navn"), _("Type"), _("Forventet"), _("Møtt"), _("Andel")],
        [_("Nettverksgruppe"), _("Type"), _("Forventet"), _("Møtt"), _("Andel")],
        (60, 36, 26, 22, 24),
    )
    image(pdf, pngs.get("events"), 170)
    view(
        pdf,
        content.events,
        [_("Dato"), _("Arrangement"), _("Gruppe"), _("Forventet"), _("Møtt"), _("Andel")],
        [_("Dato"), _("Arrangement"), _("Gruppe"), _("Forventet"), _("Møtt"), _("Andel")],
        (20, 62, 40, 18, 14, 18),
    )

    pdf.add_page()  # type: ignore[attr-defined]
    heading(pdf, _("Årlig rapportering"))
    view(
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

    heading(pdf, _("Rekrutteringshull: enheter uten ressurssykepleier"), 12)
    if content.gaps.frame.empty:
        paragraph(pdf, _("Alle enheter som skal ha ressurssykepleier, har det."))
    else:
        view(
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
    heading(pdf, _("Metode"))
    for line in method_note(content):
        paragraph(pdf, line, 9)
    return bytes(pdf.output())  # type: ignore[attr-defined]
