"""lessonkit: read, lint, convert and export AI-generated Hugo lesson pages."""

__version__ = "0.1.0"


def parse_text(text, path=None):
    """Parse a lesson page held in memory into a `Lesson`."""
    from .parse.parser import parse_text as parse

    return parse(text, path)


def parse_file(path):
    """Read and parse one lesson page into a `Lesson`; raises `UnreadablePage` when it cannot be read."""
    from .parse.parser import parse_file as parse

    return parse(path)
