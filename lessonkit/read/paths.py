"""Turning command-line PATHs into the pages to read: files, folders walked for *.md, or '-' for stdin."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

STDIN = "-"


@dataclass
class PageList:
    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # paths that do not exist


def collect_pages(paths: list[str], suffix: str = ".md") -> PageList:
    """Files named directly are taken as they are; folders are walked (sorted, symlink loops skipped)."""
    pages = PageList()
    for path in paths:
        if path == STDIN or os.path.isfile(path):
            pages.files.append(path)
        elif os.path.isdir(path):
            pages.files.extend(walk(path, suffix))
        elif os.path.lexists(path):
            pages.files.append(path)  # a broken link or special file: reading it reports why
        else:
            pages.missing.append(path)
    return pages


def walk(folder: str, suffix: str) -> list[str]:
    """Every file ending in `suffix` below `folder`, sorted, each real folder visited once."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        try:
            stat = os.stat(root)
        except OSError:  # gone or unreachable since it was listed
            dirs[:] = []
            continue
        if (stat.st_dev, stat.st_ino) in seen:  # the same real folder, reached again through a link
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, name) for name in files if name.endswith(suffix))
    return sorted(found, key=lambda p: p.split(os.sep))  # by path components, as Path.parts would
