"""A real SMTP server for the subscriptions' tests: aiosmtpd in a process of its own, delivering
into a Maildir (the `smtp` fixture in tests/data_io/conftest.py), and `send` run as the CLI."""

from __future__ import annotations

import email
import mailbox
import os
import socket
import subprocess
import sys
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

from tests.serving import free_port

SECRET = "en-lang-og-tilfeldig-hemmelighet-for-testene-0123456789"


class Smtp:
    """aiosmtpd in a process of its own, delivering into a Maildir."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "aiosmtpd.handlers.Mailbox", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("aiosmtpd did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def messages(self) -> list[EmailMessage]:
        if not self.folder.exists():
            return []
        box = mailbox.Maildir(str(self.folder), create=False)
        return [
            email.message_from_bytes(box.get_bytes(k), policy=policy.default)  # type: ignore[misc]
            for k in sorted(box.keys())
        ]


def send_due(lake: Path, smtp: Smtp, now: str) -> subprocess.CompletedProcess[str]:
    """`python -m dashboard send` at `now` with the SMTP variables set for this server."""
    env = {
        **os.environ,
        "DASHBOARD_SMTP_HOST": "127.0.0.1",
        "DASHBOARD_SMTP_PORT": str(smtp.port),
        "DASHBOARD_SMTP_FROM": "indikatorer@eksempel.no",
        "DASHBOARD_SMTP_TLS": "none",
        "DASHBOARD_CAPTURE_SECRET": SECRET,
    }
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "send", "--db", str(lake), "--now", now,
         "--base-url", "https://indikatorer.eksempel.no"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
