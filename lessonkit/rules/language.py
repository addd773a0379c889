"""Language rules: terminology, Simplified/Traditional consistency, regional vocabulary, answer language and CJK
punctuation (LK301-LK311). They read the page's prose (code, URLs and markup blanked out, positions kept)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterator, Optional

from ..analysis.code import unfenced_code_blocks
from ..analysis.glossary import Match, fold
from ..analysis.language import (
    dominant_script,
    located,
    majority_variant,
    term_matches,
    valid_in,
    variant_in_script,
)
from ..analysis.prose import model_text_lines, prose_lines
from ..analysis.script import (
    HAN,
    HAN_RUN,
    MINORITY_MIN,
    chinese_script,
    count_script,
    script_table,
)
from ..analysis.site import REGION_NAMES, REGION_OF_SCRIPT, SCRIPT_NAMES, expectation
from ..analysis.site import standard as page_standard
from . import Context, Finding, RunPage, RunView, at_line, replace, rule, site_check

DECISIVE_SHARE = 0.8  # a section's own script counts when this share of its script-specific characters agree
HALF_TO_FULL = {"?": "？", "!": "！", ",": "，", ":": "：", ";": "；"}
HALFWIDTH = re.compile(r"[?!,:;]")
CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9)\]]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}(?:['’-][A-Za-z]+)*")  # single letters are labels (A->B, 選項 C), not words
CHINESE_WORD_SHARE = 0.5  # Han characters / (Han + Latin words) from which text is Chinese (English prompts)
NOT_CHINESE_SHARE = 0.25  # below which text asked to be Chinese is not (product names keep Chinese text above)
ENGLISH_FUNCTION_WORDS = frozenset(
    "the an is are was were be been of to in on for with that this it as by and or can which what how why you your "
    "we will would should from at its their has have not does do there these those".split())  # English sentences, not names
MIN_WORDS = 6  # shorter texts (a name, a number) say nothing about language
LABEL = re.compile(r"^\s*(?:\d{1,3}[.)]\s*)?[^\s:：]{1,6}[:：]\s*")  # "答案：", "A:", "1. Answer:"
CODE_LIKE = re.compile(r"[{};=]|^\t|^\s{4}|\w\(|^\s*(?:def|class|public|private|return|import|from|SELECT|INSERT|UPDATE|CREATE)\b"
                       r"|^\s*(?:if|elif|else|for|while|try|except|with)\b.*:\s*$")
CJK_LATIN_BOUNDARY = r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u3400-\u4dbf\u4e00-\u9fff])"
# CJK and CJK_LATIN_BOUNDARY are compiled on first use (re caches them): pages without Chinese never pay for it


# ---- findings at glossary matches ----------------------------------------------------------------------------

def match_finding(number: int, match: Match, message: str, fix=None) -> Finding:
    return Finding(number, match.start + 1, number, match.end + 1, message, fix)


def standard(context: Context) -> tuple[Optional[str], Optional[str], bool]:
    """The script and region the page's text should follow, and whether its site declares them."""
    return page_standard(context.page, context.settings)


def line_script(line: str, fallback: str) -> str:
    """The script a line is written in: the one most of its script-specific characters belong to (even one
    decides: a word must not bring the other script into a short line), else `fallback`."""
    votes = vote(line)
    if votes["zh-Hans"] == votes["zh-Hant"]:
        return fallback
    return "zh-Hans" if votes["zh-Hans"] > votes["zh-Hant"] else "zh-Hant"


# ---- terminology -------------------------------------------------------------------------------------------

@rule("LK301", "non-preferred-term", "warning", fix="safe")
def non_preferred_term(context: Context):
    """A glossary variant the glossary says to avoid (entries in `prefer` mode).

    **Why it matters**: a site that has chosen one word for a concept should not teach another.

    **Example**: with an entry `hans = ["递归", "递回"]` in prefer mode, `递回` on a Simplified page.

    **Fix** (safe): replaces it with the preferred variant of the page's script.
    """
    script = dominant_script(context.page)
    if script not in REGION_OF_SCRIPT:
        return
    glossary = context.settings.glossary
    for number, match in term_matches(context.page, context.settings):
        preferred = glossary.preferred(match.term, script)
        if match.term.mode == "prefer" and preferred and match.text != preferred:
            yield match_finding(number, match, f"'{match.text}' ({match.term.en}): write '{preferred}'",
                                replace(number, match.start + 1, match.end + 1, preferred))


