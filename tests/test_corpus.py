"""The parser on all 1,439 real pages of ../shared/corpus (skipped when the corpus is absent)."""

from functools import lru_cache

import pytest

from conftest import CORPUS, requires_corpus, run_lessonkit

pytestmark = requires_corpus

# Quizzes where the model wrote fewer questions than the prompt asked for, checked by reading the pages:
# an unclosed code fence in question 4 swallows question 5 (the rendered page shows four questions).
SHORT_QUIZZES = {
    "zh-cn/AI Knowledge Hub/IT/Back-end development/Algorithm/Graph Algorithms/Shortest Path Algorithms/Floyd-Warshall Algorithm.md": 4,
    "zh-tw/AI Knowledge Hub/IT/Back-end development/Algorithm/Graph Algorithms/Shortest Path Algorithms/Floyd-Warshall Algorithm.md": 4,
}
# Questions that have no answer on the page, each read by a person: the model listed problems only
# ("答案不提供", "答案不確定", examples but no solutions) or gave an answer to the others only.
UNANSWERED = {
    "zh-cn/AI Knowledge Hub/IT/Back-end development/Algorithm/Sorting Algorithms/Heap Sort.md": [1],
    "zh-tw/AI Knowledge Hub/IT/Back-end development/Algorithm/Sorting Algorithms/Heap Sort.md": [1],
    "zh-cn/AI Knowledge Hub/IT/Back-end development/Algorithm/Sorting Algorithms/Quick Sort.md": [1, 2, 3, 4, 5],
    "zh-tw/AI Knowledge Hub/IT/Back-end development/Algorithm/Sorting Algorithms/Quick Sort.md": [1, 2, 3, 4, 5],
    "zh-cn/AI Knowledge Hub/IT/Back-end development/Algorithm/String Algorithms/Longest Increasing Subsequence.md": [1, 2, 3, 4, 5],
    "zh-tw/AI Knowledge Hub/IT/Back-end development/Algorithm/String Algorithms/Longest Increasing Subsequence.md": [1, 2, 3, 4, 5],
    "zh-cn/AI Knowledge Hub/IT/Back-end development/Data Structure/Linear Data Structures/Queue/Circular Queue.md": [1, 2, 3, 4, 5],
    "zh-tw/AI Knowledge Hub/IT/Back-end development/Data Structure/Linear Data Structures/Queue/Circular Queue.md": [1, 2, 3, 4, 5],
    "zh-cn/AI Knowledge Hub/IT/Back-end development/Data Structure/Non-linear Data Structures/Heap/Heap.md": [1, 2, 3, 4, 5],
    "zh-tw/AI Knowledge Hub/IT/Back-end development/Data Structure/Non-linear Data Structures/Heap/Heap.md": [1, 2, 3, 4, 5],
    "zh-tw/AI Knowledge Hub/IT/Cloud Architecture/Performance/Monitoring and logging/Log analysis.md": [1, 2, 3, 4, 5],
}


@lru_cache(maxsize=1)
def corpus_lessons():
    from lessonkit.parse.parser import parse_source
    from lessonkit.read.source import read_source

    pages = {}
    for path in sorted(CORPUS.rglob("*.md")):
        page = parse_source(read_source(path))
        pages[path.relative_to(CORPUS).as_posix()] = page
    return pages


def quizzes(lesson):
    return [section for section in lesson.sections if section.kind == "quiz"]


def test_every_page_parses_with_title_and_sections():
    pages = corpus_lessons()
    assert len(pages) == 1439
    for name, page in pages.items():
        assert page.problems == [], name
        assert page.lesson.front_matter.title, name
        assert page.lesson.front_matter.weight_quoted, name
        kinds = [section.kind for section in page.lesson.sections]
        assert "other" not in kinds and "quiz" in kinds, name
        assert all(section.prompt and section.response for section in page.lesson.sections), name


def test_every_quiz_question_is_found():
    total = 0
    for name, page in corpus_lessons().items():
        for section in quizzes(page.lesson):
            expected = SHORT_QUIZZES.get(name, section.prompt.requested_count)
            assert [q.number for q in section.questions] == list(range(1, expected + 1)), name
            total += len(section.questions)
    assert total == 7203


def test_answers_found_for_all_but_the_questions_a_reader_finds_unanswered():
    answered = unanswered = 0
    missing = {}
    for name, page in corpus_lessons().items():
        for section in quizzes(page.lesson):
            for question in section.questions:
                if question.answer is None:
                    missing.setdefault(name, []).append(question.number)
                    unanswered += 1
                else:
                    answered += 1
    assert missing == UNANSWERED
    assert answered / (answered + unanswered) >= 0.97


def test_answer_kinds_cover_every_shape():
    kinds = {}
    for page in corpus_lessons().values():
        for section in quizzes(page.lesson):
            for question in section.questions:
                if question.answer:
                    kinds[question.answer.kind] = kinds.get(question.answer.kind, 0) + 1
    assert set(kinds) == {"inline", "grouped", "code", "unmarked"}
    assert kinds["inline"] > 6000 and kinds["grouped"] > 700


def test_answer_and_question_lines_point_at_their_text():
    """Every question's lines hold its first words; every marked answer's line holds its marker."""
    for name, page in corpus_lessons().items():
        lines = page.source.lines
        for section in quizzes(page.lesson):
            for question in section.questions:
                first_words = question.text.split("\n")[0][:8]
                assert first_words in "\n".join(lines[question.line - 1:question.end_line]), (name, question.number)
                answer = question.answer
                if answer and answer.marker:
                    assert answer.marker.strip("*") in lines[answer.line - 1].replace("**", ""), (name, question.number)


def test_language_follows_script_not_folder():
    languages = {}
    for name, page in corpus_lessons().items():
        key = (name.split("/")[0], page.lesson.language)
        languages[key] = languages.get(key, 0) + 1
    assert languages[("english", "en")] == 465
    assert languages.get(("zh-cn", "zh-Hant"), 0) > 100  # the zh-cn tree keeps many pages in Traditional script
    assert not any(lang == "en" for (tree, lang) in languages if tree != "english")


@pytest.mark.parametrize("tree", ["english", "zh-tw"])
def test_convert_command_on_a_corpus_tree(tree):
    import json

    result = run_lessonkit("convert", str(CORPUS / tree), "--to", "jsonl")
    assert result.returncode == 0, result.stderr.decode()[:500]
    lines = result.stdout.decode().splitlines()
    assert len(lines) == len(list((CORPUS / tree).rglob("*.md")))
    assert all(json.loads(line)["front_matter"]["title"] for line in lines)
