"""How the browser tests and the benchmark start a Streamlit server and a Chromium: one command
line, one set of browser flags, one wait for the server's health check. Plain Python (no pytest),
so `bench/` (run as `python -m bench.run` from the repository) uses it too."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "ui" / "app.py"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_ports(count: int) -> list[int]:
    """Ports nobody listens on now (other people's tests may run servers too), all different."""
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [int(sock.getsockname()[1]) for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def free_port() -> int:
    return free_ports(1)[0]


def streamlit_command(script: Path, port: int, *extra_args: str) -> list[str]:
    """`streamlit run` headless on 127.0.0.1:port, without file watcher or usage statistics,
    started as `python -m dashboard serve` starts it (dashboard/ui/server.py: no Nagle)."""
    return [
        sys.executable,
        "-m",
        "dashboard.ui.server",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *extra_args,
    ]


def wait_for_health(
    base_url: str, process: subprocess.Popen | None = None, timeout: float = 60
) -> float:
    """Seconds until `{base_url}/_stcore/health` answers `ok`; fails early if `process` stops."""
    started = time.perf_counter()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"streamlit stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{base_url} did not answer /_stcore/health within {timeout:.0f} s")
