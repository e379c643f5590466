"""``SPDX-License-Identifier:`` tags: the author's own, exact statement.

The tag's value is a full SPDX expression ("GPL-2.0-or-later OR MIT",
"Apache-2.0 WITH LLVM-exception"), parsed by license-expression.  Deprecated
forms ("GPL-2.0+") are normalised to the current ids; unknown ids are kept
as written (license-expression keeps them as symbols) so a typo is visible
rather than silently dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..normalize import Tokens
from . import Hit

TAG = re.compile(r"SPDX-License-Identifier\s*:\s*(?P<value>[^\n\r]*)", re.IGNORECASE)
# What commonly trails the value on the same line: comment closers, quotes,
# markup, trailing punctuation.
_TRAILER = re.compile(r"(\*/|-->|\*\)|#\}|%>|\"|'|`|<[^>]*>|;|,)+.*$")


@lru_cache(maxsize=4096)
def normalise_expression(value: str) -> str | None:
    """A cleaned, normalised SPDX expression, or None when it does not parse."""
    from license_expression import ExpressionError

    from ..identify import _licensing

    value = _TRAILER.sub("", value).strip().rstrip(".")
    if not value:
        return None
    try:
        parsed = _licensing().parse(value, validate=False)
    except ExpressionError:
        return None
    except Exception:  # license-expression raises assorted errors on garbage  # noqa: BLE001
        return None
    return parsed.render() if parsed is not None else None


def match(text: str, tokens: Tokens) -> list[Hit]:
    hits: list[Hit] = []
    for m in TAG.finditer(text):
        expression = normalise_expression(m.group("value"))
        if not expression:
            continue
        qstart = int(np.searchsorted(tokens.starts, m.start()))
        qend = int(np.searchsorted(tokens.starts, m.end()))
        if qend <= qstart:
            continue
        hits.append(Hit(rule=-1, qstart=qstart, qend=qend, matched=1, length=1,
                        matcher="spdx-id", expression=expression))
    return hits
