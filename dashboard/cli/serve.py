"""`serve`: start the app (`streamlit run`), refused while it could serve data without sign-in."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dashboard.cli.common import ArgumentError, Refused
from dashboard.engine import signin


def add_parsers(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="start appen (streamlit run) etter å ha sjekket at innloggingen er satt opp",
        description="Starter appen bare når den ikke kan servere data uten innlogging: "
        "DASHBOARD_DEMO=1, identitet fra en betrodd proxy (server.trustedUserHeaders) eller "
        "en fullstendig [auth]-del med en ekte cookie_secret. Andre argumenter går videre til "
        "streamlit run.",
    )
    serve.add_argument("streamlit_args", nargs="*", help="f.eks. --server.port 8501")


def _streamlit_flags(arguments: Sequence[str]) -> dict[str, Any]:
    """The options among `streamlit run` flags that decide sign-in (`--secrets.files` may
    repeat; `--server.trustedUserHeaders` is JSON, as Streamlit takes it)."""
    flags: dict[str, Any] = {}
    items = list(arguments)
    for position, item in enumerate(items):
        if not item.startswith("--"):
            continue
        name, has_value, value = item[2:].partition("=")
        if not has_value:
            if position + 1 >= len(items):
                continue
            value = items[position + 1]
        if name == "secrets.files":
            flags.setdefault(name, []).append(value)
        elif name == "server.trustedUserHeaders":
            try:
                flags[name] = json.loads(value)
            except json.JSONDecodeError:
                raise ArgumentError("--server.trustedUserHeaders må være JSON") from None
    return flags


def serve(args: argparse.Namespace) -> int:
    """Refuse to start a server that would serve data without sign-in; else run Streamlit."""
    from streamlit import config  # the launcher only: Streamlit's own option reading

    streamlit_args = [item for item in args.streamlit_args if item != "--"]
    config.get_config_options(
        force_reparse=True, options_from_flags=_streamlit_flags(streamlit_args)
    )
    secret_files = [Path(name) for name in config.get_option("secrets.files")]
    problem = signin.configuration_problem(
        demo=os.environ.get("DASHBOARD_DEMO") == "1",
        trusted_headers=bool(config.get_option("server.trustedUserHeaders")),
        auth=lambda: signin.read_auth(secret_files),
    )
    if problem:
        raise Refused(f"Starter ikke: {problem}")
    app = Path(__file__).parents[1] / "ui" / "app.py"  # dashboard/ui/app.py
    # Streamlit's `run`, its sockets without Nagle's algorithm (dashboard/ui/server.py).
    command = [sys.executable, "-m", "dashboard.ui.server", "run", str(app), *streamlit_args]
    sys.stdout.flush()
    os.execv(sys.executable, command)
