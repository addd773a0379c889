"""`lessonkit anki` end to end: export through the real CLI, then import with the real Anki importer (the same Rust
code the desktop app uses) into a fresh collection and read the notes back."""

import json
from contextlib import contextmanager

import pytest
from conftest import CORPUS, SAMPLES, requires_corpus, run_lessonkit

anki = pytest.importorskip("anki.collection", reason="the anki package cannot be installed here")

T1, T2, T3 = 1_700_000_000, 1_700_000_100, 1_700_000_200  # note mtimes: Anki only updates on a NEWER mtime
ZH_TW = SAMPLES / "zh-tw" / "梯度下降 (Gradient Descent).md"
PROMPT = "{{< ask_chatgpt >}}\nGive me questions with answers\n{{< /ask_chatgpt >}}\n\n"


def page(*questions: str) -> str:
    return '+++\ntitle = "Page"\n+++\n## Review\n' + PROMPT + "\n\n".join(questions) + "\n"


def export(paths, out, *args, timestamp=None, rc=0):
    """Run `lessonkit anki PATHS -o OUT ARGS` and check its exit code."""
    extra = ["--timestamp", str(timestamp)] if timestamp is not None else []
    result = run_lessonkit("anki", *map(str, paths), "-o", str(out), *args, *extra)
    assert result.returncode == rc, result.stderr.decode()
    return result


@contextmanager
def collection(folder, name="collection.anki2"):
    col = anki.Collection(str(folder / name))
    try:
        yield col
    finally:
        col.close()


