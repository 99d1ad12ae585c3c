"""The tables of Dekning og rekruttering: coverage per municipality and group, units without a
resource nurse, appointments ending, turnover."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.i18n import _
from dashboard.exchange.page_tables.table import Table, counts, labelled, share


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
        **counts(
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
        **counts(_("Enheter som skal ha ressurssykepleier"), _("Med ressurssykepleier")),
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
    return Table(_("Nye og avsluttede per år"), frame, counts(_("År"), _("Nye"), _("Sluttet")))
