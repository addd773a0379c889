"""The result cache in a lint run: each page's key, linting a page that missed, and the key of the whole run's report
(an unchanged run replays the report it wrote)."""

from __future__ import annotations

from typing import Optional

from ...config.schema import ConfigError
from ...diagnostics import encode_rows
from ...lint.linter import FileResult, lint_one, unreadable_result
from ...read.paths import STDIN, PageList
from ...read.source import UnreadablePage, decode, read_bytes
from .reporting import colour_wanted
from .request import LintRequest

_caches: dict = {}


def result_cache(folder: str):
    """One cache object per folder and process (it remembers settings fingerprints)."""
    from ...lint.cache import ResultCache

    return _caches.setdefault(folder, ResultCache(folder))


def lint_path_cached(path: str, request: LintRequest) -> FileResult:
    """Lint one file and store the result (cache_hits has already looked the file up). The key is computed again
    from the bytes linted here: the file may have changed since cache_keys read it."""
    cache = result_cache(request.cache_dir)
    try:
        data = read_bytes(path)
        source = decode(data, path)
    except UnreadablePage as error:
        return unreadable_result(error)
    settings = request.finder.for_page(path)
    result = lint_one(source, settings)
    result.rows, result.diagnostics = encode_rows(result.diagnostics), []
    cache.store(cache.key(path, data, settings), result.rows, result.summary)
    return result


def cache_keys(files: list[str], request: LintRequest) -> dict[str, str]:
    """The cache key of every file the cache may answer for (each file read and hashed once)."""
    if not request.uses_cache:
        return {}
    cache, keys = result_cache(request.cache_dir), {}
    for path in files:
        if path != STDIN:
            try:
                keys[path] = cache.key(path, read_bytes(path), request.finder.for_page(path))
            except (UnreadablePage, ConfigError):
                pass  # linting the file reports why
    return keys


def replay_key(request: LintRequest, pages: PageList, keys: dict[str, str]) -> Optional[str]:
    """A key for the whole run's report when the cache can answer for every page (their keys cover lessonkit,
    settings, paths and contents), plus everything about the report that changes its text; else None."""
    files = pages.files
    if not files or pages.missing or len(keys) != len(files):  # (a run that fixes pages has no keys)
        return None
    import hashlib
    import json

    options = [request.output_format, request.statistics, request.quiet, request.exit_zero, colour_wanted(request)]
    digest = hashlib.sha256(json.dumps(options).encode())
    for path in files:
        digest.update(f"\0{path}\0{keys[path]}".encode())
    return digest.hexdigest()
