"""Rules whose findings come from a pipeline stage rather than a check: reading (LK100) and suppression
comments (LK001, LK002, found by lint/suppression.py). Registered here so they are selected, documented and
listed like every other rule."""

from __future__ import annotations

from . import engine_rule

engine_rule("LK100", "unreadable-file", "error", """
    The file cannot be read as UTF-8 text: it is binary, in another encoding, empty, or unreadable.

    **Why it matters**: Hugo and every other tool will fail on it or show garbage; nothing else in it can be
    checked. The message names the byte offset where decoding failed.

    **Example**: a page saved as UTF-16 by a Windows editor, or a PNG renamed to `.md`.

    **Fix**: none; save the file as UTF-8. lessonkit exits with status 2 after linting the other files.
""")

engine_rule("LK001", "unused-suppression", "warning", """
    A suppression comment that suppressed nothing.

    **Why it matters**: the problem it was written for is gone (or never was); the stale comment hides the next
    real one.

    **Example**: `<!-- lessonkit: disable-next-line=LK201 -->` above a question that now has an answer.

    **Fix**: none; delete the comment. Only comments for enabled rules are reported.
""")
engine_rule("LK002", "invalid-suppression", "error", """
    A `<!-- lessonkit: ... -->` comment that cannot be understood: an unknown action or rule, no rules, or an
    `enable` with no `disable` before it.

    **Why it matters**: the author meant to suppress something and nothing is suppressed.

    **Example**: `<!-- lessonkit: disabel=LK201 -->`, `<!-- lessonkit: disable=LK999 -->`.

    **Fix**: none; correct the comment (`lessonkit rules` lists codes and names).
""")
