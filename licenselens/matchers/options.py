"""Licence names listed as options to choose from are not the text's licence.

Templates and forms list licences for the reader to pick from: an Ansible
role's ``meta/main.yml`` is generated with::

    # Some suggested licenses:
    # - BSD (default)
    # - MIT
    # - GPLv2

above its ``license:`` field, and configuration files, issue forms and
READMEs of licence pickers do the same ("Choose one of the following
licenses:", "for example:").  The names in such a list are offered, not
given: only a licence the text states for itself (the ``license:`` value)
is its licence.

A name is offered when it stands in a list item ("- MIT", "* GPLv2", after
any comment marker) and the line that introduces the list - the nearest line
above that is not an item - offers choices (it suggests, asks to choose or
select, or gives examples).
"""

from __future__ import annotations

import re

#: A list item line: comment markers, then a bullet, then the item.
_ITEM = re.compile(r"[ \t]*(?:(?:#+|//+|;+|--|%+|\*(?=\s+[-*+•]))[ \t]*)?[-*+•][ \t]+\S")
#: Words of a line that introduces choices.
_OFFERS = re.compile(r"\b(?:suggest(?:ed|ion|ions|s)?|choose|choices?|pick|select|options?|for example|e\.g\.|such as)\b",
                     re.IGNORECASE)
#: How many list items up the introducing line is looked for.
MAX_ITEMS_ABOVE = 30


def offered(text: str, start: int, end: int) -> bool:
    """Whether the licence name at text[start:end] is an item of a list of offered licences.

    Its first or its last line may be the item: a match can begin on the
    introducing line ("licenses:" above "- GPLv2" reads as a key and its
    value) or run into the line after the item ("GPLv3" + "license: MIT").
    """
    return _offered_line(text, start) or _offered_line(text, max(start, end - 1))


def _offered_line(text: str, position: int) -> bool:
    """Whether the line holding text[position] is an item of a list of offered licences."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    if not _ITEM.match(text[line_start : line_end if line_end >= 0 else len(text)]):
        return False
    end = line_start - 1  # the newline ending the line above
    for _ in range(MAX_ITEMS_ABOVE):
        if end < 0:
            return False
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if not _ITEM.match(line):
            return bool(_OFFERS.search(line))
        end = begin - 1
    return False
