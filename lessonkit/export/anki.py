"""The export stage for flashcards: lessons to Anki notes that update in place (genanki for .apkg, or Anki's CSV
text-import format).

Note identity (the GUID) is built from the page's path relative to the export root and the question's section
and number, never from its text: regenerating a page with reworded answers updates the notes in Anki instead of
adding duplicates. Renaming or moving a page gives new notes; renumbering questions moves each note (and its
review history) to the question that now has its number.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

import genanki
import mistune

from ..parse.models import Lesson, Question

MODEL_ID = 1721937101  # fixed forever: changing it forks the note type in every user's collection
MODEL_NAME = "lessonkit Q&A"
FIELDS = ["Question", "Answer", "Options", "Topic", "Source"]  # frozen: adding a field forks the note type
FIELD_IDS = [7312450001, 7312450002, 7312450003, 7312450004, 7312450005]
TEMPLATE_ID = 7312450101
DECK_ID_SALT = "lessonkit deck"
CSS = """\
.card { font-family: -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans CJK TC", "PingFang SC",
        "Microsoft YaHei", sans-serif; font-size: 20px; line-height: 1.6; text-align: left; color: #222;
        background: #fff; max-width: 40em; margin: 0 auto; padding: 0 0.5em; }
.nightMode .card, .night_mode .card { color: #eee; background: #222; }
.question { font-weight: 600; }
.options ol { list-style: upper-alpha; padding-left: 1.6em; }
pre { white-space: pre-wrap; background: rgba(127,127,127,0.12); padding: 0.6em; border-radius: 4px;
      font-size: 0.8em; overflow-x: auto; }
code { font-family: "SFMono-Regular", Consolas, "Noto Sans Mono CJK SC", monospace; }
.meta { margin-top: 1.2em; font-size: 0.65em; color: #888; }
"""
FRONT = ('<div class="question">{{Question}}</div>\n{{#Options}}<div class="options">{{Options}}</div>{{/Options}}\n'
         '<div class="meta">{{Topic}}</div>')
BACK = '{{FrontSide}}\n<hr id="answer">\n<div class="answer">{{Answer}}</div>\n<div class="meta">{{Source}}</div>'
INCLUDABLE = ("quiz", "preview", "keypoints")
MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)
PLACEHOLDER = "\u0000math{}\u0000"


def note_model() -> genanki.Model:
    fields = [{"name": name, "id": field_id} for name, field_id in zip(FIELDS, FIELD_IDS)]
    templates = [{"name": "Card 1", "id": TEMPLATE_ID, "qfmt": FRONT, "afmt": BACK}]
    return genanki.Model(MODEL_ID, MODEL_NAME, fields=fields, templates=templates, css=CSS)


_markdown = mistune.create_markdown(escape=True, plugins=["strikethrough", "table"])


def render(markdown_text: str) -> str:
    """Markdown to HTML for a card: raw HTML is escaped (shows as text, never runs); $…$ and $$…$$ become Anki's
    MathJax delimiters \\(…\\) and \\[…\\] with <, > and & escaped."""
    maths: list[str] = []

    def keep(match: re.Match) -> str:
        display, inline = match.group(1), match.group(2)
        body = html.escape(display if display is not None else inline, quote=False)
        maths.append(f"\\[{body}\\]" if display is not None else f"\\({body}\\)")
        return PLACEHOLDER.format(len(maths) - 1)

    rendered = _markdown(MATH.sub(keep, markdown_text)).strip()
    for index, math in enumerate(maths):
        rendered = rendered.replace(PLACEHOLDER.format(index), math)
    return rendered


def normalize_tag(tag: str) -> str:
    """Anki splits tags on any whitespace (U+3000 too): join words with underscores."""
    return re.sub(r"\s+", "_", tag.strip())


@dataclass(frozen=True)
class PageIdentity:
    relative: str  # path relative to the export root, '/'-separated: part of every GUID
    deck: str
    tags: tuple[str, ...]
    topic: str


def page_identity(path: str, root: Optional[str], root_deck: str, flat: bool, extra_tags: Iterable[str]) -> PageIdentity:
    if root is not None:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
    else:
        relative = os.path.basename(path)
    folders = relative.split("/")[:-1]
    topic = os.path.splitext(os.path.basename(path))[0]
    deck = root_deck if flat else "::".join([root_deck, *folders])
    tags = ("lessonkit", *(normalize_tag(f) for f in folders), normalize_tag(topic), *(normalize_tag(t) for t in extra_tags))
    return PageIdentity(relative, deck, tuple(dict.fromkeys(t for t in tags if t)), topic)


@dataclass
class Card:
    guid: str
    deck: str
    fields: list[str]
    tags: tuple[str, ...]


@dataclass
class ExportSummary:
    pages: int = 0
    notes: int = 0
    skipped_questions: int = 0  # quiz questions without an answer
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) with --strict


def has_answer(question: Question) -> bool:
    """An answer with some text (a marker with nothing after it is no answer to learn from)."""
    return question.answer is not None and bool(question.answer.text.strip())


def options_html(question: Question) -> str:
    if not question.options:
        return ""
    items = "".join(f"<li>{render(option.text)}</li>" for option in question.options)
    return f"<ol>{items}</ol>"


def cards_for(lesson: Lesson, identity: PageIdentity, include: Iterable[str], summary: ExportSummary) -> list[Card]:
    """The notes of one lesson: answered quiz questions, and preview questions / key points when included."""
    include = set(include)
    title = lesson.front_matter.title or identity.topic
    cards = []
    seen: dict[str, int] = {}
    for section in lesson.sections:
        seen[section.kind] = seen.get(section.kind, 0) + 1
        # the GUID key: "quiz:3"; a second section of the same kind (a page appended to itself) gets "quiz#2:3"
        kind = section.kind if seen[section.kind] == 1 else f"{section.kind}#{seen[section.kind]}"
        make = CardMaker(identity, title, section.heading)
        if section.kind == "quiz" and "quiz" in include:
            for question in section.questions:
                if not has_answer(question):
                    summary.skipped_questions += 1
                    continue
                cards.append(make(f"{kind}:{question.number}", render(question.text), render(question.answer.text),
                                  options_html(question)))
        elif section.kind == "preview" and "preview" in include:
            for item in section.items:
                cards.append(make(f"{kind}:{item.number}", render(item.text),
                                  '<p class="think">Think about it: no model answer on the page.</p>'))
        elif section.kind == "keypoints" and "keypoints" in include and section.response is not None:
            cards.append(make(kind, html.escape(f"{section.heading}: {title}"), render(section.response.markdown)))
    return cards


@dataclass(frozen=True)
class CardMaker:
    """Cards of one section of one page."""

    identity: PageIdentity
    title: str
    heading: str

    def __call__(self, key: str, question: str, answer: str, options: str = "") -> Card:
        guid = genanki.guid_for("lessonkit", self.identity.relative, key)
        source = html.escape(f"{self.identity.relative} § {self.heading}")
        return Card(guid, self.identity.deck, [question, answer, options, html.escape(self.title), source],
                    self.identity.tags)


def deck_id(name: str) -> int:
    """A stable deck id per deck name."""
    return int(hashlib.sha1(f"{DECK_ID_SALT}:{name}".encode()).hexdigest()[:8], 16) + (1 << 32)


class StampedNote(genanki.Note):
    """A note with its own modification time: Anki updates a note on import only when the package's copy is
    newer, so notes that did not change keep the time of the export that last changed them."""

    def __init__(self, stamp: Optional[int], **kwargs):
        super().__init__(**kwargs)
        self.stamp = stamp

    def write_to_db(self, cursor, timestamp: float, deck_id, id_gen):
        super().write_to_db(cursor, self.stamp if self.stamp is not None else timestamp, deck_id, id_gen)


class Package(genanki.Package):
    """genanki's package, but the collection's deck and note-type tables are written once: genanki re-reads and
    re-writes both for every deck, which is quadratic in the number of decks (398 for the corpus: 0.5 s)."""

    def write_to_db(self, cursor, timestamp: float, id_gen) -> None:
        from genanki.apkg_col import APKG_COL
        from genanki.apkg_schema import APKG_SCHEMA

        cursor.executescript(APKG_SCHEMA)
        cursor.executescript(APKG_COL)
        decks_json, models_json = cursor.execute("SELECT decks, models FROM col").fetchone()
        decks, models = json.loads(decks_json), json.loads(models_json)
        for deck in self.decks:  # as genanki does deck by deck: the last deck's id is the note type's deck
            decks[str(deck.deck_id)] = deck.to_json()
            for note in deck.notes:
                deck.add_model(note.model)
            models.update({model.model_id: model.to_json(timestamp, deck.deck_id) for model in deck.models.values()})
        cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(decks), json.dumps(models)))
        for deck in self.decks:
            for note in deck.notes:
                note.write_to_db(cursor, timestamp, deck.deck_id, id_gen)


def previous_notes(path: str) -> dict[str, tuple[int, str, str]]:
    """GUID -> (modification time, fields, tags) of the notes in an earlier export at `path`, if any."""
    import sqlite3
    import tempfile
    import zipfile

    try:
        with zipfile.ZipFile(path) as package, tempfile.TemporaryDirectory() as folder:
            database = package.extract("collection.anki2", folder)
            with sqlite3.connect(database) as connection:
                rows = connection.execute("SELECT guid, mod, flds, tags FROM notes").fetchall()
            return {guid: (mod, fields, tags.strip()) for guid, mod, fields, tags in rows}
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.Error):
        return {}


def write_apkg(cards: list[Card], path: str, timestamp: Optional[float]) -> None:
    """Write the package; notes unchanged since the export already at `path` keep their old time."""
    from ..atomic import atomic_path

    model = note_model()
    earlier = previous_notes(path) if os.path.exists(path) else {}
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        deck = decks.setdefault(card.deck, genanki.Deck(deck_id(card.deck), card.deck))
        old = earlier.get(card.guid)
        unchanged = old is not None and old[1] == "\x1f".join(card.fields) and old[2] == " ".join(card.tags)
        deck.add_note(StampedNote(old[0] if unchanged else None, model=model, fields=card.fields,
                                  tags=list(card.tags), guid=card.guid))
    with atomic_path(path) as temporary:
        Package(list(decks.values())).write_to_file(temporary, timestamp=timestamp)


CSV_HEADER = ["#separator:tab", "#html:true", "#notetype:Basic", "#columns:GUID\tDeck\tFront\tBack\tTags",
              "#guid column:1", "#deck column:2", "#tags column:5"]


def csv_text(cards: list[Card]) -> str:
    """Anki's text-import format, for the stock Basic note type (Front: question, options and topic; Back: answer
    and source), with the same GUIDs as the .apkg."""
    stream = io.StringIO()
    stream.write("\n".join(CSV_HEADER) + "\n")
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for card in cards:
        question, answer, options, topic, source = card.fields
        front = question + (f'<div class="options">{options}</div>' if options else "") + f'<div class="meta">{topic}</div>'
        back = answer + f'<div class="meta">{source}</div>'
        writer.writerow([card.guid, card.deck, front, back, " ".join(card.tags)])
    return stream.getvalue()
