"""The result cache: a page's diagnostics and summary, stored under a key of everything that can change them.

The key hashes lessonkit's own code and data (so an upgrade or an edit of lessonkit invalidates it), the page's
effective settings (configuration, command-line selection, glossary, profile and residue files, by content), the
page's path and its bytes. Entries are written atomically (temporary file + rename), so concurrent runs never see
half an entry; an unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Optional

from . import __version__
from .atomic import write_atomic
from .diagnostics import ROW_FIELDS
from .config import Settings
from .rules.suppression import Comment, Suppression
from .summary import HeadingUse, PageSummary

DEFAULT_DIR = ".lessonkit_cache"


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """Version plus every file of the installed package (path, size, modification time)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def settings_fingerprint(settings: Settings, page_path: str) -> str:
    """Everything about the settings that decides a page's diagnostics."""
    folder = settings.folder
    data = {
        "config": settings.config.model_dump(mode="json"),
        "cli": asdict(settings.cli),
        "fail_on": settings.fail_on,
        "profile": settings.cli_profile,
        "enabled": sorted(settings.enabled(page_path)),
        "files": {path: file_digest(os.path.join(folder, path))
                  for path in [*settings.config.glossary, *settings.config.residue,
                               *([settings.config.profile] if settings.config.profile else [])]},
    }
    if settings.cli_profile:
        data["files"]["--profile"] = file_digest(settings.cli_profile)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


class ResultCache:
    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.fingerprints: dict[tuple[int, frozenset[str]], str] = {}

    def key(self, path: str, data: bytes, settings: Settings) -> str:
        enabled = settings.enabled(path)
        fingerprint = self.fingerprints.get((id(settings), enabled))
        if fingerprint is None:
            fingerprint = self.fingerprints[(id(settings), enabled)] = settings_fingerprint(settings, path)
        digest = hashlib.sha256()
        for part in (package_fingerprint(), fingerprint, os.path.abspath(path)):
            digest.update(part.encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str) -> Optional[tuple[bytes, PageSummary]]:
        """The page's diagnostics (encoded rows: the report decodes them) and summary, or None on a miss."""
        try:
            data = self.entry(key).read_bytes()
            summary, rows = json.loads(data)
            if not all(isinstance(row, list) and len(row) == ROW_FIELDS for row in rows):
                return None
            return data[data.index(b",\n") + 2:-1], summary_from_json(summary)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, rows: bytes, summary: PageSummary) -> None:
        """An entry is a JSON array: the summary, then on the next line the diagnostics' rows (kept encoded)."""
        entry = self.entry(key)
        try:
            if not self.folder.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                (self.folder / ".gitignore").write_text("# created by lessonkit\n*\n", encoding="utf-8")
                (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
            entry.parent.mkdir(exist_ok=True)
            summary_line = json.dumps(summary_to_json(summary), ensure_ascii=False).encode("utf-8")
            write_atomic(str(entry), b"[" + summary_line + b",\n" + rows + b"]", durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time


def summary_to_json(summary: PageSummary) -> dict:
    data = asdict(summary)
    data["suppressions"] = [[s.code, s.first, s.last] for s in summary.suppressions]
    return data


def summary_from_json(data: dict) -> PageSummary:
    suppressions = [Suppression(Comment(0, 0, 0, frozenset({code})), code, first, last)
                    for code, first, last in data["suppressions"]]
    headings = [HeadingUse(**use) for use in data["headings"]]
    return PageSummary(**{**data, "headings": headings, "suppressions": suppressions})
