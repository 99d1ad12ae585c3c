"""The shared sidebar filters, kept in the URL (`st.query_params`) so a copied link reproduces the
view, with a reset and the meeting-mode toggle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from dashboard.components.data import available_years, query
from dashboard.contract import PROFESSIONS, UNIT_TYPES
from dashboard.formatting import format_date
from dashboard.indicators import as_of_date_for
from dashboard.scorecard import Selection

# URL parameter → widget key. Short Norwegian names make readable links.
URL_KEYS = {
    "ar": "f_year",
    "dato": "f_as_of",
    "hf": "f_health_trust",
    "nettverk": "f_network",
    "gruppe": "f_network_group",
    "kommune": "f_municipality",
    "yrke": "f_profession",
    "enhetstype": "f_unit_type",
}
ALL = ""  # the "alle" choice of every selectbox
NETWORK_LABELS = {
    "sykepleier": "Sykepleiernettverket",
    "fysio_ergo": "Fysio- og ergoterapinettverket",
}
PROFESSION_LABELS = {"sykepleier": "Sykepleier", "fysioterapeut": "Fysioterapeut",
                     "ergoterapeut": "Ergoterapeut"}  # fmt: skip
UNIT_TYPE_LABELS = {
    "sykehjem": "Sykehjem", "hjemmetjeneste": "Hjemmetjeneste",
    "sykehusavdeling": "Sykehusavdeling", "poliklinikk": "Poliklinikk", "annet": "Annet",
}  # fmt: skip


@dataclass(frozen=True)
class Filters:
    """What the user chose: the year, an optional as-of date, the selection."""

    year: int
    as_of: dt.date | None
    selection: Selection

    @property
    def as_of_date(self) -> dt.date:
        return self.as_of or as_of_date_for(self.year)

    def describe(self) -> dict[str, str]:
        """Norwegian labels for the export header: only what is chosen."""
        labels = {
            "health_trust": "Helseforetak", "network": "Nettverk", "network_group": "Nettverksgruppe",
            "municipality": "Kommune", "profession": "Yrke", "unit_type": "Enhetstype",
        }  # fmt: skip
        described = {"År": str(self.year), "Per dato": format_date(self.as_of_date)}
        for name, value in self.selection.describe().items():
            described[labels[name]] = value
        return described

    def params(self) -> dict[str, object]:
        """The parameters the named queries take."""
        return {"year": self.year, "as_of_date": self.as_of_date, **self.selection.params()}

    @property
    def is_filtered(self) -> bool:
        return bool(self.selection.describe())


def _options() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Labels per filter, and each network group's network."""
    frame = query("filter_options")
    options: dict[str, dict[str, str]] = {"health_trust": {}, "network_group": {},
                                          "municipality": {}}  # fmt: skip
    group_network: dict[str, str] = {}
    for row in frame.itertuples(index=False):
        options[row.kind][row.code] = row.label
        if row.kind == "network_group":
            group_network[row.code] = row.network
    return options, group_network


def _seed_from_url(key: str, url_name: str, valid: list[str]) -> None:
    """On the first run of a session, take the widget's value from the link."""
    if key in st.session_state:
        return
    value = st.query_params.get(url_name, ALL)
    st.session_state[key] = value if value in valid else ALL


def _select(label: str, url_name: str, choices: dict[str, str]) -> str | None:
    key = URL_KEYS[url_name]
    values = [ALL, *choices]
    _seed_from_url(key, url_name, values)
    if st.session_state[key] not in values:
        st.session_state[key] = ALL
    chosen = st.sidebar.selectbox(
        label, values, key=key, format_func=lambda v: "Alle" if v == ALL else choices.get(v, v)
    )
    return chosen or None


def reset_filters() -> None:
    for key in URL_KEYS.values():
        st.session_state.pop(key, None)
    st.query_params.clear()


