"""Terminology as data: glossaries of concepts and their variants per script, matched leftmost-longest.

A glossary is TOML (schema: schemas/glossary.schema.json). Each concept lists its Simplified and Traditional
variants (preferred first), optional region tags, `exclude` strings in which a variant means something else, and
self-tests; a glossary whose self-tests fail refuses to load. Variants written in either script count as one:
they are compared after folding Traditional characters to Simplified.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterator, Literal, NamedTuple, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..datafiles import json_schema, parse_toml, read_text, validation_message
from .script import HAN, script_table

Region = Literal["mainland", "taiwan"]
HAN_WORD = f"(?:{HAN.pattern}){{2,}}"  # compiled on first use: only glossaries need it


class SelfTest(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    text: str = Field(description="A sentence to match with the whole glossary.")
    expect: list[str] = Field(description="The variants of this concept found in `text`, in order.")


class Term(BaseModel):
    """One concept."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id; user glossaries override entries by id.")
    en: str = Field(description="The English term.")
    mode: Literal["consistency", "prefer"] = Field("consistency", description="consistency: flag minority variants in a page (LK302); prefer: flag every non-preferred variant (LK301).")
    hans: list[str] = Field([], description="Simplified-script variants, preferred first.")
    hant: list[str] = Field([], description="Traditional-script variants, preferred first.")
    regions: dict[str, Region] = Field({}, description="Variant -> the region whose usage it is.")
    exclude: list[str] = Field([], description="Longer strings in which a variant means something else.")
    tests: list[SelfTest] = Field([], description="Self-tests; the glossary refuses to load when one fails.")


class GlossaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    version: int = 1
    terms: list[Term]


class GlossaryError(Exception):
    """A glossary that cannot be used; the message names the file and the entry."""


@lru_cache(maxsize=1)
def simplified_fold_table() -> dict[int, str]:
    pairs = script_table().to_simplified
    return {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)}


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Traditional characters folded to Simplified, so a variant in either script has one key."""
    return text.translate(simplified_fold_table()) if HAN.search(text) else text  # no Han: no table to load


class Match(NamedTuple):
    term: Term
    text: str
    start: int  # 0-based offset in the matched string (or line)
    end: int

    @property
    def key(self) -> str:
        return fold(self.text)


@dataclass
class Glossary:
    terms: dict[str, Term] = field(default_factory=dict)
    owner: dict[str, Optional[Term]] = field(default_factory=dict)  # surface string -> term (None: exclusion)
    by_bigram: dict[str, list[str]] = field(default_factory=dict)  # first two characters -> strings, longest first
    candidates: re.Pattern = re.compile("(?!)")  # a character that begins a string, before one that can follow it

    def matches(self, text: str) -> Iterator[Match]:
        """Leftmost-longest matches of any variant; text covered by an exclusion yields nothing."""
        for start, end, term in self.spans(text):
            yield Match(term, text[start:end], start, end)

    def spans(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) of every variant found, leftmost-longest.

        Every surface string is two or more Han characters: the regex finds characters that begin one and are
        followed by a character that can come second, and only the strings that share those two characters are
        tried there, longest first.
        """
        index, owner, found, position = self.by_bigram, self.owner, [], 0
        for hit in self.candidates.finditer(text):
            start = hit.start()
            if start < position:
                continue  # inside the string found last
            for string in index.get(text[start:start + 2], ()):
                if text.startswith(string, start):
                    position = start + len(string)
                    if owner[string] is not None:
                        found.append((start, position, owner[string]))
                    break
        return found

    def preferred(self, term: Term, script: str) -> Optional[str]:
        variants = term.hant if script == "zh-Hant" else term.hans
        return variants[0] if variants else None


