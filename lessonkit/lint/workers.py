"""Worker processes for commands that handle many pages (lint, anki): one place that decides when and how."""

from __future__ import annotations

import sys
from typing import Any, Callable, Optional

PARALLEL_THRESHOLD = 64  # fewer pages are handled in this process (pre-commit runs stay fast)


def worth_workers(jobs: int, pages: int) -> bool:
    return jobs > 1 and pages >= PARALLEL_THRESHOLD


def worker_pool(jobs: int, initializer: Optional[Callable[..., Any]] = None, initargs: tuple = ()):
    """A process pool that forks where it can (workers start with the parent's imports) and spawns elsewhere."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs)
