"""Regenerate lessonkit/data/script_chars.json from OpenCC's character tables.

Run by a maintainer after upgrading opencc (`pip install opencc`); lessonkit itself does not need opencc at run
time. A Han character is Simplified-only when OpenCC changes it going to Traditional (both the OpenCC standard and
Taiwan's, so old variants such as 羣 for 群 do not count) and keeps it going back,
Traditional-only in the reverse case; every other character is shared. `to_simplified` pairs each character that
OpenCC's t2s changes with its Simplified form, to fold variants of a term written in either script together. Characters that Traditional text also
uses legitimately (one-to-many mappings such as 后/後, 干/幹, 台/臺) are listed in script_shared.txt and stay shared.
"""

import json
from pathlib import Path

import opencc

DATA = Path(__file__).resolve().parent.parent / "lessonkit" / "data"
CJK_RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]


def main() -> None:
    to_trad, to_taiwan, to_simp = opencc.OpenCC("s2t"), opencc.OpenCC("s2tw"), opencc.OpenCC("t2s")
    shared = set((DATA / "script_shared.txt").read_text(encoding="utf-8").split("\n", 1)[1]) - set(" \n")
    chars = [chr(c) for lo, hi in CJK_RANGES for c in range(lo, hi + 1)]
    trad = to_trad.convert("\n".join(chars)).split("\n")
    taiwan = to_taiwan.convert("\n".join(chars)).split("\n")
    simp = to_simp.convert("\n".join(chars)).split("\n")
    simplified_only, traditional_only, to_simplified = [], [], {}
    for char, as_trad, as_taiwan, as_simp in zip(chars, trad, taiwan, simp):
        if len(as_simp) == 1 and as_simp != char:
            to_simplified[char] = as_simp
        if char in shared:
            continue
        if as_trad != char and as_taiwan != char and as_simp == char:  # 群 -> 羣 in s2t only: not Simplified-only
            simplified_only.append(char)
        elif as_simp != char and as_trad == char:
            traditional_only.append(char)
    table = {
        "source": f"OpenCC {opencc.__version__} s2t/t2s (Apache-2.0), minus script_shared.txt",
        "simplified_only": "".join(simplified_only),
        "traditional_only": "".join(traditional_only),
        "to_simplified": "".join(f"{t}{s}" for t, s in to_simplified.items()),
    }
    (DATA / "script_chars.json").write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(simplified_only)} Simplified-only, {len(traditional_only)} Traditional-only characters")


if __name__ == "__main__":
    main()
