"""What the linter reports: diagnostics with exact positions and optional fixes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal, Optional

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (line, column) up to, not including, (end_line, end_column) with `content`.

    Lines and columns are 1-based; columns count Unicode code points.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    content: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Literal["safe", "unsafe"]
    edits: tuple[Edit, ...]


@dataclass(slots=True)  # slots: a 100,000-page run holds millions of these
class Diagnostic:
    path: Optional[str]
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: Optional[Fix] = None

    @property
    def sort_key(self) -> tuple:
        return (self.path or "", self.line, self.column, self.code)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if self.fix is not None:
            data["fix"] = {"applicability": self.fix.applicability, "edits": [asdict(e) for e in self.fix.edits]}
        return data


def encode_rows(diagnostics: list[Diagnostic]) -> bytes:
    """A page's diagnostics as compact JSON rows, without the path (the page's cache entry or store slot has it)."""
    rows = [[d.line, d.column, d.end_line, d.end_column, d.code, d.name, d.severity, d.message,
             None if d.fix is None else [d.fix.applicability, [(e.line, e.column, e.end_line, e.end_column, e.content)
                                                               for e in d.fix.edits]]]
            for d in diagnostics]
    return json.dumps(rows, ensure_ascii=False).encode("utf-8")


def decode_rows(path: Optional[str], data: bytes) -> list[Diagnostic]:
    diagnostics = []
    for *position, code, name, severity, message, fix in json.loads(data):
        if fix is not None:
            fix = Fix(fix[0], tuple(Edit(*edit) for edit in fix[1]))
        diagnostics.append(Diagnostic(path, *position, code, name, severity, message, fix))
    return diagnostics
