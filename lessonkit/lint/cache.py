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
from dataclasses import asdict, astuple
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .. import __version__
from ..atomic import write_atomic
from ..config.settings import Settings
from .summary import HeadingUse, PageSummary, TermUse
from .suppression import Comment, Suppression


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
        "config": dict(settings.config),  # field values, plain data (model_dump would build the model's schema)
        "cli": asdict(settings.cli),
        "fail_on": settings.fail_on,
        "site": settings.site_mode,
        "profile": settings.cli_profile,
        "enabled": sorted(settings.enabled(page_path)),
        "files": {path: file_digest(os.path.join(folder, path))
                  for path in [*settings.config.glossary, *settings.config.residue,
                               *([settings.config.profile] if settings.config.profile else []),
                               *[tree.profile for tree in settings.config.languages.values() if tree.profile]]},
    }
    if settings.cli_profile:
        data["files"]["--profile"] = file_digest(settings.cli_profile)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


class ResultCache:
    def __init__(self, folder: str):
        self.folder = folder
        self.fingerprints: dict[tuple[int, frozenset[str]], str] = {}
        self.made: set[str] = set()  # folders this process has made or found

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

    def make_folder(self, sub_folder: str) -> None:
        """Create a folder in the cache; the cache's own folder says it is one (to git and to backup tools)."""
        if sub_folder in self.made:
            return
        if not os.path.isdir(self.folder):
            os.makedirs(self.folder, exist_ok=True)
            for name, text in ((".gitignore", "# created by lessonkit\n*\n"),
                               ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")):
                with open(os.path.join(self.folder, name), "w", encoding="utf-8") as stream:
                    stream.write(text)
        os.makedirs(sub_folder, exist_ok=True)
        self.made.add(sub_folder)

    def entry(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], f"{key}.json")

    def load(self, key: str) -> Optional[tuple[bytes, PageSummary]]:
        """The page's diagnostics (encoded rows: the report decodes them) and summary, or None on a miss."""
        try:
            with open(self.entry(key), "rb") as stream:
                data = stream.read()
            split = data.index(b",\n")
            header, rows = json.loads(data[1:split]), data[split + 2:-1]
            if data[-1:] != b"]" or header["rows"] != rows_digest(rows):
                return None
            return rows, summary_from_json(header["summary"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, rows: bytes, summary: PageSummary) -> None:
        """An entry is a JSON array: the summary with a digest of the rows, then on the next line the diagnostics'
        rows, kept encoded (the digest finds a damaged entry without decoding them)."""
        entry = self.entry(key)
        try:
            self.make_folder(os.path.dirname(entry))
            header = {"summary": summary_to_json(summary), "rows": rows_digest(rows)}
            write_atomic(entry, b"[" + json.dumps(header, ensure_ascii=False).encode("utf-8") + b",\n" + rows + b"]",
                         durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time


    def run_entry(self, key: str) -> str:
        return os.path.join(self.folder, "runs", f"{key}.run")

    def load_run(self, key: str) -> Optional[tuple[int, bytes]]:
        """The exit code and report (UTF-8) of an earlier run with this key (see commands/lint/cached.py: replay_key)."""
        try:
            with open(self.run_entry(key), "rb") as stream:
                header, report = stream.read().split(b"\n", 1)
            stored = json.loads(header)
            if stored["size"] != len(report):
                return None
            os.utime(self.run_entry(key))  # recently used: kept when older runs are dropped
            return int(stored["exit"]), report
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store_run(self, key: str, exit_code: int, report: bytes) -> None:
        """Keep a run's report for replay (a JSON header line, then the report as written); only the KEPT_RUNS
        most recently used runs are kept."""
        folder = os.path.dirname(self.run_entry(key))
        try:
            self.make_folder(folder)
            header = json.dumps({"exit": exit_code, "size": len(report)}).encode()
            write_atomic(self.run_entry(key), header + b"\n" + report, durable=False)
            runs = sorted((entry.stat().st_mtime_ns, entry.path) for entry in os.scandir(folder)
                          if entry.name.endswith(".run"))
            for _, path in runs[:-KEPT_RUNS]:
                os.unlink(path)
        except OSError:
            pass  # a cache that cannot be written (or pruned by a concurrent run) only costs time


KEPT_RUNS = 8


def rows_digest(rows: bytes) -> str:
    return hashlib.blake2b(rows, digest_size=16).hexdigest()


def summary_to_json(summary: PageSummary) -> dict:
    return {"language": summary.language, "weight": summary.weight, "weight_line": summary.weight_line,
            "weight_column": summary.weight_column, "weight_end_column": summary.weight_end_column,
            "headings": [{"template": use.template, "heading": use.heading, "line": use.line} for use in summary.headings],
            "suppressions": [[s.code, s.first, s.last] for s in summary.suppressions],
            "script": summary.script, "region": summary.region, "index_page": summary.index_page, "term_uses": [astuple(use) for use in summary.term_uses]}


def summary_from_json(data: dict) -> PageSummary:
    suppressions = [Suppression(Comment(0, 0, 0, frozenset({code})), code, first, last)
                    for code, first, last in data["suppressions"]]
    headings = [HeadingUse(**use) for use in data["headings"]]
    term_uses = [TermUse(*use) for use in data["term_uses"]]
    return PageSummary(**{**data, "headings": headings, "suppressions": suppressions, "term_uses": term_uses})
