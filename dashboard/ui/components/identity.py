"""Who is using the app, and what they may see. Sign-in never fails open.

- `DASHBOARD_DEMO=1` (what `make run` sets): demo mode, no sign-in, every page, a banner saying so,
  and the audit trail names the demo as such.
- Otherwise sign-in must be configured: an `[auth]` section in `.streamlit/secrets.toml` (OpenID
  Connect, e.g. Microsoft Entra ID) with every key `st.login` needs and a real cookie secret, or
  trusted identity headers from a proxy (`server.trustedUserHeaders`). Anything less (no secrets
  file, a TOML error, a missing key, a placeholder secret) and the app serves no data: it says in
  one line what is wrong (`configuration_problem`).
"""

from __future__ import annotations

import os

import streamlit as st

from dashboard.engine.access import DEMO, NO_ACCESS, Access
from dashboard.ui.components.data import access_of

REQUIRED_AUTH_KEYS = (
    "redirect_uri",
    "cookie_secret",
    "client_id",
    "client_secret",
    "server_metadata_url",
)
PLACEHOLDER_SECRETS = {
    "change-me",
    "changeme",
    "secret",
    "cookie-secret",
    "your-secret",
    "replace-me",
    "xxx",
}
MIN_SECRET_LENGTH = 32
MAKE_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


def demo_mode() -> bool:
    """Only when asked for explicitly."""
    return os.environ.get("DASHBOARD_DEMO") == "1"


def trusted_headers() -> bool:
    return bool(st.get_option("server.trustedUserHeaders"))


def _auth_section() -> dict | None:
    """The `[auth]` section, None when there is none; raises ValueError (Norwegian) when the
    secrets file cannot be read."""
    try:
        if "auth" not in st.secrets:
            return None
        return dict(st.secrets["auth"])
    except FileNotFoundError:
        return None
    except Exception as error:  # a TOML error, an unreadable file
        raise ValueError(
            f".streamlit/secrets.toml kan ikke leses ({type(error).__name__}): rett filen"
        ) from None


def configuration_problem() -> str | None:
    """None when sign-in is set up well enough to serve data; else one line saying what is
    wrong and what to do."""
    if demo_mode() or trusted_headers():
        return None
    try:
        auth = _auth_section()
    except ValueError as error:
        return str(error)
    if auth is None:
        return (
            "Innlogging er ikke satt opp: .streamlit/secrets.toml med en [auth]-del mangler "
            "(se .streamlit/secrets.toml.example), og DASHBOARD_DEMO=1 er ikke satt."
        )
    missing = [key for key in REQUIRED_AUTH_KEYS if not str(auth.get(key, "")).strip()]
    if missing:
        return f"[auth] i .streamlit/secrets.toml mangler {', '.join(missing)}."
    secret = str(auth["cookie_secret"]).strip()
    if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_LENGTH:
        return (
            f"cookie_secret i .streamlit/secrets.toml er en plassholder eller kortere enn "
            f"{MIN_SECRET_LENGTH} tegn. Lag en med: {MAKE_SECRET}"
        )
    return None


def oidc_configured() -> bool:
    """Whether `st.login` has a provider."""
    try:
        return _auth_section() is not None
    except ValueError:
        return False


def signed_in_email() -> str | None:
    try:
        email = st.user.get("email")
    except Exception:  # st.user is unavailable outside a Streamlit run
        email = None
    return str(email).strip().lower() if email else None


def current_access() -> Access:
    """The access of this session's user."""
    if demo_mode():
        return DEMO
    if configuration_problem() is not None:
        return NO_ACCESS
    email = signed_in_email()
    if email is None:
        return NO_ACCESS
    return access_of(email)
