"""The app's server without Nagle's algorithm (`dashboard/ui/server.py`): real sockets, accepted
the way uvicorn accepts them (an asyncio server on Streamlit's own pre-bound socket); and what its
process holds in memory (Arrow's allocator, what it does not import)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from streamlit.web.server.starlette import starlette_server

from dashboard.ui.server import without_nagle


def _accepted_nodelay(bind: Callable[..., socket.socket]) -> int:
    """TCP_NODELAY on the server's end of a connection to a socket bound by `bind`."""

    async def accept_one() -> int:
        listening = bind("127.0.0.1", 0, 8)
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listening)
        try:
            port = listening.getsockname()[1]
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(accepted, 10)
            writer.close()
            return value
        finally:
            server.close()
            await server.wait_closed()

    # In a thread of its own: the browser tests leave Playwright's event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(accept_one())).result(timeout=30)


def test_streamlits_own_socket_keeps_nagle() -> None:
    """Why the launcher exists: Streamlit's socket has protocol 0, so asyncio leaves Nagle on
    (if a Streamlit upgrade fixes this, the launcher can go)."""
    assert _accepted_nodelay(starlette_server._bind_socket) == 0


def test_the_launchers_socket_gives_every_connection_nodelay() -> None:
    assert _accepted_nodelay(without_nagle(starlette_server._bind_socket)) != 0


def test_a_unix_socket_is_left_alone() -> None:
    """TCP_NODELAY is for TCP only: another kind of socket comes back untouched."""
    made: list[socket.socket] = []

    def unix_pair(*_: object) -> socket.socket:
        first, second = socket.socketpair(socket.AF_UNIX)
        made.extend((first, second))
        return first

    try:
        assert without_nagle(unix_pair)() is made[0]
    finally:
        for sock in made:
            sock.close()


def _python(code: str) -> str:
    """What `code` prints, run in a Python process of its own (a server's fresh start)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_servers_arrow_uses_the_systems_allocator() -> None:
    """`main` chooses Arrow's pool before Arrow is first loaded (Streamlit's import loads it):
    the system's allocator, which gives freed memory back (mimalloc, the default, kept ~15 MB
    more at the peak under load)."""
    chosen = _python(
        "import streamlit.web.cli as cli\n"
        "from dashboard.ui import server\n"
        "cli.main = lambda **_: print(__import__('pyarrow').default_memory_pool().backend_name)\n"
        "server.main()\n"
    )
    assert chosen == "system"
    assert _python("import pyarrow; print(pyarrow.default_memory_pool().backend_name)") != "system"


def test_the_app_does_not_load_what_only_the_mail_job_draws_with() -> None:
    """vl-convert (8 MB resident) is for the e-mail's charts: the app's modules, which reach
    `mail` for its unsubscribe links, do not load it; drawing a chart does."""
    loaded = _python(
        "import sys\n"
        "import dashboard.ui.shell\n"
        "print('vl_convert' in sys.modules)\n"
        "from dashboard.exchange import mail_charts\n"
        "mail_charts.draw({'mark': 'point', 'data': {'values': [{'a': 1}]}}, 'x')\n"
        "print('vl_convert' in sys.modules)\n"
    )
    assert loaded.split() == ["False", "True"]
