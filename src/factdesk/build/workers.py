"""Worker processes, one per core, for the jobs of a large fact base (cleaning many articles,
its rules); forked, so that they inherit what the parent has read and nothing large is
pickled to them."""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


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
