"""The lesson model: the JSON contract of `lessonkit convert` and the input of every rule and exporter.

All line numbers are 1-based lines of the original file, front matter included.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["zh-Hans", "zh-Hant", "en", "mixed", "unknown"]
SectionKind = Literal["preview", "explain", "keypoints", "quiz", "links", "other"]
AnswerKind = Literal["inline", "grouped", "code", "unmarked"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class FrontMatter(Model):
    """The metadata block at the top of the page."""

    format: Optional[Literal["toml", "yaml", "json"]] = Field(description="Delimiter style, or null when absent.")
    title: Optional[str] = None
    weight: Optional[int] = Field(None, description="Integer weight; a quoted digit string is read as its number.")
    weight_quoted: bool = Field(False, description="True when the weight was written as a quoted string.")
    data: dict[str, Any] = Field(default_factory=dict, description="Every key of the block as parsed.")
    line: Optional[int] = Field(None, description="Line of the opening delimiter.")
    end_line: Optional[int] = Field(None, description="Line of the closing delimiter.")


class Shortcode(Model):
    """One Hugo shortcode tag pair such as {{< ask_chatgpt >}}...{{< /ask_chatgpt >}}."""

    name: str
    delimiter: Literal["<", "%"] = Field(description="'<' for {{< >}}, '%' for {{% %}}.")
    line: int
    column: int = Field(description="1-based column (code points) of the opening '{{'.")
    end_line: Optional[int] = Field(None, description="Line of the closing tag, or null when never closed.")
    end_column: Optional[int] = Field(None, description="Column just past the closing tag's '}}'.")
    self_closing: bool = False
    closing_only: bool = Field(False, description="A closing tag with no opening tag before it.")


class Prompt(Model):
    """The prompt that was sent to the model, taken from the prompt shortcode."""

    text: str
    line: int
    end_line: int
    requested_count: Optional[int] = Field(None, description="How many items the prompt asks for, if it says.")
    language: Optional[Literal["zh", "zh-Hans", "zh-Hant", "en"]] = Field(
        None, description="The language the prompt asks the answer to be in ('zh' when the script is unclear)."
    )


class Response(Model):
    """The model's answer: the markdown after the prompt, up to the next section."""

    markdown: str
    line: int
    end_line: int


class Item(Model):
    """A top-level numbered item of a response."""

    number: int
    text: str
    line: int


class Option(Model):
    """A multiple-choice option such as 'B. Gradient descent'."""

    label: str
    text: str
    line: int


class Answer(Model):
    text: str = Field(description="The answer with its marker stripped; empty when the marker stands alone.")
    line: int
    end_line: int
    marker: Optional[str] = Field(None, description="The literal marker, e.g. '答案：', or null.")
    kind: AnswerKind


class Question(Model):
    number: int
    text: str
    line: int
    end_line: int
    options: list[Option] = Field(default_factory=list)
    answer: Optional[Answer] = None


class Section(Model):
    kind: SectionKind
    heading: str
    line: int
    end_line: int
    prompt: Optional[Prompt] = None
    response: Optional[Response] = None
    items: list[Item] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list, description="Quiz sections only.")


class Lesson(Model):
    path: Optional[str] = None
    front_matter: FrontMatter
    language: Language
    sections: list[Section] = Field(default_factory=list)
    shortcodes: list[Shortcode] = Field(default_factory=list)
    line_count: int = 0
