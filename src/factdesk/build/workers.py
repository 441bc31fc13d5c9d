"""Worker processes, one per core, for the jobs of a large fact base (cleaning many articles,
its rules); forked, so that they inherit what the parent has read and nothing large is
pickled to them."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def forked_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` forked processes; None where processes cannot be forked (the
    caller works alone). Each worker freezes what it inherited for its garbage collector
    (``gc.freeze``), whose passes would otherwise copy every page of the parent's heap."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=gc.freeze)


_FORKED: list[Callable[[], list]] = []  # the job of side_by_side's worker, which inherits it


def _run_forked() -> list:
    return _FORKED[0]()


def side_by_side(here: Callable[[], list], there: Callable[[], list]) -> list:
    """``here() + there()``, the second in a forked worker when there is a second core (about
    half the time for two halves of equal weight); in this process if the worker dies."""
    pool = forked_pool(1) if cores() > 1 else None
    if pool is None:
        return here() + there()
    _FORKED[:] = [there]
    try:
        with pool:
            forked = pool.submit(_run_forked)  # forks now: the worker inherits _FORKED
            found = here()
            try:
                return found + forked.result()
            except BrokenProcessPool:  # killed (out of memory, say): the result still counts
                return found + there()
    finally:
        _FORKED.clear()
