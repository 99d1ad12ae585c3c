"""`make browser-deps` asks apt only for what is missing. On a machine whose Node.js came from
NodeSource (with its own npm), asking Debian for `nodejs npm` makes apt refuse everything, so
neither may be asked for when `node` and `npm` are there. The recipe runs here with a PATH of its
own: fake `node` and `npm` (as NodeSource installs them), no chromium, pdftoppm or haproxy, and an
`apt-get` that records what it was asked for."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("sh", "id", "ls", "cat")


def _run(tmp_path: Path, present: tuple[str, ...]) -> list[str]:
    """The packages `make browser-deps` asks apt to install when only `present` (and the shell's
    tools) are on the PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool) or f"/bin/{tool}")
    for name in present:
        fake = bin_dir / name
        fake.write_text("#!/bin/sh\necho fake\n")
        fake.chmod(0o755)
    asked = tmp_path / "asked.txt"
    for name in ("apt-get", "sudo"):
        recorder = bin_dir / name
        recorder.write_text(
            "#!/bin/sh\n"
            + ('[ "$1" = apt-get ] && shift\n' if name == "sudo" else "")
            + f'[ "$1" = install ] && echo "$@" >> {asked}\nexit 0\n'
        )
        recorder.chmod(0o755)
    make = shutil.which("make") or "/usr/bin/make"
    result = subprocess.run(
        [make, "--no-print-directory", "-C", str(ROOT), "browser-deps"],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    if not asked.exists():
        return []
    return [w for w in asked.read_text().split() if not w.startswith("-") and w != "install"]


def test_nodesource_node_and_npm_are_not_asked_for_again(tmp_path: Path) -> None:
    asked = _run(tmp_path, present=("node", "npm"))
    assert "nodejs" not in asked and "npm" not in asked
    assert {"chromium", "poppler-utils", "haproxy"} <= set(asked)


def test_a_machine_without_node_gets_both(tmp_path: Path) -> None:
    asked = _run(tmp_path, present=("chromium", "pdftoppm", "haproxy"))
    assert {"nodejs", "npm"} <= set(asked)
    assert "chromium" not in asked and "haproxy" not in asked


def test_nothing_is_asked_when_everything_is_there(tmp_path: Path) -> None:
    """The fonts and PostgreSQL are looked for by path: `make test` installed them first."""
    present = ("chromium", "pdftoppm", "haproxy", "node", "npm")
    assert _run(tmp_path, present=present) == []
