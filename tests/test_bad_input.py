"""Bad input: each command names the bad file (at line:column where there is one), exits with the documented
status, never shows a traceback, keeps every diagnostic inside the file, and still processes the good page."""

import codecs
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

# A good page with one known (info) finding, so it shows up in every output: lint, convert and anki.
GOOD = ('+++\ntitle = "Good"\nweight = 1\n+++\n## Quiz\n{{< ask_chatgpt >}}\nGive me 1 question\n{{< /ask_chatgpt >}}\n'
        '\n1. Why?\nAnswer: Because.  \n')
GOOD_FINDING = (11, 17, "LK501")
HEAD = '+++\ntitle = "Bad"\nweight = 2\n+++\n'
QUIZ = "## Quiz\n{{< ask_chatgpt >}}\nGive me 1 question\n{{< /ask_chatgpt >}}\n\n1. Why?\nAnswer:\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
# LF twin for the line-ending tests: a quoted weight, a missing answer, trailing spaces, extra blank lines.
TWIN = HEAD.replace("2", '"2"') + QUIZ.replace("Give me 1", "Give me 2").replace("Answer:\n", "  \n\n\n\n2. How?\n")
SECTIONS = {"headings": "## S{n}\ntext {n}\n",
            "prompts": "## S{n}\n{{{{< ask_chatgpt >}}}}\nExplain {n}\n{{{{< /ask_chatgpt >}}}}\n\ntext {n}\n"}
ENCODINGS = {"bom-crlf": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(),
             "cr": lambda text: text.replace("\n", "\r").encode()}


def lessonkit(*args, timeout=60):
    """`python -m lessonkit` like conftest.run_lessonkit, with a time limit so a hang fails instead of stalling.
    `lint` runs with the opt-in formatting group (LK103, LK501, LK502): its findings land on every kind of line,
    which is what these tests check positions on."""
    formatting = ("--extend-select", "formatting") if args[:1] == ("lint",) else ()
    command = [sys.executable, "-m", "lessonkit", *map(str, args), *formatting]
    result = subprocess.run(command, capture_output=True, env={**os.environ, "NO_COLOR": "1"}, timeout=timeout)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")[-2000:]
    return result


def run_all(folder, out, text=True):
    """lint (JSON, and text), convert and anki on one folder, two at a time."""
    runs = {"lint": ("lint", "--no-cache", "--output-format", "json", folder),
            "convert": ("convert", folder, "--to", "jsonl"), "anki": ("anki", folder, "-o", out)}
    if text:
        runs["text"] = ("lint", "--no-cache", folder)
    with ThreadPoolExecutor(2) as pool:
        return dict(zip(runs, pool.map(lambda args: lessonkit(*args), runs.values()), strict=True))


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def line_count(path):
    try:
        return max(1, len(open(path, "rb").read().splitlines()))  # LF, CRLF and CR, as lessonkit counts them
    except OSError:
        return 1  # missing or unreadable: only line 1 exists


def diagnostics(result):
    """The JSON diagnostics of a lint run, each checked to be positioned inside its file."""
    found = json.loads(result.stdout)
    for d in found:
        lines = line_count(d["path"])
        assert 1 <= d["line"] <= d["end_line"] <= lines and d["column"] >= 1 and d["end_column"] >= 1, (d, lines)
    return found


def lessons(result):
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def exported(result):
    found = re.search(r"Exported (\d+) notes from (\d+) pages", result.stderr.decode())
    assert found, result.stderr.decode()
    return int(found[1]), int(found[2])


def symlink_loops(folder):
    os.symlink("..", write(folder / "sub" / "bad.md", GOOD.replace("Good", "Sub")).parent / "up")
    return folder / "sub" / "bad.md"


def self_link(folder):
    os.symlink("bad.md", folder / "bad.md")
    return folder / "bad.md"


def unreadable(folder):
    bad = write(folder / "bad.md", GOOD)
    bad.chmod(0)
    if os.access(bad, os.R_OK):
        pytest.skip("running as root (or with CAP_DAC_OVERRIDE): a chmod 000 file is still readable")
    return bad


def nested(folder):  # 3,000 nested list levels as a quiz answer (rendered on the Anki card)
    return write(folder / "bad.md", HEAD + QUIZ + "".join("  " * depth + "1. x\n" for depth in range(3000)))


def data(content):
    return lambda folder: write(folder / "bad.md", content)


