"""Rules that check a page against its lesson profile (LK130-LK134); they run only when a profile is set."""

from __future__ import annotations

from collections import Counter
from typing import Optional

from ..analysis.glossary import fold
from ..analysis.profiles import Profile, ProfileSection
from ..parse.models import Section
from . import Context, Finding, at_line, replace, rule


def profiled_sections(context: Context) -> list[tuple[Section, Optional[ProfileSection], Optional[str]]]:
    """Each page section with the profile section its prompt fills (or whose heading it has) and the topic."""
    profile: Profile = context.profile
    key = ("profiled", id(profile))
    if key in context.page.cache:
        return context.page.cache[key]
    matched = context.page.cache[key] = []
    for section in context.page.lesson.sections:
        found = profile.match(section.prompt.text) if section.prompt else None
        if found:
            matched.append((section, found[0], found[1]))
        else:
            by_heading = next((p for p in profile.sections if fold(p.heading) == fold(section.heading)), None)
            matched.append((section, by_heading, None))
    return matched


def page_topic(context: Context) -> Optional[str]:
    """The topic most of the page's prompts name."""
    topics = Counter(topic for _, _, topic in profiled_sections(context) if topic)
    return topics.most_common(1)[0][0] if topics else None


@rule("LK130", "missing-section", "warning")
def missing_section(context: Context):
    """A section the profile requires that the page does not have.

    **Why it matters**: every lesson of the site promises the same parts (preview, explanation, key points,
    quiz); a missing one usually means a failed generation.

    **Fix**: none; regenerate the section. Reported where the section should start.
    """
    if context.profile is None:
        return
    present = {p.key for _, p, _ in profiled_sections(context) if p is not None}
    sections = context.page.lesson.sections
    for index, wanted in enumerate(context.profile.sections):
        if wanted.optional or wanted.key in present:
            continue
        later = {p.key for p in context.profile.sections[index + 1:]}
        following = next((s for s, p, _ in profiled_sections(context) if p is not None and p.key in later), None)
        line = following.line if following else (sections[-1].end_line if sections else len(context.lines))
        yield at_line(context.lines, line, f"section '{wanted.heading}' ({wanted.key}) is missing")


@rule("LK131", "unexpected-section", "info")
def unexpected_section(context: Context):
    """A section that matches no section of the profile, by prompt or by heading.

    **Why it matters**: an extra section is usually a heading the model wrote inside its answer, or a leftover
    of an older profile.

    **Fix**: none.
    """
    if context.profile is None:
        return
    for section, wanted, _ in profiled_sections(context):
        if wanted is None:
            yield at_line(context.lines, section.line, f"section '{section.heading}' is not in profile '{context.profile.name}'")


@rule("LK132", "section-order", "info")
def section_order(context: Context):
    """Sections in another order than the profile's.

    **Why it matters**: learners expect the same order on every page (preview before the quiz).

    **Fix**: none; reported at the first section that comes too early.
    """
    profile = context.profile
    if profile is None:
        return
    order = {p.key: i for i, p in enumerate(profile.sections)}
    highest = -1
    for section, wanted, _ in profiled_sections(context):
        if wanted is None:
            continue
        if order[wanted.key] < highest:
            yield at_line(context.lines, section.line, f"section '{section.heading}' comes after a section the profile puts later")
            return
        highest = order[wanted.key]


@rule("LK133", "heading-mismatch", "warning", fix="safe")
def heading_mismatch(context: Context):
    """A section whose prompt fills a profile template but whose heading is not the profile's.

    **Why it matters**: the same part of the lesson is titled differently on different pages (the corpus uses
    條列重點 and 彙總重點 for one prompt). A heading in the other script only is left to LK303.

    **Fix** (safe): writes the profile's heading.
    """
    if context.profile is None:
        return
    for section, wanted, topic in profiled_sections(context):
        if wanted is None or topic is None or fold(section.heading) == fold(wanted.heading):
            continue
        line = context.lines[section.line - 1]
        start = line.index(section.heading) + 1 if section.heading else len(line) + 1
        yield Finding(section.line, start, section.line, start + len(section.heading),
                      f"heading '{section.heading}' for the {wanted.key} prompt; the profile says '{wanted.heading}'",
                      replace(section.line, start, start + len(section.heading), wanted.heading))


@rule("LK134", "prompt-mismatch", "warning")
def prompt_mismatch(context: Context):
    """A prompt that matches no template of the profile, or that names another topic than the page's other
    prompts (a difference in letter case only is reported as info).

    **Why it matters**: the section was generated from another prompt (edited by hand, or from another page),
    so its content may not belong on this page.

    **Fix**: none.
    """
    if context.profile is None:
        return
    topic = page_topic(context)
    for section, _, section_topic in profiled_sections(context):
        if section.prompt is None:
            continue
        if section_topic is None:
            yield at_line(context.lines, section.prompt.line + (section.prompt.end_line > section.prompt.line),
                          f"prompt matches no template of profile '{context.profile.name}'")
        elif topic and section_topic != topic:
            case_only = section_topic.casefold() == topic.casefold()
            yield Finding(*prompt_span(context, section), f"prompt names the topic '{section_topic}', the page's other prompts '{topic}'",
                          severity="info" if case_only else None)


def prompt_span(context: Context, section: Section) -> tuple[int, int, int, int]:
    line = section.prompt.line + (section.prompt.end_line > section.prompt.line)
    text = context.lines[line - 1]
    start = len(text) - len(text.lstrip()) + 1
    return line, start, line, len(text.rstrip()) + 1
