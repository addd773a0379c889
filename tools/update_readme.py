"""Regenerate the README's rule table and corpus statistics (tests fail when they are out of date).

Usage: python tools/update_readme.py [CORPUS]   (default: $LESSONKIT_CORPUS, else ../shared/corpus/learn-with-ai/contentOri)

Refuses, with a message and status 1, when the corpus or one of its trees is missing or lessonkit fails: the
statistics of a missing corpus would be wrong numbers, not a smaller README.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "learn-with-ai" / "contentOri"
PROFILES = [("english", "learn-with-ai-en"), ("zh-tw", "learn-with-ai-zh-tw"), ("zh-cn", "learn-with-ai-zh-cn")]


def lessonkit(*args: str) -> str:
    """lessonkit's standard output; stops the tool when lessonkit could not do its job (exit status 2 or more)."""
    result = subprocess.run([sys.executable, "-m", "lessonkit", *args], capture_output=True, text=True, cwd=REPO)
    if result.returncode not in (0, 1) or not result.stdout.strip():
        sys.exit(f"update_readme: `lessonkit {' '.join(args)}` failed (status {result.returncode}):\n{result.stderr}")
    return result.stdout


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LESSONKIT_CORPUS", DEFAULT_CORPUS))
    missing = [str(corpus / tree) for tree, _ in PROFILES if not (corpus / tree).is_dir()]
    if missing:
        sys.exit(f"update_readme: corpus tree(s) not found: {', '.join(missing)}; nothing written")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    readme = re.sub(r"\| code \| name \|.*?\n\n", lambda _: lessonkit("rules", "--format", "markdown") + "\n", readme, flags=re.S)
    readme = re.sub(r"(kept current by a test\):\n\n```\n).*?```",
                    lambda m: m.group(1) + lessonkit("lint", str(corpus), "--no-cache", "--statistics") + "```", readme, flags=re.S)
    blocks = "".join(f"{tree} (`--profile {name}`):\n\n```\n"
                     + lessonkit("lint", str(corpus / tree), "--no-cache", "--profile", name, "--select", "LK13,LK4,LK6",
                                 "--statistics") + "```\n\n"
                     for tree, name in PROFILES)
    readme = re.sub(r"(with its built-in\nprofile \(kept current by a test\):\n\n).*?(The profiles fit)",
                    lambda m: m.group(1) + blocks + m.group(2), readme, flags=re.S)
    (REPO / "README.md").write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    main()
