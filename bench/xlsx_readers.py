"""XLSX readers against the importer's limits (a figures table, not a test; results in
bench/xlsx_readers.md).

Generates seven workbooks (bench/xlsx_workbooks.py) in a temporary folder and reads each with
each reader in a fresh subprocess (its address space capped at `ADDRESS_SPACE_MB`, stopped after
`TIMEOUT_S`), recording the time, the peak RSS (psutil polled in the parent, and the child's own
VmHWM when it finishes) and the outcome: rows read, refused (the reader said no), an error, a
crash, a timeout. The importer promises `MEMORY_GOAL_MB` for a whole import.

Readers: the project's own (`read_file` of dashboard/exchange/importer/read.py, its rows consumed
as the importer does); openpyxl read-only (`iter_rows(values_only=True)`), also stopped at the
importer's row limit (`_capped`) as the importer would stop it; python-calamine (`to_python` and
`iter_rows`); DuckDB's `read_xlsx` (the `excel` extension, loaded by path from the
`duckdb-extension-excel` wheel as dashboard/engine/lake.py loads DuckLake), also with the row
limit as a LIMIT.

    PYTHONPATH=. /tmp/xlsx-venv/bin/python -m bench.xlsx_readers \
        --project-python /work/main/.venv/bin/python

`--project-python` runs the project's reader (it needs the project's dependencies); the others,
and the making of the files, run with the interpreter that runs this script (it needs openpyxl,
xlsxwriter, python-calamine, duckdb, duckdb-extension-excel and psutil).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.xlsx_workbooks import FILES

TIMEOUT_S = 60.0
ADDRESS_SPACE_MB = 1536
MEMORY_GOAL_MB = 512
POLL_S = 0.02
READERS = (
    "project",
    "openpyxl",
    "openpyxl_capped",
    "calamine",
    "calamine_iter",
    "duckdb",
    "duckdb_capped",
)
ROW_CAP = 200_010  # the importer's MAX_ROWS + HEADER_SEARCH_ROWS

# --- the readers (run in the child) -------------------------------------------------------------


def read_project(path: Path) -> tuple[int, str]:
    from dashboard.exchange.importer.read import RowsRefused, read_file, read_paths

    files, problems = read_paths([path])
    if problems:
        return 0, f"refused: {problems[0].message}"
    _name, data = files[0]
    parsed = read_file("member.xlsx", data)
    if isinstance(parsed, list):
        return 0, f"refused: {parsed[0].message}"
    count = 0
    try:
        for _row in parsed.rows:
            count += 1
    except RowsRefused as refused:
        return count, f"refused after {count} rows: {refused.problem.message}"
    return count, ""


def read_openpyxl(path: Path) -> tuple[int, str]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    count = sum(1 for _row in sheet.iter_rows(values_only=True))
    book.close()
    return count, ""


def read_openpyxl_capped(path: Path) -> tuple[int, str]:
    """openpyxl stopped at the importer's row limit, as `_collect` and `_body` stop ours."""
    import itertools

    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    count = sum(1 for _row in itertools.islice(rows, ROW_CAP + 1))
    book.close()
    return count, f"refused at {ROW_CAP:,} rows" if count > ROW_CAP else ""


def read_calamine(path: Path) -> tuple[int, str]:
    from python_calamine import CalamineWorkbook

    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()), ""


def read_calamine_iter(path: Path) -> tuple[int, str]:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return sum(1 for _row in sheet.iter_rows()), ""


def read_duckdb(path: Path, cap: int | None = None) -> tuple[int, str]:
    import importlib.util

    import duckdb

    spec = importlib.util.find_spec("duckdb_extension_excel")
    if spec is None or spec.origin is None:
        return 0, "not available offline (no duckdb-extension-excel)"
    extension = (
        Path(spec.origin).parent
        / "extensions"
        / f"v{duckdb.__version__}"
        / "excel.duckdb_extension"
    )
    con = duckdb.connect()
    con.execute(f"load '{extension}'")
    limit = f" limit {cap + 1}" if cap else ""
    query = f"select * from read_xlsx(?, all_varchar = true){limit}"
    result = con.execute(query, [str(path)])
    count = 0
    while batch := result.fetchmany(10_000):
        count += len(batch)
    return count, f"refused at {cap:,} rows" if cap and count > cap else ""


def read_duckdb_capped(path: Path) -> tuple[int, str]:
    """DuckDB with the importer's row limit as a LIMIT."""
    return read_duckdb(path, ROW_CAP)


CHILD_READERS: dict[str, Callable[[Path], tuple[int, str]]] = {
    "project": read_project,
    "openpyxl": read_openpyxl,
    "openpyxl_capped": read_openpyxl_capped,
    "calamine": read_calamine,
    "calamine_iter": read_calamine_iter,
    "duckdb": read_duckdb,
    "duckdb_capped": read_duckdb_capped,
}


