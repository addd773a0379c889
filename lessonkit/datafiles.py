"""Data files, lessonkit's own and its users': reading TOML with positioned errors, describing validation
errors, and the JSON Schema of a file format. One place, so every data file fails the same way."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@lru_cache(maxsize=None)
def load_data(name: str) -> dict[str, Any]:
    """A TOML file from lessonkit/data/."""
    return tomllib.loads(resources.files("lessonkit").joinpath("data", name).read_text(encoding="utf-8"))


def read_text(path: str, error: type[Exception]) -> str:
    """A user's data file as text, or `error` naming the file and why it cannot be read."""
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read()
    except OSError as problem:
        raise error(f"{path}: cannot read: {problem.strerror}") from None


def parse_toml(text: str, origin: str, error: type[Exception]) -> dict[str, Any]:
    """TOML text as data, or `error` naming the file and the position of the syntax error."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{origin}: invalid TOML: {problem}") from None


def validation_message(origin: str, problem: "ValidationError",
                       where: Optional[Callable[[tuple], tuple[Optional[int], str]]] = None) -> str:
    """One line per invalid value: `origin[:line]: 'key' [note]: reason`. `where` gives the line of a location
    in the file and a note that names the entry (both optional)."""
    lines = []
    for item in problem.errors():
        line, note = where(item["loc"]) if where else (None, "")
        key = ".".join(str(part) for part in item["loc"])
        reason = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
        lines.append(f"{origin}{f':{line}' if line else ''}: '{key}'{note}: {reason}")
    return "\n".join(lines)


def json_schema(model: "type[BaseModel]", title: Optional[str] = None, schema_id: Optional[str] = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a file format or of lessonkit's output."""
    schema: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT}
    if schema_id:
        schema["$id"] = schema_id
    schema.update(model.model_json_schema(by_alias=True))
    if title:
        schema["title"] = title
    return schema
