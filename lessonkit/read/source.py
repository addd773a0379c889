"""Reading a page: bytes to text and lines, with clear, positioned errors for what cannot be read."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

BOMS_NOT_UTF8 = {codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16", codecs.BOM_UTF32_LE: "UTF-32"}


@dataclass(frozen=True)
class Problem:
    """Something wrong with a page that stops it from being read or parsed as written."""

    code: str  # the lint rule that reports it, e.g. "LK100"
    message: str
    line: int = 1
    column: int = 1

    def located(self) -> str:
        """'line:column: CODE message', as commands print it after the path."""
        return f"{self.line}:{self.column}: {self.code} {self.message}"


class UnreadablePage(Exception):
    """The page cannot be turned into text; carries the positioned problem."""

    def __init__(self, path: Optional[str], problem: Problem):
        super().__init__(f"{path or '<stdin>'}:{problem.line}:{problem.column}: {problem.message}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Source:
    """A page's decoded text (`raw`, BOM removed, line endings as written) and its lines without terminators."""

    path: Optional[str]
    raw: str
    bom: bool = False
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", split_lines(self.raw))

    def encode(self) -> bytes:
        """The bytes of the file as it was read."""
        return (codecs.BOM_UTF8 if self.bom else b"") + self.raw.encode("utf-8")


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or lone CR, the way editors count lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of the character that starts at byte `offset`."""
    before = data[:offset].decode("utf-8", errors="replace")
    lines = split_lines(before)
    return len(lines), len(lines[-1]) + 1


def decode(data: bytes, path: Optional[str] = None) -> Source:
    """Decode UTF-8 bytes (with or without BOM); raise UnreadablePage naming where decoding failed."""
    for bom, encoding in BOMS_NOT_UTF8.items():
        if data.startswith(bom):
            raise UnreadablePage(path, Problem("LK100", f"file is {encoding}-encoded (byte-order mark); save it as UTF-8"))
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = position_of_byte(data, nul)
        raise UnreadablePage(path, Problem("LK100", f"binary file: NUL byte at byte offset {nul}", line, column))
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(codecs.BOM_UTF8) if bom else 0)
        line, column = position_of_byte(body, error.start)
        raise UnreadablePage(
            path, Problem("LK100", f"not valid UTF-8: byte 0x{data[offset]:02x} at byte offset {offset}", line, column)
        ) from None
    if not text.strip():
        raise UnreadablePage(path, Problem("LK100", "empty file"))
    return Source(path=path, raw=text, bom=bom)


def read_source(path: str | Path) -> Source:
    """Read and decode one page from disk."""
    return decode(read_bytes(path), str(path))


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, or UnreadablePage saying why not."""
    name = str(path)
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except IsADirectoryError:
        raise UnreadablePage(name, Problem("LK100", "is a directory, not a file")) from None
    except FileNotFoundError:
        raise UnreadablePage(name, Problem("LK100", "no such file")) from None
    except OSError as error:
        raise UnreadablePage(name, Problem("LK100", f"cannot read: {error.strerror or error}")) from None


def source_from_text(text: str, path: Optional[str] = None) -> Source:
    """A Source for text already in memory (a leading BOM character is dropped and remembered)."""
    bom = text.startswith("\ufeff")
    return Source(path=path, raw=text[1:] if bom else text, bom=bom)