@rule("LK302", "inconsistent-term", "warning", fix="unsafe")
def inconsistent_term(context: Context):
    """One concept written with different words in one page (`consistency` entries of the glossary).

    **Why it matters**: learners take 判别器, 鉴别器 and 评估器 for three different things. Each variant that is
    not the page's word for the concept is reported, with that word and the counts. The page's word is the
    variant it uses most among those valid for its language tree's script and region (ties go to the
    glossary's order): a Taiwan word is never the target on a mainland page, a word of the other region is
    left to LK304, and a word tagged for the page's own region (函式, 偵測 on a Taiwan page) is never reported.

    **Example**: a GAN page with 判别器 ×5, 鉴别器 ×1, 评估器 ×1.

    **Fix** (unsafe: the words may differ in nuance): replaces the variant with the page's word, written in the
    script of the line it stands in.
    """
    script, region, declared = standard(context)
    if script not in REGION_OF_SCRIPT or dominant_script(context.page) != script:
        return  # not a Chinese page, or one written in the other script: LK306 reports the page once
    by_term: dict[str, list[tuple[int, Match]]] = defaultdict(list)
    for number, match in term_matches(context.page, context.settings):
        if match.term.mode == "consistency":
            by_term[match.term.id].append((number, match))
    prose = prose_lines(context.page)
    for occurrences in by_term.values():
        counts = Counter(match.key for _, match in occurrences)
        term = occurrences[0][1].term
        chosen = majority_variant(term, counts, script, region) if len(counts) > 1 else None
        if chosen is None:
            continue
        target, surface = chosen
        if counts[target] == 1:
            continue  # one of each: the page has no word for the concept yet
        tied = sum(1 for key in counts if counts[key] == counts[target] and valid_in(term, key, script, region)) > 1
        for number, match in occurrences:
            if match.key == target or not valid_in(term, match.key, script, region) or term.regions.get(match.text) == region:
                continue  # the page's word; a word of the other region (LK304's); or this region's own word
            if tied:
                message = (f"'{match.text}' for {term.en}: this page also writes '{surface}' ({counts[target]}× each); "
                           f"the glossary's first choice is '{surface}'")
            else:
                message = (f"'{match.text}' for {term.en}: this page mostly writes '{surface}' "
                           f"({counts[target]}×, '{match.text}' {counts[match.key]}×)")
            if not declared:
                message += " (no language declared for this page: judged by its majority script)"
            written = variant_in_script(term.hant if line_script(prose[number - 1], script) == "zh-Hant" else term.hans, target)
            fix = replace(number, match.start + 1, match.end + 1, written, "unsafe") if written else None
            yield match_finding(number, match, message, fix)


@site_check("LK302")
def site_inconsistent_term(run: RunView) -> Iterator[tuple[RunPage, Finding]]:
    """Variants that a page uses consistently but that go against the site's majority for its script (site
    mode): each Chinese page's script is in its summary, its variants of consistency terms in the run."""
    pages = [page for page in run.pages if page.summary.script]

    def counts_by_term(uses: list[list]) -> dict[str, Counter]:
        counts: dict[str, Counter] = defaultdict(Counter)
        for (term_id, text), count in Counter((use[0], use[1]) for use in uses).items():
            counts[term_id][fold(text)] += count
        return counts

    site_counts: dict[tuple, Counter] = defaultdict(Counter)  # (script, region, term id) -> variant counts
    for page in pages:
        for term_id, counts in counts_by_term(run.term_uses(page)).items():
            site_counts[(page.summary.script, page.summary.region, term_id)].update(counts)
    site_majorities: dict[tuple, Optional[tuple[str, str]]] = {}
    for page in pages:
        script, region, uses = page.summary.script, page.summary.region, run.term_uses(page)
        terms, reported = run.settings(page).glossary.terms, {}  # term id -> the page's majority, where the site's differs
        for term_id, counts in counts_by_term(uses).items():
            term = terms[term_id]
            site = (script, region, term_id, id(term))  # a term of this page's glossary
            if site not in site_majorities:
                site_majorities[site] = majority_variant(term, site_counts[site[:3]], script, region)
            page_majority = majority_variant(term, counts, script, region)
            if page_majority and site_majorities[site] and page_majority[0] != site_majorities[site][0]:
                reported[term_id] = page_majority[0]
        for term_id, text, line, start, end in uses if reported else ():
            key = fold(text)
            if key != reported.get(term_id):
                continue  # the site's majority, or a minority variant of the page (the page-level check reports it)
            term, counts = terms[term_id], site_counts[(script, region, term_id)]
            site_majority, surface = site_majorities[(script, region, term_id, id(term))]
            message = (f"'{text}' for {term.en}: the site's {script} pages mostly write '{surface}' "
                       f"({counts[site_majority]}×, '{text}' {counts[key]}×)")
            yield page, match_finding(line, Match(term, text, start, end), message,
                                      replace(line, start + 1, end + 1, surface, "unsafe"))


