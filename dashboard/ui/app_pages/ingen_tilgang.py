"""For a visitor who is not signed in, or signed in without a role: a polite page and nothing else."""

from __future__ import annotations

import streamlit as st

from dashboard.engine.i18n import _
from dashboard.ui.components.identity import oidc_configured, signed_in_email

st.title(_("Nettverksindikatorer"))
email = signed_in_email()
if email is None:
    st.write(
        _(
            "Dette er styringsindikatorene for nettverket i kreftomsorg og lindrende behandling. "
            "Logg inn med jobbkontoen din for å se dem."
        )
    )
    if oidc_configured() and st.button(_("Logg inn"), type="primary", icon=":material/login:"):
        st.login()
else:
    st.info(
        _(
            "Du er logget inn, men har ikke fått tilgang til indikatorene ennå. Ta kontakt med "
            "koordinatoren for nettverket, som kan gi deg tilgang."
        )
    )
    st.caption(_("Innlogget som"))
    st.text(email)
    if oidc_configured() and st.button(_("Logg ut"), icon=":material/logout:"):
        st.logout()
