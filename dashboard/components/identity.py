"""Who is using the app, and what they may see.

With an `[auth]` section in `.streamlit/secrets.toml` (OpenID Connect, e.g. Microsoft Entra ID) or
trusted identity headers from a proxy, a user signs in and gets the role `app_user` gives their
e-mail. Without either, the app runs in demo mode: no sign-in, every page, and a banner saying so.
"""

from __future__ import annotations

import streamlit as st

from dashboard.access import DEMO, NO_ACCESS, Access, access_for
from dashboard.components.data import connection


def oidc_configured() -> bool:
    """Whether `st.login` has a provider (an `[auth]` section in the secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def auth_configured() -> bool:
    return oidc_configured() or bool(st.get_option("server.trustedUserHeaders"))


def signed_in_email() -> str | None:
    try:
        email = st.user.get("email")
    except Exception:  # st.user is unavailable outside a Streamlit run
        email = None
    return str(email).strip().lower() if email else None


def current_access() -> Access:
    """The access of this session's user (demo mode without sign-in configured)."""
    if not auth_configured():
        return DEMO
    email = signed_in_email()
    if email is None:
        return NO_ACCESS
    return access_for(connection(), email)


def current_user() -> str:
    """For audit lines: the signed-in e-mail, or «demo»."""
    return current_access().email or "demo"
