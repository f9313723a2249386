"""`fork_map`: a function over many items on every core, in forked worker processes.

Forked workers inherit the function and the items, so nothing is sent to them; only results
come back (pickled), so it pays where results are small beside the work: converting pages
(`prerender`; HTML strings back). Parsing history's file versions does not qualify: unpickling
the parsed objectives took 3.8 s against 5.7 s for parsing them in one process. Callers pass
`workers=1` where forking is unsafe (under `serve`, whose server runs threads).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The job a forked worker runs: set before the fork, inherited by the workers.
_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):  # Linux: what this process may use, not the machine
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def fork_map(
    function: Callable[[T], R], items: Sequence[T], workers: int, at_least: int = 200
) -> list[R]:
    """`[function(item) for item in items]`, shared among `workers` forked processes when
    there are at least `at_least` items (below that, starting workers costs more)."""
    global _JOB
    # Forking beside other threads (a server's) can deadlock on a lock one of them holds.
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if workers <= 1 or len(items) < at_least or not forkable:
        return [function(item) for item in items]
    _JOB = (function, items)
    try:
        shares = [range(i, len(items), workers) for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_work, shares)
    finally:
        _JOB = None
    out: list[Any] = [None] * len(items)
    for share, values in zip(shares, results, strict=True):
        for index, value in zip(share, values, strict=True):
            out[index] = value
    return out


def _work(share: range) -> list[Any]:
    assert _JOB is not None
    function, items = _JOB
    return [function(items[index]) for index in share]
