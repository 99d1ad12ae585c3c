"""The garbage collector after each page run.

Streamlit collects every generation of garbage after each script run (`runner.postScriptGC`).
The process holds ~170 000 objects that live as long as it does (the modules, classes and
functions of pandas, plotly, pyarrow, babel and Streamlit), and walking them all made that
collection cost ~65 ms of CPU per run: more than most pages. `gc.freeze()` moves every object
alive at the end of a run out of the collector's sight (it is a list splice: no walk), so the
collection after the run walks only what the end of the run made. Freezing does not keep an
object alive: what its references free is freed as before; only cyclic garbage waits, until every
`FULL_EVERY` runs everything is unfrozen, collected in full and frozen again.
"""

from __future__ import annotations

import gc
import threading

FULL_EVERY = 200

_lock = threading.Lock()
_runs = 0


def after_run() -> None:
    """Call at the end of every page run (the first run freezes what the imports made)."""
    global _runs
    with _lock:
        full = _runs % FULL_EVERY == 0
        _runs += 1
        if full:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
