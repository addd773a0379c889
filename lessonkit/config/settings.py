"""Configuration: `[tool.lessonkit]` in pyproject.toml or a lessonkit.toml, found by walking up from each file
(closest wins), then the command line on top. Rule selection works in layers like ruff's: the defaults, then the
file's `select` / `extend-select` / `ignore`, then the command line's.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..diagnostics import Severity

CONFIG_FILES = ("lessonkit.toml", "pyproject.toml")
SectionKind = Literal["preview", "explain", "keypoints", "quiz", "links", "other"]


class ConfigFile(BaseModel):
    """The keys of `[tool.lessonkit]` / lessonkit.toml."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    select: Optional[list[str]] = Field(None, description="Rules to enable (codes, prefixes such as LK2, names, or ALL); replaces the defaults.")
    extend_select: list[str] = Field([], alias="extend-select", description="Rules to enable on top of the selection.")
    ignore: list[str] = Field([], description="Rules to disable.")
    per_file_ignores: dict[str, list[str]] = Field({}, alias="per-file-ignores", description="Glob (relative to this file's folder) -> rules to disable for matching pages.")
    severity: dict[str, Literal["error", "warning", "info"]] = Field({}, description="Rule -> severity override.")
    fail_on: Optional[Literal["error", "warning", "info"]] = Field(None, alias="fail-on", description="Lowest severity that makes lint exit 1.")
    known_shortcodes: list[str] = Field([], alias="known-shortcodes", description="Shortcode names to accept besides Hugo's built-ins and the prompt shortcodes.")
    prompt_shortcodes: list[str] = Field(["ask_chatgpt"], alias="prompt-shortcodes", description="Shortcodes that hold the prompt of a section.")
    headings: dict[SectionKind, list[str]] = Field({}, description="Extra section headings per kind.")
    glossary: list[str] = Field([], description="Glossary files (relative to this file) that extend or override the default glossary by id.")
    disable_terms: list[str] = Field([], alias="disable-terms", description="Ids of glossary entries to switch off.")
    profile: Optional[str] = Field(None, description="The lesson profile pages follow: a built-in name (learn-with-ai-en, learn-with-ai-zh-tw, learn-with-ai-zh-cn) or a profile file (TOML, or the generator's config.yaml) relative to this file.")
    residue: list[str] = Field([], description="Files (relative to this file) with more AI-residue patterns, in the format of lessonkit/data/residue.toml.")
    site: bool = Field(False, description="Also check terminology consistency across all linted pages of one script (like --site).")
    language: Optional[Literal["zh-Hans", "zh-Hant", "en"]] = Field(None, description="The language every page should be in (LK306); otherwise from front matter or the content folder.")


class ConfigError(Exception):
    """A configuration file or option that cannot be used; the message names the file, line and key."""


@dataclass(frozen=True)
class Layer:
    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass
class Settings:
    """Effective settings for one page."""

    config: ConfigFile = field(default_factory=ConfigFile.model_construct)  # the defaults need no validation
    path: Optional[str] = None  # the config file these came from
    cli: Layer = field(default_factory=Layer)
    cli_fail_on: Optional[str] = None
    cli_site: bool = False
    cli_profile: Optional[str] = None

    @property
    def site_mode(self) -> bool:
        return self.cli_site or self.config.site

    @property
    def fail_on(self) -> str:
        return self.cli_fail_on or self.config.fail_on or "error"

    @property
    def folder(self) -> str:
        return os.path.dirname(self.path) if self.path else os.getcwd()

    def enabled(self, page_path: Optional[str]) -> frozenset[str]:
        """Codes of the rules that run on `page_path`: the layers, then the page's per-file ignores."""
        config = self.config
        file_layer = Layer(tuple(config.select) if config.select is not None else None,
                           tuple(config.extend_select), tuple(config.ignore))
        enabled = enabled_codes((file_layer, self.cli), self.path)
        ignored = self.ignored_for(page_path)
        return enabled - resolve(tuple(ignored), self.path) if ignored else enabled

    def ignored_for(self, page_path: Optional[str]) -> list[str]:
        if not page_path or not self.config.per_file_ignores:
            return []
        relative = os.path.relpath(os.path.abspath(page_path), self.folder).replace(os.sep, "/")
        return [code for pattern, codes in self.config.per_file_ignores.items()
                if fnmatch.fnmatch(relative, pattern) for code in codes]

    @cached_property
    def severities(self) -> dict[str, Severity]:
        """Severity overrides by code (keys may be codes, prefixes or names)."""
        return {code: severity for key, severity in self.config.severity.items()
                for code in resolve((key,), self.path)}

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)

    @cached_property
    def profile(self):
        """The lesson profile for these pages, or None (`--profile` wins over the configuration)."""
        from ..analysis.profiles import ProfileError, load_profile

        reference = self.cli_profile or self.config.profile
        if reference is None:
            return None
        folder = os.getcwd() if self.cli_profile else self.folder
        try:
            return load_profile(reference, folder)
        except ProfileError as error:
            raise ConfigError(str(error)) from None

    @cached_property
    def residue(self):
        """AI-residue patterns: lessonkit's own plus the configured files."""
        from ..analysis.residue import ResidueError, load_residue

        try:
            return load_residue(tuple(os.path.join(self.folder, path) for path in self.config.residue))
        except ResidueError as error:
            raise ConfigError(str(error)) from None

    @cached_property
    def glossary(self):
        """The glossary for pages under these settings (default + configured files - disabled terms)."""
        from ..analysis.glossary import GlossaryError, build_glossary

        files = tuple(os.path.join(self.folder, path) for path in self.config.glossary)
        try:
            return build_glossary(files, tuple(self.config.disable_terms))
        except GlossaryError as error:
            raise ConfigError(str(error)) from None


