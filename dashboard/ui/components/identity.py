"""Who is using the app, and what they may see. Sign-in never fails open.

- `DASHBOARD_DEMO=1` (what `make run` sets): demo mode, no sign-in, every page, a banner saying so,
  and the audit trail names the demo as such.
- Otherwise sign-in must be configured: an `[auth]` section in the secrets files (OpenID Connect,
  e.g. Microsoft Entra ID) with every key `st.login` needs and a real cookie secret, or trusted
  identity headers from a proxy (`server.trustedUserHeaders`). Anything less (no secrets file, a
  TOML error, a missing key, a placeholder secret) and the app serves no data: it says in one
  line what is wrong. The rule is `dashboard.engine.signin`, shared with the launcher.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard.engine import signin
from dashboard.engine.access import DEMO, NO_ACCESS, Access
from dashboard.engine.i18n import _
from dashboard.ui.components.data_access import access_of


def demo_mode() -> bool:
    """Only when asked for explicitly."""
    return os.environ.get("DASHBOARD_DEMO") == "1"


def trusted_headers() -> bool:
    return bool(st.get_option("server.trustedUserHeaders"))


def _auth_section() -> dict[str, Any] | None:
    """The `[auth]` section of `st.secrets` (what `st.login` reads): None when there is no
    secrets file or no section; `SecretsUnreadable` when a file cannot be parsed."""
    try:
        auth = st.secrets.get("auth")
    except StreamlitSecretNotFoundError as error:
        if getattr(error, "error_id", None) == "no-secrets-found":
            return None
        raise signin.SecretsUnreadable(
            _("Hemmelighetsfilen kan ikke leses ({error}): rett filen").format(error=error)
        ) from None
    return dict(auth) if isinstance(auth, Mapping) else None


def configuration_problem() -> str | None:
    """None when sign-in is set up well enough to serve data; else one line saying what is
    wrong and what to do."""
    return signin.configuration_problem(
        demo=demo_mode(), trusted_headers=trusted_headers(), auth=_auth_section
    )


def oidc_configured() -> bool:
    """Whether `st.login` has a complete provider to send people to."""
    try:
        return signin.auth_problem(_auth_section()) is None
    except signin.SecretsUnreadable:
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
