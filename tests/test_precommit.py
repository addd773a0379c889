"""The pre-commit hooks, run by the real `pre-commit try-repo` against this repository."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

GOOD = '+++\ntitle = "t"\nweight = 1\n+++\n## Review\n{{< ask_chatgpt >}}\nGive me 1 question\n{{< /ask_chatgpt >}}\n\n1. Why?\nAnswer: Because.\n'
MISSING_ANSWER = GOOD.replace("Answer: Because.\n", "")

pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
pytestmark = pytest.mark.skipif(not os.path.exists(pre_commit), reason="pre-commit is not installed")


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(tmp_path: Path, home: Path, hook: str, page: str) -> subprocess.CompletedProcess:
    repo = tmp_path / "site"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "page.md").write_text(page, encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "page.md"], check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([pre_commit, "try-repo", str(REPO), hook, "--all-files"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def test_hook_fails_on_missing_answer(tmp_path, hook_home):
    result = try_repo(tmp_path, hook_home, "lessonkit", MISSING_ANSWER)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "page.md:10:1: LK201 [error] question 1 has no answer" in result.stdout


def test_hook_passes_on_clean_page(tmp_path, hook_home):
    result = try_repo(tmp_path, hook_home, "lessonkit", GOOD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_fix_hook_rewrites_and_fails_once(tmp_path, hook_home):
    result = try_repo(tmp_path, hook_home, "lessonkit-fix", GOOD.replace("Because.", "因為如此,所以這樣。"))
    assert result.returncode == 1  # pre-commit fails a hook that modified files
    assert (tmp_path / "site" / "page.md").read_text(encoding="utf-8") == GOOD.replace("Because.", "因為如此，所以這樣。")
