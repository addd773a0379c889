import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
# the real pages: LESSONKIT_CORPUS points elsewhere; tests that need them skip with a reason when absent
CORPUS = Path(os.environ.get("LESSONKIT_CORPUS", REPO.parent / "shared" / "corpus" / "learn-with-ai" / "contentOri"))


def run_lessonkit(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m lessonkit` as a user would, in a separate process."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "lessonkit", *args], input=stdin, capture_output=True, cwd=cwd, env=env)


requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real corpus not found at {CORPUS}")


def pytest_addoption(parser):
    parser.addoption("--update-expected", action="store_true",
                     help="rewrite the expected findings and fixed pages of tests/rules/ from what lessonkit reports now")


@pytest.fixture
def update_expected(request) -> bool:
    return request.config.getoption("--update-expected")
