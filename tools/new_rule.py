"""Add a rule: its function (a stub with the documentation headings) in the rule module of its code range, and its
folder of example pages under tests/rules/ (a page that must fire and a near miss, both to be written).

Usage: python tools/new_rule.py CODE NAME [--severity error|warning|info] [--fix safe|unsafe] [--off]
                                          [--module MODULE]

The module is the one whose rules' codes share the longest prefix with CODE (LK209 goes beside LK201-LK208);
name it with --module when that is not one module. Until the rule and its examples are written, the rule's
example test fails: that is the to-do list. Then `python tools/update_readme.py` adds the README's table row.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "lessonkit" / "rules"
EXAMPLES = REPO / "tests" / "rules"
sys.path.insert(0, str(REPO))

from lessonkit.rules import all_rules  # noqa: E402  (the registry of this checkout)

PAGE = '''+++
title = "Topic"
weight = "1"
+++
## 知識測驗
{{< ask_chatgpt >}}
以中文給我5題Topic的中等難度問題，並在後面列出答案
{{< /ask_chatgpt >}}

TODO: {what} ({code} {name}): replace this page with a real-looking lesson page.
'''


def module_for(code: str, rules: dict) -> str:
    """The rule module whose codes share the longest prefix with `code`; exits when two modules tie."""
    def shared(other: str) -> int:
        return len(os.path.commonprefix([code, other]))

    best: dict[str, int] = {}
    for rule in rules.values():
        function = rule.check or rule.run_check
        module = function.__module__.rsplit(".", 1)[-1] if function else "engine"
        best[module] = max(best.get(module, 0), shared(rule.code))
    top = max(best.values())
    modules = sorted(module for module, length in best.items() if length == top)
    if len(modules) != 1:
        sys.exit(f"new_rule: {code} is as close to the rules of {', '.join(modules)}: choose one with --module")
    return modules[0]


def stub(code: str, name: str, severity: str, fix: str | None, off: bool) -> str:
    options = "".join([", default_enabled=False" if off else "", f', fix="{fix}"' if fix else ""])
    fix_doc = f"**Fix** ({fix}): TODO what the fix changes and why it is {fix}." if fix else "**Fix**: none; TODO what to do."
    return f'''

@rule("{code}", "{name}", "{severity}"{options})
def {name.replace("-", "_")}(context: Context):
    """TODO one line: what the rule reports.

    **Why it matters**: TODO

    **Example**: TODO

    {fix_doc}
    """
    return ()
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code")
    parser.add_argument("name")
    parser.add_argument("--severity", choices=("error", "warning", "info"), default="warning")
    parser.add_argument("--fix", choices=("safe", "unsafe"))
    parser.add_argument("--off", action="store_true", help="not enabled by default (opt-in)")
    parser.add_argument("--module", help="the rule module (a file name in lessonkit/rules/, without .py)")
    options = parser.parse_args()
    code, name = options.code.upper(), options.name.lower()
    rules = all_rules()
    if not re.fullmatch(r"LK\d{3}", code):
        sys.exit(f"new_rule: a code is LK and three digits, not {code!r}")
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)+", name):
        sys.exit(f"new_rule: a name is lower-case words joined by hyphens, not {name!r}")
    for rule in rules.values():
        if code == rule.code or name == rule.name:
            sys.exit(f"new_rule: {rule.code} {rule.name} exists already")
    module = RULES / f"{options.module or module_for(code, rules)}.py"
    if not module.is_file():
        sys.exit(f"new_rule: no rule module {module}")
    folder = EXAMPLES / f"{code}-{name}"
    if folder.exists():
        sys.exit(f"new_rule: {folder} exists already")
    with open(module, "a", encoding="utf-8") as stream:
        stream.write(stub(code, name, options.severity, options.fix, options.off))
    folder.mkdir(parents=True)
    (folder / f"{name}.md").write_text(PAGE.format(what="a page on which the rule fires", code=code, name=name), encoding="utf-8")
    (folder / f"ok-{name}.md").write_text(PAGE.format(what="a near miss: a page it must not fire on", code=code, name=name),
                                          encoding="utf-8")
    print(f"""added {code} {name}:
  {module.relative_to(REPO)}: the rule function (fill in its check and documentation)
  {folder.relative_to(REPO)}/: {name}.md (must fire) and ok-{name}.md (must not); add more of each
then:
  pytest tests/test_rule_examples.py -k {code} --update-expected   # write the expected findings, then read them
  pytest tests/test_rule_examples.py -k {code}
  python tools/update_readme.py                                    # the README's rule table and statistics""")


if __name__ == "__main__":
    main()
