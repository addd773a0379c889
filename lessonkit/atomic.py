"""Writing files atomically: a temporary file in the same folder, then renamed over the target."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def atomic_path(path: str, durable: bool = True) -> Iterator[str]:
    """A temporary path next to `path` to write to; renamed over `path` when the block succeeds, removed if not.

    Readers see the old file or the new one, never a partial one. A durable write (pages, reports, exports) goes
    through links to the real file, keeps its permissions and is flushed to disk before the rename; a cache file
    skips all that (losing one is only a miss) and is written under this process's own temporary name.
    """
    if durable:
        import tempfile  # here: lint runs that write nothing do not import it

        target = os.path.realpath(path)
        mode = os.stat(target).st_mode & 0o7777 if os.path.exists(target) else None
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target) or ".", prefix=f".{os.path.basename(target)}.",
                                             suffix=".tmp")
        os.close(handle)
    else:  # a name of this process's own is enough, and much cheaper
        target, mode, temporary = path, None, f"{path}.{os.getpid()}.tmp"
    try:
        yield temporary
        if durable:
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


def write_atomic(path: str, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` atomically."""
    with atomic_path(path, durable) as temporary, open(temporary, "wb") as stream:
        stream.write(data)
