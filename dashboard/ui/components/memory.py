"""The garbage collector after each page run.

Streamlit collects every generation of garbage after each script run (`runner.postScriptGC`).
The process holds ~170 000 objects that live as long as it does (the modules, classes and
functions of pandas, plotly, pyarrow, babel and Streamlit), and walking them all made that
collection cost ~65 ms of CPU per run: more than most pages. After each run the app first collects
what is not frozen (what the run made: the same walk Streamlit's collection would make), then
calls `gc.freeze()`, which moves every object still alive out of the collector's sight (a list
splice: no walk), so Streamlit's collection after the run finds nothing left to walk. Freezing
does not keep an object alive: what its references free is freed as before; only a cycle among
frozen objects that becomes garbage later (an evicted cache entry, a closed session) waits, until
every `FULL_EVERY` runs everything is unfrozen, collected in full (~100 ms on national data) and
frozen again.
"""

from __future__ import annotations

import gc
import threading

FULL_EVERY = 500

_lock = threading.Lock()
_runs = 0


def after_run() -> None:
    """Call at the end of every page run (the first run freezes what the imports made)."""
    global _runs
    with _lock:
        if _runs % FULL_EVERY == 0:
            gc.unfreeze()
        _runs += 1
        gc.collect()
        gc.freeze()
