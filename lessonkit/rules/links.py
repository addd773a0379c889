"""Rules about link lists, the sections that send a learner elsewhere (LK209-LK212): the model lists sources from
memory, so addresses are missing, invented, pictures or repeated."""

from __future__ import annotations

import re
from typing import Iterator

from ..parse.models import Section
from . import Context, Finding, at_line, rule

URL = re.compile(r"https?://[^\s<>()\[\]\"'，。、；）]+|www\.[^\s<>()\[\]\"'，。、；）]+", re.IGNORECASE)
FILE_URL = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|ico|zip|rar|7z|gz|tar|exe|dmg|msi|apk|mp3|mp4|avi|mov)(?:[?#]|$)",
                      re.IGNORECASE)
TRAILING = ".,;:!?"  # sentence punctuation after an address is not part of it


def link_sections(context: Context) -> Iterator[Section]:
    for section in context.page.lesson.sections:
        if section.kind == "links" and section.response is not None and section.response.markdown.strip():
            yield section


def item_urls(context: Context, section: Section) -> list[tuple[int, list[tuple[int, int, int, str]]]]:
    """For each top-level item of a links section: its line and the URLs in its lines, as (line, start, end, url)
    with 0-based columns."""
    starts = [item.line for item in section.items]
    ends = starts[1:] + [section.end_line + 1]
    found = []
    for first, end in zip(starts, ends):
        urls = []
        for number in range(first, end):
            if context.page.structure.in_code[number - 1]:
                continue
            for match in URL.finditer(context.lines[number - 1]):
                url = match.group().rstrip(TRAILING)
                urls.append((number, match.start(), match.start() + len(url), url))
        found.append((first, urls))
    return found


@rule("LK209", "links-without-url", "warning")
def links_without_url(context: Context):
    """A links section (网络资料, 網路資料, Links) that does not give a single URL.

    **Why it matters**: a reader cannot follow a link list without addresses; the model listed site names, titles
    and summaries from memory, and such "references" are often invented.

    **Example**: `給我5篇Value Stocks的中文網路資料` answered with five items of `網站：…` / `標題：…` / `簡介：…`
    and no address.

    **Fix**: none; regenerate the section with a prompt that asks for addresses, or add the real ones.
    """
    for section in link_sections(context):
        if not URL.search(section.response.markdown) and "](" not in section.response.markdown:
            listed = f"none of its {len(section.items)} items" if section.items else "it"
            yield at_line(context.lines, section.line, f"links section without a URL: {listed} gives an address")


@rule("LK210", "link-item-without-url", "warning")
def link_item_without_url(context: Context):
    """An item of a links section without an address, where the section's other items have one.

    **Why it matters**: the learner finds a title with nowhere to go; the model usually ran out of real sources
    and made one up. (A section with no address at all is LK209.)

    **Example**: items 1-4 each with `https://…`, item 5 only `理財周刊：價值投資入門`.

    **Fix**: none; add the address or remove the item.
    """
    for section in link_sections(context):
        items = item_urls(context, section)
        if any(urls for _, urls in items):
            for line, urls in items:
                if not urls:
                    yield at_line(context.lines, line, "link item without a URL")


@rule("LK211", "link-to-file", "warning")
def link_to_file(context: Context):
    """A link-list address that is an image, archive or media file, not a page to read.

    **Why it matters**: a reading list that opens a picture or downloads a file is not a source; models put
    an image address where they had no article.

    **Example**: `https://example.com/images/value-stock.png` as the third "article".

    **Fix**: none; replace it with the page it should lead to.
    """
    for section in link_sections(context):
        for _, urls in item_urls(context, section):
            for number, start, end, url in urls:
                if FILE_URL.search(url):
                    yield Finding(number, start + 1, number, end + 1, f"link to a file, not a page: {url}")


@rule("LK212", "duplicate-link", "warning")
def duplicate_link(context: Context):
    """The same address twice in one links section.

    **Why it matters**: a five-item reading list with a repeated source has four; the model padded the list.

    **Fix**: none; replace the repeated item.
    """
    for section in link_sections(context):
        seen: dict[str, int] = {}
        for _, urls in item_urls(context, section):
            for number, start, end, url in urls:
                key = url.lower().rstrip("/")
                if key in seen:
                    yield Finding(number, start + 1, number, end + 1, f"the same address as line {seen[key]}: {url}")
                else:
                    seen[key] = number
