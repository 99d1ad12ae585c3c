"""What the check-in and questionnaire pages need from the server's configuration: the secret the
links are signed with, the address they point to, and who is asking (for the rate limits). The
rules are `dashboard/engine/capture.py`; this reads Streamlit's secrets, the environment and the
request.

- The secret: `[capture] secret` in the secrets file, else `DASHBOARD_CAPTURE_SECRET`; in demo
  mode without either, a random one made once and kept in the database. Otherwise none, and the
  capture features say they are off.
- The address: `[capture] base_url` or `DASHBOARD_BASE_URL`, else the address the coordinator
  has the app open at.
- The client: the connection's address, or the proxy's X-Forwarded-For when `[capture]
  trust_forwarded_for` (or `DASHBOARD_TRUST_FORWARDED_FOR=1`) says a proxy sets it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard.engine import capture
from dashboard.ui.components.data_access import database, read, signature, write
from dashboard.ui.components.identity import demo_mode


@dataclass(frozen=True)
class CaptureSetup:
    secret: str | None
    problem: str | None  # why the capture features are off (Norwegian), when they are
    base_url: str | None  # configured; None: the address the app is open at
    trust_proxy: bool


def _section() -> Mapping[str, Any]:
    """`[capture]` of the secrets files ({} without a file or section; a file that cannot be
    read is reported by the sign-in check)."""
    try:
        section = st.secrets.get("capture")
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return {}
    except Exception:  # a TOML error: the sign-in check says what is wrong with the file
        return {}
    return dict(section) if isinstance(section, Mapping) else {}


def _demo_secret() -> str:
    current = database()
    return _demo_secret_of(str(current.path), signature())


@lru_cache(maxsize=8)
def _demo_secret_of(path: str, signature: object) -> str:
    """The demo mode's secret, read once per change of the database (made on first use)."""
    return read(capture.stored_secret) or write(capture.store_new_secret)


def capture_setup() -> CaptureSetup:
    section = _section()
    environ = os.environ
    try:
        base_url = capture.configured_base_url(section, environ)
    except ValueError:
        base_url = None
    trust = capture.trusts_forwarded_for(section, environ)
    configured = capture.configured_secret(section, environ)
    if configured is None and demo_mode():
        return CaptureSetup(_demo_secret(), None, base_url, trust)
    problem = capture.secret_problem(configured)
    return CaptureSetup(None if problem else configured, problem, base_url, trust)


def capture_ready() -> CaptureSetup | None:
    """The capture set-up when its links can be signed; else None, with a warning saying why."""
    setup = capture_setup()
    if setup.secret is None:
        st.warning(setup.problem)
        return None
    return setup


def app_base_url(setup: CaptureSetup, page_path: str) -> str:
    """Where the links point: the configured address, else the app's address as the browser has
    it open (without this page's path)."""
    if setup.base_url:
        return setup.base_url
    url = (st.context.url or "http://localhost:8501").rstrip("/")
    return url.removesuffix(f"/{page_path}")


def client_key(setup: CaptureSetup) -> str:
    """This visitor's address as the rate limits count it (a keyed hash)."""
    assert setup.secret is not None
    headers = st.context.headers
    address = capture.client_address(
        st.context.ip_address, headers.get("X-Forwarded-For"), setup.trust_proxy
    )
    return capture.address_key(setup.secret, address)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
