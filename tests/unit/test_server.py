"""The app's server without Nagle's algorithm (`dashboard/ui/server.py`): real sockets, accepted
the way uvicorn accepts them (an asyncio server on Streamlit's own pre-bound socket)."""

from __future__ import annotations

import asyncio
import socket
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
