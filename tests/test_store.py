"""The run's diagnostic store: what goes in comes back, per page and in any order, in memory or spilled to disk."""

import io

from lessonkit.lint import store as store_module
from lessonkit.diagnostics import Diagnostic, Edit, Fix, encode_rows
from lessonkit.lint.linter import FileResult


def diagnostics_for(path, count):
    fix = Fix("safe", (Edit(1, 2, 1, 3, "x"), Edit(2, 1, 3, 1, "")))
    return [Diagnostic(path, n, n + 1, n, n + 2, "LK501", "trailing-whitespace", "info", f"message {n} 中文", fix if n % 2 else None)
            for n in range(1, count + 1)]


def test_pages_come_back_whole_in_memory_and_on_disk(monkeypatch):
    monkeypatch.setattr(store_module, "SPOOL_SIZE", 2_000)  # a few pages in memory, the rest on disk
    store = store_module.DiagnosticStore()
    try:
        pages = {f"p{n}.md": diagnostics_for(f"p{n}.md", n % 7) for n in range(40)}
        results = {}
        for path, diagnostics in pages.items():
            results[path] = FileResult(path)
            results[path].stored = store.put(encode_rows(diagnostics))
        assert not isinstance(store.file, io.BytesIO)  # past SPOOL_SIZE the store went to disk
        for path in reversed(list(pages)):
            assert store.diagnostics(results[path]) == pages[path]
    finally:
        store.close()


def test_diagnostics_added_later_are_merged_in_position_order():
    store = store_module.DiagnosticStore()
    try:
        result = FileResult("a.md")
        result.stored = store.put(encode_rows(diagnostics_for("a.md", 4)))
        added = Diagnostic("a.md", 2, 1, 2, 5, "LK601", "duplicate-weight", "warning", "run-level")
        store.add(result, [added])
        store.add(result, [Diagnostic("a.md", 5, 1, 5, 2, "LK602", "inconsistent-heading", "info", "later still")])
        lines = [(d.line, d.code) for d in store.diagnostics(result)]
        assert lines == [(1, "LK501"), (2, "LK601"), (2, "LK501"), (3, "LK501"), (4, "LK501"), (5, "LK602")]  # line 2: column 1, then 3
        assert not result.diagnostics  # the additions are in the store, not in memory
    finally:
        store.close()
