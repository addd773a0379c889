"""Rule documentation for `lessonkit rule`, `lessonkit rules` and the README's rule table."""

from __future__ import annotations

import json
from typing import Optional

from ..rules import Rule, all_rules


def find_rule(key: str) -> Optional[Rule]:
    rules = all_rules()
    return rules.get(key.upper()) or next((r for r in rules.values() if r.name == key.lower()), None)


def rule_page(key: str) -> Optional[str]:
    rule = find_rule(key)
    if rule is None:
        return None
    fix = {"safe": "safe fix", "unsafe": "unsafe fix", None: "no fix"}[rule.fix]
    enabled = "enabled by default" if rule.default_enabled else "off by default"
    return f"{rule.code} {rule.name} ({rule.severity}, {fix}, {enabled})\n\n{rule.doc}\n"


def rules_listing(fmt: str) -> str:
    rules = all_rules().values()
    if fmt == "json":
        return json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "fix": r.fix,
                            "default_enabled": r.default_enabled, "summary": r.summary} for r in rules],
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        rows = ["| code | name | severity | fix | default | what it reports |", "|---|---|---|---|---|---|"]
        rows += [f"| {r.code} | `{r.name}` | {r.severity} | {r.fix or ''} | {'on' if r.default_enabled else 'off'} "
                 f"| {r.summary.replace('|', '/')} |" for r in rules]
        return "\n".join(rows) + "\n"
    return "".join(f"{r.code}  {r.name:28} {r.severity:8} {r.fix or '-':7} {'on' if r.default_enabled else 'off'}\n"
                   for r in rules)
