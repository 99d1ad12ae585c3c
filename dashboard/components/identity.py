"""Who is using the app: the signed-in e-mail, or «demo» when no sign-in is configured."""

from __future__ import annotations

import streamlit as st


def current_user() -> str:
    try:
        email = st.user.get("email")
    except Exception:  # st.user is unavailable outside a Streamlit run
        email = None
    return str(email) if email else "demo"
