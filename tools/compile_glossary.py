"""Write lessonkit/data/glossary.json, the compiled form of lessonkit/data/glossary.toml that lessonkit loads
(JSON parses in about 1 ms, TOML in 20). Run after editing the glossary; a test fails while the two differ."""

import json
from pathlib import Path

from lessonkit.analysis.glossary import GlossaryError, build_glossary, compiled_glossary

DATA = Path(__file__).resolve().parent.parent / "lessonkit" / "data"


def main() -> None:
    try:  # the TOML as it is now (the stale JSON is ignored): validated and self-tested, or refused
        glossary = build_glossary()
    except GlossaryError as error:
        raise SystemExit(str(error)) from None
    compiled = compiled_glossary((DATA / "glossary.toml").read_bytes())
    (DATA / "glossary.json").write_text(json.dumps(compiled, ensure_ascii=False, separators=(",", ":")) + "\n",
                                        encoding="utf-8")
    print(f"wrote {DATA / 'glossary.json'} ({len(glossary.terms)} terms)")


if __name__ == "__main__":
    main()
