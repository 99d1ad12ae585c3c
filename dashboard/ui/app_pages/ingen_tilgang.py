"""For a visitor who is not signed in, or signed in without a role: a polite page and nothing else."""

from __future__ import annotations

import streamlit as st

from dashboard.ui.components.identity import oidc_configured, signed_in_email

st.title("Nettverksindikatorer")
email = signed_in_email()
if email is None:
    st.write(
        "Dette er styringsindikatorene for nettverket i kreftomsorg og lindrende behandling. "
        "Logg inn med jobbkontoen din for å se dem."
    )
    if oidc_configured() and st.button("Logg inn", type="primary", icon=":material/login:"):
        st.login()
else:
    st.info(
        "Du er logget inn, men har ikke fått tilgang til indikatorene ennå. Ta kontakt med "
        "koordinatoren for nettverket, som kan gi deg tilgang."
    )
    st.caption("Innlogget som")
    st.text(email)
    if oidc_configured() and st.button("Logg ut", icon=":material/logout:"):
        st.logout()
