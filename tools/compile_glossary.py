"""Write lessonkit/data/glossary.json, the compiled form of lessonkit/data/glossary.toml that lessonkit loads
(JSON parses in about 1 ms, TOML in 20). Run after editing the glossary; a test fails while the two differ."""

import json
from pathlib import Path

from lessonkit.glossary import GlossaryError, compiled_glossary, compile_glossary, run_self_tests, validated_terms

DATA = Path(__file__).resolve().parent.parent / "lessonkit" / "data"


def main() -> None:
    compiled = compiled_glossary((DATA / "glossary.toml").read_bytes())
    terms = validated_terms(compiled["data"], "lessonkit/data/glossary.toml")
    try:  # refuse to compile a glossary that would refuse to load
        run_self_tests(compile_glossary({term.id: term for term in terms}, "glossary.toml"), "glossary.toml")
    except GlossaryError as error:
        raise SystemExit(str(error)) from None
    (DATA / "glossary.json").write_text(json.dumps(compiled, ensure_ascii=False, separators=(",", ":")) + "\n",
                                        encoding="utf-8")
    print(f"wrote {DATA / 'glossary.json'} ({len(terms)} terms)")


if __name__ == "__main__":
    main()