@rule("LK304", "regional-term", "info")
def regional_term(context: Context):
    """A Taiwan-usage word on a Simplified page, or a mainland-usage word on a Traditional page (once per term).

    **Why it matters**: readers of a mainland site stumble over 软体, 演算法, 物件; Taiwan readers over 軟件,
    算法, 對象. The region tags come from the hand-curated glossary, never from raw conversion tables (程序 and
    文件 mean different things in the two regions).

    **Fix**: none (the right word depends on the sentence); the message names the usual word. Reported once
    per page and term, at its first use, with the number of uses. The region is the language tree's; a page
    written in the other script is LK306's.
    """
    script = dominant_script(context.page)
    expected, region, _ = standard(context)
    if region not in ("mainland", "taiwan") or script != expected:
        return  # not a Chinese page, or one written in the other script: LK306 reports the page once
    found: dict[str, list[tuple[int, Match]]] = {}  # term id -> its other-region variants, in page order
    for number, match in term_matches(context.page, context.settings):
        tagged = match.term.regions.get(match.text)
        if tagged and tagged != region:
            found.setdefault(match.term.id, []).append((number, match))
    for uses in found.values():
        number, match = uses[0]
        term, tagged = match.term, match.term.regions[match.text]
        variants = term.hant if script == "zh-Hant" else term.hans
        usual = next((v for v in variants if term.regions.get(v, region) == region), None)
        written = "', '".join(dict.fromkeys(m.text for _, m in uses))
        times = f", {len(uses)}× on this page" if len(uses) > 1 else ""
        suggestion = f"; {REGION_NAMES[region]} pages usually write '{usual}'" if usual else ""
        yield match_finding(number, match, f"'{written}' ({term.en}) is {REGION_NAMES[tagged]} usage{times}{suggestion}")


# ---- scripts -----------------------------------------------------------------------------------------------

def vote(text: str) -> Counter:
    table = script_table()
    return Counter({"zh-Hans": len(table.simplified.findall(text)), "zh-Hant": len(table.traditional.findall(text))})


def decided(votes: Counter, fallback: Optional[str]) -> Optional[str]:
    """The script most characters agree on, when they agree decisively; otherwise `fallback`."""
    total = votes["zh-Hans"] + votes["zh-Hant"]
    if total < MINORITY_MIN:
        return fallback
    winner = "zh-Hans" if votes["zh-Hans"] >= votes["zh-Hant"] else "zh-Hant"
    return winner if votes[winner] >= DECISIVE_SHARE * total else fallback


