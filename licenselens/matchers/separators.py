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

import functools
import os
import re

from ..normalize import WORD, Tokens
from ..reference import TEXT, Reference, data_dir
from . import Hit

#: Only rules of at most this many words are declarations of this kind.
MAX_WORDS = 16
_SEPARATOR = re.compile(r"[:=]")


@functools.lru_cache(maxsize=1)
def _rules_dir() -> str:
    return os.path.join(data_dir(), "rules")


@functools.lru_cache(maxsize=4096)
def _separated_gaps(name: str) -> tuple[int, ...]:
    """Indices i of the rule's word gaps (between word i and i + 1) holding ``:`` or ``=``.

    Read from the rule's file the first time a verbatim hit of it may be
    chosen (a list of licence names asks about a thousand rules or more),
    with a plain ``open`` of a path string: pathlib adds a third to each.
    """
    try:
        with open(os.path.join(_rules_dir(), name + ".RULE"), encoding="utf-8") as handle:
            raw = handle.read()
    except (OSError, UnicodeDecodeError):
        return ()
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        body_start = raw.find("\n", end + 4) if end >= 0 else -1
        raw = raw[body_start + 1 :] if body_start >= 0 else ""
    if ":" not in raw and "=" not in raw:
        return ()
    words = list(WORD.finditer(raw))
    return tuple(i for i, (a, b) in enumerate(zip(words, words[1:])) if _SEPARATOR.search(raw, a.end(), b.start()))


def agrees(ref: Reference, hit: Hit, text: str, tokens: Tokens) -> bool:
    """Whether the text keeps the key/value separators of the rule ``hit`` matched verbatim.

    Matches that are not verbatim, of licence texts or of long rules always agree.
    """
    if hit.rule < 0 or hit.length > MAX_WORDS or hit.matcher != "exact" or ref.rule_flags[hit.rule] & TEXT:
        return True
    if hit.qend - hit.qstart != hit.length:
        return True
    for gap in _separated_gaps(ref.rule_names[hit.rule]):
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
