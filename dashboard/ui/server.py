"""The web server as the app runs it: `streamlit run`, with Nagle's algorithm off.

Streamlit 1.67 serves through uvicorn on a listening socket it binds itself
(`starlette_server._bind_socket`, `socket.socket(family)`). That socket's protocol number is 0,
and asyncio only sets TCP_NODELAY on accepted connections whose protocol is IPPROTO_TCP
(`asyncio.base_events._set_nodelay`), so every connection keeps Nagle's algorithm. A rerun
answers with several small websocket messages: the second waits until the browser acknowledges
the first, and browsers delay that acknowledgement (~40 ms on Linux, up to 200 ms on Windows).
Every filter change and page switch waited ~40 ms for nothing on this machine (an empty page's
rerun: 44 ms → 6 ms with it off). Linux (and BSD, macOS) copy TCP_NODELAY from a listening
socket to every connection it accepts, so it is set once on the listening socket.

    python -m dashboard.ui.server run dashboard/ui/app.py --server.port 8501

`python -m dashboard serve` starts the app this way (after its sign-in check); the tests and the
benchmark start their servers, the empty page too, the same way.

Arrow's memory: pandas keeps text columns as Arrow arrays, and Arrow's default pool (mimalloc)
holds on to what it has freed. The server's Arrow uses the system's allocator instead
(`ARROW_DEFAULT_MEMORY_POOL`, read when pyarrow is imported, so set before Streamlit is): under
50 sessions on the national data the process's peak was 396-404 MB against 416-420 MB, and no
page was slower.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from typing import Any

TCP_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def without_nagle(bind: Callable[..., socket.socket]) -> Callable[..., socket.socket]:
    """`bind` whose listening TCP socket (and so each connection it accepts) has TCP_NODELAY."""

    def bound(*args: Any, **kwargs: Any) -> socket.socket:
        sock = bind(*args, **kwargs)
        if sock.family in TCP_FAMILIES:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    return bound


def main() -> None:
    """Streamlit's own command line (`run APP [flags]`), its server's sockets without Nagle."""
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    from streamlit.web import cli
    from streamlit.web.server.starlette import starlette_server

    starlette_server._bind_socket = without_nagle(starlette_server._bind_socket)
    cli.main(args=sys.argv[1:], prog_name="streamlit")


if __name__ == "__main__":
    main()
