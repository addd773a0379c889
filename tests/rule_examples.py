"""The folders of example pages under tests/rules/, one per rule, and how to run them.

A folder is named `CODE-name/` (`LK201-missing-answer/`) and holds:

- example pages (`*.md`) or small sites (sub-folders, linted as one run: for run-level rules and content-folder
  languages), each with `NAME.findings` beside it: the text report lines of this rule alone;
- near misses named `ok-*`, which must produce no finding of this rule (and have no `.findings` file);
- for fixable rules, `NAME.fixed.md` (the page after `--fix --select CODE`) and, for unsafe fixes,
  `NAME.unsafe-fixed.md` (after `--fix --unsafe-fixes --select CODE`);
- optionally `lessonkit.toml`, the settings of every example in the folder (a site folder may have its own).

`pytest --update-expected` rewrites every `.findings` and fixed-page file from what lessonkit reports now, so a
behaviour change shows as a diff of those files.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from click.testing import CliRunner

from lessonkit.cli import main

RULES = Path(__file__).resolve().parent / "rules"
FIXED_SUFFIXES = {"safe": ".fixed.md", "unsafe": ".unsafe-fixed.md"}


@dataclass(frozen=True)
class Example:
    folder: Path  # the rule's folder
    name: str  # a page's file name or a site's folder name

    @property
    def code(self) -> str:
        return folder_code(self.folder)

    @property
    def path(self) -> Path:
        return self.folder / self.name

    @property
    def near_miss(self) -> bool:
        return self.name.startswith("ok-")

    @property
    def findings_file(self) -> Path:
        return self.folder / f"{Path(self.name).stem if self.path.is_file() else self.name}.findings"

    def fixed_file(self, applicability: str) -> Path:
        return self.folder / (Path(self.name).stem + FIXED_SUFFIXES[applicability])

    @property
    def config(self) -> Optional[Path]:
        for candidate in (self.path / "lessonkit.toml", self.folder / "lessonkit.toml"):
            if candidate.is_file():
                return candidate
        return None

    def __str__(self) -> str:
        return f"{self.folder.name}/{self.name}"


def folder_code(folder: Path) -> str:
    """The rule code a folder is for: `LK201-missing-answer` -> `LK201`."""
    return folder.name.split("-", 1)[0]


def rule_folders() -> list[Path]:
    return sorted(path for path in RULES.iterdir() if path.is_dir()) if RULES.is_dir() else []


def examples(folder: Path) -> list[Example]:
    """The pages and sites of one rule's folder (fixed-page expectations are not examples)."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_dir() or (path.suffix == ".md" and not path.name.endswith(tuple(FIXED_SUFFIXES.values()))):
            found.append(Example(folder, path.name))
    return found


def all_examples() -> list[Example]:
    return [example for folder in rule_folders() for example in examples(folder)]


def lessonkit(args: list[str], cwd: Path) -> str:
    """`lessonkit ARGS` run in-process in `cwd`, as a user would type it there; returns standard output."""
    runner = CliRunner()
    with contextlib.chdir(cwd):
        result = runner.invoke(main, args, catch_exceptions=False, env={"NO_COLOR": "1"})
    unreadable = result.exit_code == 2 and ": LK100 [" in result.stdout  # exit 2 is right only for unreadable input
    assert result.exit_code in (0, 1) or unreadable, f"lessonkit {' '.join(args)} exited {result.exit_code}: {result.output}"
    return result.stdout



def settings_args(example: Example) -> list[str]:
    return ["--config", str(example.config)] if example.config else ["--no-config"]


def reported(example: Example) -> str:
    """The text report lines of the example's rule on the example (its other rules run too, as by default)."""
    args = ["lint", example.name, "--no-cache", "--quiet", "--jobs", "1", "--extend-select", example.code]
    output = lessonkit(args + settings_args(example), example.folder)
    return "".join(line for line in output.splitlines(keepends=True) if f": {example.code} [" in line)


def fixed(example: Example, applicability: str, workdir: Path, page: Optional[bytes] = None) -> bytes:
    """The page's bytes after `--fix` with this rule alone (and `--unsafe-fixes` for an unsafe fix), run on a
    copy (of `page`, when given: a variant of the example)."""
    copy = workdir / example.name
    copy.write_bytes(example.path.read_bytes() if page is None else page)
    args = ["lint", example.name, "--no-cache", "--quiet", "--jobs", "1", "--fix", "--select", example.code]
    if applicability == "unsafe":
        args.append("--unsafe-fixes")
    lessonkit(args + settings_args(example), workdir)
    return copy.read_bytes()


def fix_cases() -> list[tuple[Example, str]]:
    """(example, applicability) for every page example of a fixable rule: safe, and unsafe for unsafe fixes."""
    from lessonkit.rules import all_rules

    rules = all_rules()
    return [(example, applicability) for example in all_examples()
            if example.path.is_file() and not example.near_miss and example.code in rules and rules[example.code].fix
            for applicability in ("safe", "unsafe") if applicability == "safe" or rules[example.code].fix == "unsafe"]
