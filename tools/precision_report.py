"""Precision of lessonkit's findings as judged by an editor: per rule and overall, from a blind sample and its
verdicts (tools/precision_sample.py), and, given a report of the current findings, which judged findings are
still reported.

Usage: python tools/precision_report.py SAMPLE.jsonl VERDICTS.jsonl [CURRENT.json] [--markdown]

Precision = real / judged. `not-worth` counts against it: a true finding nobody wants is still noise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict


def judged(sample_path: str, verdicts_path: str) -> list[dict]:
    """The sample's findings, each with its verdict and reason."""
    try:
        with open(sample_path, encoding="utf-8") as stream:
            sample = {row["id"]: row for row in map(json.loads, stream)}
        with open(verdicts_path, encoding="utf-8") as stream:
            verdicts = [json.loads(line) for line in stream]
    except (OSError, ValueError) as error:
        sys.exit(f"precision_report: {error}")
    missing = set(sample) - {v["id"] for v in verdicts}
    if missing or len(verdicts) != len(sample):
        sys.exit(f"precision_report: {len(missing)} findings of the sample have no verdict")
    return [{**sample[v["id"]], "verdict": v["verdict"], "reason": v["reason"]} for v in verdicts]


def key(finding: dict) -> tuple:
    return finding["path"], finding["line"], finding["column"], finding["code"]


def table(rows: list[dict], markdown: bool) -> str:
    by_rule: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        by_rule[row["code"]][row["verdict"]] += 1
    lines = ["| rule | judged | real | wrong | not worth | precision |", "|---|---|---|---|---|---|"] if markdown else []
    for code in sorted(by_rule):
        counts = by_rule[code]
        total = sum(counts.values())
        cells = [code, total, counts["real"], counts["wrong"], counts["not-worth"], f"{counts['real'] / total:.0%}"]
        lines.append("| " + " | ".join(map(str, cells)) + " |" if markdown else "  ".join(f"{c!s:>9}" for c in cells))
    for label, chosen in (("all", rows), ("errors and warnings", [r for r in rows if r["severity"] != "info"])):
        if chosen:
            real = sum(1 for r in chosen if r["verdict"] == "real")
            lines.append(f"{label}: {real} of {len(chosen)} real ({real / len(chosen):.0%})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample")
    parser.add_argument("verdicts")
    parser.add_argument("current", nargs="?", help="a JSON report of the current findings on the same corpus")
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args()
    rows = judged(options.sample, options.verdicts)
    print(table(rows, options.markdown))
    if options.current:
        with open(options.current, encoding="utf-8") as stream:
            current = {key(d) for d in json.load(stream)}
        kept = Counter((row["verdict"], key(row) in current) for row in rows)
        for verdict in ("real", "wrong", "not-worth"):
            print(f"{verdict}: {kept[(verdict, True)]} still reported, {kept[(verdict, False)]} no longer")


if __name__ == "__main__":
    main()
