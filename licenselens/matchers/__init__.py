"""Matchers: each finds candidate matches of reference rules in a token sequence.

They run as an ordered chain (see :mod:`licenselens.identify`): explicit
``SPDX-License-Identifier`` tags first, because they are the author's own
words and leave nothing to guess; then word k-gram matching against every
reference text and rule, exact and approximate.  Each matcher returns
:class:`Hit` objects; the identify stage chooses among them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Hit(NamedTuple):
    """A candidate: reference rule ``rule`` found at query tokens [qstart, qend).

    Immutable.  A named tuple rather than a frozen dataclass: the matchers
    make dozens to hundreds per text, and a frozen dataclass takes four
    times as long to build (it sets each field through object.__setattr__).
    """

    rule: int  # index of the rule in the reference, -1 for an SPDX tag
    qstart: int
    qend: int
    matched: int  # reference tokens found
    length: int  # reference tokens in all
    matcher: str
    expression: str | None = None  # set by matchers that do not use a rule
    spans: tuple[tuple[int, int], ...] = ()  # query token ranges actually matched; () = all of [qstart, qend)
    # query token ranges the text adds inside the match, where the rule goes on unbroken
    inserted: tuple[tuple[int, int], ...] = ()

    def matched_spans(self) -> tuple[tuple[int, int], ...]:
        return self.spans or ((self.qstart, self.qend),)

    @property
    def coverage(self) -> float:
        """Share of the reference rule's words found, 0-1."""
        return self.matched / self.length if self.length else 1.0

    @property
    def rank(self) -> int:
        """Words found, minus reference words missing, minus extra query words.

        Choosing by words found alone lets a longer licence that merely
        contains a shorter one win (JSON = MIT + one sentence); subtracting
        the missing words makes the licence actually written win.  Words of
        the text inside the match that the reference lacks count against it
        too, so CC-BY-4.0 does not explain a CC-BY-NC-4.0 text whose
        "NonCommercial" passages it skips.  It is at most the rule's length,
        which is what the lazy search bounds by.
        """
        extra = max(0, (self.qend - self.qstart) - self.matched)
        return 2 * self.matched - self.length - extra

    @property
    def similarity(self) -> float:
        """Dice-like agreement between the rule and the query span it covers.

        Coverage alone prefers a short rule fully inside a longer variant;
        this also penalises query words the rule does not have, so of two
        near-identical licence variants the closer one wins.
        """
        return 2.0 * self.matched / (self.length + (self.qend - self.qstart))


def named_hit(starts: np.ndarray, start: int, end: int, matcher: str, expression: str) -> Hit | None:
    """A hit of a matcher that reads a licence's name from the characters
    [start, end) (an SPDX tag, a licence file name, a Debian path): the
    tokens (``starts``: their start offsets) it covers, or None when it
    covers none."""
    qstart = int(np.searchsorted(starts, start))
    qend = int(np.searchsorted(starts, end))
    if qend <= qstart:
        return None
    return Hit(rule=-1, qstart=qstart, qend=qend, matched=1, length=1, matcher=matcher, expression=expression)
