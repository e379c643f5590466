"""A licence named inside a long licence document, matched nearly whole, is named by that document.

End-user agreements and software user agreements speak of other licences in
their own clauses: "Certain components of the Software may be subject to the
GNU GPL or LGPL", "Content may be provided under the Eclipse Public License
Version 2.0 (available at ...)".  Editions of such a document differ by a
clause or a list here and there, so the reference text of the document
matches the file approximately, around a passage of this edition that the
reference lacks; inside that passage the names of the licences it lists
match rules of their own.  They are the document's words about the
licences of third-party parts, not licences the file is under besides it.

The rule: a match that is not a licence text (a notice, a reference, a
name) is not reported when it lies within the span of a match of another
rule that is long (at least :data:`MIN_DOCUMENT_WORDS` words), found nearly
whole (at least :data:`MIN_COVERAGE` of its words) and much longer than it
(:data:`MAX_SHARE` of the document's span at most).  A full licence text
inside a document stays (a bundle quotes whole texts), and so does a name
next to a document or in a loosely matched one.

An ``SPDX-License-Identifier`` tag whose words the document's own reference
text holds is the document's example of how to apply it (the Cryptographic
Autonomy License lists the tags that put a work under it, the choice of
CAL-1.0 "or" its exception among them), not a tag of the file, and an AI
licence's name read there is the document's title or its own words; a tag
or name the text adds to the document is not matched by it and stays.
"""

from __future__ import annotations

from collections.abc import Callable

from . import Hit, model_licences, spdx_tag

#: Matchers that read a name the text may quote from a licence matched whole: an SPDX tag
#: shown as an example, an AI licence's own title ("BigScience Open RAIL-M License").
_QUOTABLE = frozenset({spdx_tag.MATCHER, model_licences.MATCHER})
#: The enclosing document has at least this many words ...
MIN_DOCUMENT_WORDS = 300
#: ... of which at least this share is found ...
MIN_COVERAGE = 0.95
#: ... and the enclosed match spans at most this share of the document's span.
MAX_SHARE = 0.1


def enclosed(hits: list[Hit], is_text: Callable[[Hit], bool], expression: Callable[[Hit], str]) -> set[int]:
    """``id()`` of every hit of ``hits`` that a long, nearly whole document match encloses.

    ``is_text(hit)`` tells licence texts, ``expression(hit)`` gives a hit's expression.
    """
    documents = [h for h in hits if h.rule >= 0 and h.length >= MIN_DOCUMENT_WORDS
                 and h.coverage >= MIN_COVERAGE]
    if not documents:
        return set()  # most texts: no long document around anything
    out: set[int] = set()
    for hit in hits:
        if hit.rule < 0:
            if hit.matcher in _QUOTABLE and any(_quoted(hit, document) for document in documents):
                out.add(id(hit))
            continue
        if is_text(hit):
            continue
        for document in documents:
            span = document.qend - document.qstart
            if (document is not hit and document.qstart <= hit.qstart and hit.qend <= document.qend
                    and hit.qend - hit.qstart <= MAX_SHARE * span and expression(hit) != expression(document)):
                out.add(id(hit))
                break
    return out


def _quoted(tag: Hit, document: Hit) -> bool:
    """Whether the document's matched words include every word of the tag."""
    return any(a <= tag.qstart and tag.qend <= b for a, b in document.matched_spans())
