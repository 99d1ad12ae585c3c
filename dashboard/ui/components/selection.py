"""The selection (year, as-of date, filters) as one state for the whole app, always in the URL.

The filters are drawn by the entrypoint (dashboard/ui/app.py), before the page runs, so their
state survives page changes. A link with a selection in it (a pasted link, a tile link, back and
forward) sets the selection; a page change that clears the URL (Streamlit's navigation does) keeps
it and writes it back; a reload starts from the URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import streamlit as st

from dashboard.engine import labels
from dashboard.engine.contract import GROUP_NETWORKS, PROFESSIONS, UNIT_TYPES
from dashboard.engine.scope import FILTER_NAMES, Scope, Selection
from dashboard.ui.components.data import available_years, query

# Filter → URL parameter. Short Norwegian names make readable links.
URL_NAMES = {
    "health_trust": "hf",
    "network": "nettverk",
    "network_group": "gruppe",
    "municipality": "kommune",
    "profession": "yrke",
    "unit_type": "enhetstype",
}
YEAR, DATE, MEETING = "ar", "dato", "mote"
SELECTION_PARAMS = (YEAR, DATE, *URL_NAMES.values())
WIDGET = {name: f"f_{name}" for name in (*FILTER_NAMES, "year", "as_of")}
ALL = ""  # the «Alle» choice of every selectbox
LAST_URL = "selection_last_url"
SCOPE = "selection_scope"


def _choices() -> dict[str, dict[str, str]]:
    """Code → label per filter, and each group's network and health trust."""
    frame = query("filter_options")
    choices: dict[str, dict[str, str]] = {
        "health_trust": {},
        "network_group": {},
        "municipality": {},
    }
    for kind, code, label in zip(frame["kind"], frame["code"], frame["label"], strict=True):
        choices[kind][code] = label
    choices["network"] = {code: labels.NETWORK[code] for code in GROUP_NETWORKS}
    choices["profession"] = {code: labels.PROFESSION[code] for code in PROFESSIONS}
    choices["unit_type"] = {code: labels.UNIT_TYPE[code] for code in UNIT_TYPES}
    return choices


def _group_places() -> dict[str, tuple[str, str]]:
    """Network group → (network, health trust)."""
    frame = query("filter_options")
    groups = frame[frame["kind"] == "network_group"]
    return {
        code: (network, trust)
        for code, network, trust in zip(
            groups["code"], groups["network"], groups["health_trust"], strict=True
        )
    }


def _url() -> dict[str, str]:
    return {name: st.query_params.get(name) or "" for name in st.query_params}


def _selection_part(url: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in url.items() if k in SELECTION_PARAMS and v}


def _date_from_url(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _seed_from_url(url: Mapping[str, str], years: list[str]) -> None:
    """Set the widgets from a link; values that are not among the choices are ignored."""
    st.session_state[WIDGET["year"]] = url.get(YEAR) if url.get(YEAR) in years else years[0]
    st.session_state[WIDGET["as_of"]] = _date_from_url(url.get(DATE))
    for name, url_name in URL_NAMES.items():
        st.session_state[WIDGET[name]] = url.get(url_name, ALL)
    st.session_state["meeting_mode"] = url.get(MEETING) == "1"


def reset() -> None:
    """«Nullstill utvalget»: this year, no date, no filters."""
    for key in WIDGET.values():
        st.session_state.pop(key, None)
    st.session_state[LAST_URL] = {}
    st.query_params.clear()


def _select(name: str, choices: Mapping[str, str]) -> str | None:
    key = WIDGET[name]
    values = [ALL, *choices]
    if st.session_state.get(key, ALL) not in values:
        st.session_state[key] = ALL
    chosen = st.sidebar.selectbox(
        labels.FILTER[name],
        values,
        key=key,
        format_func=lambda v: "Alle" if v == ALL else choices.get(v, v),
    )
    return chosen or None


def selection_sidebar() -> Scope:
    """Draw the filters in the sidebar, keep them in the URL, and return the scope."""
    years = [str(y) for y in available_years()]
    url = _url()
    last = st.session_state.get(LAST_URL)
    from_link = _selection_part(url)
    if last is None or (from_link and from_link != _selection_part(last)):
        _seed_from_url(url, years)
    if st.session_state.get(WIDGET["year"]) not in years:
        st.session_state[WIDGET["year"]] = years[0]
    choices = _choices()
    sidebar = st.sidebar
    sidebar.header("Utvalg")
    year = int(sidebar.selectbox("År", years, key=WIDGET["year"]))
    chosen_day = st.session_state.get(WIDGET["as_of"])
    if isinstance(chosen_day, dt.date) and chosen_day.year != year:
        st.session_state[WIDGET["as_of"]] = None  # a date from another year no longer applies
    as_of = sidebar.date_input(
        "Per dato (tom = 31.12 eller i dag)",
        key=WIDGET["as_of"],
        format="DD.MM.YYYY",
        min_value=dt.date(year, 1, 1),
        max_value=dt.date(year, 12, 31),
    )
    health_trust = _select("health_trust", choices["health_trust"])
    network = _select("network", choices["network"])
    group_places = _group_places()
    groups = {
        code: label
        for code, label in choices["network_group"].items()
        if (network is None or group_places[code][0] == network)
        and (health_trust is None or group_places[code][1] == health_trust)
    }
    network_group = _select("network_group", groups)
    municipality = _select("municipality", choices["municipality"])
    professions = {
        code: label
        for code, label in choices["profession"].items()
        if network is None or (code == "sykepleier") == (network == "sykepleier")
    }
    profession = _select("profession", professions)
    unit_type = _select("unit_type", choices["unit_type"])
    sidebar.button("Nullstill utvalget", on_click=reset, icon=":material/restart_alt:")
    sidebar.toggle("Møtemodus (for prosjektor)", key="meeting_mode")
    scope = Scope(
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
    _write_url(scope)
    st.session_state[SCOPE] = scope
    return scope


def url_params(scope: Scope, meeting: bool = False) -> dict[str, str]:
    """The URL of a scope: only what differs from the defaults."""
    wanted: dict[str, str] = {}
    if scope.year != dt.date.today().year:
        wanted[YEAR] = str(scope.year)
    if scope.as_of:
        wanted[DATE] = scope.as_of.isoformat()
    for name, code in scope.selection.chosen().items():
        wanted[URL_NAMES[name]] = code
    if meeting:
        wanted[MEETING] = "1"
    return wanted


def _write_url(scope: Scope) -> None:
    wanted = url_params(scope, meeting_mode())
    if _url() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[LAST_URL] = wanted


def meeting_mode() -> bool:
    """The projector view: no sidebar, the scorecard on one screen. In the URL as `mote=1`."""
    if "meeting_mode" not in st.session_state:
        st.session_state["meeting_mode"] = st.query_params.get(MEETING) == "1"
    return bool(st.session_state["meeting_mode"])


def current_scope() -> Scope:
    """The scope the entrypoint's filters chose for this run."""
    return st.session_state.get(SCOPE) or Scope(year=dt.date.today().year)
