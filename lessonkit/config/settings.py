"""Effective settings: for one page, its configuration file's values with the command line on top; and, for a
run, the settings of each page (from `--config`, from no file with `--no-config`, or the closest file)."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from ..diagnostics import Severity
from .discovery import find_config, load_config
from .schema import ConfigError, ConfigFile
from .selection import Layer, enabled_codes, resolve


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
        reference = self.cli_profile or self.config.profile
        if reference is None:
            return None
        return loaded_profile(reference, os.getcwd() if self.cli_profile else self.folder)

    def profile_for(self, page_path: Optional[str]):
        """The profile of one page: `--profile`, else its language tree's (`[languages.<folder>] profile`), else
        `profile`."""
        if self.cli_profile or not self.config.languages or not page_path:
            return self.profile
        from ..analysis.site import language_tree

        found = language_tree(page_path, self.config.languages)
        if found is None or not found[1].profile:
            return self.profile
        return loaded_profile(found[1].profile, self.folder)

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


def loaded_profile(reference: str, folder: str):
    """A profile by built-in name or file (relative to `folder`); a problem with it is a configuration error."""
    from ..analysis.profiles import ProfileError, load_profile

    try:
        return load_profile(reference, folder)
    except ProfileError as error:
        raise ConfigError(str(error)) from None
