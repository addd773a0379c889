"""What one `lessonkit lint` run was asked to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ...config.settings import SettingsFinder


@dataclass
class LintRequest:
    paths: list[str]
    finder: SettingsFinder
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    output_format: str = "text"
    output_file: Optional[str] = None
    statistics: bool = False
    exit_zero: bool = False
    quiet: bool = False
    stdin_filename: Optional[str] = None
    jobs: int = 1
    cache_dir: Optional[str] = None  # None: no result cache

    @property
    def uses_cache(self) -> bool:
        """Runs that fix pages (in place, or in a diff) bypass the cache."""
        return self.cache_dir is not None and not (self.fix or self.diff)

    @property
    def applicabilities(self) -> frozenset[str]:
        if not (self.fix or self.diff):
            return frozenset()
        return frozenset({"safe", "unsafe"} if self.unsafe_fixes else {"safe"})
