"""What a rule change gained and lost on a corpus: compare two JSON reports of `lessonkit lint --output-format json`
(before and after the change), finding by finding.

Usage: python tools/findings_diff.py BEFORE.json AFTER.json [--show N]

Prints, per rule, the number of findings gained and lost, then up to N of each (path:line:column message).
A finding is the same when its path, position, code and message are.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter


def findings(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as stream:
            report = json.load(stream)
    except (OSError, ValueError) as error:
        sys.exit(f"findings_diff: cannot read {path}: {error}")
    return Counter((d["code"], d["path"], d["line"], d["column"], d["message"]) for d in report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--show", type=int, default=5, metavar="N")
    options = parser.parse_args()
    before, after = findings(options.before), findings(options.after)
    gained, lost = after - before, before - after
    codes = sorted({key[0] for key in gained} | {key[0] for key in lost})
    if not codes:
        print("no change")
    for code in codes:
        mine = [(sign, key) for sign, found in (("+", gained), ("-", lost)) for key in sorted(found) if key[0] == code]
        plus, minus = sum(1 for sign, _ in mine if sign == "+"), sum(1 for sign, _ in mine if sign == "-")
        print(f"{code}: +{plus} -{minus}")
        for sign in "+-":
            for _, (_, path, line, column, message) in [m for m in mine if m[0] == sign][:options.show]:
                print(f"  {sign} {path}:{line}:{column} {message}")


if __name__ == "__main__":
    main()
