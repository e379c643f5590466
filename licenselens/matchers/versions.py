"""A licence named without a version, within a notice that states the version, is that version.

A notice names its licence more than once: "under the terms of the GNU
General Public License ... either version 3, or (at your option) any later
version.  ... See the GNU General Public License for more details"; a file's
history says "changed the GPL license header" a few lines under a GPL-2.0+
header; a licence text is titled "GNU Free Documentation License" above
"Version 1.3, 3 November 2008".  Read alone, each bare name would be "any
version" (the reference data files a GNU licence named without a version
under its first version "or later"); read where it stands, it is the licence
whose version the same notice states, and reporting it again as "any
version" adds a licence the author never gave.

The rule: a match that names a licence without any number - a name, a
reference or a notice paragraph, never a licence text - and that the data
reads as the first version "or later" is not reported when it belongs to a
notice stating a version of the same licence (the same SPDX id up to its
version: GPL, LGPL, AGPL, GFDL ...).  It belongs to that notice when at most
NOTICE_GAP_WORDS words separate them (or separate it from another bare name
already found to belong), with no copyright line and no other licence
between: a new copyright line starts the notice of another part ("The
minifind.c source is Copyright ... licensed using GPL" stays "any version").
A bare name that states licensing itself - "the Debian adaptions are under
the GNU General Public License", a "License: GPL" field - is a declaration
of its own and stays, unless the words right after it give a version ("...
as published by the Free Software Foundation; version 3."): then it declares
that version, and a match nearby that states it settles which.  A statement
of the version is a match whose words give the version's number after the
licence's name, "version" or "v" ("GPL-2.0", "GPLv2", "version 2"): "Intel
Pro Wireless 2100 GPL driver" or a section "3.2" states no version of the GPL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

from . import Hit, name_context

#: Words between a bare name and the same licence's versioned statement that
#: still make them one notice.
NOTICE_GAP_WORDS = 20
#: A word that starts the notice of another part of a work.
NEW_NOTICE_WORDS = frozenset({"copyright"})

#: Words that, inside a bare name's match or right before it, make it a
#: declaration of its own ("is under the GPL", "License: GPL").
DECLARING = name_context.LICENSING_LEADS + (("is", "under"), ("are", "under"))
FIELD_WORDS = frozenset({"license", "licence", "licenses", "licences"})

#: An SPDX id with a version: its family (the id up to the version) and major version.
_VERSIONED_ID = re.compile(r"^([A-Za-z]+(?:-[A-Za-z]+)*?)-v?(\d+)")
#: A word with its version glued on ("v2", "gplv3", "lgplv2"), or a bare number ("3", "2+").
_GLUED_VERSION = re.compile(r"[a-z]*v(\d+)\+?")
_NUMBER = re.compile(r"(\d+)\+?")
#: Words after which a bare number is a licence version ("version 2", "GPL 3").
_VERSION_LEADS = frozenset({"version", "v", "ver"}) | FIELD_WORDS


def family(symbol: str) -> tuple[str, str] | None:
    """(family, major version) of a versioned SPDX id, None for an id without a version."""
    found = _VERSIONED_ID.match(symbol)
    return (found.group(1), found.group(2)) if found else None


def any_version_ids(known: Iterable[str]) -> frozenset[str]:
    """Per family of ``known`` SPDX ids, the "<first version>-or-later" id:
    how the reference data reads a name without a version."""
    first: dict[str, tuple[tuple[int, ...], int, str]] = {}
    for symbol in known:
        if not symbol.endswith("-or-later") or not family(symbol):
            continue
        name = family(symbol)[0]
        # lowest version first; of its variants ("GFDL-1.1-invariants-or-later") the plain id
        key = (tuple(int(p) for p in re.findall(r"\d+", symbol)), len(symbol), symbol)
        if name not in first or key < first[name]:
            first[name] = key
    return frozenset(key[2] for key in first.values())


def generic_names(hits: list[Hit], symbols: Callable[[Hit], list[str]], words: list[str],
                  is_text: Callable[[Hit], bool], any_version: frozenset[str]) -> set[int]:
    """``id()`` of every hit (``hits`` in text order) that names without a
    version the licence whose version its notice states.

    ``symbols`` gives a hit's licence ids, ``is_text`` tells licence texts,
    ``any_version`` is :func:`any_version_ids` of the reference's ids.
    """

    def states(hit: Hit, name: str, major: str) -> bool:
        for i in range(hit.qstart, hit.qend):
            glued = _GLUED_VERSION.fullmatch(words[i])
            if glued and glued.group(1) == major:
                return True
            number = _NUMBER.fullmatch(words[i])
            if number and number.group(1) == major and i > hit.qstart and (
                    words[i - 1] in _VERSION_LEADS or words[i - 1] == name.lower()):
                return True
        return False

    def declares(hit: Hit) -> bool:
        inside = words[hit.qstart : hit.qend]
        return (words[hit.qstart] in FIELD_WORDS or name_context.stated(words, hit.qstart)
                or any(tuple(inside[i : i + len(lead)]) == lead for lead in DECLARING for i in range(len(inside))))

    def has_number(hit: Hit) -> bool:
        return any(c.isdigit() for w in words[hit.qstart : hit.qend] for c in w)

    def versioned_after(hit: Hit) -> bool:
        """The words right after the match give a version ("... Foundation; version 3."):
        a declaration, but of that version, which a match nearby may state."""
        after = words[hit.qend : hit.qend + 2]
        return len(after) == 2 and after[0] in _VERSION_WORDS and _NUMBER.fullmatch(after[1]) is not None

    # per hit: its family when it is a bare name, and the families whose version it states
    bare: dict[int, str] = {}
    for hit in hits:
        ids = symbols(hit)
        if (hit.rule >= 0 and len(ids) == 1 and ids[0] in any_version and not is_text(hit)
                and not has_number(hit) and (not declares(hit) or versioned_after(hit))):
            bare[id(hit)] = family(ids[0])[0]
    if not bare:
        return set()  # most texts: nothing to settle, no version to look for
    stated = [set() if id(hit) in bare else {f[0] for s in symbols(hit) if (f := family(s)) and states(hit, *f)}
              for hit in hits]

    def one_notice(a: Hit, b: Hit) -> bool:  # a before b
        return (b.qstart - a.qend <= NOTICE_GAP_WORDS
                and not NEW_NOTICE_WORDS.intersection(words[a.qend : b.qstart]))

    belongs: set[int] = set()
    changed = True
    while changed:  # a bare name next to one that belongs belongs too
        changed = False
        for i, hit in enumerate(hits):
            name = bare.get(id(hit))
            if name is None or id(hit) in belongs:
                continue
            for j in (i - 1, i + 1):  # the neighbours in text order: another licence between breaks the notice
                if not 0 <= j < len(hits):
                    continue
                other = hits[j]
                if name in stated[j] or (bare.get(id(other)) == name and id(other) in belongs):
                    if one_notice(*((other, hit) if j < i else (hit, other))):
                        belongs.add(id(hit))
                        changed = True
                        break
    return belongs


#: Words after which a number is the version of the licence just named.
_VERSION_WORDS = frozenset({"version", "v", "ver"})


def other_version(ids: list[str], words: list[str], qstart: int, qend: int) -> bool:
    """Whether a match naming a licence without a number (words[qstart:qend])
    is followed by the number of another version than its licence's.

    The reference data files some names without a number under one version
    ("Open Software License, Version" is read as OSL-3.0); in "... Open
    Software License, Version 1.1" the words name version 1.1, which that
    reading contradicts.  Only a single licence of one fixed version counts
    (an "or later" id takes later numbers), and only a number right after
    "version" or "v", inside the match or just after it - or after the
    licence's abbreviation in between ("Mozilla Public Licence (MPL) v. 2.0").
    """
    if len(ids) != 1 or ids[0].endswith(("-or-later", "+")) or not (named := family(ids[0])):
        return False
    i = qend
    if i < len(words) and words[i] == named[0].lower():  # "(MPL)" after the name
        qend = i = i + 1
    while i < len(words) and i < qend + 2 and words[i] in _VERSION_WORDS:
        i += 1
    if i >= len(words) or words[i - 1] not in _VERSION_WORDS:
        return False
    number = _NUMBER.fullmatch(words[i])
    return (number is not None and number.group(1) != named[1]
            and not any(c.isdigit() for w in words[qstart:qend] for c in w))


#: Words put into a rule's wording that may state a version of their own ("version 3 of").
INSERTED_VERSION_WORDS = 4


def inserted_version(ids: list[str], words: list[str], hit: Hit, any_version: frozenset[str]) -> bool:
    """Whether an approximate match of one licence passes over a version the
    text states inside it that is not its licence's: any version, when the
    data reads the match as "any version" (``any_version``, see
    :func:`any_version_ids`), else another major version than its own.

    "under the terms of version 3 of the GNU General Public License" holds
    the words of the notice "under the terms of the GNU General Public
    License" (GPL, any version; or a GPL-2.0 notice whose words lack the
    number) with "version 3" put in: an approximate match forgives the two
    words, and the one number that says which licence it is would be lost.
    Such a match is no match; a rule that has the number (or nothing) says
    what the text says.  A version is a number after "version" or "v", or
    glued to it ("v3", "GPLv3"), in words the text puts into the rule's
    wording (at most :data:`INSERTED_VERSION_WORDS`: a longer passage is
    text of its own, with numbers of its own).
    """
    if not hit.inserted or len(ids) != 1:
        return False
    own = None if ids[0] in any_version else family(ids[0])
    if ids[0] not in any_version and (own is None or ids[0].startswith("LicenseRef-")):
        return False  # no version to contradict (a LicenseRef's number is the data's, often a year)
    for a, b in hit.inserted:
        if b - a > INSERTED_VERSION_WORDS:
            continue
        for i in range(a, b):
            stated = _GLUED_VERSION.fullmatch(words[i]) or (
                _NUMBER.fullmatch(words[i]) if i > a and words[i - 1] in _VERSION_WORDS else None)
            if stated and (own is None or stated.group(1) != own[1]):
                return True
    return False


#: Words of "or later" between a version and "of" ("version 2 or, at your option, any later version of").
_LATER_WORDS = frozenset({"or", "any", "later", "newer", "version", "at", "your", "option"})
#: At most this many words from "version" to the "of" before the name.
_VERSION_BEFORE_WORDS = 10


def version_before(words: list[str], qstart: int) -> tuple[str, bool] | None:
    """The version stated right before a licence name starting at word
    ``qstart``, and whether "or later" goes with it: "version 3 of the",
    "version 2.1 of", "version 2 or (at your option) any later version of
    the" (the name's match may begin with "the" or "of the" itself).  None
    when the words before the name state no version."""
    end = _of_before(words, qstart)  # the "of"
    if end is None:
        return None
    for k in range(end - 2, max(-1, end - _VERSION_BEFORE_WORDS - 1), -1):
        if words[k] not in _VERSION_WORDS or not words[k + 1].isdigit():
            continue
        j = k + 1
        while j < end and words[j].isdigit() and j - k <= 3:  # "2", "1" of "2.1"
            j += 1
        rest = words[j:end]
        if rest and not (set(rest) <= _LATER_WORDS and ("later" in rest or "newer" in rest)):
            return None
        return ".".join(words[k + 1 : j]), bool(rest)
    return None


def _of_before(words: list[str], qstart: int) -> int | None:
    """Where the "of" is that joins a version to the name starting at word
    ``qstart`` ("... of the GPL", "... of GPL", or "of the" within the name's match)."""
    for at, between in ((qstart, ()), (qstart - 1, ()), (qstart - 1, ("the",)), (qstart - 2, ("the",))):
        if (0 <= at < len(words) - len(between) and words[at] == "of"
                and tuple(words[at + 1 : at + 1 + len(between)]) == between):
            return at if at >= 2 else None
    return None


def versioned_id(expression: str, version: str, or_later: bool, known: Collection[str]) -> str | None:
    """The id of ``expression``'s licence family in ``version`` ("-only" or
    "-or-later"), when ``expression`` is a single "-or-later" id (the data's
    reading of a bare name) and ``known`` has that id."""
    if not expression.endswith("-or-later") or not (named := family(expression)):
        return None
    number = version if "." in version else f"{version}.0"
    candidate = f"{named[0]}-{number}-{'or-later' if or_later else 'only'}"
    return candidate if candidate in known else None


#: The number a match's last digits belong to, read back from its end, and
#: what follows them: ".1" of "2.1" goes on, ".0" and "." do not.
_NUMBER_BEFORE = re.compile(r"(\d+(?:\.\d+)*)$")
_NUMBER_AFTER = re.compile(r"(?:\.\d+)+")
_DOTTED = re.compile(r"\d+(?:\.\d+)*")


def _version(number: str) -> tuple[int, ...]:
    parts = [int(p) for p in number.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def cut_short(ids: list[str], text: str, end: int) -> bool:
    """Whether a match of licences ``ids`` ending at character ``end`` stops
    inside a version number that none of them has: "common-licenses/LGPL-2"
    read as LGPL-2.0 in "... LGPL-2.1".  A rule whose text lacks the last
    digits of its own version ("LGPL-2" in a rule for LGPL-2.1) still names
    the version the text gives, and "2" of "2.0" is the same version."""
    if not text[end - 1 : end].isdigit():
        return False
    after = _NUMBER_AFTER.match(text, end)
    if after is None or not any(c in "123456789" for c in after.group()):
        return False
    before = _NUMBER_BEFORE.search(text, max(0, end - 16), end)
    written = _version(before.group(1) + after.group())
    versions = {_version(m.group()) for symbol in ids for m in _DOTTED.finditer(symbol)}
    return written not in versions
