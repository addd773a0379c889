"""Finding and reading configuration files: the closest lessonkit.toml, or pyproject.toml with
`[tool.lessonkit]`, at or above a page's folder; validated, with the line of every bad key."""

from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from typing import Optional

from pydantic import ValidationError

from ..datafiles import parse_toml, read_text, validation_message
from .schema import ConfigError, ConfigFile
from .selection import resolve

CONFIG_FILES = ("lessonkit.toml", "pyproject.toml")


def find_config(folder: str) -> Optional[str]:
    """The closest lessonkit.toml, or pyproject.toml with [tool.lessonkit], at or above `folder`."""
    folder = os.path.abspath(folder)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or has_tool_table(candidate)):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def has_tool_table(pyproject: str) -> bool:
    try:
        with open(pyproject, "rb") as stream:
            return "lessonkit" in tomllib.load(stream).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False


@lru_cache(maxsize=None)
def load_config(path: str) -> ConfigFile:
    """Read and validate one configuration file."""
    data = parse_toml(read_text(path, ConfigError), path, ConfigError)
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("lessonkit", {})
    try:
        config = ConfigFile.model_validate(data)
    except ValidationError as error:
        raise ConfigError(validation_message(path, error, lambda location: (key_line(path, str(location[0])), ""))) from None
    for code in config.severity:
        resolve((code,), path)
    for selectors in (config.select or [], config.extend_select, config.ignore, *config.per_file_ignores.values()):
        resolve(tuple(selectors), path)
    return config


def key_line(path: str, key: str) -> Optional[int]:
    """The line where `key` is set in a TOML file, when it can be found."""
    try:
        with open(path, encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                if re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
                    return number
    except OSError:
        pass
    return None


