"""A local OpenID Connect provider for browser tests, and the secrets file that points `st.login`
at it.

The provider is `oidc-provider-mock` (a test dependency), served by werkzeug on a thread of the
test process, on a free port of 127.0.0.1. Its users are registered up front with their claims
(e-mail, name). It does not sign anybody in by itself: its authorization page is a form where the
user picks who to be («Authorize»), and its end-session page a form to confirm («End session»);
`sign_in` and `confirm_sign_out` fill them in as a person would.
"""

from __future__ import annotations

import contextlib
import secrets
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

# redirect_uri with Streamlit's own placeholder for the port the test server was given.
REDIRECT_URI = "http://127.0.0.1:{port}/oauth2callback"


@contextlib.contextmanager
def oidc_provider(users: Mapping[str, Mapping[str, str]]) -> Iterator[str]:
    """The provider with these users (subject → claims) until the block ends; yields its issuer
    URL, whose `/.well-known/openid-configuration` Streamlit reads."""
    # It imports Authlib modules that Authlib calls deprecated; Authlib's own filter says to
    # always show that, so it is imported first and overruled until the provider is loaded.
    with warnings.catch_warnings():
        import authlib.deprecate  # noqa: F401

        warnings.simplefilter("ignore", DeprecationWarning)
        from oidc_provider_mock import User, run_server_in_thread

    registered = [User(sub=sub, claims=dict(claims)) for sub, claims in users.items()]
    # port=0: the system picks a free port. The server binds "localhost" as IPv4, 127.0.0.1.
    with run_server_in_thread(port=0, user_claims=registered) as server:
        yield f"http://127.0.0.1:{server.server_port}"


def write_secrets(path: Path, issuer: str) -> Path:
    """A secrets file with an `[auth]` section for this provider only (the server is pointed at it
    with `--secrets.files`; the repository's `.streamlit/` is never touched). A fresh random
    cookie secret of 64 characters each time: the app refuses placeholders and anything short."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{REDIRECT_URI}"\n'
        f'cookie_secret = "{secrets.token_urlsafe(48)}"\n'
        'client_id = "dashboard-browser-test"\n'
        f'client_secret = "{secrets.token_urlsafe(24)}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


def sign_in(page: object, issuer: str, subject: str) -> None:
    """On the provider's authorization page (the browser was sent there by «Logg inn»): sign in as
    `subject`, a registered user, and wait until the browser is back at the app."""
    page.wait_for_url(f"{issuer}/oauth2/authorize**")  # type: ignore[attr-defined]
    page.fill("input[name='sub']", subject)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Authorize", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_url(lambda url: not url.startswith(f"{issuer}/"))  # type: ignore[attr-defined]


def confirm_sign_out(page: object, issuer: str) -> None:
    """On the provider's end-session page (the browser was sent there by «Logg ut»): confirm, and
    wait until the browser is back at the app."""
    page.wait_for_url(f"{issuer}/oauth2/end_session**")  # type: ignore[attr-defined]
    page.get_by_role("button", name="End session").click()  # type: ignore[attr-defined]
    page.wait_for_url(lambda url: not url.startswith(f"{issuer}/"))  # type: ignore[attr-defined]