def compile_glossary(terms: dict[str, Term], origin: str) -> Glossary:
    owner: dict[str, Optional[Term]] = {}
    for term in terms.values():
        variants = term.hans + term.hant
        for variant in variants:
            if not variant.strip():
                raise GlossaryError(f"{origin}: term '{term.id}': empty variant")
            previous = owner.get(variant)
            if previous is not None and previous.id != term.id:
                raise GlossaryError(f"{origin}: variant '{variant}' belongs to both '{previous.id}' and '{term.id}'")
            owner[variant] = term
        for tagged in term.regions:
            if tagged not in variants:
                raise GlossaryError(f"{origin}: term '{term.id}': region tag for '{tagged}', which is not one of its variants")
    for term in terms.values():
        for excluded in term.exclude:
            owner.setdefault(excluded, None)
    for string in owner:
        if not re.fullmatch(HAN_WORD, string):
            raise GlossaryError(f"{origin}: '{string}' must be two or more Chinese characters")
    by_bigram: dict[str, list[str]] = {}
    for string in sorted(owner, key=len, reverse=True):
        by_bigram.setdefault(string[:2], []).append(string)
    firsts, seconds = ("".join(sorted({string[i] for string in owner})) for i in (0, 1))
    candidates = re.compile(f"[{firsts}](?=[{seconds}])") if owner else re.compile("(?!)")
    return Glossary(dict(terms), owner, by_bigram, candidates)


def run_self_tests(glossary: Glossary, origin: str) -> None:
    failures = []
    for term in glossary.terms.values():
        for test in term.tests:
            found = [m.text for m in glossary.matches(test.text) if m.term.id == term.id]
            if found != test.expect:
                failures.append(f"term '{term.id}': in {test.text!r} expected {test.expect}, found {found}")
    if failures:
        raise GlossaryError(f"{origin}: {len(failures)} self-test(s) failed:\n  " + "\n  ".join(failures))


def read_glossary_file(text: str, origin: str) -> list[Term]:
    return validated_terms(parse_toml(text, origin, GlossaryError), origin)


def validated_terms(data: dict, origin: str) -> list[Term]:
    try:
        return GlossaryFile.model_validate(data).terms
    except ValidationError as error:
        def entry_id(location: tuple) -> tuple[None, str]:
            if len(location) >= 2 and location[0] == "terms" and isinstance(location[1], int):
                entry = data.get("terms", [])[location[1]]
                return None, f" (id '{entry.get('id')}')" if isinstance(entry, dict) else ""
            return None, ""

        raise GlossaryError(validation_message(origin, error, entry_id)) from None


def compiled_glossary(toml_bytes: bytes) -> dict:
    """data/glossary.toml as the JSON document data/glossary.json holds: the parsed data and the digest of the
    TOML it came from (JSON loads in 1 ms where TOML takes 20; tools/compile_glossary.py writes it)."""
    return {"toml_sha256": hashlib.sha256(toml_bytes).hexdigest(), "data": tomllib.loads(toml_bytes.decode("utf-8"))}


@lru_cache(maxsize=1)
def default_terms() -> tuple[Term, ...]:
    """The built-in glossary: from its compiled JSON form when that was made from the TOML as it is, else from
    the TOML itself."""
    folder = resources.files("lessonkit").joinpath("data")
    toml_bytes = folder.joinpath("glossary.toml").read_bytes()
    try:
        compiled = json.loads(folder.joinpath("glossary.json").read_bytes())
        if compiled["toml_sha256"] == hashlib.sha256(toml_bytes).hexdigest():
            return tuple(compiled_terms(compiled["data"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return tuple(read_glossary_file(toml_bytes.decode("utf-8"), "lessonkit/data/glossary.toml"))


def compiled_terms(data: dict) -> list[Term]:
    """Terms of the compiled glossary, built without validating them again: tools/compile_glossary.py writes only
    a glossary that validated and passed its self-tests (validating builds the models' validators first: 7 ms,
    a twentieth of linting one Chinese page)."""
    return [Term.model_construct(**{**term, "tests": [SelfTest.model_construct(**test) for test in term.get("tests", [])]})
            for term in data["terms"]]


@lru_cache(maxsize=32)
def build_glossary(extra_files: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> Glossary:
    """The default glossary, extended or overridden by id from `extra_files`, minus `disabled` ids; self-tested."""
    terms = {term.id: term for term in default_terms()}
    origin = "lessonkit/data/glossary.toml"
    for path in extra_files:
        terms.update({term.id: term for term in read_glossary_file(read_text(path, GlossaryError), path)})
        origin = path
    unknown = [term_id for term_id in disabled if term_id not in terms]
    if unknown:
        raise GlossaryError(f"disable-terms: unknown term id(s) {', '.join(unknown)}")
    for term_id in disabled:
        del terms[term_id]
    glossary = compile_glossary(terms, origin)
    run_self_tests(glossary, origin)
    return glossary


def glossary_schema() -> dict:
    return json_schema(GlossaryFile, "lessonkit glossary")
