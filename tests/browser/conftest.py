"""A real Streamlit server on a copy of the demo database, and a real Chromium driven by Playwright.

Debian's chromium is used (Playwright cannot download its own browser here); `make test`
installs it when it is missing.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.engine import add_users, copy_lake
from tests.serving import (
    APP,
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    streamlit_command,
    wait_for_health,
)

ROOT = Path(__file__).resolve().parents[2]
PAGES_DIR = ROOT / "dashboard" / "ui" / "app_pages"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# axe-core, installed from the npm registry by `make test` (tests/browser/package.json).
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@contextlib.contextmanager
def running_server(
    db_path: Path,
    *extra_args: str,
    demo: bool = True,
    env: dict[str, str] | None = None,
    script: Path | None = None,
) -> Iterator[str]:
    """`streamlit run dashboard/ui/app.py` on the given database; yields its base URL. `demo`:
    in demo mode (DASHBOARD_DEMO=1), as `make run` starts it."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_LAKE": str(db_path), **(env or {})}
    env.pop("DASHBOARD_DEMO", None)
    if demo:
        env["DASHBOARD_DEMO"] = "1"
    process = subprocess.Popen(
        streamlit_command(script or APP, port, *extra_args),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base_url, process)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on its own copy of the demo database, for tests that only read."""
    db_path = Path(copy_lake(demo_db, tmp_path_factory.mktemp("server") / "demo.lake"))
    with running_server(db_path) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def writable_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own for tests that import data, so the readers' figures stay put."""
    db_path = Path(copy_lake(demo_db, tmp_path_factory.mktemp("writable") / "demo.lake"))
    with running_server(db_path) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1400, "height": 2400}, locale="nb-NO"
    )
    page = context.new_page()
    yield page
    context.close()


def wait_for_run(page: object) -> None:
    """Until the script has finished and no skeletons are left."""
    page.wait_for_selector(  # type: ignore[attr-defined]
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000
    )
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=30_000,
    )


HAPROXY_DEFAULTS = """
global
    maxconn 1024

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
"""
# The identity headers the test server trusts (server.trustedUserHeaders). Only the proxy sets
# them: whatever a browser sends under these names is removed first, as in a real deployment.
IDENTITY_HEADERS = {"X-Test-Email": "email", "X-Test-Name": "name"}


def haproxy_binary() -> str:
    binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    assert Path(binary).exists(), "haproxy missing: `make test` installs Debian's haproxy"
    return binary


@contextlib.contextmanager
def run_haproxy(config_text: str, health_url: str) -> Iterator[None]:
    """HAProxy with this configuration until the block ends; waits until `health_url` answers."""
    config = ROOT / "deploy" / f".haproxy-test-{os.getpid()}-{free_port()}.cfg"
    config.write_text(config_text)
    process = subprocess.Popen(
        [haproxy_binary(), "-f", str(config), "-db"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_health(health_url, process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
        config.unlink(missing_ok=True)


@contextlib.contextmanager
def identity_proxy(backend: str, emails: Sequence[str | None]) -> Iterator[dict[str | None, str]]:
    """One HAProxy frontend per identity in front of `backend`, each setting the trusted identity
    headers on every request, the websocket's included (Chromium does not send a page's extra
    headers there). `None` is a visitor the proxy passes on without an identity. Yields the URL
    to use for each identity."""
    urls: dict[str | None, str] = {}
    frontends = []
    for number, email in enumerate(emails):
        port = free_port()
        urls[email] = f"http://127.0.0.1:{port}"
        rules = [f"    http-request del-header {name}" for name in IDENTITY_HEADERS]
        if email is not None:
            rules.append(f"    http-request set-header X-Test-Email {email}")
            rules.append("    http-request set-header X-Test-Name Test")
        frontends.append(
            f"frontend identity_{number}\n    bind 127.0.0.1:{port}\n"
            + "\n".join(rules)
            + "\n    default_backend streamlit\n"
        )
    backend_line = f"backend streamlit\n    server app {backend.removeprefix('http://')}\n"
    config = HAPROXY_DEFAULTS + "\n".join(frontends) + "\n" + backend_line
    with run_haproxy(config, next(iter(urls.values()))):
        yield urls


def screenshot(page: object, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


# Signed-in users of the role tests (trusted headers set by a proxy), and one without a role.
USERS = {
    "styr@eksempel.no": ("styringsgruppe", ""),
    "leder@eksempel.no": ("nettverksleder", "SYK-SAND"),
    "koord@eksempel.no": ("koordinator", ""),
}
UNKNOWN = "ukjent@eksempel.no"
# Values that should never reach a person: a missing value shown as Python or pandas writes it.
RAW_VALUES = re.compile(r"\b(nan|None|NaN|NaT)\b")
# Every page and section of the indicator pages, the register and the coordinator's pages
# (URL parameter `del`).
ALL_VIEWS = [
    "",
    *(
        f"dekning?del={d}"
        for d in ("kommuner", "grupper", "enheter", "fysio", "slutter", "turnover")
    ),
    *(f"oppmote?del={d}" for d in ("arrangementer", "steder", "hvem", "premie", "ledere", "intro")),
    "rapportering?del=svar",
    "rapportering?del=mangler",
    "ressurspersoner",
    "data",
    "admin",
]
# The sidebar's pages for each demo user, in order.
_FIGURES = [
    "Oversikt",
    "Regionen",
    "Dekning og rekruttering",
    "Oppmøte",
    "Årlig rapportering",
    "Årsplan",
    "Styringsorganer",
]
NAVIGATION = {
    "styr@eksempel.no": [*_FIGURES, "Abonnementer"],
    "leder@eksempel.no": [*_FIGURES, "Ressurspersoner", "Abonnementer"],
    "koord@eksempel.no": [
        *_FIGURES,
        "Ressurspersoner",
        "Data",
        "Brukere, mål og logg",
        "Abonnementer",
    ],
}


@pytest.fixture(scope="session")
def signed_server(
    demo_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str | None, str]]:
    """The server behind a proxy per identity: the URL each user opens."""
    path = add_users(
        Path(copy_lake(demo_db, tmp_path_factory.mktemp("roles") / "demo.lake")), USERS
    )
    with signed_in(path, [*USERS, UNKNOWN, None]) as urls:
        yield urls


@contextlib.contextmanager
def signed_in(path: Path, emails: Sequence[str | None]) -> Iterator[dict[str | None, str]]:
    """A server on `path` that trusts the identity headers, behind a proxy per identity: the
    URL each of `emails` opens."""
    headers = json.dumps(IDENTITY_HEADERS)
    with (
        running_server(path, "--server.trustedUserHeaders", headers, demo=False) as base_url,
        identity_proxy(base_url, emails) as urls,
    ):
        yield urls


def upload(page: object, server: str, name: str, data: bytes, shows: str) -> None:
    """Open the Data page and choose the CSV file `name` in its upload box, as a coordinator
    does, until the page shows `shows` (the check's verdict) and has finished its run."""
    page.goto(f"{server}/data")  # type: ignore[attr-defined]
    wait_for_run(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(  # type: ignore[attr-defined]
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_text(shows).wait_for(timeout=30_000)  # type: ignore[attr-defined]
    wait_for_run(page)


def page_sections(page: str) -> list[str]:
    """The `?del=` values of a page: the keys of its `SECTIONS` (read from the file, not run)."""
    path = PAGES_DIR / f"{page}.py"
    if not path.is_file():
        return []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "SECTIONS" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            return [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
    return []
