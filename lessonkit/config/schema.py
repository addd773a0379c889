"""The configuration file's keys: `[tool.lessonkit]` in pyproject.toml or a lessonkit.toml (its JSON Schema is
schemas/config.schema.json)."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..datafiles import json_schema
from ..diagnostics import Severity
from ..parse.models import SectionKind


class ConfigError(Exception):
    """A configuration file or option that cannot be used; the message names the file, line and key."""


Script = Literal["zh-Hans", "zh-Hant", "en"]


class LanguageTree(BaseModel):
    """`[languages.<folder or language code>]`: what a language tree of the site is written in."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    script: Optional[Script] = Field(None, description="The script (or language) of the tree's pages.")
    region: Optional[Literal["mainland", "taiwan", "hongkong"]] = Field(None, description="Whose vocabulary the tree follows (default: mainland for zh-Hans, taiwan for zh-Hant).")
    profile: Optional[str] = Field(None, description="The lesson profile of the tree's pages: a built-in name or a file relative to this configuration file (instead of `profile`).")


class ConfigFile(BaseModel):
    """The keys of `[tool.lessonkit]` / lessonkit.toml."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    select: Optional[list[str]] = Field(None, description="Rules to enable (codes, prefixes such as LK2, names, or ALL); replaces the defaults.")
    extend_select: list[str] = Field([], alias="extend-select", description="Rules to enable on top of the selection.")
    ignore: list[str] = Field([], description="Rules to disable.")
    per_file_ignores: dict[str, list[str]] = Field({}, alias="per-file-ignores", description="Glob (relative to this file's folder) -> rules to disable for matching pages.")
    severity: dict[str, Severity] = Field({}, description="Rule -> severity override.")
    fail_on: Optional[Severity] = Field(None, alias="fail-on", description="Lowest severity that makes lint exit 1.")
    known_shortcodes: list[str] = Field([], alias="known-shortcodes", description="Shortcode names to accept besides Hugo's built-ins and the prompt shortcodes.")
    prompt_shortcodes: list[str] = Field(["ask_chatgpt"], alias="prompt-shortcodes", description="Shortcodes that hold the prompt of a section.")
    headings: dict[SectionKind, list[str]] = Field({}, description="Extra section headings per kind.")
    glossary: list[str] = Field([], description="Glossary files (relative to this file) that extend or override the default glossary by id.")
    disable_terms: list[str] = Field([], alias="disable-terms", description="Ids of glossary entries to switch off.")
    profile: Optional[str] = Field(None, description="The lesson profile pages follow: a built-in name (learn-with-ai-en, learn-with-ai-zh-tw, learn-with-ai-zh-cn) or a profile file (TOML, or the generator's config.yaml) relative to this file.")
    residue: list[str] = Field([], description="Files (relative to this file) with more AI-residue patterns, in the format of lessonkit/data/residue.toml.")
    site: bool = Field(False, description="Also check terminology consistency across all linted pages of one script (like --site).")
    language: Optional[Script] = Field(None, description="The language every page should be in; otherwise from front matter, `languages`, Hugo's contentDir or the content folder's name.")
    languages: dict[str, LanguageTree] = Field({}, description="Language trees by content folder name or language code, where the built-in names (zh-cn, zh-tw, en ...) and Hugo's configuration do not say it.")


def config_schema() -> dict:
    return json_schema(ConfigFile, "lessonkit configuration")
