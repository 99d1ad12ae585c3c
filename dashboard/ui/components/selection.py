"""The selection (year, as-of date, filters, a drill-down unit) as one state for the whole app,
always in the URL.

The filters are drawn by the entrypoint (dashboard/ui/app.py), before the page runs, so their
state survives page changes. A link with a selection in it (a pasted link, a tile or breadcrumb
link, back and forward) sets the selection; a page change that clears the URL (Streamlit's
navigation does) keeps it and writes it back; a reload starts from the URL. The filters narrow
each other: a health trust narrows the groups and municipalities, a group the municipalities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlencode

import streamlit as st

from dashboard.engine import labels
from dashboard.engine.contract import GROUP_NETWORKS, PROFESSIONS, UNIT_TYPES
from dashboard.engine.formatting import date_pattern
from dashboard.engine.i18n import _, language
from dashboard.engine.scope import FILTER_NAMES, URL_NAMES, Scope, Selection
from dashboard.ui.components.data_access import (
    available_years,
    database,
    place_names,
    query,
    version,
)
from dashboard.ui.components.language import url_params as language_params

YEAR, DATE, MEETING = "ar", "dato", "mote"
# A frozen meeting's figures (dashboard/engine/meetings.py): `frosset=<meeting id>`.
FROZEN = "frosset"
FROZEN_KEY = "frozen_meeting"
SELECTION_PARAMS = (YEAR, DATE, *URL_NAMES.values())
# Parameters a page keeps for itself (its section, an event, a person): kept while on the page.
PAGE_PARAMS = ("del", "arrangement", "person")
WIDGET = {name: f"f_{name}" for name in (*FILTER_NAMES, "year", "as_of")}
ALL = ""  # the «Alle» choice of every selectbox
LAST_URL = "selection_last_url"
SCOPE = "selection_scope"
# The steps of a drill-down, widest first.
DRILL_DOWN = ("health_trust", "network_group", "municipality", "unit")


@dataclass(frozen=True)
class Choices:
    """What each filter offers (code → label), and how the places hang together."""

    labels: Mapping[str, Mapping[str, str]]
    group_place: Mapping[str, tuple[str, str]]  # group → (network, health trust)
    municipality_trust: Mapping[str, str]
    group_municipalities: Mapping[str, frozenset[str]]


@lru_cache(maxsize=12)
def _choices(path: str, data_version: str, language_code: str) -> Choices:
    """`language_code`: the labels of networks, professions and unit types are in it."""
    frame = query("filter_options")
    by_kind: dict[str, dict[str, str]] = {
        "health_trust": {},
        "network_group": {},
        "municipality": {},
    }
    group_place: dict[str, tuple[str, str]] = {}
    municipality_trust: dict[str, str] = {}
    for kind, code, label, network, trust in zip(
        frame["kind"],
        frame["code"],
        frame["label"],
        frame["network"],
        frame["health_trust"],
        strict=True,
    ):
        by_kind[kind][code] = label
        if kind == "network_group":
            group_place[code] = (network, trust)
        elif kind == "municipality":
            municipality_trust[code] = trust
    members: dict[str, set[str]] = {}
    rows = query("group_municipalities")
    for group, number in zip(rows["group_code"], rows["municipality_number"], strict=True):
        members.setdefault(group, set()).add(number)
    by_kind["network"] = {code: labels.NETWORK[code] for code in GROUP_NETWORKS}
    by_kind["profession"] = {code: labels.PROFESSION[code] for code in PROFESSIONS}
    by_kind["unit_type"] = {code: labels.UNIT_TYPE[code] for code in UNIT_TYPES}
    return Choices(
        by_kind,
        group_place,
        municipality_trust,
        {group: frozenset(numbers) for group, numbers in members.items()},
    )


def choices() -> Choices:
    return _choices(str(database().path), version(), language())


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
    """Set the widgets from a link; values that are not among the choices are ignored later."""
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


def narrow(name: str, code: str | None) -> None:
    """Set one filter (a drill-down: a chart click, a breadcrumb); the next run shows it."""
    st.session_state[WIDGET[name]] = code or ALL


def _select(name: str, offered: Mapping[str, str], allow_all: bool = True) -> str | None:
    key = WIDGET[name]
    shown = {ALL: _("Alle"), **offered} if allow_all else dict(offered)
    if st.session_state.get(key, ALL) not in shown:
        st.session_state[key] = next(iter(shown))
    chosen = st.sidebar.selectbox(labels.FILTER[name], list(shown), key=key, format_func=shown.get)
    return chosen or None


def limited_to(offered: Choices, trusts: frozenset[str]) -> Choices:
    """The choices of a user limited to some health trusts (empty: every trust): only those
    trusts, and their network groups and municipalities."""
    if not trusts:
        return offered
    by_kind = dict(offered.labels)
    by_kind["health_trust"] = {
        code: label for code, label in offered.labels["health_trust"].items() if code in trusts
    } or {code: code for code in sorted(trusts)}  # unknown codes: a selection with no data
    by_kind["network_group"] = {
        code: label
        for code, label in offered.labels["network_group"].items()
        if offered.group_place[code][1] in trusts
    }
    by_kind["municipality"] = {
        code: label
        for code, label in offered.labels["municipality"].items()
        if offered.municipality_trust[code] in trusts
    }
    return replace(offered, labels=by_kind)


def selection_sidebar(trusts: frozenset[str] = frozenset()) -> Scope:
    """Draw the filters in the sidebar, keep them in the URL, and return the scope. `trusts`:
    the health trusts a user is limited to (no «Alle» then; empty: every trust)."""
    years = [str(y) for y in available_years()]
    url = _url()
    last = st.session_state.get(LAST_URL)
    from_link = _selection_part(url)
    if last is None or (from_link and from_link != _selection_part(last)):
        _seed_from_url(url, years)
    if st.session_state.get(WIDGET["year"]) not in years:
        st.session_state[WIDGET["year"]] = years[0]
    offered = limited_to(choices(), trusts)
    sidebar = st.sidebar
    sidebar.header(_("Utvalg"))
    year = int(sidebar.selectbox(_("År"), years, key=WIDGET["year"]))
    chosen_day = st.session_state.get(WIDGET["as_of"])
    if isinstance(chosen_day, dt.date) and chosen_day.year != year:
        st.session_state[WIDGET["as_of"]] = None  # a date from another year no longer applies
    as_of = sidebar.date_input(
        _("Per dato (tom = 31.12 eller i dag)"),
        key=WIDGET["as_of"],
        format=date_pattern(),  # DD.MM.YYYY, or DD/MM/YYYY in English
        min_value=dt.date(year, 1, 1),
        max_value=dt.date(year, 12, 31),
    )
    health_trust = _select("health_trust", offered.labels["health_trust"], not trusts)
    network = _select("network", offered.labels["network"])
    network_group = _select(
        "network_group",
        {
            code: label
            for code, label in offered.labels["network_group"].items()
            if (network is None or offered.group_place[code][0] == network)
            and (health_trust is None or offered.group_place[code][1] == health_trust)
        },
    )
    in_group = offered.group_municipalities.get(network_group or "", frozenset())
    municipality = _select(
        "municipality",
        {
            code: label
            for code, label in offered.labels["municipality"].items()
            if (health_trust is None or offered.municipality_trust[code] == health_trust)
            and (network_group is None or code in in_group)
        },
    )
    profession = _select(
        "profession",
        {
            code: label
            for code, label in offered.labels["profession"].items()
            if network is None or (code == "sykepleier") == (network == "sykepleier")
        },
    )
    unit_type = _select("unit_type", offered.labels["unit_type"])
    unit = st.session_state.get(WIDGET["unit"]) or None
    sidebar.button(_("Nullstill utvalget"), on_click=reset, icon=":material/restart_alt:")
    sidebar.toggle(_("Møtemodus (for prosjektor)"), key="meeting_mode")
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
            unit=unit,
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
    if st.session_state.get(FROZEN_KEY):
        wanted[FROZEN] = st.session_state[FROZEN_KEY]
    wanted.update(language_params())  # `sprak`, so links and page changes keep the language
    return wanted


def link(page: str, scope: Scope, anchor: str = "", **page_params: str) -> str:
    """A relative link to a page with the scope (and page parameters), for HTML links: e.g.
    «oppmote?gruppe=SYK-SAND&del=arrangementer#meeting_attendance»."""
    params = {**url_params(scope), **{k: v for k, v in page_params.items() if v}}
    target = page + (f"?{urlencode(params)}" if params else "")
    return target + (f"#{anchor}" if anchor else "")


