"""Key/value separators in short declarations: ``license: MIT`` is not ``License (MIT``.

Matching compares words only, so punctuation never counts against a match.
That is right for licence texts and notices, but a short *declaration* is
made by its punctuation: the rule ``license: LGPL`` (a package field) says
"this is LGPL" because of the colon, while the words "License (LGPL" inside
"GNU Lesser General Public License (LGPL)" do not declare anything, and
``license = "Python"`` is not the last word of one line followed by "Python"
two lines further down.

So where a short rule's own text separates two words with ``:`` or ``=``,
the text must separate them with ``:`` or ``=`` too, on the line of the word
before it - or make the key a heading of its own, with the value below it
("License", underlined, then "MIT").
"""

from __future__ import annotations

import re

from ..normalize import Tokens
from ..reference import TEXT, Reference
from . import Hit

#: Only rules of at most this many words are declarations of this kind.
MAX_WORDS = 16
_SEPARATOR = re.compile(r"[:=]")


def _separated_gaps(ref: Reference, rule: int) -> list[int]:
    """Indices i of the rule's word gaps (between word i and i + 1) holding ``:`` or ``=``.

    Found when the index is built (see :func:`licenselens.reference.separated_gaps`):
    a list of licence names asks about a thousand rules or more, whose files
    would otherwise be opened and read here.
    """
    start, end = ref.separator_start[rule : rule + 2].tolist()
    return ref.separator_gap[start:end].tolist() if end > start else []


def agrees(ref: Reference, hit: Hit, text: str, tokens: Tokens) -> bool:
    """Whether the text keeps the key/value separators of the rule ``hit`` matched verbatim.

    Matches that are not verbatim, of licence texts or of long rules always agree.
    """
    if hit.rule < 0 or hit.length > MAX_WORDS or hit.matcher != "exact" or ref.rule_flags[hit.rule] & TEXT:
        return True
    if hit.qend - hit.qstart != hit.length:
        return True
    for gap in _separated_gaps(ref, hit.rule):
        if gap + 1 >= hit.length:
            break
        left = int(tokens.ends[hit.qstart + gap])
        right = int(tokens.starts[hit.qstart + gap + 1])
        separator = _SEPARATOR.search(text, left, right)
        if separator is not None and "\n" not in text[left : separator.start()]:
            continue
        if _doc_tag(text, int(tokens.starts[hit.qstart + gap]), left, right):
            continue
        if not _heading(text, int(tokens.starts[hit.qstart]), left, right):
            return False
    return True


_BLANKS = re.compile(r"[ \t]+")


def _doc_tag(text: str, key_start: int, left: int, right: int) -> bool:
    """Whether the key is a documentation tag (``@license MIT`` of JSDoc, PHPDoc
    and Closure), whose value follows it on its line: the ``@`` makes the
    word a field name as a colon would."""
    return key_start > 0 and text[key_start - 1] == "@" and _BLANKS.fullmatch(text, left, right) is not None


_UNDERLINE_OR_BLANK = re.compile(r"[\s=\-~_*#]*")


def _heading(text: str, start: int, left: int, right: int) -> bool:
    """Whether the key (text[start:left]) is a heading of its own line and the value
    follows on a later line, with only blank lines or a heading underline between
    ("License" / "-------" / "MIT")."""
    line_start = text.rfind("\n", 0, start) + 1
    return (not text[line_start:start].strip("#*= \t")
            and "\n" in text[left:right]
            and _UNDERLINE_OR_BLANK.fullmatch(text, left, right) is not None)
