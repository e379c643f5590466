"""A licence name inside a program's message is a word of that message, not the program's licence.

Source code prints menus, prompts and errors: ``puts(_("add a new BSD
partition"))`` in a disk partitioner, ``cout << "Cannot find the GPL
license files!"`` in an installer.  The words of a licence name occur there
("new BSD" is also the name of BSD-3-Clause), but a string handed to a
function or written to an output stream is what the program says to its
user: a message about partitions or missing files names a licence as its
subject, it does not license the code.

The rule: a licence *name* (the caller decides which matches are names)
inside a longer string literal (the quotes open before it and close after
it on its line) that is an argument of a function call or is written with
``<<`` is not a licence when the rest of the literal says nothing about
licensing (no licence word - "licensed", "copyright", "redistribute" ... -
other than the "license" of the name itself).  A message that does speak
of licensing ("printf("This program is licensed under the GPL")") keeps
its name, and so does a string assigned to a key (``description = "..."``,
``"license": "..."``): that is a declaration, not a message.  Whole
literals that are only a name are data handed to code, settled elsewhere
(``identify._code_argument``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

_QUOTES = "'\"`"
_IDENTIFIER_END = re.compile(r"[\w$]$")
_WORD = re.compile(r"[^\W_]+")
#: Words that are part of a licence's name ("GPL license", "Public License"): inside
#: the name they do not make the message speak of licensing.
NAME_WORDS = frozenset({"license", "licence", "licenses", "licences"})
#: Lines are read from their start up to the name: a longer prefix (minified code,
#: a paragraph on one line) is not looked into.
MAX_PREFIX_CHARS = 200


def in_message(text: str, start: int, end: int, licence_words: Collection[str]) -> bool:
    """Whether the name at text[start:end] lies inside a string handed to code
    whose other words (lower-cased) hold none of ``licence_words``."""
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > MAX_PREFIX_CHARS:
        return False
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    opening = _opening_quote(text, line_start, start)
    if opening is None:
        return False
    quote = text[opening]
    closing = _closing_quote(text, end, line_end, quote)
    if closing is None or (opening + 1 == start and closing == end):
        return False
    around = _WORD.findall(text, opening + 1, start) + _WORD.findall(text, end, closing)
    words = {w.lower() for w in around} | ({w.lower() for w in _WORD.findall(text, start, end)} - NAME_WORDS)
    if not words.isdisjoint(licence_words):
        return False
    return _call_argument(text, line_start, opening)


def _opening_quote(text: str, line_start: int, start: int) -> int | None:
    """Where the string literal holding text[start] opens on its line, if it is in one."""
    opening = None
    i = line_start
    while i < start:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if opening is None and c in _QUOTES:
            opening = i
        elif opening is not None and c == text[opening]:
            opening = None
        i += 1
    return opening


def _closing_quote(text: str, end: int, line_end: int, quote: str) -> int | None:
    i = end
    while i < line_end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i
        i += 1
    return None


def _call_argument(text: str, line_start: int, opening: int) -> bool:
    """Whether the literal opening at ``opening`` is written to a stream (``<<``) or is
    an argument of a call on its line (:func:`in_call`)."""
    return text[line_start:opening].rstrip().endswith("<<") or in_call(text, line_start, opening)


def in_call(text: str, line_start: int, opening: int) -> bool:
    """Whether the literal opening at ``opening`` is an argument of a call on its
    line: inside the parentheses after a name, with no assignment or key before
    it there."""
    depth = 0
    for i in range(opening - 1, line_start - 1, -1):
        c = text[i]
        if c in ")]}":
            depth += 1
        elif c in "([{":
            if depth:
                depth -= 1
                continue
            return c == "(" and bool(_IDENTIFIER_END.search(text, line_start, i))
        elif depth == 0 and c in "=:":
            return False
    return False