def _write_url(scope: Scope) -> None:
    current = _url()
    wanted = url_params(scope, meeting_mode())
    wanted.update({k: current[k] for k in PAGE_PARAMS if current.get(k)})
    if current != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[LAST_URL] = wanted


def meeting_mode() -> bool:
    """The projector view: no sidebar, the scorecard on one screen. In the URL as `mote=1`."""
    if "meeting_mode" not in st.session_state:
        st.session_state["meeting_mode"] = st.query_params.get(MEETING) == "1"
    return bool(st.session_state["meeting_mode"])


def frozen_meeting_id() -> str | None:
    """The meeting whose frozen figures the app shows: chosen by a link (`frosset=ID`), kept
    across page changes until the user goes back to today's figures (`leave_frozen`)."""
    chosen = st.query_params.get(FROZEN)
    if chosen:
        st.session_state[FROZEN_KEY] = chosen
    return st.session_state.get(FROZEN_KEY)


def leave_frozen() -> None:
    """Back to today's figures (the selection stays)."""
    st.session_state.pop(FROZEN_KEY, None)
    if FROZEN in st.query_params:
        del st.query_params[FROZEN]


def current_scope() -> Scope:
    """The scope the entrypoint's filters chose for this run."""
    return st.session_state.get(SCOPE) or Scope(year=dt.date.today().year)


def breadcrumb(scope: Scope) -> list[tuple[str, Scope]]:
    """The drill-down as steps to go back to, widest first: («Alle», …, the unit), each with the
    scope it stands for (later steps removed; the other filters kept)."""
    names = place_names()
    widest = replace(scope, selection=replace(scope.selection, **dict.fromkeys(DRILL_DOWN)))
    steps = [(_("Hele regionen"), widest)]
    kept: dict[str, str | None] = {}
    for name in DRILL_DOWN:
        code = getattr(scope.selection, name)
        kept[name] = code
        if code:
            step = replace(widest, selection=replace(widest.selection, **kept))
            steps.append((names.get((name, code), code), step))
    return steps
