"""Draw a blind, stratified random sample of default findings on a corpus, for judging by an editor of the site.

Usage: python tools/precision_sample.py REPORT.json CORPUS_PARENT OUT.jsonl [--size 200] [--per-rule 12] [--seed 15]

REPORT.json is `lessonkit lint CORPUS --output-format json` (default rules), run in CORPUS_PARENT so its paths
are relative to it. Up to --per-rule findings of each rule are drawn first (every rule is seen), the rest of
--size uniformly from what is left, all with one fixed seed. Each line of OUT.jsonl is one finding to judge:
its id, path, position, code, name, message, and the page's lines around it (with the section's heading and
prompt), and nothing else: no verdict, no earlier judgement.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

CONTEXT_LINES = 4


def finding_id(d: dict) -> str:
    key = f"{d['path']}\0{d['line']}\0{d['column']}\0{d['code']}\0{d['message']}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def context(lines: list[str], line: int) -> dict:
    """The lines around the finding, and the heading and prompt of its section."""
    first, last = max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES)
    heading = next((n for n in range(line, 0, -1) if lines[n - 1].startswith("## ")), None)
    prompt = lines[heading + 1] if heading and heading + 1 < len(lines) else None
    return {"section": lines[heading - 1] if heading else None, "prompt": prompt,
            "lines": {str(n): lines[n - 1] for n in range(first, last + 1)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("root", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--per-rule", type=int, default=12)
    parser.add_argument("--seed", type=int, default=15)
    options = parser.parse_args()
    try:
        findings = json.loads(Path(options.report).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        sys.exit(f"precision_sample: cannot read {options.report}: {error}")
    by_rule = defaultdict(list)
    for finding in sorted(findings, key=lambda d: (d["path"], d["line"], d["column"], d["code"])):
        by_rule[finding["code"]].append(finding)
    rng = random.Random(options.seed)
    chosen = []
    for code in sorted(by_rule):
        chosen += rng.sample(by_rule[code], min(options.per_rule, len(by_rule[code])))
    ids = {finding_id(d) for d in chosen}
    rest = [d for d in findings if finding_id(d) not in ids]
    chosen += rng.sample(rest, max(0, min(len(rest), options.size - len(chosen))))
    rng.shuffle(chosen)  # judged in an order that says nothing of the rule
    with open(options.out, "w", encoding="utf-8") as stream:
        for d in chosen:
            lines = (options.root / d["path"]).read_text(encoding="utf-8").splitlines()
            stream.write(json.dumps({"id": finding_id(d), "path": d["path"], "line": d["line"], "column": d["column"],
                                     "end_column": d["end_column"], "code": d["code"], "name": d["name"],
                                     "severity": d["severity"], "message": d["message"], **context(lines, d["line"])},
                                    ensure_ascii=False) + "\n")
    print(f"{len(chosen)} findings of {len(by_rule)} rules written to {options.out}")


if __name__ == "__main__":
    main()
