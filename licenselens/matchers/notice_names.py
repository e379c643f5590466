"""A notice that names its licence is not matched by a notice naming another one.

Many licences share the wording of their notices: "The contents of this file
are subject to the <name> (the "License"); you may not use this file except
in compliance with the License ..." is the notice of the Mozilla, Erlang,
eCos and a dozen other public licences, word for word but for the name.  An
approximate match forgives a few changed words, and so it can read the
Erlang notice as the eCos one: 94 % of the words agree, and the only words
that differ are the ones that say which licence it is.

The rule: an approximate match of a notice (or of a reference to a licence,
which the data tells apart from notices by length more than by kind) whose
own words name its licence
- every distinctive word of the licence's name, its words other than the
generic ones every licence name is made of ("public", "license",
"version", "GNU" ...) - is not a match when the text it covers has none of
those words.  The text then names another licence in the same wording, and
that one (or nothing) is what it says.  Verbatim matches, licence texts and
rules that do not name their licence in full are left alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..normalize import WORD, fold
from ..reference import NOTICE, REFERENCE, TEXT, Reference, _front_matter, data_dir
from . import Hit

#: Words of licence names that do not tell one licence from another.
GENERIC_NAME_WORDS = frozenset(
    "the a an of and or for with by to in only later any version v license licence licenses licences "
    "public general lesser library libraries software open source free documentation agreement terms "
    "conditions notice gnu exception clause style new revised simplified modified original variant "
    "common community development distribution foundation project".split())


@functools.lru_cache(maxsize=4096)
def _rule_sequence(name: str) -> tuple[str, ...]:
    """Folded words of the rule ``name`` as installed, in order (empty if unreadable)."""
    try:
        raw = (data_dir() / "rules" / f"{name}.RULE").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    return tuple(fold(m.group().lower()) for m in WORD.finditer(_front_matter(raw)[1]))


@functools.lru_cache(maxsize=4096)
def _rule_words(name: str) -> frozenset[str]:
    """Folded words of the rule ``name`` as installed (empty if unreadable)."""
    return frozenset(_rule_sequence(name))


@functools.lru_cache(maxsize=4096)
def _distinctive(ref: Reference, expression: str) -> frozenset[str]:
    """Distinctive folded words of the name of the one licence ``expression`` is
    (empty for a combination of licences or an unknown id)."""
    info = ref.license(expression)
    if info is None:
        return frozenset()
    return frozenset(w for m in WORD.finditer(info.name)
                     if len(w := fold(m.group().lower())) > 1 and w not in GENERIC_NAME_WORDS
                     and not any(c.isdigit() for c in w))


#: What joins the licences of an expression.
_OPERATORS = re.compile(r"\s+(?:AND|OR|WITH)\s+|[()]")


def names_another(ref: Reference, hit: Hit, expression: str, words: list[str]) -> bool:
    """Whether ``hit``, an approximate match of a notice that names its
    licence, covers text that has none of that name's distinctive words.

    A notice of several licences ("either of the licenses found in
    LICENSE.APACHE or LICENSE.BSD") names each: when the text it covers
    lacks every distinctive word of one of them ("... LICENSE.APACHE2 or
    LICENSE.MIT"), it offers another licence in the same words."""
    if hit.rule < 0 or hit.matcher != "approximate" or hit.coverage >= 1.0:
        return False
    flags = ref.rule_flags[hit.rule]
    if not flags & (NOTICE | REFERENCE) or flags & TEXT:
        return False
    rule_words = _rule_words(ref.rule_names[hit.rule])
    covered = None
    for symbol in filter(None, _OPERATORS.split(expression)):
        distinctive = _distinctive(ref, symbol)
        if distinctive and distinctive <= rule_words:
            if covered is None:
                covered = frozenset(map(fold, words[hit.qstart : hit.qend]))
            if distinctive.isdisjoint(covered):
                return True
    return False


#: The word before "General Public License" that makes the GNU licence
#: another one: the Lesser (once Library) GPL, the Affero GPL.
_GNU_VARIANTS = {"lesser": "LGPL", "library": "LGPL", "affero": "AGPL"}
_GNU_FAMILIES = ("GPL", "LGPL", "AGPL")
#: Words shortly before a licence's name that grant under it ("under the terms of the").
_GRANTING = frozenset({"under", "terms"})
GRANT_WINDOW = 6


def _gnu_family(symbol: str) -> str | None:
    family = symbol.split("-", 1)[0]
    return family if family in _GNU_FAMILIES and "-" in symbol else None


def _gnu_names(words: Sequence[str]) -> tuple[str | None, list[str]]:
    """The GNU licence ``words`` grant ("under the terms of the GNU Lesser
    General Public License": the first name shortly after a word that
    grants), or None, and every GNU licence they name, in order."""
    named = [(i, _GNU_VARIANTS.get(words[i - 1], "GPL") if i else "GPL")
             for i in range(len(words) - 1) if words[i] == "general" and words[i + 1] == "public"]
    granted = [name for i, name in named if _GRANTING.intersection(words[max(0, i - GRANT_WINDOW) : i])]
    return (granted[0] if granted else None), [name for _, name in named]


def names_other_gnu_licence(ref: Reference, hit: Hit, symbols: list[str], words: list[str]) -> bool:
    """Whether ``hit``, an approximate match of a notice or reference of one
    GNU licence (GPL, LGPL or AGPL), covers text granting another one than
    its rule grants: "under the terms of the GNU Lesser General Public
    License" read by a GPL notice that differs from it by that one word, or
    the reverse.  A text that grants none (a disclaimer) is another licence
    when every GNU licence it names is.  The generic words of
    :func:`names_another` cannot tell these apart.  Licence texts, which name
    their siblings ("the ordinary GNU General Public License"), and verbatim
    matches, whose rule says the same, are left alone."""
    if hit.rule < 0 or hit.matcher != "approximate" or ref.rule_flags[hit.rule] & TEXT:
        return False
    families = {_gnu_family(s) for s in symbols}
    if len(families) != 1 or None in families:
        return False
    family = families.pop()
    granted, named = _gnu_names(words[hit.qstart : hit.qend])
    if granted is not None:
        rule_granted, _ = _gnu_names(_rule_sequence(ref.rule_names[hit.rule]))
        return granted != (rule_granted or family)
    return bool(named) and family not in named
