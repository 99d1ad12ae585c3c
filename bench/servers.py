"""Streamlit servers for the benchmark: one process on a database file, or two on a shared store
behind HAProxy (as `make serve N=2`), with their logs, memory and CPU read from /proc."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.serving import free_ports, streamlit_command, wait_for_health

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# The last line of a traceback: `ValueError: ...`, `duckdb.IOException: ...`, `KeyError`.
EXCEPTION_LINE = re.compile(
    r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Busy|Missing)\b(: .*)?$"
)


def start_streamlit(
    script: Path, db: Path, port: int, log: Path, *extra_args: str
) -> subprocess.Popen[bytes]:
    """`streamlit run` as the tests start it, in demo mode, with the repository's config."""
    env = {**os.environ, "DASHBOARD_LAKE": str(db), "DASHBOARD_DEMO": "1"}
    with log.open("wb") as out:
        return subprocess.Popen(
            streamlit_command(script, port, *extra_args),
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_health(port: int, timeout: float = 90) -> float:
    """Seconds until `/_stcore/health` answers `ok`."""
    return wait_for_health(f"http://127.0.0.1:{port}", timeout=timeout)


def status_mb(pid: int, field_name: str) -> float:
    """A memory figure of /proc/<pid>/status (VmRSS, VmHWM) in MB; NaN when gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(f"{field_name}:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except OSError:
        return float("nan")


def load_average() -> float:
    """The 1-minute load average: how busy the machine is besides the benchmark."""
    with open("/proc/loadavg", encoding="ascii") as handle:
        return float(handle.read().split()[0])


def machine_cpu_seconds() -> float:
    """CPU seconds all cores of the machine have been busy so far (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


@dataclass
class Deployment:
    """Running servers: the URL to use, the Streamlit processes and their logs."""

    url: str
    processes: list[subprocess.Popen[bytes]]
    backend_urls: list[str]
    logs: list[Path]
    started_at: float
    health_s: float = 0.0
    extra: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]

    def memory(self) -> list[dict[str, float]]:
        return [
            {"rss_mb": status_mb(pid, "VmRSS"), "peak_rss_mb": status_mb(pid, "VmHWM")}
            for pid in self.pids
        ]

    def cpu(self) -> list[float]:
        return [cpu_seconds(pid) for pid in self.pids]

    def exceptions(self) -> Counter[str]:
        """The exception line of every traceback the servers logged (plain or drawn by rich)."""
        found: Counter[str] = Counter()
        for log in self.logs:
            text = log.read_text(errors="replace") if log.exists() else ""
            inside = False
            for line in ANSI.sub("", text).splitlines():
                if "Traceback (most recent call last)" in line:
                    inside = True
                elif inside and EXCEPTION_LINE.match(line):
                    found[line.strip()[:300]] += 1
                    inside = False
        return found


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def one_process(script: Path, db: Path, log: Path, *extra_args: str) -> Iterator[Deployment]:
    """One Streamlit process on a database file (as `make run`); `extra_args`: more flags."""
    port = free_ports(1)[0]
    started = time.perf_counter()
    process = start_streamlit(script, db, port, log, *extra_args)
    url = f"http://127.0.0.1:{port}"
    try:
        deployment = Deployment(url, [process], [url], [log], started)
        deployment.health_s = wait_health(port)
        yield deployment
    finally:
        _stop([process])


@contextmanager
def two_processes(script: Path, store: Path, log_dir: Path, name: str) -> Iterator[Deployment]:
    """Two Streamlit processes on a shared store behind HAProxy (deploy/haproxy.cfg.template,
    filled in as deploy/serve.sh does)."""
    port, *backends = free_ports(3)
    template = (ROOT / "deploy" / "haproxy.cfg.template").read_text()
    servers = "".join(
        f"    server s{i} 127.0.0.1:{b} check cookie s{i}\n" for i, b in enumerate(backends, 1)
    )
    config = log_dir / f"{name}-haproxy.cfg"
    config.write_text(template.replace("@PORT@", str(port)).replace("@SERVERS@\n", servers))
    logs = [log_dir / f"{name}-s{i}.log" for i in (1, 2)]
    started = time.perf_counter()
    processes = [
        start_streamlit(script, store, b, log) for b, log in zip(backends, logs, strict=True)
    ]
    proxy_log = (log_dir / f"{name}-haproxy.log").open("wb")
    proxy = subprocess.Popen(
        [shutil.which("haproxy") or "/usr/sbin/haproxy", "-f", str(config), "-db"],
        stdout=proxy_log,
        stderr=subprocess.STDOUT,
    )
    try:
        deployment = Deployment(
            f"http://127.0.0.1:{port}",
            processes,
            [f"http://127.0.0.1:{b}" for b in backends],
            logs,
            started,
            extra=[proxy],
        )
        deployment.health_s = max(wait_health(b) for b in backends)
        wait_health(port)
        time.sleep(2.5)  # HAProxy's first health checks mark both servers up
        yield deployment
    finally:
        _stop([proxy, *processes])
        proxy_log.close()


class MemoryWatch:
    """Samples VmRSS of the servers twice a second while the load runs; the peak per process."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak = [0.0 for _ in pids]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            for i, pid in enumerate(self.pids):
                rss = status_mb(pid, "VmRSS")
                if rss == rss:  # not NaN
                    self.peak[i] = max(self.peak[i], rss)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
