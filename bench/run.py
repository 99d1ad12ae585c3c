"""The benchmark (`make bench`): every figure the median of several runs after a warm-up, each
next to its floor, for the demo, national and 10× databases. Prints a table and writes
bench/results.json. Not part of `make test`: machines here are noisy, so goals are read from the
figures, not enforced."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import load  # noqa: E402

from dashboard.demo.network import build_demo  # noqa: E402
from dashboard.demo.scale import build_scaled  # noqa: E402
from dashboard.engine import db, store  # noqa: E402
from dashboard.engine.indicators import INDICATORS  # noqa: E402
from dashboard.engine.scope import Scope  # noqa: E402
from dashboard.engine.scorecard import count_indicator  # noqa: E402
from dashboard.exchange import importer  # noqa: E402

DATA = ROOT / "bench" / "data"
APP = ROOT / "dashboard" / "ui" / "app.py"
EMPTY_APP = ROOT / "bench" / "empty_app.py"
PAGES = ["oversikt", "dekning", "oppmote", "rapportering", "ressurspersoner", "data"]
RUNS = 5


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def database(name: str) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}.duckdb"
    if not path.exists():
        started = time.perf_counter()
        if name == "demo":
            build_demo(path)
        else:
            build_scaled(path, name)
        print(f"built {name} in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def first_group(path: Path) -> str:
    con = db.connect(path, read_only=True)
    group = con.execute("select min(code) from network_group where network = 'sykepleier'")
    value = group.fetchall()[0][0]
    con.close()
    return str(value)


def bench_indicators(path: Path) -> dict[str, float]:
    con = db.connect(path, read_only=True)
    year = dt.date.today().year
    result = {
        i.id: median_ms(lambda i=i: count_indicator(con, i.id, Scope(year))) for i in INDICATORS
    }
    con.close()
    return result


def bench_pages(path: Path, group: str) -> dict[str, dict[str, float]]:
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DB"] = str(path)
    results: dict[str, dict[str, float]] = {}

    def page_time(script: Path, page: str | None, query: dict[str, str]) -> float:
        at = AppTest.from_file(str(script), default_timeout=300)
        for key, value in query.items():
            at.query_params[key] = value
        if page:
            at.switch_page(f"app_pages/{page}.py")
        return median_ms(lambda: at.run())

    floor = page_time(EMPTY_APP, None, {})
    for page in PAGES:
        results[page] = {
            "default_ms": page_time(APP, page, {}),
            "narrow_ms": page_time(APP, page, {"gruppe": group}),
            "floor_ms": floor,
        }
    return results


@contextmanager
def server(script: Path, path: Path, port: int) -> Any:
    env = {**os.environ, "DASHBOARD_DB": str(path)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
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
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


def wait_health(port: int, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(port)


def bench_cold_start(path: Path, port: int) -> float:
    started = time.perf_counter()
    with server(APP, path, port):
        wait_health(port)
        result = load(f"http://127.0.0.1:{port}", 1, think=0.0, visits=1, groups=[""])
        assert result["errors"] == 0, result
        # Only the first action (Oversikt) counts: time to a first answered page.
        return round(time.perf_counter() - started - (result["p50_s"] * 2), 2)


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def bench_load(
    path: Path, group_codes: list[str], sessions: list[int], think: float, port: int
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for label, script in (("app", APP), ("empty_page", EMPTY_APP)):
        for n in sessions:
            with server(script, path, port) as process:
                wait_health(port)
                summary = load(
                    f"http://127.0.0.1:{port}", n, think=think, visits=2, groups=group_codes
                )
                summary["peak_rss_mb"] = rss_mb(process.pid)
            results[f"{label}_{n}"] = summary
            print(label, n, summary, flush=True)
    return results


@contextmanager
def two_processes(path: Path, port: int) -> Any:
    """Two servers on a shared store behind HAProxy (as `make serve N=2`); yields the pids."""

    folder = DATA / "store"
    shutil.rmtree(folder, ignore_errors=True)
    store.create(folder, path)
    backends = [port + 1, port + 2]
    template = (ROOT / "deploy" / "haproxy.cfg.template").read_text()
    servers = "".join(
        f"    server s{i} 127.0.0.1:{b} check cookie s{i}\n"
        for i, b in enumerate(backends, start=1)
    )
    config = DATA / "haproxy.cfg"
    config.write_text(template.replace("@PORT@", str(port)).replace("@SERVERS@", servers))
    with server(APP, folder, backends[0]) as first, server(APP, folder, backends[1]) as second:
        proxy = subprocess.Popen(
            [shutil.which("haproxy") or "/usr/sbin/haproxy", "-f", str(config), "-db"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for backend in backends:
                wait_health(backend)
            wait_health(port)
            yield [first.pid, second.pid]
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)


def bench_load_two(
    path: Path, group_codes: list[str], sessions: list[int], think: float, port: int
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for n in sessions:
        with two_processes(path, port) as pids:
            summary = load(f"http://127.0.0.1:{port}", n, think=think, visits=2, groups=group_codes)
            summary["peak_rss_mb_per_process"] = [rss_mb(pid) for pid in pids]
        results[f"app_{n}"] = summary
        print("2 processes", n, summary, flush=True)
    return results


def bench_imports(path: Path) -> dict[str, float]:
    work = DATA / "import.duckdb"
    shutil.copy(path, work)
    con = db.connect(work)
    units = [r[0] for r in con.execute("select unit_id from unit order by 1 limit 500").fetchall()]
    events = [
        r[0]
        for r in con.execute(
            "select event_id from event where kind = 'nettverksmote' order by 1 limit 100"
        ).fetchall()
    ]
    members = ["member_id;name;profession;unit_id;start_date"] + [
        f"B{i:06d};Person {i};sykepleier;{units[i % len(units)]};01.01.2026" for i in range(10_000)
    ]
    member_file = ("member.csv", "\n".join(members).encode())
    started = time.perf_counter()
    importer.import_files(con, [member_file], "bench")
    member_s = time.perf_counter() - started
    attendance = ["event_id;person_id;person_type;status"] + [
        f"{events[i % len(events)]};B{i // len(events):06d};member;møtt" for i in range(100_000)
    ]
    attendance_file = ("attendance.csv", "\n".join(attendance).encode())
    started = time.perf_counter()
    importer.import_files(con, [attendance_file], "bench")
    attendance_s = time.perf_counter() - started
    con.close()
    work.unlink()
    return {"member_10k_s": round(member_s, 2), "attendance_100k_s": round(attendance_s, 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="demo,national,10x")
    parser.add_argument("--sessions", default="10,50,100")
    parser.add_argument("--think", type=float, default=5.0)
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "date": dt.datetime.now().isoformat(),
        },
        "think_time_s": args.think,
    }
    port = 8650
    for scale in args.scales.split(","):
        path = database(scale)
        group = first_group(path)
        print(f"== {scale}", flush=True)
        entry: dict[str, Any] = {"indicators_ms": bench_indicators(path)}
        print("indicators", entry["indicators_ms"], flush=True)
        entry["pages"] = bench_pages(path, group)
        print("pages", entry["pages"], flush=True)
        # The servers get their own copy: this process still holds the file from the AppTest runs.
        served = Path(shutil.copy(path, DATA / f"{scale}_server.duckdb"))
        entry["cold_start_s"] = bench_cold_start(served, port)
        print("cold start", entry["cold_start_s"], flush=True)
        if scale == "national":
            entry["imports"] = bench_imports(path)
            print("imports", entry["imports"], flush=True)
            if not args.skip_load:
                con = db.connect(served, read_only=True)
                groups = [r[0] for r in con.execute("select code from network_group").fetchall()]
                con.close()
                sessions = [int(n) for n in args.sessions.split(",")]
                entry["load_1_process"] = bench_load(
                    served, groups[:20], sessions, args.think, port
                )
                entry["load_2_processes"] = bench_load_two(
                    served, groups[:20], sessions, args.think, port
                )
        results[scale] = entry
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print_table(results)
    print(f"\nwrote {out}")


def print_table(results: dict[str, Any]) -> None:
    for scale in ("demo", "national", "10x"):
        if scale not in results:
            continue
        entry = results[scale]
        print(f"\n### {scale}")
        slowest = max(entry["indicators_ms"].items(), key=lambda kv: kv[1])
        typical = statistics.median(entry["indicators_ms"].values())
        print(
            f"indicator queries: median {typical:.1f} ms, slowest {slowest[0]} {slowest[1]:.1f} ms"
        )
        print(f"{'page':<16}{'default ms':>12}{'narrow ms':>12}{'floor ms':>10}{'× floor':>9}")
        for page, figures in entry["pages"].items():
            ratio = figures["default_ms"] / figures["floor_ms"] if figures["floor_ms"] else 0
            print(
                f"{page:<16}{figures['default_ms']:>12.1f}{figures['narrow_ms']:>12.1f}"
                f"{figures['floor_ms']:>10.1f}{ratio:>9.1f}"
            )
        print(f"cold start to first answered Oversikt: {entry['cold_start_s']} s")
        if "imports" in entry:
            print(f"imports: {entry['imports']}")
        for key in ("load_1_process", "load_2_processes"):
            if key in entry:
                print(key)
                for name, figures in entry[key].items():
                    print(f"  {name:<16} {figures}")


if __name__ == "__main__":
    main()
