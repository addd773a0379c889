"""What the linter reports: diagnostics with exact positions and optional fixes."""

from __future__ import annotations

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
