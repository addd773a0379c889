"""What the site declares about a page: the language, script and region of its language tree, and whether the page
is a folder's index page. A page is judged against this, never against its own majority: a zh-cn page written in
Traditional script is a Simplified page with a problem, not a Traditional page.

The declaration comes, first match wins, from the page's front matter (`lang`, `language`, `languageCode`), the
configuration (`language`, or `[languages.<folder or code>]`), Hugo's own configuration (a language's
`contentDir`), and the built-in names of content folders (`zh-cn`, `zh-tw`, `english` ...).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .language import dominant_script

SCRIPT_NAMES = {"zh-Hans": "Simplified", "zh-Hant": "Traditional", "en": "English"}
REGION_NAMES = {"mainland": "mainland", "taiwan": "Taiwan", "hongkong": "Hong Kong"}
REGION_OF_SCRIPT = {"zh-Hans": "mainland", "zh-Hant": "taiwan"}  # when a tree names a script but no region

# Language codes and content-folder names -> (language, region)
LANGUAGE_CODES: dict[str, tuple[str, Optional[str]]] = {
    "zh-cn": ("zh-Hans", "mainland"), "zh_cn": ("zh-Hans", "mainland"), "zh-hans": ("zh-Hans", "mainland"),
    "zh-sg": ("zh-Hans", "mainland"), "zh-hans-cn": ("zh-Hans", "mainland"),
    "zh-tw": ("zh-Hant", "taiwan"), "zh_tw": ("zh-Hant", "taiwan"), "zh-hant": ("zh-Hant", "taiwan"),
    "zh-hant-tw": ("zh-Hant", "taiwan"), "zh-hk": ("zh-Hant", "hongkong"), "zh-hant-hk": ("zh-Hant", "hongkong"),
    "zh-mo": ("zh-Hant", "hongkong"),
    "en": ("en", None), "english": ("en", None), "en-us": ("en", None), "en-gb": ("en", None),
}
FRONT_MATTER_LANGUAGE_KEYS = ("lang", "language", "languageCode")
HUGO_CONFIGS = ("hugo.toml", "config.toml", os.path.join("config", "_default", "hugo.toml"),
                os.path.join("config", "_default", "config.toml"), os.path.join("config", "_default", "languages.toml"))


@dataclass(frozen=True)
class Expectation:
    """The language a page should be in, the region its vocabulary should follow, and why."""

    language: Optional[str]  # 'zh-Hans', 'zh-Hant', 'en', or None: nothing declares it
    region: Optional[str]  # 'mainland', 'taiwan', 'hongkong' (Chinese trees only)
    reason: str  # "it is in the folder 'zh-cn'", for messages


NOTHING = Expectation(None, None, "")


def expectation(page, settings) -> Expectation:
    """What the site declares for `page` (a parsed Page) under `settings` (its Settings); once per page."""
    key = ("expectation", id(settings))
    if key not in page.cache:
        page.cache[key] = declared(page, settings)
    return page.cache[key]


def standard(page, settings) -> tuple[Optional[str], Optional[str], bool]:
    """The script (or language) and region the page's text should follow, and whether the site declares them:
    the site's expectation, or, where nothing declares one, the page's own majority script and its region."""
    expected = expectation(page, settings)
    if expected.language:
        return expected.language, expected.region, True
    script = dominant_script(page)
    return script, REGION_OF_SCRIPT.get(script or ""), False


def declared(page, settings) -> Expectation:
    data = page.lesson.front_matter.data
    for key in FRONT_MATTER_LANGUAGE_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.lower() in LANGUAGE_CODES:
            return Expectation(*LANGUAGE_CODES[value.lower()], f"its front matter says {key} = '{value}'")
    config = settings.config
    if config.language:
        return Expectation(config.language, REGION_OF_SCRIPT.get(config.language),
                           f"the configuration says language = '{config.language}'")
    path = os.path.abspath(page.source.path) if page.source.path else None
    if path is None:
        return NOTHING
    folders = os.path.dirname(path).split(os.sep)
    for depth in range(len(folders), 0, -1):  # the closest folder that names a language tree
        folder = folders[depth - 1]
        tree = tree_named(folder, config.languages)
        if tree is not None and tree.script:
            return Expectation(tree.script, tree.region or REGION_OF_SCRIPT.get(tree.script),
                               f"the configuration's [languages.{folder}] says script = '{tree.script}'")
        declared = hugo_content_dirs(os.sep.join(folders[:depth - 1]) or os.sep).get(folder)
        code = declared or folder.lower()
        if code.lower() in LANGUAGE_CODES:
            tree = config.languages.get(code)
            language, region = LANGUAGE_CODES[code.lower()]
            if tree is not None and tree.region:
                region = tree.region
            where = f"Hugo's configuration makes it the '{code}' content folder" if declared else f"it is in the folder '{folder}'"
            return Expectation(language, region, where)
    return NOTHING


def tree_named(folder: str, languages: dict):
    """The configuration's `[languages.<name>]` entry for a folder name (or its lower case), or None."""
    return languages.get(folder) or languages.get(folder.lower())


