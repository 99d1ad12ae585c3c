"""Whether sign-in is set up well enough to serve data: one rule for the app (on every page run)
and the launcher (`python -m dashboard serve`, before the server starts). Sign-in never fails
open: no secrets file, a TOML error, an `[auth]` section without the keys `st.login` needs, or a
placeholder cookie secret, and no data is served. Demo mode only when asked for.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from dashboard.engine.i18n import _

REQUIRED_AUTH_KEYS = (
    "redirect_uri",
    "cookie_secret",
    "client_id",
    "client_secret",
    "server_metadata_url",
)
# Secrets people copy from examples and tutorials; a cookie signed with one of them is a cookie
# anyone can forge.
PLACEHOLDER_SECRETS = {
    "change-me",
    "changeme",
    "change_me",
    "secret",
    "cookie-secret",
    "cookie_secret",
    "your-secret",
    "replace-me",
    "xxx",
    "test",
}
MIN_SECRET_LENGTH = 32
MAKE_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


class SecretsUnreadable(ValueError):
    """A secrets file exists but cannot be read (a TOML error); the message says so."""


def read_auth(paths: Iterable[Path]) -> dict[str, Any] | None:
    """The `[auth]` section of the first secrets files that exist (later files win, as in
    Streamlit); None when there is no file or no section."""
    found: dict[str, Any] = {}
    any_file = False
    for path in paths:
        if not path.is_file():
            continue
        any_file = True
        try:
            found.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
            raise SecretsUnreadable(
                _("{path} kan ikke leses ({error}): rett filen").format(path=path, error=error)
            ) from None
    if not any_file:
        return None
    auth = found.get("auth")
    return dict(auth) if isinstance(auth, Mapping) else None


def auth_problem(auth: Mapping[str, Any] | None) -> str | None:
    """What is wrong with an `[auth]` section (None: nothing)."""
    if auth is None:
        return _(
            "Innlogging er ikke satt opp: .streamlit/secrets.toml med en [auth]-del mangler "
            "(se .streamlit/secrets.toml.example), og DASHBOARD_DEMO=1 er ikke satt."
        )
    missing = [key for key in REQUIRED_AUTH_KEYS if not str(auth.get(key, "")).strip()]
    if missing:
        return _("[auth] i .streamlit/secrets.toml mangler {keys}.").format(keys=", ".join(missing))
    secret = str(auth["cookie_secret"]).strip()
    if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_LENGTH:
        return _(
            "cookie_secret i .streamlit/secrets.toml er en plassholder eller kortere enn "
            "{length} tegn. Lag en med: {command}"
        ).format(length=MIN_SECRET_LENGTH, command=MAKE_SECRET)
    return None


def configuration_problem(
    *, demo: bool, trusted_headers: bool, auth: Callable[[], Mapping[str, Any] | None]
) -> str | None:
    """None when the app may serve data: demo mode asked for, identity from a trusted proxy, or a
    complete `[auth]` section with a real cookie secret; else one line saying what is wrong."""
    if demo or trusted_headers:
        return None
    try:
        return auth_problem(auth())
    except SecretsUnreadable as error:
        return str(error)
