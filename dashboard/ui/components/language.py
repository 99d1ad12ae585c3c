"""The language of the app (bokmål, nynorsk, English): chosen in the sidebar («Språk»), kept in the
URL as `sprak` (`?sprak=nn`; bokmål, the default, leaves it out) and in the session, so it
survives page changes (Streamlit's navigation clears the URL; the selection writes it back).

`start_language()` runs first in every script run, before anything is drawn: a link's `sprak`
wins, else the session's choice, else bokmål. It also tells the engine where a fragment rerun
(which does not run the entry script) finds the session's language.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from dashboard.engine import i18n
from dashboard.engine.i18n import DEFAULT_LANGUAGE, LANGUAGES, _

URL_NAME = "sprak"
CHOSEN = "language"  # the session's language
WIDGET = "f_language"  # the sidebar's picker
LAST_URL = "language_last_url"  # the `sprak` last seen in (or written to) the URL


def _session_language() -> str | None:
    """The session's language, for a run that has not set one (a fragment rerun); None outside
    a Streamlit run (e.g. a download built in a server thread)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    try:
        return st.session_state.get(CHOSEN)
    except Exception:  # no session state in this thread
        return None


def start_language() -> str:
    """Set this run's language: a new `sprak` in the URL (a link) wins, then the session's."""
    i18n.set_resolver(_session_language)
    from_url = st.query_params.get(URL_NAME)
    if from_url != st.session_state.get(LAST_URL):
        st.session_state[LAST_URL] = from_url
        if from_url in LANGUAGES:
            st.session_state[CHOSEN] = from_url
    if st.session_state.get(CHOSEN) not in LANGUAGES:
        st.session_state[CHOSEN] = DEFAULT_LANGUAGE
    return i18n.set_language(st.session_state[CHOSEN])


def url_params() -> dict[str, str]:
    """The language's part of a URL: `{"sprak": "nn"}`, nothing for bokmål."""
    chosen = i18n.language()
    return {} if chosen == DEFAULT_LANGUAGE else {URL_NAME: chosen}


def _picked() -> None:
    st.session_state[CHOSEN] = st.session_state[WIDGET]


def language_picker() -> None:
    """«Språk» in the sidebar, each language named in itself; keeps `sprak` in the URL."""
    chosen = i18n.language()
    if st.session_state.get(WIDGET) != chosen:
        st.session_state[WIDGET] = chosen
    st.sidebar.selectbox(
        _("Språk"),
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=WIDGET,
        on_change=_picked,
    )
    wanted = url_params().get(URL_NAME)
    if st.query_params.get(URL_NAME) != wanted:
        if wanted is None:
            del st.query_params[URL_NAME]
        else:
            st.query_params[URL_NAME] = wanted
    st.session_state[LAST_URL] = wanted