def language_tree(page_path: str, languages: dict):
    """(folder name, `[languages.<name>]` entry) of the closest folder of the page that the configuration
    describes, or None."""
    for folder in reversed(os.path.dirname(os.path.abspath(page_path)).split(os.sep)):
        tree = tree_named(folder, languages)
        if tree is not None:
            return folder, tree
    return None


@lru_cache(maxsize=256)
def hugo_content_dirs(folder: str) -> dict[str, str]:
    """Content folders of `folder`'s children that a Hugo configuration in `folder` or above names: the name of
    the child folder -> its language code. Read once per folder; an unreadable configuration declares nothing."""
    site = folder
    while True:
        for name in HUGO_CONFIGS:
            candidate = os.path.join(site, name)
            if os.path.isfile(candidate):
                return children_of(folder, site, content_dirs(candidate))
        parent = os.path.dirname(site)
        if parent == site:
            return {}
        site = parent


def content_dirs(config_path: str) -> dict[str, str]:
    """Language code -> contentDir of a Hugo configuration file (TOML; keys are case-insensitive in Hugo)."""
    try:
        with open(config_path, "rb") as stream:
            data = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    if os.path.basename(config_path) == "languages.toml":
        languages = data
    else:
        languages = next((value for key, value in data.items() if key.lower() == "languages"), {})
    if not isinstance(languages, dict):
        return {}
    found = {}
    for code, settings in languages.items():
        if isinstance(settings, dict):
            content_dir = next((value for key, value in settings.items() if key.lower() == "contentdir"), None)
            if isinstance(content_dir, str):
                found[code] = content_dir
    return found


def children_of(folder: str, site: str, dirs: dict[str, str]) -> dict[str, str]:
    """Of the content folders (relative to the Hugo site root `site`), those directly in `folder`."""
    children = {}
    for code, content_dir in dirs.items():
        path = os.path.normpath(os.path.join(site, content_dir))
        if os.path.dirname(path) == os.path.normpath(folder):
            children[os.path.basename(path)] = code
    return children


def is_index_page(path: Optional[str], folder_named_pages: Optional[bool]) -> bool:
    """Is this page its folder's index page? `_index.md` always; `X/X.md` too where the site's build makes a page
    named like its folder that folder's index (the learn-with-ai generator's convention): when the profile says
    so (`folder_named_pages` true), or, where nothing says (None), when the folder has no `_index.md` of its own."""
    if not path:
        return False
    folder_path = os.path.dirname(os.path.abspath(path))
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem == "_index":
        return True
    if stem != os.path.basename(folder_path) or folder_named_pages is False:
        return False
    return folder_named_pages or not os.path.exists(os.path.join(folder_path, "_index.md"))
