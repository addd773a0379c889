"""The command line as a user runs it: convert, schema, --version, errors and exit codes."""

import json
import os

from conftest import REPO, SAMPLES, run_lessonkit

GAN = SAMPLES / "zh-cn" / "Generative Adversarial Networks (GANs).md"
GOOD = '+++\ntitle = "t"\n+++\n## Review\n{{< ask_chatgpt >}}\nq\n{{< /ask_chatgpt >}}\n\n1. Q?\nAnswer: A\n'


def test_version_and_help():
    from lessonkit import __version__

    assert run_lessonkit("--version").stdout.decode().strip() == f"lessonkit, version {__version__}"
    help_text = run_lessonkit("--help").stdout.decode()
    assert "convert" in help_text and "schema" in help_text


def test_convert_one_file_prints_one_object():
    result = run_lessonkit("convert", str(GAN))
    assert result.returncode == 0, result.stderr
    lesson = json.loads(result.stdout)
    assert lesson["front_matter"]["title"] == "Generative Adversarial Networks (GANs)"
    assert [s["kind"] for s in lesson["sections"]] == ["preview", "explain", "keypoints", "quiz"]


def test_convert_folder_prints_sorted_array_and_jsonl(tmp_path):
    result = run_lessonkit("convert", str(SAMPLES))
    lessons = json.loads(result.stdout)
    paths = [lesson["path"] for lesson in lessons]
    assert result.returncode == 0 and len(paths) == 3 and paths == sorted(paths)
    lines = run_lessonkit("convert", str(SAMPLES), "--to", "jsonl").stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == lessons


def test_convert_writes_output_file(tmp_path):
    out = tmp_path / "out.json"
    result = run_lessonkit("convert", str(GAN), "-o", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["path"] == str(GAN)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_convert_stdin_with_filename():
    result = run_lessonkit("convert", "-", "--stdin-filename", "page.md", stdin=GOOD.encode())
    lesson = json.loads(result.stdout)
    assert result.returncode == 0 and lesson["path"] == "page.md"
    assert lesson["sections"][0]["questions"][0]["answer"]["text"] == "A"


def test_bad_files_are_reported_and_the_rest_still_convert(tmp_path):
    (tmp_path / "a_good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "c_latin1.md").write_bytes("## Café\n".encode("latin-1"))
    (tmp_path / "d_empty.md").write_bytes(b"")
    (tmp_path / "e_broken.md").write_text('+++\ntitle = "a\n+++\n## Review\n', encoding="utf-8")
    (tmp_path / "z_good.md").write_text(GOOD, encoding="utf-8")
    result = run_lessonkit("convert", str(tmp_path), str(tmp_path / "missing.md"))
    assert result.returncode == 2
    assert [os.path.basename(lesson["path"]) for lesson in json.loads(result.stdout)] == ["a_good.md", "z_good.md"]
    errors = result.stderr.decode().splitlines()
    assert errors == [
        f"{tmp_path / 'missing.md'}:1:1: LK100 no such file or directory",
        f"{tmp_path / 'b_binary.md'}:3:1: LK100 binary file: NUL byte at byte offset 8",
        f"{tmp_path / 'c_latin1.md'}:1:7: LK100 not valid UTF-8: byte 0xe9 at byte offset 6",
        f"{tmp_path / 'd_empty.md'}:1:1: LK100 empty file",
        f"{tmp_path / 'e_broken.md'}:2:11: LK101 invalid TOML front matter: Unterminated string",
    ]
    assert "Traceback" not in result.stderr.decode()


def test_folder_walk_survives_symlink_loop(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.md").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    result = run_lessonkit("convert", str(tmp_path))
    assert result.returncode == 0
    assert [os.path.basename(lesson["path"]) for lesson in json.loads(result.stdout)] == ["page.md"]


def test_directory_given_with_no_pages_gives_empty_array(tmp_path):
    result = run_lessonkit("convert", str(tmp_path))
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_schema_command_matches_committed_schema():
    result = run_lessonkit("schema")
    committed = (REPO / "schemas" / "lesson.schema.json").read_text(encoding="utf-8")
    assert result.stdout.decode() == committed, "regenerate with: lessonkit schema > schemas/lesson.schema.json"


def test_converted_samples_validate_against_committed_schema():
    jsonschema = __import__("pytest").importorskip("jsonschema", reason="jsonschema not installed")
    schema = json.loads((REPO / "schemas" / "lesson.schema.json").read_text(encoding="utf-8"))
    for lesson in json.loads(run_lessonkit("convert", str(SAMPLES)).stdout):
        jsonschema.validate(lesson, schema)
