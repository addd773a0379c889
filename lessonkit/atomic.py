"""Writing files atomically: a temporary file in the same folder, flushed, then renamed over the target."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def atomic_path(path: str) -> Iterator[str]:
    """A temporary path next to `path` to write to; renamed over `path` when the block succeeds, removed if not.

    Readers see the old file or the new one, never a partial one; the old file's permissions are kept, and the
    data is flushed to disk before the rename.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    mode = os.stat(target).st_mode & 0o7777 if os.path.exists(target) else None
    import tempfile  # here: lint runs that write nothing do not import it

    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    os.close(handle)
    try:
        yield temporary
        with open(temporary, "rb") as stream:
            os.fsync(stream.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_atomic(path: str, data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    with atomic_path(path) as temporary, open(temporary, "wb") as stream:
        stream.write(data)


def write_cache_file(path: str, data: bytes) -> None:
    """Replace a cache file atomically, and cheaply: a temporary name of this process's own, no flush to disk and
    no permissions to keep (a lost cache file is only a miss)."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