def import_apkg(col, path):
    request = anki.ImportAnkiPackageRequest(package_path=str(path), options=anki.ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def import_csv(col, path):
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(anki.ImportCsvRequest(path=str(path), metadata=metadata)).log


def notes(col, query=""):
    return [col.get_note(nid) for nid in col.find_notes(query)]


def deck_names(col):
    return {deck.name for deck in col.decks.all_names_and_ids()}


def lessons(*paths):
    result = run_lessonkit("convert", *map(str, paths), "--to", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def sections(lesson_list, kind):
    return [s for lesson in lesson_list for s in lesson["sections"] if s["kind"] == kind]


def answered(lesson_list):
    """Quiz questions with an answer that has some text: the notes `lessonkit anki` should export."""
    return [q for s in sections(lesson_list, "quiz") for q in s["questions"]
            if q["answer"] is not None and q["answer"]["text"].strip() != ""]


@pytest.fixture(scope="module")
def sample_lessons():
    return lessons(SAMPLES)


@pytest.fixture(scope="module")
def samples_apkg(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples") / "samples.apkg"
    export([SAMPLES], out, timestamp=T1)
    return out


# 1. samples

def test_samples_notes_decks_and_tags(tmp_path, samples_apkg, sample_lessons):
    expected = answered(sample_lessons)
    assert 0 < len(expected) < sum(len(s["questions"]) for s in sections(sample_lessons, "quiz"))  # some unanswered
    with collection(tmp_path) as col:
        log = import_apkg(col, samples_apkg)
        assert col.note_count() == len(expected) == len(log.new)
        assert deck_names(col) == {"Default", "samples", "samples::english", "samples::zh-cn", "samples::zh-tw"}
        for folder in ("english", "zh-cn", "zh-tw"):
            folder_notes = notes(col, f'"deck:samples::{folder}"')
            assert folder_notes
            for note in folder_notes:
                topic = note["Source"].split("/")[1].split(".md")[0]
                assert {"lessonkit", folder, topic.replace(" ", "_")} <= set(note.tags)
        assert set(notes(col, '"deck:samples::zh-tw"')[0].tags) == {"lessonkit", "zh-tw", "梯度下降_(Gradient_Descent)"}


def test_samples_fields_of_one_question(tmp_path, samples_apkg, sample_lessons):
    quiz = next(s for s in sections(sample_lessons, "quiz") if s["questions"][0]["text"] == "學習率設定過大時會發生什麼事？")
    options = [option["text"] for option in quiz["questions"][3]["options"]]
    assert len(options) == 4  # A-D on the page
    with collection(tmp_path) as col:
        import_apkg(col, samples_apkg)
        [note] = notes(col, '"Question:*學習率設定過大時*"')
        assert note["Question"] == "<p>學習率設定過大時會發生什麼事？</p>"
        assert note["Answer"] == "<p>參數更新會來回震盪，甚至發散。</p>"
        assert note["Options"] == ""
        assert note["Topic"] == "梯度下降"
        assert note["Source"] == "zh-tw/梯度下降 (Gradient Descent).md § 知識測驗"
        [choice] = notes(col, '"Question:*局部最小值*"')
        assert choice["Options"] == "<ol>" + "".join(f"<li><p>{text}</p></li>" for text in options) + "</ol>"
        assert choice["Answer"] == "<p>B</p>"
        card = choice.cards()[0]
        assert "list-style: upper-alpha" in card.question()  # the <ol> shows as A. B. C. D.
        assert '<div class="options"><ol><li><p>降低學習率</p></li>' in card.question()


def test_deck_option_puts_everything_in_one_deck(tmp_path, sample_lessons):
    export([SAMPLES], tmp_path / "flat.apkg", "--deck", "Flat", timestamp=T1)
    with collection(tmp_path) as col:
        import_apkg(col, tmp_path / "flat.apkg")
        assert deck_names(col) == {"Default", "Flat"}
        assert len(col.find_notes('"deck:Flat"')) == col.note_count() == len(answered(sample_lessons))


# 2. escaping

def test_html_and_math_are_escaped_and_code_kept(tmp_path):
    source = tmp_path / "escape.md"
    source.write_text(page("1. Is <script>alert(1)</script> safe?\nAnswer: No: a < b & c, and $x < y$.",
                           "2. Write a comparison.\nAnswer:\n```python\nif a < b:\n    return a & b\n```"),
                      encoding="utf-8")
    export([source], tmp_path / "escape.apkg", timestamp=T1)
    with collection(tmp_path) as col:
        import_apkg(col, tmp_path / "escape.apkg")
        first, second = sorted(notes(col), key=lambda note: note["Source"] + note["Question"])
        card = first.cards()[0]
        assert "&lt;script&gt;" in card.question() and "<script>alert" not in card.question()
        assert "<script>alert" not in card.answer()
        assert "a &lt; b &amp; c" in first["Answer"]
        assert "\\(x &lt; y\\)" in first["Answer"]
        assert "<pre><code" in second["Answer"] and "</code></pre>" in second["Answer"]
        assert "if a &lt; b:\n    return a &amp; b\n" in second["Answer"]


# 3. update in place

def two_questions(first_answer):
    return page(f"1. First?\nAnswer: {first_answer}", "2. Second?\nAnswer: Two.")


def export_and_import_twice(tmp_path, second_timestamp):
    """Export and import a page, schedule the first card, change its answer, export again and import again."""
    source, out = tmp_path / "lesson.md", tmp_path / "lesson.apkg"
    source.write_text(two_questions("Old answer."), encoding="utf-8")
    export([source], out, timestamp=T1)
    col = anki.Collection(str(tmp_path / "collection.anki2"))
    assert len(import_apkg(col, out).new) == 2
    [nid] = col.find_notes('"Question:*First*"')
    card_id = col.get_note(nid).card_ids()[0]
    col.sched.set_due_date([card_id], "5")
    source.write_text(two_questions("New answer."), encoding="utf-8")
    export([source], out, timestamp=second_timestamp)
    before = col.get_card(card_id)
    return col, nid, card_id, (before.due, before.ivl, before.type, before.queue), import_apkg(col, out)


def test_reexport_updates_in_place_and_keeps_scheduling(tmp_path):
    col, nid, card_id, scheduling, log = export_and_import_twice(tmp_path, T2)
    try:
        assert scheduling[1] > 0  # the card was really scheduled
        assert len(log.new) == 0 and nid in [note.id.nid for note in log.updated]
        assert col.note_count() == 2
        assert col.get_note(nid)["Answer"] == "<p>New answer.</p>"
        after = col.get_card(card_id)
        assert (after.due, after.ivl, after.type, after.queue) == scheduling
    finally:
        col.close()


def test_reexport_updates_only_the_changed_note(tmp_path):
    col, nid, _, _, log = export_and_import_twice(tmp_path, T2)
    try:
        assert [note.id.nid for note in log.updated] == [nid]
    finally:
        col.close()


def test_equal_timestamp_is_not_an_update(tmp_path):
    """Anki's behaviour: an EQUAL modification time is never an update, even with changed text."""
    col, nid, _, _, log = export_and_import_twice(tmp_path, T1)
    try:
        assert len(log.updated) == 0 and len(log.new) == 0
        assert col.get_note(nid)["Answer"] == "<p>Old answer.</p>"
    finally:
        col.close()


def test_renumbering_or_renaming_changes_identity(tmp_path):
    """Identity is path + question number, by design. Inserting a question at the top shifts the numbers: the
    existing notes (and their scheduling) now hold the shifted questions and the last number is a new note.
    Renaming the page gives all new notes (the old ones stay)."""
    source = tmp_path / "lesson.md"
    source.write_text(page("1. First?\nAnswer: One.", "2. Second?\nAnswer: Two."), encoding="utf-8")
    export([source], tmp_path / "a.apkg", timestamp=T1)
    source.write_text(page("1. Inserted?\nAnswer: Zero.", "2. First?\nAnswer: One.", "3. Second?\nAnswer: Two."),
                      encoding="utf-8")
    export([source], tmp_path / "b.apkg", timestamp=T2)
    source.rename(tmp_path / "renamed.md")
    export([tmp_path / "renamed.md"], tmp_path / "c.apkg", timestamp=T3)
    with collection(tmp_path) as col:
        import_apkg(col, tmp_path / "a.apkg")
        [first] = col.find_notes('"Question:*First*"')
        log = import_apkg(col, tmp_path / "b.apkg")
        assert (len(log.new), len(log.updated)) == (1, 2)
        assert col.get_note(first)["Question"] == "<p>Inserted?</p>"
        assert len(import_apkg(col, tmp_path / "c.apkg").new) == 3
        assert col.note_count() == 6


# 4. CSV

def test_csv_imports_with_the_same_guids(tmp_path, samples_apkg):
    out = tmp_path / "samples.csv"
    export([SAMPLES], out, "--format", "csv")
    assert out.read_text(encoding="utf-8").splitlines()[:7] == [
        "#separator:tab", "#html:true", "#notetype:Basic", "#columns:GUID\tDeck\tFront\tBack\tTags",
        "#guid column:1", "#deck column:2", "#tags column:5"]
    with collection(tmp_path, "apkg.anki2") as col:
        import_apkg(col, samples_apkg)
        apkg_guids = {note.guid for note in notes(col)}
    with collection(tmp_path, "csv.anki2") as col:
        log = import_csv(col, out)
        csv_notes = notes(col)
        assert len(log.new) == len(csv_notes) == len(apkg_guids)
        assert {note.guid for note in csv_notes} == apkg_guids
        assert {"samples::english", "samples::zh-cn", "samples::zh-tw"} <= deck_names(col)
        assert all(note.note_type()["name"] == "Basic" and "lessonkit" in note.tags for note in csv_notes)


# 5. options, errors, atomic output

def test_include_preview_and_keypoints(tmp_path, sample_lessons):
    extra = (sum(len(s["items"]) for s in sections(sample_lessons, "preview"))
             + sum(1 for s in sections(sample_lessons, "keypoints") if s["response"] is not None))
    assert extra > 0
    for include, expected in (("quiz,preview,keypoints", len(answered(sample_lessons)) + extra),
                              ("preview,keypoints", extra)):
        out = tmp_path / f"{include}.apkg"
        export([SAMPLES], out, "--include", include, timestamp=T1)
        with collection(tmp_path, f"{include}.anki2") as col:
            import_apkg(col, out)
            assert col.note_count() == expected, include


def test_unknown_include_is_a_usage_error(tmp_path):
    result = export([SAMPLES], tmp_path / "x.apkg", "--include", "quiz,glossary", rc=2)
    assert "glossary" in result.stderr.decode() and "--include" in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_strict_refuses_and_writes_nothing(tmp_path):
    result = export([SAMPLES], tmp_path / "x.apkg", "--strict", rc=1)
    assert "nothing was written" in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_unreadable_page_is_reported_and_the_rest_exported(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.md").write_text(page("1. Q?\nAnswer: A."), encoding="utf-8")
    (pages / "latin1.md").write_bytes(page("1. Café?\nAnswer: Oui.").encode("latin-1"))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = export([pages], out_dir / "pages.apkg", timestamp=T1, rc=2)
    assert str(pages / "latin1.md") in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    assert [p.name for p in out_dir.iterdir()] == ["pages.apkg"]
    with collection(tmp_path) as col:
        import_apkg(col, out_dir / "pages.apkg")
        assert [note["Question"] for note in notes(col)] == ["<p>Q?</p>"]


def test_output_is_written_atomically(tmp_path):
    for name, args in (("s.apkg", ()), ("s.csv", ("--format", "csv"))):
        export([SAMPLES], tmp_path / name, *args, timestamp=T1)
        export([SAMPLES], tmp_path / name, *args, timestamp=T2)  # over an existing file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.apkg", "s.csv"]  # no temporary files left


# 6. the real corpus

@requires_corpus
def test_corpus_exports_every_answered_question(tmp_path):
    out = tmp_path / "corpus.apkg"
    export([CORPUS], out, timestamp=T1)
    expected = len(answered(lessons(CORPUS)))  # 7156 at the time of writing
    with collection(tmp_path) as col:
        log = import_apkg(col, out)
        assert col.note_count() == len(log.new) == expected


@requires_corpus
def test_guids_are_unique_even_on_pages_appended_to_themselves():
    from lessonkit.export.anki import ExportSummary, cards_for, page_identity
    from lessonkit.parse.parser import parse_file

    guids = [card.guid for path in sorted(CORPUS.rglob("*.md"))
             for card in cards_for(parse_file(path), page_identity(str(path), str(CORPUS), "c", False, []),
                                   ["quiz", "preview", "keypoints"], ExportSummary())]
    assert len(guids) == len(set(guids)) > 15000  # the two File Storage pages have two quizzes each


def test_batched_package_writes_the_collection_genanki_writes(tmp_path):
    """lessonkit's Package writes the deck and note-type tables once; the collection must be row for row the one
    genanki's own Package writes (a guard for genanki upgrades)."""
    import sqlite3
    import zipfile

    import genanki
    from lessonkit.export.anki import Package, deck_id, note_model

    model, decks = note_model(), []
    for number, name in enumerate(["A", "A::B", "C"]):
        deck = genanki.Deck(deck_id(name), name)
        for item in range(3):
            deck.add_note(genanki.Note(model=model, fields=[f"q{number}{item}", "a", "", "t", "s"], guid=f"g{number}{item}"))
        decks.append(deck)

    def rows(package_class):
        path = tmp_path / f"{package_class.__module__}.apkg"
        package_class(decks).write_to_file(str(path), timestamp=T1)
        with zipfile.ZipFile(path) as package:
            package.extract("collection.anki2", tmp_path / package_class.__module__)
        with sqlite3.connect(tmp_path / package_class.__module__ / "collection.anki2") as connection:
            tables = [connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in ("col", "notes", "cards")]
        # the col row's JSON columns as Anki reads them (genanki's text repeats a key that it rewrote per deck)
        tables[0] = [tuple(json.loads(value) if isinstance(value, str) and value.startswith("{") else value
                           for value in row) for row in tables[0]]
        return tables

    assert rows(Package) == rows(genanki.Package)