def _high_water_mb() -> float:
    """This process's peak RSS (VmHWM, which exec resets; `ru_maxrss` keeps the parent's peak
    from before the exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(reader: str, path: Path) -> None:
    """Read one file, then print what happened as JSON on the last line of stdout."""
    started = time.perf_counter()
    report: dict[str, object] = {}
    try:
        rows, note = CHILD_READERS[reader](path)
        report = {"rows": rows, "note": note}
    except MemoryError:
        report = {"error": "MemoryError (address space cap)"}
    except Exception as error:  # every reader's failure is a figure here
        report = {"error": f"{type(error).__name__}: {error}"}
    report["seconds"] = time.perf_counter() - started
    report["maxrss_mb"] = _high_water_mb()
    print(json.dumps(report), flush=True)


# --- the parent ---------------------------------------------------------------------------------


@dataclass
class Run:
    file: str
    reader: str
    seconds: float
    peak_mb: float
    outcome: str


def _cap_address_space() -> None:
    import resource

    cap = ADDRESS_SPACE_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def run_one(python: str, reader: str, name: str, path: Path) -> Run:
    """One read in a fresh process, its RSS polled until it ends or the timeout stops it."""
    import psutil

    command = [python, "-m", "bench.xlsx_readers", "--child", reader, str(path)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_cap_address_space,
        cwd=Path(__file__).resolve().parent.parent,
    )
    watched = psutil.Process(process.pid)
    peak = 0
    timed_out = False
    while process.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, watched.memory_info().rss)
        if time.perf_counter() - started > TIMEOUT_S:
            process.kill()
            timed_out = True
            break
        time.sleep(POLL_S)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak_mb = peak / 1024 / 1024
    if timed_out:
        return Run(name, reader, seconds, peak_mb, f"timeout ({TIMEOUT_S:.0f} s), killed")
    lines = stdout.decode(errors="replace").strip().splitlines()
    try:
        report = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        said_lines = stderr.decode(errors="replace").strip().splitlines()
        tail = (
            [
                line
                for line in said_lines
                if "alloc" in line or "panicked" in line or "overflow" in line
            ]
            or said_lines[-1:]
            or [""]
        )
        signal = -process.returncode if process.returncode < 0 else 0
        said = f"signal {signal}" if signal else f"exit {process.returncode}"
        return Run(name, reader, seconds, peak_mb, f"crashed ({said}): {tail[0][:80]}")
    peak_mb = max(peak_mb, float(report["maxrss_mb"]))
    seconds = float(report["seconds"])
    if "error" in report:
        outcome = f"error: {str(report['error'])[:90]}"
    elif str(report["note"]).startswith(("refused", "not available")):
        outcome = str(report["note"])[:120]
    else:
        outcome = f"{report['rows']:,} rows"
    return Run(name, reader, seconds, peak_mb, outcome)


def table(runs: list[Run], sizes: dict[str, int]) -> str:
    lines = [
        "| file | reader | time s | peak RSS MB | outcome |",
        "|---|---|---:|---:|---|",
    ]
    for run in runs:
        over = " **> 512 MB**" if run.peak_mb > MEMORY_GOAL_MB else ""
        lines.append(
            f"| {run.file} ({sizes[run.file] / 1024 / 1024:.2f} MB) | {run.reader} "
            f"| {run.seconds:.1f} | {run.peak_mb:.0f}{over} | {run.outcome} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("READER", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--project-python", default=sys.executable)
    parser.add_argument("--files", nargs="*", default=list(FILES), choices=list(FILES))
    parser.add_argument("--readers", nargs="*", default=list(READERS), choices=list(READERS))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    print(f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"timeout {TIMEOUT_S:.0f} s, address space capped at {ADDRESS_SPACE_MB} MB\n")
    runs: list[Run] = []
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="xlsx-readers-") as folder:
        for name in args.files:
            path = Path(folder) / f"{name}.xlsx"
            started = time.perf_counter()
            FILES[name][1](path)
            sizes[name] = path.stat().st_size
            print(
                f"{name}: {FILES[name][0]}: {sizes[name] / 1024 / 1024:.2f} MB, "
                f"made in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
        print()
        for name in args.files:
            path = Path(folder) / f"{name}.xlsx"
            for reader in args.readers:
                python = args.project_python if reader == "project" else sys.executable
                run = run_one(python, reader, name, path)
                print(
                    f"  {name:9} {reader:13} {run.seconds:6.1f} s {run.peak_mb:7.0f} MB  "
                    f"{run.outcome}",
                    flush=True,
                )
                runs.append(run)
    print()
    print(table(runs, sizes))


if __name__ == "__main__":
    main()
