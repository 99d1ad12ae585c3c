"""The tables of Årlig rapportering: every answer's share by group, and who has not answered."""

from __future__ import annotations

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.i18n import _
from dashboard.exchange.page_tables.table import Table, counts, labelled, share

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
        **counts(_("Ressurspersoner"), _("Svart")),
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
