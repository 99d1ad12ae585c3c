"""The unsubscribe link of every message (`?avmeld=<signed token>`): works without sign-in, stops
that one subscription, and says so. A forged or broken link changes nothing."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import subscriptions
from dashboard.engine.i18n import _
from dashboard.exchange.mail import UNSUBSCRIBE_PARAM, unsubscribed_id
from dashboard.ui.components.capture_setup import capture_setup
from dashboard.ui.components.data_access import write


def _page() -> None:
    st.title(_("Avslutt abonnement"))
    setup = capture_setup()
    token = st.query_params.get(UNSUBSCRIBE_PARAM, "")
    found = unsubscribed_id(setup.secret, token) if setup.secret else None
    if found is None:
        st.error(_("Lenken er ikke gyldig. Ingen abonnementer er endret."))
        return
    stopped = write(lambda con: subscriptions.remove(con, found, "avmeldingslenke"))
    if stopped:
        st.success(_("Abonnementet er avsluttet. Du får ikke flere slike e-poster."))
    else:
        st.info(_("Abonnementet var allerede avsluttet."))


def unsubscribe_page() -> bool:
    """When the URL carries an unsubscribe link: handle it and return True."""
    if UNSUBSCRIBE_PARAM not in st.query_params:
        return False
    page = st.navigation(
        [st.Page(_page, title=_("Avslutt abonnement"), url_path="avmeld", default=True)],
        position="hidden",
    )
    page.run()
    return True