@lru_cache(maxsize=256)
def enabled_codes(layers: tuple[Layer, ...], origin: Optional[str]) -> frozenset[str]:
    from ..rules import all_rules

    rules = all_rules()
    enabled = {code for code, rule in rules.items() if rule.default_enabled}
    for layer in layers:
        if layer.select is not None:
            enabled = resolve(layer.select, origin)
        enabled |= resolve(layer.extend_select, origin)
        enabled -= resolve(layer.ignore, origin)
    return frozenset(enabled)


def resolve(selectors: tuple[str, ...], origin: Optional[str] = None) -> set[str]:
    """Codes matching selectors: exact codes, code prefixes ('LK2'), readable names, or 'ALL'."""
    from ..rules import all_rules

    rules = all_rules()
    codes: set[str] = set()
    for selector in selectors:
        key = selector.strip()
        if key.upper() == "ALL":
            codes |= set(rules)
            continue
        matched = {code for code, rule in rules.items() if code.startswith(key.upper()) or rule.name == key.lower()}
        if not matched:
            where = f"{origin}: " if origin else ""
            raise ConfigError(f"{where}unknown rule or prefix '{selector}' (see `lessonkit rules`)")
        codes |= matched
    return codes


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
    try:
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("lessonkit", {})
    try:
        config = ConfigFile.model_validate(data)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(path, error)) from None
    for code in config.severity:
        resolve((code,), path)
    for selectors in (config.select or [], config.extend_select, config.ignore, *config.per_file_ignores.values()):
        resolve(tuple(selectors), path)
    return config


def describe_validation_error(path: str, error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"])
        line = key_line(path, str(item["loc"][0]))
        where = f"{path}:{line}" if line else path
        reason = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
        problems.append(f"{where}: '{key}': {reason}")
    return "\n".join(problems)


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


class SettingsFinder:
    """Settings for each page: from `--config`, from no file (`--no-config`), or the closest file."""

    def __init__(self, cli: Layer, cli_fail_on: Optional[str], config_path: Optional[str], no_config: bool,
                 cli_site: bool = False, cli_profile: Optional[str] = None):
        self.cli, self.cli_fail_on, self.cli_site, self.cli_profile = cli, cli_fail_on, cli_site, cli_profile
        self.fixed = None if config_path is None else self.settings_from(os.path.abspath(config_path))
        self.no_config = no_config
        self.by_folder: dict[str, Settings] = {}

    def settings_from(self, path: Optional[str]) -> Settings:
        config = load_config(path) if path else ConfigFile.model_construct()
        settings = Settings(config=config, path=path, cli=self.cli, cli_fail_on=self.cli_fail_on, cli_site=self.cli_site,
                            cli_profile=self.cli_profile)
        for used, name in ((config.glossary or config.disable_terms, "glossary"), (settings.cli_profile or config.profile, "profile"),
                           (config.residue, "residue")):
            if used:
                getattr(settings, name)  # load user data now, so a broken file is reported once
        return settings

    def site_mode(self) -> bool:
        """Did the command line or any configuration used in this run ask for site-wide checks?"""
        used = list(self.by_folder.values()) + ([self.fixed] if self.fixed else [])
        return self.cli_site or any(settings.site_mode for settings in used)

    def for_page(self, page_path: Optional[str]) -> Settings:
        if self.fixed is not None:
            return self.fixed
        if self.no_config:
            folder = ""  # one Settings for every page
        else:
            folder = os.path.dirname(os.path.abspath(page_path)) if page_path else os.getcwd()
        if folder not in self.by_folder:
            self.by_folder[folder] = self.settings_from(None if self.no_config else find_config(folder))
        return self.by_folder[folder]


def config_schema() -> dict:
    schema = ConfigFile.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": "lessonkit configuration"}
