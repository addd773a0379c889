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
profiles = [("english", "learn-with-ai-en"), ("zh-tw", "learn-with-ai-zh-tw"), ("zh-cn", "learn-with-ai-zh-cn")]
blocks = "".join(f"{tree} (`--profile {name}`):\n\n```\n"
                 + lessonkit("lint", str(CORPUS / tree), "--profile", name, "--select", "LK13,LK4,LK6", "--statistics") + "```\n\n"
                 for tree, name in profiles)
readme = re.sub(r"(with its built-in\nprofile \(kept current by a test\):\n\n).*?(The profiles fit)",
                lambda m: m.group(1) + blocks + m.group(2), readme, flags=re.S)
(REPO / "README.md").write_text(readme, encoding="utf-8")
