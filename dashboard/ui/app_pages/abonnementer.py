"""Abonnementer: the user's own e-mail subscriptions, each with a way to stop it; a coordinator
also sees every subscription and the last deliveries, failures included."""

from __future__ import annotations

import streamlit as st

from dashboard.engine import subscriptions
from dashboard.engine.i18n import _
from dashboard.engine.scope import Selection, namer
from dashboard.exchange import page_tables
from dashboard.ui.components.data_access import live, place_names, write
from dashboard.ui.components.page import start_page
from dashboard.ui.components.tables import show_table


def _words(key: str) -> str:
    """A subscription's selection in words (names, not codes)."""
    chosen = Selection.from_key(key).describe(namer(place_names()))
    return ", ".join(chosen.values())


scope, access = start_page(
    "abonnementer",
    _("Abonnementer"),
    _("Tall i e-posten: ukentlig eller månedlig, varsler og møtepakken før møtene."),
)
coordinator = access.role in ("koordinator", "demo")
if access.email is None and not coordinator:
    st.info(_("Logg inn for å abonnere."))
    st.stop()
if access.email is None:
    st.info(_("I demomodus er ingen logget inn, så ingen kan abonnere her; se alle under."))
else:
    st.markdown(
        _(
            "Abonner fra menyen til venstre («Abonner på denne visningen») på en hvilken som helst side."
        )
    )
    mine = live("subscriptions", email=access.email)
    show_table(
        page_tables.subscriptions(mine, _words),
        "mine_abonnementer",
        None,
        empty_text=_("Du har ingen abonnementer."),
    )
    if not mine.empty:
        names = {
            int(r.subscription_id): page_tables.subscription_words(r, _words)
            for r in mine.itertuples()
        }
        stop = st.selectbox(_("Avslutt et abonnement"), list(names), format_func=names.get)
        if st.button(_("Avslutt"), icon=":material/unsubscribe:"):
            write(lambda con: subscriptions.remove(con, stop, access.audit_name))
            st.rerun()

if coordinator:
    st.subheader(_("Alle abonnementer"))
    show_table(
        page_tables.subscriptions(live("subscriptions", email=None), _words),
        "alle_abonnementer",
        None,
    )
    st.subheader(_("Siste utsendinger"))
    show_table(
        page_tables.deliveries(live("delivery_list", limit_rows=200)),
        "utsendinger",
        None,
        empty_text=_(
            "Ingen e-post er sendt ennå. `python -m dashboard send` sender det som er til gode."
        ),
    )