# name, builder, exit codes of lint / convert / anki, the problem (line, column, code, message) or None
CASES = [
    ("empty", data(b""), 2, 2, 2, (1, 1, "LK100", "empty file")),
    ("front-matter-only", data(HEAD), 0, 0, 0, None),
    ("front-matter-unclosed", data(HEAD[:-4] + QUIZ), 1, 2, 2,
     (1, 1, "LK101", "TOML front matter opened here is never closed")),
    ("png", data(PNG), 2, 2, 2, (3, 1, "LK100", "binary file: NUL byte at byte offset 8")),
    ("invalid-utf8", data(HEAD.encode() + "## 小测验\n答案：".encode() + b"\xff\xfe\n"), 2, 2, 2,
     (6, 4, "LK100", "not valid UTF-8: byte 0xff at byte offset 55")),
    ("utf16-bom", data(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")), 2, 2, 2,
     (1, 1, "LK100", "file is UTF-16-encoded (byte-order mark); save it as UTF-8")),
    ("symlink-folder-loop", symlink_loops, 0, 0, 0, None),
    ("symlink-file-loop", self_link, 2, 2, 2, (1, 1, "LK100", "cannot read: Too many levels of symbolic links")),
    ("unreadable", unreadable, 2, 2, 2, (1, 1, "LK100", "cannot read: Permission denied")),
    ("nested-lists-3000", nested, 0, 0, 0, None),
]


@pytest.mark.parametrize("name, build, lint_rc, convert_rc, anki_rc, problem", CASES, ids=[c[0] for c in CASES])
def test_bad_file_next_to_good_page(tmp_path, name, build, lint_rc, convert_rc, anki_rc, problem):
    folder = tmp_path / "pages"
    good = write(folder / "good.md", GOOD)
    bad = build(folder)
    runs = run_all(folder, tmp_path / "out.apkg", text=problem is not None)
    codes = (runs["lint"].returncode, runs["convert"].returncode, runs["anki"].returncode)
    assert codes == (lint_rc, convert_rc, anki_rc)
    found = {(d["path"], d["line"], d["column"], d["code"]) for d in diagnostics(runs["lint"])}
    assert (str(good), *GOOD_FINDING) in found
    converted = [lesson["path"] for lesson in lessons(runs["convert"])]
    assert converted == sorted([str(good)] + [str(bad)] * (convert_rc == 0), key=lambda p: p.split(os.sep))
    notes, pages = exported(runs["anki"])
    assert notes >= 1 and pages == 1 + (anki_rc == 0)
    if problem is None:
        return
    line, column, code, message = problem
    assert (str(bad), line, column, code) in found
    assert f"{bad}:{line}:{column}: {code} [error] {message}" in runs["text"].stdout.decode().splitlines()
    assert f"{bad}:{line}:{column}: {code} {message}" in runs["convert"].stderr.decode().splitlines()
    assert f"{bad}:{line}:{column}: {code} {message}" in runs["anki"].stderr.decode().splitlines()


def test_path_that_does_not_exist(tmp_path):
    good, missing = write(tmp_path / "good.md", GOOD), tmp_path / "nope.md"
    lint = lessonkit("lint", "--no-cache", missing, good)
    convert = lessonkit("convert", missing, good, "--to", "jsonl")
    anki = lessonkit("anki", missing, good, "-o", tmp_path / "out.apkg")
    assert (lint.returncode, convert.returncode, anki.returncode) == (2, 2, 2)
    assert f"{missing}:1:1: LK100 [error] no such file or directory" in lint.stdout.decode().splitlines()
    assert f"{good}:11:17: LK501 [info] trailing whitespace" in lint.stdout.decode().splitlines()
    assert diagnostics(lessonkit("lint", "--no-cache", "--output-format", "json", missing, good))
    assert f"{missing}:1:1: LK100 no such file or directory" in convert.stderr.decode().splitlines()
    assert [lesson["path"] for lesson in lessons(convert)] == [str(good)]
    assert f"{missing}:1:1: LK100 no such file or directory" in anki.stderr.decode().splitlines()
    assert exported(anki) == (1, 1)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_line_endings_and_bom_like_lf_twin(tmp_path, encoding):
    twins = {"lf": TWIN.encode(), encoding: ENCODINGS[encoding](TWIN)}
    out = {}
    for key, content in twins.items():
        write(tmp_path / key / "good.md", GOOD)
        page = write(tmp_path / key / "page.md", content)
        runs = run_all(tmp_path / key, tmp_path / f"{key}.apkg", text=False)
        assert (runs["lint"].returncode, runs["convert"].returncode, runs["anki"].returncode) == (1, 0, 0)
        found = [{**d, "path": os.path.basename(d["path"])} for d in diagnostics(runs["lint"])]
        converted = [{**lesson, "path": os.path.basename(lesson["path"])} for lesson in lessons(runs["convert"])]
        fix = lessonkit("lint", "--no-cache", "--fix", page)
        assert fix.returncode == 1, fix.stdout.decode()
        out[key] = found, converted, page.read_bytes()
    assert {d["code"] for d in out["lf"][0]} >= {"LK103", "LK201", "LK501", "LK502"}
    assert out[encoding][0] == out["lf"][0]  # same diagnostics, positions and fixes
    assert out[encoding][1] == out["lf"][1]  # same JSON
    assert out["lf"][2] != TWIN.encode()  # --fix changed something ...
    assert out[encoding][2] == ENCODINGS[encoding](out["lf"][2].decode())  # ... and kept the BOM and line endings


def test_five_megabyte_page(tmp_path):
    paragraph = ("Some prose about the part, with enough words to read like a paragraph of an answer. " * 24).rstrip()
    section = SECTIONS["prompts"].replace("text {n}\n", (paragraph + "\n\n") * 5)
    text = HEAD + "".join(section.format(n=n) for n in range(500)) + "The end.  \n"
    assert 5_000_000 <= len(text) < 5_500_000
    big = write(tmp_path / "pages" / "big.md", text)
    write(tmp_path / "pages" / "good.md", GOOD)
    runs = run_all(tmp_path / "pages", tmp_path / "out.apkg", text=False)
    assert (runs["lint"].returncode, runs["convert"].returncode, runs["anki"].returncode) == (0, 0, 0)
    last = text.count("\n")
    found = {(d["path"], d["line"], d["column"], d["code"]) for d in diagnostics(runs["lint"])}
    assert {(str(big), last, 9, "LK501"), (str(tmp_path / "pages" / "good.md"), *GOOD_FINDING)} <= found
    [page, _] = lessons(runs["convert"])
    assert (page["path"], page["line_count"], len(page["sections"])) == (str(big), last + 1, 500)
    assert page["sections"][-1]["end_line"] <= last + 1
    assert exported(runs["anki"]) == (1, 2)




@pytest.mark.parametrize("shape, command", [
    ("headings", "lint"), ("headings", "convert"), ("headings", "anki"), ("prompts", "convert"), ("prompts", "anki")])
def test_twenty_thousand_sections(tmp_path, shape, command):
    page = write(tmp_path / "pages" / "many.md", HEAD + "".join(SECTIONS[shape].format(n=n) for n in range(20_000)))
    write(tmp_path / "pages" / "good.md", GOOD)
    args = {"lint": ("lint", "--no-cache", "--output-format", "json", page.parent),
            "convert": ("convert", page.parent, "--to", "jsonl"),
            "anki": ("anki", page.parent, "-o", tmp_path / "o.apkg")}
    result = lessonkit(*args[command], timeout=120)  # a hang guard: a few seconds each; quadratic code took 30-130 s
    if command == "lint":
        assert result.returncode == 0, result.stderr.decode()
        found = {(d["path"], d["line"], d["column"], d["code"]) for d in diagnostics(result)}
        assert (str(page.parent / "good.md"), *GOOD_FINDING) in found
    elif command == "convert":
        assert result.returncode == 0, result.stderr.decode()
        assert [len(lesson["sections"]) for lesson in lessons(result)] == [1, 20_000]
    else:
        assert result.returncode == 0 and exported(result) == (1, 2), result.stderr.decode()




@pytest.mark.parametrize("args, needle", [
    (("convert", "{good}", "-o", "{dir}"), "'{dir}' is a directory"),
    (("anki", "{good}", "-o", "{dir}"), "'{dir}' is a directory"),
    (("anki", "{good}", "-o", "{dir}", "--format", "csv"), "'{dir}' is a directory"),
    (("lint", "--no-cache", "{good}", "--output-file", "{dir}"), "'{dir}' is a directory"),
    (("lint", "--no-cache", "{good}", "--config", "{dir}"), "'{dir}' is a directory"),
    (("lint", "{good}", "--cache-dir", "{good}"), "'{good}' is a file"),
    (("convert", "{good}", "-o", "{dir}/missing/out.json"), "{dir}/missing"),
    (("anki", "{good}", "-o", "{dir}/missing/out.apkg"), "{dir}/missing"),
    (("lint", "--no-cache", "{good}", "--output-file", "{dir}/missing/r.json"), "{dir}/missing"),
], ids=["convert-o", "anki-o", "anki-o-csv", "lint-output-file", "lint-config", "lint-cache-dir",
        "convert-o-missing-folder", "anki-o-missing-folder", "lint-output-file-missing-folder"])
def test_directory_where_a_file_is_expected(tmp_path, args, needle):
    good, folder = write(tmp_path / "good.md", GOOD), tmp_path / "out"
    folder.mkdir()
    result = lessonkit(*(arg.format(good=good, dir=folder) for arg in args))
    assert result.returncode == 2, result.stderr.decode()
    assert needle.format(good=good, dir=folder) in result.stderr.decode()
    assert sorted(os.listdir(folder)) == []  # nothing half-written
