"""What a figure is about: the year, the as-of date and the selection (the filters).

The UI builds a `Scope` from the URL, the CLI from its arguments; the engine's queries take it as
the `$selections` parameter (see `queries/views.sql`, macro `selections`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import duckdb

from dashboard.engine import db, labels
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _

# The filters, in the order they are shown and keyed. `unit` is the drill-down to one unit (no
# sidebar filter of its own).
FILTER_NAMES = (
    "health_trust",
    "network",
    "network_group",
    "municipality",
    "profession",
    "unit_type",
    "unit",
)
# Filter → URL parameter. Short Norwegian names make readable links (the app's, and the links
# back into it that messages carry).
URL_NAMES = {
    "health_trust": "hf",
    "network": "nettverk",
    "network_group": "gruppe",
    "municipality": "kommune",
    "profession": "yrke",
    "unit_type": "enhetstype",
    "unit": "enhet",
}
# Filters whose codes have a name in the database (the rest have labels in `labels`).
NAMED_FILTERS = ("health_trust", "network_group", "municipality", "unit")
FIXED_LABELS = {
    "network": labels.NETWORK,
    "profession": labels.PROFESSION,
    "unit_type": labels.UNIT_TYPE,
}


def as_of_date_for(year: int, today: dt.date | None = None) -> dt.date:
    """31 December of the year, or today if the year has not ended."""
    today = today or dt.date.today()
    year_end = dt.date(year, 12, 31)
    return today if today < year_end else year_end


@dataclass(frozen=True)
class Selection:
    """The filters of DESIGN.md; None selects everything."""

    health_trust: str | None = None
    network_group: str | None = None
    municipality: str | None = None
    profession: str | None = None
    network: str | None = None
    unit_type: str | None = None
    unit: str | None = None

    def params(self) -> dict[str, str | None]:
        return asdict(self)

    def chosen(self) -> dict[str, str]:
        """Only the filters that are set, in display order."""
        return {name: getattr(self, name) for name in FILTER_NAMES if getattr(self, name)}

    @property
    def is_everything(self) -> bool:
        return not self.chosen()

    def key(self) -> str:
        """A canonical text for the selection («» for everything), e.g. «network_group=SYK-SAND»:
        how prepared figures are stored and caches are keyed."""
        return "&".join(f"{name}={value}" for name, value in self.chosen().items())

    @classmethod
    def from_key(cls, key: str) -> Selection:
        values = dict(part.split("=", 1) for part in key.split("&") if part)
        return cls(**{f.name: values.get(f.name) for f in fields(cls)})

    def describe(self, names: Callable[[str, str], str] | None = None) -> dict[str, str]:
        """Labels (in the current language) and names for what is chosen, e.g. {"Yrke":
        "Fysioterapeut"}.
        `names(filter, code)` gives a health trust's, group's or municipality's name."""
        described = {}
        for name, code in self.chosen().items():
            if name in FIXED_LABELS:
                text = labels.label(FIXED_LABELS[name], code)
            else:
                text = names(name, code) if names else code
            described[labels.FILTER[name]] = text
        return described


@dataclass(frozen=True)
class Scope:
    """A year, an optional as-of date (None = 31 December, or today for this year), a selection."""

    year: int
    as_of: dt.date | None = None
    selection: Selection = field(default_factory=Selection)

    @property
    def as_of_date(self) -> dt.date:
        return self.as_of or as_of_date_for(self.year)

    def with_selection(self, **changes: str | None) -> Scope:
        return replace(self, selection=replace(self.selection, **changes))

    def selections(self) -> list[dict[str, Any]]:
        """The `$selections` parameter for this one scope."""
        return [selection_row(0, self.year, self.as_of_date, self.selection)]

    def describe(self, names: Callable[[str, str], str] | None = None) -> dict[str, str]:
        """In the current language, for export headers, the Utvalg line and audit lines: year,
        date, filters."""
        return {
            _("År"): str(self.year),
            _("Per dato"): format_date(self.as_of_date),
            **self.selection.describe(names),
        }

    def describe_line(self, names: Callable[[str, str], str] | None = None) -> str:
        return "; ".join(f"{k}: {v}" for k, v in self.describe(names).items())


def selection_row(
    selection_id: int, year: int, as_of_date: dt.date, selection: Selection
) -> dict[str, Any]:
    """One element of the `$selections` parameter (see `queries/views.sql`)."""
    return {
        "selection_id": selection_id,
        "year": year,
        "as_of_date": as_of_date,
        **selection.params(),
    }


def selection_rows(
    wanted: Iterable[tuple[int, dt.date, Selection]],
) -> list[dict[str, Any]]:
    """The `$selections` parameter for several (year, as-of date, selection) at once, numbered in
    the order given."""
    return [selection_row(i, year, day, s) for i, (year, day, s) in enumerate(wanted)]


def place_names(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """(filter, code) → name, for the health trusts, network groups, municipalities and units."""
    names = {
        (kind, code): name
        for query in ("filter_options", "unit_names")
        for kind, code, name in db.run(con, query)[["kind", "code", "name"]].itertuples(index=False)
    }
    return names


def namer(names: dict[tuple[str, str], str]) -> Callable[[str, str], str]:
    """`describe`'s names function over a `place_names` mapping (a code without a name stays)."""
    return lambda kind, code: names.get((kind, code), code)