def minority_runs(text: str, expected: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of characters of the script other than `expected`, joined across the Han
    characters between them that are not `expected`-only. (One regular expression says the same, but it holds
    the script table's large character classes three times and takes 8 ms to compile.)"""
    table = script_table()
    minority, majority = (table.traditional, table.simplified) if expected == "zh-Hans" else (table.simplified, table.traditional)
    run: Optional[list[int]] = None  # [start, end] of the run being built
    for found in minority.finditer(text):
        gap = text[run[1]:found.start()] if run else ""
        if run and (not gap or HAN_RUN.fullmatch(gap) and not majority.search(gap)):
            run[1] = found.end()
            continue
        if run:
            yield run[0], run[1]
        run = [found.start(), found.end()]
    if run:
        yield run[0], run[1]


@rule("LK303", "mixed-script", "warning")
def mixed_script(context: Context):
    """Simplified-only characters on a Traditional page or section, or the reverse, at their exact positions.

    **Why it matters**: a page that switches script mid-sentence looks broken to every reader; it usually comes
    from machine conversion that missed parts (headings, prompts, an answer). Characters both scripts use, and
    one-to-many ones (后, 干, 里, 台 ...), never count. The script is the one the page's language tree declares
    (its majority only where nothing declares one); a whole section in the other script is reported once, at
    its heading, and a page written in the other script is LK306's (once per page), never reported line by line.

    **Fix**: none; convert the text (e.g. with OpenCC) and review it.
    """
    page, prose = context.page, prose_lines(context.page)
    counts = context.page.counts
    written = decided(Counter({"zh-Hans": counts.simplified, "zh-Hant": counts.traditional}), None) \
        or dominant_script(context.page)
    page_script = standard(context)[0]
    if page_script not in REGION_OF_SCRIPT or written != page_script:
        return  # not a Chinese page, or one written in the other script: LK306 reports the page once
    sections = [(s.line, s.end_line, s.heading) for s in page.lesson.sections]
    covered = {number for first, last, _ in sections for number in range(first, last + 1)}
    outside = [(n, n, None) for n in range(page.body_start + 1, len(prose) + 1) if n not in covered]
    for first, last, heading in sections + outside:
        text = "\n".join(prose[first - 1:last])
        section_script = decided(vote(text), page_script) if heading else page_script
        if section_script != page_script:  # one finding for the whole section, at its heading
            yield at_line(context.lines, first, f"section '{heading}' is written in {SCRIPT_NAMES[section_script]} "
                                                f"script on a {SCRIPT_NAMES[page_script]} page")
            continue
        other = "zh-Hans" if section_script == "zh-Hant" else "zh-Hant"
        runs = ((start, end, text[start:end]) for start, end in minority_runs(text, section_script))
        for number, start, end, chars in located(prose[first - 1:last], runs):
            line = first + number - 1
            yield Finding(line, start + 1, line, end + 1,
                          f"{SCRIPT_NAMES[other]} characters '{chars}' in {SCRIPT_NAMES[section_script]} text")


@rule("LK306", "page-language-mismatch", "warning")
def page_language_mismatch(context: Context):
    """A page whose script or language is not the one its site section is in.

    **Why it matters**: a Traditional page in a Simplified site (the corpus's zh-cn tree has hundreds) reads as
    a mistake to every visitor. The expected language comes from front matter (`lang` / `language`), the
    configuration (`language`), or the Hugo content folder (`zh-cn`, `zh-hans` -> Simplified; `zh-tw`, `zh-hk`,
    `zh-hant` -> Traditional; `en`, `english` -> English). One finding per page, on its first line.

    **Fix**: none; convert or regenerate the page.
    """
    expected = expectation(context.page, context.settings)
    actual = dominant_script(context.page)
    if expected.language is None or actual is None or actual == expected.language:
        return
    yield at_line(context.lines, 1, f"page is in {SCRIPT_NAMES[actual]} but {expected.reason} ({SCRIPT_NAMES[expected.language]})")


# ---- answer language ---------------------------------------------------------------------------------------

def natural_language(lines: list[str]) -> str:
    """The lines that are sentences, not unfenced code (a leading label such as 答案： does not count)."""
    kept = []
    for line in lines:
        if HAN.search(line):
            label = LABEL.match(line)
            text = line[label.end():] if label else line
            if HAN.search(text) or not CODE_LIKE.search(text):
                kept.append(text)
        elif not CODE_LIKE.search(line) and len(LATIN_WORD.findall(line)) >= 3:
            kept.append(line)
    return "\n".join(kept)


def language_problem(requested: str, lines: list[str], check_script: bool = True,
                     basis: str = "the prompt asks for") -> Optional[str]:
    """Why the text of `lines` is not in the `requested` language, or None.

    Chinese share = Han characters / (Han characters + Latin words): a Chinese sentence full of English terms
    (`什麼是Sigmoid Activation Function?`) stays Chinese, an English sentence with one Chinese name stays English.
    """
    text = natural_language(lines)
    han = sum(map(len, HAN_RUN.findall(text)))
    words = LATIN_WORD.findall(text)
    if han + len(words) < MIN_WORDS:
        return None
    share = han / (han + len(words))
    if requested == "en":
        return f"{basis} English but it is {share:.0%} Chinese" if share >= CHINESE_WORD_SHARE else None
    if share < NOT_CHINESE_SHARE:
        english = sum(1 for word in words if word.lower() in ENGLISH_FUNCTION_WORDS)
        return f"{basis} Chinese but it is only {share:.0%} Chinese" if english >= 3 else None
    if not check_script or requested not in REGION_OF_SCRIPT:
        return None
    counts = count_script(text)
    script = chinese_script(counts)
    specific = counts.simplified + counts.traditional
    if script in REGION_OF_SCRIPT and script != requested and specific >= MINORITY_MIN:
        majority = max(counts.simplified, counts.traditional) / specific
        return (f"the prompt is in {SCRIPT_NAMES[requested]} script but the text is {SCRIPT_NAMES[script]} "
                f"({majority:.0%} of script-specific characters)")
    return None


@rule("LK305", "answer-language-mismatch", "error")
def answer_language_mismatch(context: Context):
    """A response, or a quiz answer, in another language than its page should be in.

    **Why it matters**: a Chinese lesson teaches in Chinese; an answer in English (or preview questions in
    English on a Taiwan page) leaves the learner with the wrong lesson. The language is the one the page's
    language tree declares, whether or not the prompt names one; where nothing declares it, the one the prompt
    asks for (以中文, in English), and then the page's majority, said in the message. Reported at the response's
    first line (or, for one answer in English among Chinese ones, the answer's) with the measured share of
    Chinese. Where the site declares the script, a response in the other script is LK303's (once per section)
    and a prompt in the wrong script is never a reason to flag a correct answer.

    **Example**: `以中文給我5題…` answered with `Answer: It keeps a moving average…`.

    **Fix**: none; regenerate the answer.
    """
    expected = expectation(context.page, context.settings)
    prose = list(prose_lines(context.page))
    for start, end, _ in unfenced_code_blocks(context.page):  # code without a fence is LK126's, not English
        prose[start - 1:end - 1] = [""] * (end - start)
    for section in context.page.lesson.sections:
        if section.prompt is None or section.response is None:
            continue
        if expected.language:
            requested, check_script, basis, note = expected.language, False, "the page should be", f" ({expected.reason})"
        elif section.prompt.language:
            requested, check_script, basis, note = section.prompt.language, True, "the prompt asks for", ""
        else:
            requested, check_script, basis = dominant_script(context.page), False, "the page is mostly"
            note = " (no language declared for this page: judged by its majority)"
        if requested not in ("zh-Hans", "zh-Hant", "zh", "en"):
            continue
        problem = language_problem(requested, prose[section.response.line - 1:section.response.end_line], check_script, basis)
        if problem:
            yield at_line(context.lines, section.response.line, f"response: {problem}{note}")
            continue
        for question in section.questions:
            answer = question.answer
            if answer is not None:
                problem = language_problem(requested, prose[answer.line - 1:answer.end_line], False, basis)
                if problem:
                    yield at_line(context.lines, answer.line, f"answer to question {question.number}: {problem}{note}")


# ---- punctuation and spacing -------------------------------------------------------------------------------

def halfwidth_in_chinese(line: str, index: int) -> bool:
    """Is the half-width mark at `index` inside Chinese text?"""
    before = line[index - 1] if index else ""
    after = line[index + 1:].lstrip(" ")
    if line[index] == "!" and (after.startswith("[") or line[index + 1:index + 2].isascii() and line[index + 1:index + 2].isalpha()
                               or line[index + 1:index + 2] == "="):
        return False  # a markdown image, or code: `!important`, `!=`
    if before and re.match(CJK, before):
        return True
    if before and LATIN_OR_DIGIT.match(before) and HAN.search(line[:index]):
        return bool(after and HAN.match(after[0])) or (not after and line[index] != ",")
    return False


@rule("LK310", "halfwidth-punctuation", "warning", fix="safe")
def halfwidth_punctuation(context: Context):
    """Half-width `?`, `!`, `,`, `:` or `;` inside Chinese text, including after a Latin word (`什麼是Docker?`)
    and in answer markers (`答案:`).

    **Why it matters**: Chinese typography uses full-width marks; half-width ones look cramped and mark the text
    as machine-made. Punctuation in code, URLs, English text and prompts (the record of what was sent) is left
    alone.

    **Fix** (safe): replaces the mark with its full-width form (？！，：；).
    """
    for number, line in enumerate(model_text_lines(context.page), 1):
        if not HAN.search(line):
            continue
        for found in HALFWIDTH.finditer(line):
            index = found.start()
            if halfwidth_in_chinese(line, index):
                mark = found[0]
                yield Finding(number, index + 1, number, index + 2, f"half-width '{mark}' in Chinese text; use '{HALF_TO_FULL[mark]}'",
                              replace(number, index + 1, index + 2, HALF_TO_FULL[mark]))


@rule("LK311", "cjk-latin-spacing", "info", default_enabled=False, fix="safe")
def cjk_latin_spacing(context: Context):
    """No space between Chinese characters and Latin letters or digits (`使用Python训练` instead of
    `使用 Python 训练`).

    **Why it matters**: many style guides (and sites) want the space for readability; others do not, so the rule
    is off by default (`extend-select = ["LK311"]`).

    **Fix** (safe): inserts one space.
    """
    for number, line in enumerate(model_text_lines(context.page), 1):
        if not HAN.search(line):
            continue
        for found in re.finditer(CJK_LATIN_BOUNDARY, line):
            column = found.start() + 1
            yield Finding(number, column - 1, number, column + 1, "no space between Chinese and Latin text",
                          replace(number, column, column, " "))
