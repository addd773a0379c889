"""Loading lessonkit's own data files (tables that are data, not code)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_data(name: str) -> dict[str, Any]:
    """A TOML file from lessonkit/data/."""
    return tomllib.loads(resources.files("lessonkit").joinpath("data", name).read_text(encoding="utf-8"))
