"""Maintainer tools refuse bad input instead of writing wrong output."""

import subprocess
import sys

from conftest import REPO


def test_update_readme_refuses_a_missing_corpus(tmp_path):
    before = (REPO / "README.md").read_bytes()
    result = subprocess.run([sys.executable, str(REPO / "tools" / "update_readme.py"), str(tmp_path / "nowhere")],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "not found" in result.stderr and "nothing written" in result.stderr
    assert (REPO / "README.md").read_bytes() == before
