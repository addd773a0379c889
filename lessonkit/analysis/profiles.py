"""Lesson profiles: the fixed set of prompts a site's pages are generated from (schemas/profile.schema.json).

A profile lists the sections of a page in order, each with its heading, its prompt template (`{topic}` stands for
the page's topic), how many items it asks for, whether answers are required and whether it is optional. Profiles
are TOML; the generator's own config.yaml (`questions: [{key, desc, template}]` with `{{ .keyword}}`) is read too.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib import resources
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..datafiles import json_schema, parse_toml, validation_message
from ..parse.models import SectionKind
from ..parse.parser import default_heading_kinds
from ..parse.prompts import requested_count
from .glossary import fold
from .script import chinese_script, count_script

TOPIC = "{topic}"
GENERATOR_TOPIC = re.compile(r"\{\{\s*\.keyword\s*\}\}")
KEY_KINDS = {"preview": "preview", "explain": "explain", "keypoint": "keypoints", "keypoints": "keypoints",
             "test": "quiz", "review": "quiz", "quiz": "quiz", "links": "links"}


class ProfileSection(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    key: str = Field(description="Stable name of the section, e.g. preview.")
    kind: SectionKind
    heading: str = Field(description="The heading pages should use.")
    template: str = Field(description="The prompt, with {topic} where the page's topic goes.")
    count: Optional[int] = Field(None, description="How many items the prompt asks for.")
    answers: bool = Field(False, description="Whether every question needs an answer.")
    optional: bool = Field(False, description="Whether pages may leave the section out.")


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str = Field("", description="Defaults to the file name.")
    language: Optional[Literal["zh-Hans", "zh-Hant", "en"]] = None
    folder_index_pages: Optional[bool] = Field(None, description="A page named like its folder (X/X.md) is that folder's index page, titled by the site's build (the learn-with-ai generator's convention); unset: when the folder has no _index.md.")
    sections: list[ProfileSection]

    def match(self, prompt: str) -> Optional[tuple[ProfileSection, str]]:
        """The section whose template the prompt fills, and the topic it was filled with (scripts folded)."""
        folded = fold(" ".join(prompt.split()))
        for section in self.sections:
            found = template_pattern(section.template).fullmatch(folded)
            if found:
                return section, found["topic"].strip()
        return None


class ProfileError(Exception):
    """A profile that cannot be used; the message names the file and the problem."""


@lru_cache(maxsize=256)
def template_pattern(template: str) -> re.Pattern:
    before, _, after = fold(" ".join(template.split())).partition(TOPIC)
    return re.compile(re.escape(before) + r"(?P<topic>.+?)" + re.escape(after), re.IGNORECASE)


def builtin_names() -> list[str]:
    folder = resources.files("lessonkit").joinpath("data", "profiles")
    return sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".toml"))


def profile_from_generator_config(data: object, name: str, origin: str) -> Profile:
    """A profile from the generator's config.yaml data."""
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list) or not questions:
        raise ProfileError(f"{origin}: no 'questions' list")
    kinds = default_heading_kinds()
    sections = []
    for number, question in enumerate(questions, 1):
        if not isinstance(question, dict) or not {"key", "desc", "template"} <= set(question):
            raise ProfileError(f"{origin}: questions[{number}] needs key, desc and template")
        template = GENERATOR_TOPIC.sub(TOPIC, str(question["template"]).strip())
        kind = kinds.get(str(question["desc"]).strip().casefold()) or KEY_KINDS.get(str(question["key"]), "other")
        sections.append(ProfileSection(key=str(question["key"]), kind=kind, heading=str(question["desc"]).strip(),
                                       template=template, count=requested_count(template), answers=kind == "quiz"))
    return Profile(name=name, language=template_language([s.template for s in sections]), folder_index_pages=True,
                   sections=sections)  # the generator writes a topic with sub-topics as X/X.md, its build makes it X's index


def template_language(templates: list[str]) -> Optional[str]:
    counts = count_script(" ".join(templates))
    if counts.chinese:
        script = chinese_script(counts)
        return script if script in ("zh-Hans", "zh-Hant") else None
    return "en" if counts.latin else None


def read_profile_text(text: str, path: str) -> Profile:
    """Parse a profile file: TOML, or the generator's YAML config."""
    name = os.path.splitext(os.path.basename(path))[0]
    if path.endswith((".yaml", ".yml")):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            raise ProfileError(f"{path}{where}: invalid YAML: {getattr(error, 'problem', error)}") from None
        return profile_from_generator_config(data, name, path)
    data = parse_toml(text, path, ProfileError)
    try:
        return Profile.model_validate({"name": name, **data})  # a `name` in the file wins
    except ValidationError as error:
        raise ProfileError(validation_message(path, error)) from None


@lru_cache(maxsize=32)
def load_profile(reference: str, folder: str = ".") -> Profile:
    """A built-in profile by name, or a profile file (TOML or generator YAML) relative to `folder`."""
    if reference in builtin_names():
        text = resources.files("lessonkit").joinpath("data", "profiles", f"{reference}.toml").read_text(encoding="utf-8")
        return read_profile_text(text, f"{reference}.toml")
    path = os.path.join(folder, reference)
    try:
        with open(path, encoding="utf-8") as stream:
            return read_profile_text(stream.read(), path)
    except OSError as error:
        known = ", ".join(builtin_names())
        raise ProfileError(f"profile '{reference}': {error.strerror} (built-in profiles: {known})") from None


def profile_toml(profile: Profile) -> str:
    """The profile as TOML (what `lessonkit profile import` writes)."""
    lines = [f"# lessonkit profile {profile.name}", ""]
    if profile.language:
        lines += [f"language = {json.dumps(profile.language)}", ""]
    if profile.folder_index_pages is not None:
        lines += [f"folder_index_pages = {str(profile.folder_index_pages).lower()}", ""]
    for section in profile.sections:
        lines.append("[[sections]]")
        for key, value in section.model_dump().items():
            if value is not None:
                lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)


def profile_schema() -> dict:
    return json_schema(Profile, "lessonkit profile")