def meeting_mode() -> bool:
    """The projector view: no sidebar, large scorecard. Kept in the URL as `mote=1`."""
    if "meeting_mode" not in st.session_state:
        st.session_state["meeting_mode"] = st.query_params.get("mote") == "1"
    return bool(st.session_state["meeting_mode"])


def _follow_new_link() -> None:
    """A URL that differs from the one this session last wrote (a pasted link, back/forward)
    sets the filters again."""
    current = {k: st.query_params.get(k) for k in st.query_params}
    if "last_url" in st.session_state and current != st.session_state["last_url"]:
        for key in URL_KEYS.values():
            st.session_state.pop(key, None)


def sidebar_filters() -> Filters:
    """Draw the filters in the sidebar and return what they select."""
    _follow_new_link()
    options, group_network = _options()
    years = [str(y) for y in available_years()]
    _seed_from_url("f_year", "ar", years)
    if st.session_state["f_year"] not in years:
        st.session_state["f_year"] = years[0]
    sidebar = st.sidebar
    sidebar.header("Utvalg")
    year = int(sidebar.selectbox("År", years, key="f_year"))
    if "f_as_of" not in st.session_state:
        st.session_state["f_as_of"] = _date_from_url(st.query_params.get("dato"))
    chosen_day = st.session_state["f_as_of"]
    if isinstance(chosen_day, dt.date) and chosen_day.year != year:
        st.session_state["f_as_of"] = None  # a date from another year no longer applies
    as_of = sidebar.date_input(
        "Per dato (tom = 31.12 eller i dag)", key="f_as_of", format="DD.MM.YYYY",
        min_value=dt.date(year, 1, 1), max_value=dt.date(year, 12, 31),
    )  # fmt: skip
    health_trust = _select("Helseforetak", "hf", options["health_trust"])
    network = _select("Nettverk", "nettverk", NETWORK_LABELS)
    groups = {
        code: label for code, label in options["network_group"].items()
        if network is None or group_network.get(code) == network
    }  # fmt: skip
    network_group = _select("Nettverksgruppe", "gruppe", groups)
    municipality = _select("Kommune", "kommune", options["municipality"])
    professions = {
        p: PROFESSION_LABELS[p] for p in PROFESSIONS
        if network is None or (p == "sykepleier") == (network == "sykepleier")
    }  # fmt: skip
    profession = _select("Yrke", "yrke", professions)
    unit_type = _select("Enhetstype", "enhetstype", {t: UNIT_TYPE_LABELS[t] for t in UNIT_TYPES})
    sidebar.button("Nullstill utvalget", on_click=reset_filters, icon=":material/restart_alt:")
    sidebar.toggle("Møtemodus (for prosjektor)", key="meeting_mode",
                   on_change=_sync_meeting_mode)  # fmt: skip
    filters = Filters(
        year=year,
        as_of=as_of if isinstance(as_of, dt.date) else None,
        selection=Selection(
            health_trust=health_trust,
            network_group=network_group,
            municipality=municipality,
            profession=profession,
            network=network,
            unit_type=unit_type,
        ),
    )
    _write_url(filters)
    return filters


def _date_from_url(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _sync_meeting_mode() -> None:
    if st.session_state.get("meeting_mode"):
        st.query_params["mote"] = "1"
    else:
        st.query_params.pop("mote", None)


def _write_url(filters: Filters) -> None:
    """The link reproduces the view: only what differs from the defaults is in it."""
    wanted: dict[str, str] = {}
    if filters.year != dt.date.today().year:
        wanted["ar"] = str(filters.year)
    if filters.as_of:
        wanted["dato"] = filters.as_of.isoformat()
    selection = filters.selection
    for url_name, value in (
        ("hf", selection.health_trust), ("nettverk", selection.network),
        ("gruppe", selection.network_group), ("kommune", selection.municipality),
        ("yrke", selection.profession), ("enhetstype", selection.unit_type),
    ):  # fmt: skip
        if value:
            wanted[url_name] = value
    if st.session_state.get("meeting_mode"):
        wanted["mote"] = "1"
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
    st.session_state["last_url"] = wanted
