"""Regenerate the README's rule table and corpus statistics (tests fail when they are out of date).

Usage: python tools/update_readme.py [CORPUS]
"""

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpus" / "learn-with-ai" / "contentOri"


def lessonkit(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "lessonkit", *args], capture_output=True, text=True, cwd=REPO).stdout


readme = (REPO / "README.md").read_text(encoding="utf-8")
readme = re.sub(r"\| code \| name \|.*?\n\n", lambda _: lessonkit("rules", "--format", "markdown") + "\n", readme, flags=re.S)
readme = re.sub(r"(kept current by a test\):\n\n```\n).*?```",
                lambda m: m.group(1) + lessonkit("lint", str(CORPUS), "--statistics") + "```", readme, flags=re.S)
(REPO / "README.md").write_text(readme, encoding="utf-8")
