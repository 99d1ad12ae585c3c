"""The collector after a page run (`components/memory.py`): a run's cyclic garbage is collected,
not frozen; a cycle among frozen objects waits for the periodic full collection."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from dashboard.ui.components import memory


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def _cycle() -> tuple[_Node, weakref.ref[_Node]]:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return a, weakref.ref(a)


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    runs = memory._runs
    yield
    memory._runs = runs
    gc.unfreeze()  # the rest of the test process collects as usual


def test_a_runs_cyclic_garbage_is_collected_not_frozen() -> None:
    memory._runs = 1  # not a run with a full collection
    node, alive = _cycle()
    del node  # garbage made by the run: only the cycle keeps it
    memory.after_run()
    assert alive() is None
    assert gc.get_freeze_count() > 0  # what lives on is frozen


def test_a_frozen_cycle_that_becomes_garbage_waits_for_the_full_collection() -> None:
    memory._runs = 1
    node, alive = _cycle()
    memory.after_run()  # alive at the end of a run: frozen
    del node
    memory._runs = 2
    memory.after_run()
    assert alive() is not None  # out of the collector's sight
    memory._runs = memory.FULL_EVERY
    memory.after_run()
    assert alive() is None
