"""A link in a list of notes or references is a citation, not a licence of the text.

Licence texts and documents cite their sources in numbered notes at the end:
a licence that says it conforms to the Debian guidelines and to the Open
Source Definition lists, under "References", one marked line per source -
"(1) http://...", "[2] http://...", "③ http://..." - and some of those
addresses are the pages of licences (the OSI page of a historical licence,
another licence's home page).  The reference data reads such an address,
alone, as naming that licence; standing as one entry of a list of notes, it
only says where the reader can look something up.

A match is such a citation when its words are one link (no white space in
the matched text, a "://" in it) and its line is one entry of a list of at
least :data:`MIN_ENTRIES` consecutive lines that each start with a note
marker (a number in brackets or parentheses, "1." / "1)", a circled or
superscript number) and hold a link.
"""

from __future__ import annotations

import re

#: A list of notes has at least this many marked lines with links, one after the other.
MIN_ENTRIES = 3
#: How many lines up and down the list is followed (a longer list is a list all the same).
MAX_LINES = 50

_MARKER = (r"(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)]|[\u2460-\u2473\u2474-\u2487\u2776-\u2793]"
           r"|[\u207d]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+[\u207e]?)")
_SPACE = re.compile(r"\s")
#: A note: comment marks, the note's marker, then a link somewhere on the line.
_ENTRY = re.compile(rf"[ \t*#/;%-]*{_MARKER}[ \t].*?(?:https?|ftp)://\S", re.IGNORECASE)


def cited(text: str, start: int, end: int) -> bool:
    """Whether the match at text[start:end] is one link, listed as a note among notes."""
    # (searched in place: the matches of long licence texts are not copied to say no)
    if _SPACE.search(text, start, end) is not None or text.find("://", start, end) < 0:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if not _is_entry(text, line_start):
        return False
    entries = 1
    up = line_start - 1  # the newline ending the line above
    for _ in range(MAX_LINES):
        if up <= 0 or entries >= MIN_ENTRIES:
            break
        begin = text.rfind("\n", 0, up) + 1
        if not _is_entry(text, begin):
            break
        entries += 1
        up = begin - 1
    down = text.find("\n", start)
    for _ in range(MAX_LINES):
        if down < 0 or entries >= MIN_ENTRIES:
            break
        if not _is_entry(text, down + 1):
            break
        entries += 1
        down = text.find("\n", down + 1)
    return entries >= MIN_ENTRIES


def _is_entry(text: str, line_start: int) -> bool:
    line_end = text.find("\n", line_start)
    return _ENTRY.match(text[line_start : line_end if line_end >= 0 else len(text)]) is not None
