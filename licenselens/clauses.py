"""Cut a licence into clauses: headings, sentences, list items and definitions.

The classifier reads one clause at a time, and every verdict must point back at
the user's characters, so each :class:`Clause` carries its exact span in the
text it came from (``clause.text == text[clause.start:clause.end]``) plus the
structure a reader uses to understand it: the section it sits in, whether that
section is an attachment or acceptable-use policy, and - for list items - the
lead-in sentence or parent item it hangs under ("You agree not to use the
Model:" gives "(c) To generate ... false information" its meaning).

Segmentation works in two passes over the *original* string.  The first pass is
line based: licences are plain text whose structure is carried by line starts
(markers, indentation, blank lines, short title lines), so headings, list items
with their nesting, and paragraphs are found from lines.  The second pass splits
paragraphs (and very long items) into sentences with spaCy's rule-based
``sentencizer`` on a blank English pipeline (nothing downloaded).  Hard-wrapped
lines are joined for spaCy by running it on a same-length copy whose line
breaks are spaces (runs of spaces are squeezed on the way in, for speed, and
offsets mapped back), so sentence offsets are offsets into the original text.

What counts as what, in short:

* heading - a Markdown "#" or underlined title; "Section 2: ...", "Article I",
  "Attachment A", "Schedule 1", "Exhibit B", "Appendix: ..."; a numbered title
  ("3. Grant of Patent License." - the run-in text after it is body text); a short
  ALL CAPS or Title Case line that starts a block.  Consecutive title lines form
  one section name ("Attachment A" + "Use Restrictions").
* item - a line starting with a list marker, up to the next item, heading or
  blank-line separated paragraph that is not indented deeper.  Nesting comes from
  indentation and from marker changes ("1." > "(a)" > "(i)"); an item's parent is
  the enclosing item, or for top-level items the sentence ending in ":" above.
* in_attachment - set by a heading naming an attachment, schedule, exhibit,
  appendix, annex, addendum, acceptable-use / use policy or use restrictions;
  cleared by a later heading of the same or higher rank that names none of them.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:  # spaCy is imported lazily: building the pipeline is the slow part
    from spacy.language import Language

__all__ = ["Clause", "ClauseKind", "ITEM_SPLIT_CHARS", "segment"]

ClauseKind = Literal["heading", "sentence", "item", "definition"]

#: An item longer than this (white space runs counted as one character) is split into
#: sentences, each still an item with the same marker, level and parent: a clause that
#: long usually carries several obligations, and the classifier and the evidence shown
#: to users work better on sentences.
ITEM_SPLIT_CHARS: int = 600


@dataclass(frozen=True)
class Clause:
    """One unit of a licence, with its span and place in the document's structure."""

    text: str  # == source[start:end]; never starts or ends with white space
    start: int
    end: int
    kind: ClauseKind  # "heading" | "sentence" | "item" | "definition"
    section: str | None  # title of the enclosing heading, e.g. "3. Grant of Copyright License"
    level: int  # list depth: 0 body text and headings, 1 top-level items, 2 items under those ...
    marker: str | None  # item (or numbered heading) marker as written: "(a)", "1.", "iv.", "-"
    parent: int | None  # index in the returned list: lead-in sentence or parent item
    in_attachment: bool  # inside an attachment / schedule / exhibit / appendix / use policy


# --------------------------------------------------------------------------- spaCy


@functools.lru_cache(maxsize=1)
def _pipeline() -> tuple[Language, re.Pattern[str]]:
    """The blank English pipeline with a sentencizer, and a pattern for the characters
    after which the sentencizer may end a sentence.  Built once per process: importing
    spaCy and building the pipeline take about a second on first use."""
    import spacy
    from spacy.pipeline import Sentencizer
    from spacy.util import compile_suffix_regex

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.tokenizer.suffix_search = _tail_first(compile_suffix_regex(nlp.Defaults.suffixes))
    punct = "".join(sorted(Sentencizer.default_punct_chars))
    return nlp, re.compile(f"[{re.escape(punct)}]")


#: Characters at the end of a token searched for a suffix first (see _tail_first).
_SUFFIX_WINDOW = 8


def _tail_first(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """spaCy's suffix search, looking at the token's last characters first.

    The tokenizer peels suffixes off a token one at a time and searches the whole rest
    of it each time, so a long run of punctuation costs time quadratic in its length.
    Every suffix pattern is anchored at the end and short, except runs of one character
    ("...."); a match starting inside the window is therefore the one a search of the
    whole token finds, and any other case falls back to that search.
    """

    def suffix_search(token: str) -> re.Match[str] | None:
        start = len(token) - _SUFFIX_WINDOW
        if start > 0:
            found = pattern.search(token, start)
            if found is not None and found.start() > start:
                return found
        return pattern.search(token)

    return suffix_search


#: spaCy refuses texts above ``nlp.max_length`` (1,000,000); a paragraph that long is not
#: prose anyway, so it is sentence-split in pieces cut at white space.
_MAX_SPACY_CHARS = 100_000

# Same-length copy for spaCy: line breaks and odd white space become plain spaces, which
# joins hard-wrapped lines without moving any offset.
_FLATTEN = re.compile("[\r\n\t\x0b\x0c\x85\u2028\u2029]")


def _spacy_pieces(flat: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut into pieces spaCy accepts, at white space where possible."""
    pieces = []
    while end - start > _MAX_SPACY_CHARS:
        cut = flat.rfind(" ", start + _MAX_SPACY_CHARS // 2, start + _MAX_SPACY_CHARS)
        cut = cut + 1 if cut > start else start + _MAX_SPACY_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _split_sentences(flat: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Sentence spans (absolute offsets) for each span of ``flat``, in one spaCy batch.

    A span with no sentence-final character before its end is one sentence, and skips
    spaCy: tokenising is what costs time, and most headings and items are single
    sentences.
    """
    nlp, punct = _pipeline()
    result: list[list[tuple[int, int]]] = [[] for _ in spans]
    jobs: list[tuple[int, int, int]] = []  # (span number, piece start, piece end)
    for number, (start, end) in enumerate(spans):
        last = end
        while last > start and flat[last - 1].isspace():
            last -= 1
        if punct.search(flat, start, max(start, last - 1)) is None:
            result[number].append((start, end))
            continue
        jobs.extend((number, s, e) for s, e in _spacy_pieces(flat, start, end))
    squeezed = [_squeeze(flat[s:e]) for _, s, e in jobs]
    docs = nlp.pipe(piece for piece, _, _ in squeezed)
    for (number, start, _), (_, gaps, extra), doc in zip(jobs, squeezed, docs):
        for sent in doc.sents:
            a, b = sent.start_char, sent.end_char
            a += extra[bisect.bisect_left(gaps, a)]
            b += extra[bisect.bisect_left(gaps, b)]
            result[number].append((start + a, start + b))
    return [_join_abbreviations(flat, _move_openers(flat, sentences)) for sentences in result]


_SPACES = re.compile(r" {2,}")
#: spaCy's tokenizer peels prefixes and suffixes off a token one at a time, copying and
#: re-scanning the rest each time: quadratic in the token's length (100,000 quotation
#: marks, or "x's's's...", take minutes).  Longer runs of non-space characters are cut
#: with a space in the copy spaCy reads; no word of prose is that long.
_MAX_TOKEN_CHARS = 200
_LONG_TOKEN = re.compile(rf"\S{{{_MAX_TOKEN_CHARS}}}(?=\S)")


def _squeeze(piece: str) -> tuple[str, list[int], list[int]]:
    """``piece`` with runs of spaces cut to one (and over-long tokens cut, see
    _MAX_TOKEN_CHARS), and the way back to its offsets.

    spaCy's tokenizer is several times slower on runs of spaces (indented, wrapped
    licence text is full of them) and they never change where a sentence ends.  An
    offset ``p`` in the squeezed text is ``p + extra[bisect_left(gaps, p)]`` in
    ``piece``: ``gaps`` holds the squeezed position of each run's single space.
    """
    piece = _LONG_TOKEN.sub(lambda m: m.group()[:-1] + " ", piece)  # same length
    gaps: list[int] = []
    extra = [0]
    removed = 0
    for m in _SPACES.finditer(piece):
        gaps.append(m.start() - removed)
        removed += len(m.group()) - 1
        extra.append(removed)
    return (_SPACES.sub(" ", piece) if gaps else piece), gaps, extra


#: A sentence piece ending in a comma: the full stop before it closed an
#: abbreviation ("17 U.S.C. 101 et seq., the equivalent laws ...", "e.g.,"),
#: not a sentence.
_COMMA_END = re.compile(r",[\"'\u201d\u2019)\]]*\s*$")


def _join_abbreviations(flat: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece that ends in a comma to the piece after it.

    The sentencizer ends a sentence at any full stop followed by a word, so
    "under the U.S. Copyright Act, 17 U.S.C. 101 et seq., the equivalent laws of
    other countries" comes back in two pieces, the second a fragment ("the
    equivalent laws of other countries") that reads as a place.  No sentence
    ends in a comma, so such a piece runs on into the next.
    """
    joined: list[tuple[int, int]] = []
    for start, end in sentences:
        if joined and _COMMA_END.search(flat, joined[-1][0], joined[-1][1]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


_OPENERS = "\"'\u201c\u201e\u2018\u00ab([{*_"


def _move_openers(flat: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give an opening quote or bracket back to the sentence it opens.

    The sentencizer keeps punctuation that follows a full stop in the ending sentence,
    which is right for a closing quote ('... "Not a Contribution."') but wrong for the
    opening quote of the next one ('... checkpoints. "Output" means ...').
    """
    for n in range(len(sentences) - 1):
        start, end = sentences[n]
        body = flat[start:end].rstrip()
        cut = max(body.rfind(" "), 0)
        tail = body[cut:].strip()
        if cut and tail and all(c in _OPENERS for c in tail):
            sentences[n] = (start, start + cut)
            sentences[n + 1] = (start + cut, sentences[n + 1][1])
    return sentences


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the line's first character
    body: int  # offset of its first non-space character (== end when blank)
    end: int  # offset just past its last non-space character
    indent: int  # columns before ``body`` (tabs count 4)

    @property
    def blank(self) -> bool:
        return self.body >= self.end


_EOL = re.compile(r"\r\n|\r|\n")
_NON_SPACE = re.compile(r"\S")


def _lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for eol in [*_EOL.finditer(text), None]:
        stop = eol.start() if eol else len(text)
        raw = text[pos:stop]
        rest = raw.lstrip()
        if rest:
            body = stop - len(rest)
            indent = len(text[pos:body].expandtabs(4))
            lines.append(_Line(pos, body, pos + len(raw.rstrip()), indent))
        else:
            lines.append(_Line(pos, stop, stop, 0))
        pos = eol.end() if eol else stop
    return lines


# --------------------------------------------------------------------------- markers

# "(a)" "(12)" "(iv)", "1.2" "1.2.3.", "1." "1)" "a." "b)" "iv." "IV)", bullets.  Roman
# numerals are restricted (and validated) to i..l: a licence list never goes further, and
# ordinary words ("mix.", "did.") must not become markers.
_MARKER = re.compile(
    r"(?:\((?P<pv>[0-9]{1,3}|[A-Za-z]|[ivxl]{2,6}|[IVXL]{2,6})\)"
    r"|(?P<dv>[0-9]{1,3}(?:\.[0-9]{1,3})+)\.?"
    r"|(?P<v>[0-9]{1,3}|[A-Za-z]|[ivxl]{2,6}|[IVXL]{2,6})(?P<p>[.)])"
    r"|(?P<b>[-*+\u2022\u25e6\u25aa\u25cf\u25cb\u25a0\u2023\u2043\u2013\u2014]))"
    r"(?=[ \t\u00a0]|$)"
)
_ROMAN = re.compile(r"(?:x{0,3}|xl|l)(?:ix|iv|v?i{0,3})")
_MAX_DEPTH = 16  # deeper "nesting" is a layout accident; the cap keeps the list walk linear
_DASH_BULLETS = "\u2013\u2014"  # en/em dash: also used as punctuation at a wrapped line start


@dataclass(frozen=True)
class _Marker:
    text: str  # as written, e.g. "(iv)"
    start: int
    end: int
    readings: tuple[tuple[str, int], ...]  # (marker type, ordinal): "i." may be alpha or roman
    bullet: bool


def _roman_value(s: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def _readings(value: str, style: str) -> tuple[tuple[str, int], ...]:
    if value.isdigit():
        return ((f"1{style}", int(value)),)
    lower = value.lower()
    roman = _ROMAN.fullmatch(lower) is not None
    family = "i" if value.islower() else "I"
    if len(value) > 1:
        return ((f"{family}{style}", _roman_value(lower)),) if roman else ()
    alpha = ("a" if value.islower() else "A") + style, ord(lower) - ord("a") + 1
    if lower in "ivx":  # "i." is the ninth letter or roman one: context decides later
        return (alpha, (f"{family}{style}", _roman_value(lower)))
    return (alpha,)


def _marker(text: str, line: _Line) -> _Marker | None:
    m = _MARKER.match(text, line.body, line.end)
    if m is None:
        return None
    if m.group("b"):
        if m.end() >= line.end:  # a lone dash or star is a rule or decoration, not an item
            return None
        return _Marker(m.group(), m.start(), m.end(), ((f"bullet{m.group('b')}", 0),), True)
    if m.group("dv"):
        parts = m.group("dv").split(".")
        readings: tuple[tuple[str, int], ...] = ((f"1.{len(parts)}", int(parts[-1])),)
    elif m.group("pv"):
        readings = _readings(m.group("pv"), "()")
    else:
        readings = _readings(m.group("v"), m.group("p"))
    if not readings:
        return None
    return _Marker(m.group(), m.start(), m.end(), readings, False)


# --------------------------------------------------------------------------- headings

_RULE = re.compile(r"(?:([-=*_~])[ \t]*)(?:\1[ \t]*){2,}$")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
_KEYWORD = re.compile(
    r"(?:(?i:section|article|part|chapter)[ \t]+(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[IVXL]{1,6}|[A-Z])"
    r"|(?i:attachment|schedule|exhibit|appendix|annex|addendum)"
    r"(?:[ \t]+(?:[0-9]{1,3}|[IVXL]{1,6}|[A-Z]))?)"
    r"\b[ \t]*(?:[:.\-\u2013\u2014][ \t]*|$)"
)
_ATTACHMENT = re.compile(
    r"\b(?:attachment|schedule|exhibit|appendix|annex|addendum)\b"
    r"|\bacceptable[\s-]+use\b|\buse[\s-]+polic|\buse[\s-]+restrictions?\b",
    re.IGNORECASE,
)
# End of a run-in title: "2. Grant of Copyright License. Subject to ..." - a period
# followed by a capitalised word, but not the period of an initial ("U.S.", "e.g.").
_RUN_IN = re.compile(r"(?<![\s.][A-Za-z])\.(?=[ \t\u00a0]+[\"\u201c'\u2018(]?[A-Z0-9])")
_CLOSERS = ")\"'\u201d\u2019]*_"
_SMALL_WORDS = frozenset(
    "a an the and or nor but of for to in on at by with from as into onto per via vs upon "
    "under over than its their your our is are be".split()
)
_CONNECTORS = _SMALL_WORDS | {"any", "all", "this", "that", "such", "which", "including", "not"}
_WORD_PUNCT = "\"'()[]{}<>,;:.!?*_`\u201c\u201d\u2018\u2019"
_NOT_TITLE = re.compile(r"[\W_]*(?i:copyright\b|\(c\)|\u00a9)|.*(?:://|www\.|@)")
_EMPHASIS = "*_ \t"
_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 160  # a quick bound before counting words
_MAX_RUN_IN_TITLE_WORDS = 8
#: Consecutive title lines merged into one section name at most; a longer run of
#: title-like lines (a list of names, a column of SPDX tags) is not one title.
_MAX_TITLE_LINES = 6


class _Atx(NamedTuple):
    """A Markdown "#" heading line: its level and the span of its title."""

    level: int
    start: int
    end: int


def _atx(text: str, start: int, end: int) -> _Atx | None:
    """``text[start:end]`` (a line without trailing white space) as "## Title ##", or None.

    Scanned with string methods: a regex with a lazy title before an optional closing
    "#" run backtracks quadratically over a long run of spaces or tabs.
    """
    line = text[start:end]
    after_hashes = line.lstrip("#")
    level = len(line) - len(after_hashes)
    title = after_hashes.lstrip(" \t")
    if not 1 <= level <= 6 or len(title) == len(after_hashes):
        return None  # seven "#" or none, or no white space after them
    stem = after_hashes.rstrip("#")
    before_closing = stem.rstrip(" \t")
    # "## Title ##": a closing run of "#" after white space is not part of the title
    closed = len(stem) < len(after_hashes) and len(before_closing) < len(stem) and before_closing
    return _Atx(level, end - len(title), start + level + len(before_closing) if closed else end)


def _words(s: str) -> list[str]:
    """Words with surrounding punctuation removed; tokens without letters are dropped."""
    stripped = (w.strip(_WORD_PUNCT) for w in s.split())
    return [w for w in stripped if any(c.isalpha() for c in w)]


def _all_caps(s: str) -> bool:
    cased = [c for c in s if c.isupper() or c.islower()]
    return len(cased) >= 2 and not any(c.islower() for c in cased)


def _capitalised_share(words: list[str]) -> float:
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not significant:
        return 0.0
    return sum(w[0].isupper() or not w[0].isalpha() for w in significant) / len(significant)


def _title_like(s: str, min_share: float) -> bool:
    """A short title: ALL CAPS, or mostly capitalised words starting with a capital."""
    words = _words(s)
    if not words or len(s.split()) > _MAX_HEADING_WORDS or _NOT_TITLE.match(s):
        return False
    if _all_caps(s):
        return True
    return words[0][0].isupper() and _capitalised_share(words) >= min_share


def _ends_open(s: str) -> bool:
    """The line visibly continues on the next one (comma, hyphen or a connecting word)."""
    s = s.rstrip(_EMPHASIS)
    if not s or s[-1] in ",-(/&":
        return True
    words = s.split()
    return bool(words) and words[-1].lower() in _CONNECTORS


def _starts_fresh(s: str) -> bool:
    """The line can start something new: a capital, digit, quote, bracket or marker."""
    c = s.lstrip(_EMPHASIS + "#>")[:1]
    return bool(c) and not c.islower()


def _normalise_title(s: str) -> str:
    return " ".join(s.strip(_EMPHASIS).split()).rstrip(".:").strip(_EMPHASIS)


# --------------------------------------------------------------------------- definitions

_Q = "\"\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019"
_DEF_VERB = (
    r"(?:shall\s+mean|shall\s+refer\s+to|means|refers?\s+to|is\s+defined\s+as"
    r"|shall\s+have\s+the\s+meaning|has\s+the\s+meaning)\b"
)
_DEFINITION = re.compile(
    rf"[*_ \t]*(?:[{_Q}][^{_Q}\n]{{1,80}}[{_Q}][*_]*[^.,;\n]{{0,60}}?"
    rf"|(?!(?:This|That|It|Its|Which|Such|What|Each|Every|Any|All|No|There|These|Those|"
    rf"Nothing|Who|Here|The)\b)"
    rf"[A-Z][\w'\u2019-]*(?:[ \t]+(?:[A-Z0-9][\w'\u2019-]*|and|or|of|the|for)){{0,5}}(?:\*[*_]*)?(?:[ \t]*:)?)"
    rf"\s*{_DEF_VERB}"
)  # No two adjacent parts both match "_" or white space: overlaps backtrack quadratically.
_WORD_CHAR = re.compile(r"[^\W_]")


def _kind(text: str, default: ClauseKind) -> ClauseKind:
    return "definition" if _DEFINITION.match(text) else default


# --------------------------------------------------------------------------- structure


@dataclass
class _Unit:
    """A heading, paragraph or item found by the line pass, before sentence splitting."""

    kind: Literal["heading", "para", "item"]
    start: int
    end: int
    section: str | None
    in_attachment: bool
    marker: str | None = None
    level: int = 0
    parent: int | None = None  # unit index


@dataclass
class _Open:
    """An item whose list is still open: later items may be its siblings or children."""

    indent: int
    mtype: str
    ordinal: int
    unit: int
    bullet: bool
    last_line: int = -1
    tail: str = ""  # last character of the item's text, closing quotes skipped


@dataclass
class _Heading:
    title: str
    rank: int  # 1 = top level
    strong: bool  # can end an attachment (Title Case lines cannot: too ambiguous)
    plain: bool  # a plain-text line that may merge with the next heading line


def _sibling(stack: list[_Open], indent: int, mtype: str, ordinal: int, bullet: bool) -> int | None:
    """Position in ``stack`` of the open item that the new item continues, if any.

    Indentation decides first ("3." at column 0 continues the outer "2.", not a nested
    "2." at column 4); the numbering alone links items whose indentation is sloppy.
    Walking up stops at a shallower item of another kind: the new item is nested in it.
    """
    for k in range(len(stack) - 1, -1, -1):
        e = stack[k]
        if e.mtype == mtype and abs(e.indent - indent) <= 1:
            return k
        if e.indent < indent - 1:
            break
    if bullet:
        return None
    for k in range(len(stack) - 1, -1, -1):
        e = stack[k]
        if e.mtype == mtype and ordinal == e.ordinal + 1:
            return k
        if e.indent < indent:
            break
    return None


def _reading(stack: list[_Open], marker: _Marker, indent: int) -> tuple[str, int]:
    """Choose between "alpha i" and "roman one" by which one continues an open list."""
    for reading in marker.readings:
        k = _sibling(stack, indent, *reading, marker.bullet)
        if k is not None and (reading[1] == stack[k].ordinal + 1 or marker.bullet):
            return reading
    if len(marker.readings) > 1 and marker.text.strip("().").lower() == "i":
        return marker.readings[1]  # "(i)" opening a list is roman
    return marker.readings[0]


def _numbered_rank(marker: _Marker) -> int:
    """"I." outranks "1.", which outranks "1.1"."""
    mtype = marker.readings[0][0]
    return 1 if mtype == "I." else 1 + len(marker.text.rstrip(".").split("."))


class _Parser:
    """The line pass.  One instance per call: all state is local to one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _lines(text)
        self.units: list[_Unit] = []
        self.stack: list[_Open] = []
        self.lead_in: int | None = None  # paragraph unit ending with ":"
        self.lead_in_line = -1  # last line of that paragraph
        self.section: str | None = None
        self.in_attachment = False
        self.attachment_rank = 0
        self.run: list[tuple[int, _Heading]] = []  # consecutive plain heading lines
        self.run_state = (None, False, 0)  # (section, in_attachment, rank) before the run
        self.run_strong = False  # some line of the run can end an attachment
        self.last_heading_line = -2
        self.markers: dict[int, _Marker | None] = {}
        self.next_section: tuple[str, int] | None = None  # marker reading after a numbered heading

    def marker(self, i: int) -> _Marker | None:
        if i not in self.markers:
            self.markers[i] = _marker(self.text, self.lines[i])
        return self.markers[i]

    # ----------------------------------------------------------------- line tests

    def content(self, i: int) -> str:
        line = self.lines[i]
        return self.text[line.body : line.end]

    def prev_ends_sentence(self, i: int) -> bool:
        return i > 0 and self.content(i - 1).rstrip(_CLOSERS)[-1:] in (".", ":", ";", "!", "?")

    def after_break(self, i: int) -> bool:
        """Line i follows the start of the text, a blank line, a heading or a rule."""
        if i == 0 or self.lines[i - 1].blank or self.last_heading_line == i - 1:
            return True
        return _RULE.match(self.text, self.lines[i - 1].body, self.lines[i - 1].end) is not None

    def next_nonblank(self, i: int) -> int | None:
        for k in range(i + 1, len(self.lines)):
            if not self.lines[k].blank:
                return k
        return None

    def is_setext(self, i: int) -> bool:
        if i + 1 >= len(self.lines) or self.lines[i + 1].blank:
            return False
        nxt = self.lines[i + 1]
        return (
            _SETEXT.match(self.text, nxt.body, nxt.end) is not None
            and self.after_break(i)
            and self.marker(i) is None
            and 0 < len(self.content(i).split()) <= _MAX_HEADING_WORDS
        )

    def is_rule(self, i: int) -> bool:
        line = self.lines[i]
        return _RULE.match(self.text, line.body, line.end) is not None

    def is_atx(self, i: int) -> _Atx | None:
        """A Markdown "#" heading - unless the "#" starts every line of a comment block
        (licence headers in shell or Python files), which is prose."""
        m = self.atx_title(i)
        if m is None:
            return None
        hashed = [i]  # the run of adjacent "#" lines around line i, up to three of them
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(self.lines) and len(hashed) < 3 and self.starts_with_hash(k):
                if self.atx_title(k) is None:
                    return None
                hashed.append(k)
                k += step
        return m if len(hashed) < 3 else None

    def starts_with_hash(self, i: int) -> bool:
        line = self.lines[i]
        return not line.blank and self.text[line.body] == "#"

    def atx_title(self, i: int) -> _Atx | None:
        line = self.lines[i]
        if line.blank or line.indent > 3 or self.text[line.body] != "#":
            return None
        m = _atx(self.text, line.body, line.end)
        if m is None:
            return None
        title = self.text[m.start : m.end].strip(_EMPHASIS)
        if len(title.split()) > _MAX_HEADING_WORDS or title[:1].islower():
            return None
        if title and (title[-1] in ",;" or _ends_open(title)):
            return None
        return m

    def keyword(self, i: int) -> re.Match[str] | None:
        line = self.lines[i]
        m = _KEYWORD.match(self.text, line.body, line.end)
        if m is None or not (self.after_break(i) or self.prev_ends_sentence(i)):
            return None
        return m

    def plain_heading(self, i: int) -> _Heading | None:
        """A short ALL CAPS or Title Case line that is not part of a wrapped paragraph."""
        line = self.lines[i]
        if line.end - line.body > _MAX_HEADING_CHARS:
            return None
        k = i + 1
        next_blank = k >= len(self.lines) or self.lines[k].blank
        if not (self.after_break(i) or (next_blank and self.prev_ends_sentence(i))):
            return None
        if not next_blank and not _starts_fresh(self.content(k)):
            return None
        bare = self.content(i).strip(_EMPHASIS)
        if not bare or bare[-1] in ",;:" or _ends_open(bare) or not _title_like(bare, 1.0):
            return None
        caps = _all_caps(bare)
        if bare.endswith(".") and not (caps and len(bare.split()) <= 5):
            return None
        if caps and not next_blank and len(bare.split()) > 5:
            following = self.content(k)
            if _all_caps(following) and len(following.split()) > 5:
                return None  # the first line of a wrapped ALL CAPS disclaimer
        return _Heading(_normalise_title(bare), 1 if caps else 2, caps, True)

    def accepts_marker(self, i: int, marker: _Marker, current: _Open | None) -> bool:
        """Is a marker at the start of line i an item, or a wrapped line of prose?

        Wrapped prose sometimes puts "2." or "(a)" at a line start ("... Section\\n2. of
        this Agreement"); a real item follows a break, a finished sentence or a colon,
        or continues an open list.
        """
        if self.after_break(i) or self.prev_ends_sentence(i):
            return True
        if marker.bullet:
            return marker.text not in _DASH_BULLETS
        open_items = [*self.stack, *([current] if current else [])]
        indent = self.lines[i].indent
        for reading in marker.readings:
            if reading == self.next_section:
                return True  # "2. Qux" after the section "1. Foo"
            k = _sibling(open_items, indent, *reading, False)
            if k is not None and reading[1] == open_items[k].ordinal + 1:
                return True
        return False

    def starts_block(self, i: int, current: _Open | None) -> bool:
        """Line i (directly after a line of the current block) starts a new block."""
        if self.is_rule(i) or self.is_atx(i) or self.keyword(i):
            return True
        marker = self.marker(i)
        if marker is not None:
            return self.accepts_marker(i, marker, current)
        return self.plain_heading(i) is not None

    # ----------------------------------------------------------------- units

    def add(self, unit: _Unit) -> int:
        self.units.append(unit)
        return len(self.units) - 1

    def heading(
        self, i: int, start: int, end: int, heading: _Heading, marker: str | None = None
    ) -> None:
        """Record a heading unit and update the section / attachment state."""
        self.stack.clear()
        self.lead_in = None
        continues_run = self.run and self.run[-1][1].plain and self.last_heading_line == i - 1
        if not (heading.plain and continues_run):
            self.run = []
            self.run_state = (self.section, self.in_attachment, self.attachment_rank)
        unit = self.add(_Unit("heading", start, end, None, False, marker))
        self.run.append((unit, heading))
        self.run_strong = heading.strong or (len(self.run) > 1 and self.run_strong)
        self.last_heading_line = i
        # Consecutive title lines ("Attachment A" / "Use Restrictions") name one section.
        title = " - ".join(h.title for _, h in self.run[:_MAX_TITLE_LINES] if h.title)
        first = self.run[0][1]
        _, in_attachment, rank = self.run_state
        if _ATTACHMENT.search(title):
            # A plain-text attachment heading is top level whatever its style.
            rank = 1 if first.plain else first.rank
            in_attachment = True
        elif in_attachment and self.run_strong and first.rank <= rank:
            in_attachment = False
        unchanged = (self.section, self.in_attachment) == (title or None, in_attachment)
        self.section, self.in_attachment, self.attachment_rank = title or None, in_attachment, rank
        # Earlier lines of the run already carry the state unless it changed: updating
        # them all on every line would make a long run of title lines quadratic.
        for u, _ in self.run[-1:] if unchanged else self.run:
            self.units[u].section, self.units[u].in_attachment = self.section, in_attachment

    def paragraph(self, start: int, end: int, last_line: int) -> None:
        self.stack.clear()
        unit = self.add(_Unit("para", start, end, self.section, self.in_attachment))
        ends_colon = self.text[start:end].rstrip().rstrip(_EMPHASIS).endswith(":")
        self.lead_in = unit if ends_colon else None
        self.lead_in_line = last_line

    def item(self, i: int, marker: _Marker, start: int, end: int, end_line: int) -> None:
        indent = self.lines[i].indent
        mtype, ordinal = _reading(self.stack, marker, indent)
        k = _sibling(self.stack, indent, mtype, ordinal, marker.bullet)
        if k is None:
            while self.stack and self.stack[-1].indent > indent:
                self.stack.pop()
            same_indent = self.stack and self.stack[-1].indent == indent
            if same_indent and not self.nests(i, marker, ordinal):
                self.stack.pop()
            k = min(len(self.stack), _MAX_DEPTH - 1)
        del self.stack[k:]
        parent = self.stack[-1].unit if self.stack else self.lead_in
        unit = self.add(
            _Unit("item", start, end, self.section, self.in_attachment, marker.text, k + 1, parent)
        )
        tail = self.text[start:end].rstrip(_CLOSERS)[-1:]
        self.stack.append(_Open(indent, mtype, ordinal, unit, marker.bullet, end_line, tail))

    def nests(self, i: int, marker: _Marker, ordinal: int) -> bool:
        """Does a new kind of list at the same indentation as the open item start a
        sublist of it?  Plain-text licences often do not indent sublists ("1. You must
        not:" / "(a) ..."), but a list that merely follows another one is its sibling."""
        top = self.stack[-1]
        if not (marker.bullet or ordinal == 1) or (marker.bullet and top.bullet):
            return False  # "4." with no "3." open, or "+" after "-": a list of its own
        return top.tail == ":" or (top.last_line == i - 1 and top.tail not in (".", ";", "!", "?"))

    # ----------------------------------------------------------------- blocks

    def extend(self, i: int, current: _Open | None) -> int:
        """Last line of the block starting at line i.

        A paragraph ends at a blank line; an item also takes in blank-line separated
        paragraphs indented deeper than its marker.  Either ends where a new block starts.
        """
        j = i
        while j + 1 < len(self.lines):
            if self.lines[j + 1].blank:
                k = self.next_nonblank(j + 1)
                if (
                    current is None
                    or k is None
                    or self.lines[k].indent <= current.indent
                    or self.marker(k) is not None
                    or self.is_rule(k)
                    or self.is_atx(k)
                    or self.keyword(k)
                    or self.plain_heading(k) is not None
                ):
                    return j
                j = k
            elif self.starts_block(j + 1, current):
                return j
            else:
                j += 1
        return j

    def numbered_heading(self, i: int, marker: _Marker) -> int | None:
        """End offset of the title if a numbered line is a section heading, else None.

        "2. Grant of Copyright License. Subject to ..." and "1. Definitions" are section
        titles; "1. Violate the law ..." and a run of "1. Fraud" / "2. Spam" are items.
        """
        mtype, ordinal = marker.readings[0]
        if not (mtype == "I." or mtype.startswith("1.")):  # "1." "1.2" "IV.", not "1)" "(a)" "-"
            return None
        if any(e.mtype == mtype for e in self.stack):
            return None
        if self.lead_in is not None and self.lead_in_line == i - 1:
            return None  # "... as follows:" directly above: a list
        line = self.lines[i]
        body = _NON_SPACE.search(self.text, marker.end, line.end)
        if body is None:
            return None
        run_in = _RUN_IN.search(self.text, body.start(), line.end)
        title_end = run_in.end() if run_in else line.end
        title = self.text[body.start() : title_end]
        limit = _MAX_RUN_IN_TITLE_WORDS if run_in else _MAX_HEADING_WORDS
        bare = title.strip(_EMPHASIS)
        if not bare or bare[-1] in ",;:" or len(bare.split()) > limit or _ends_open(bare):
            return None
        if not _title_like(bare, 0.5):
            return None
        k = self.next_nonblank(i)
        wraps = k == i + 1 and not bare.endswith(".") and not _starts_fresh(self.content(k))
        if run_in is None and wraps:
            return None  # "1. Model Weights\nmay not be ..." is a wrapped item
        nxt = self.marker(k) if k is not None and (run_in is None or k == i + 1) else None
        if nxt is not None and (mtype, ordinal + 1) in nxt.readings:
            return None  # "1. Fraud" / "2. Spam", "1. Keep notices. ..." / "2. ...": a list
        return title_end

    def run_in_paragraph(self, i: int, after: int) -> int:
        """Body text after a heading on the same line (or on the lines below it)."""
        j = self.extend(i, None)
        found = _NON_SPACE.search(self.text, after, self.lines[j].end)
        if found is not None and (j > i or after < self.lines[i].end):
            self.paragraph(found.start(), self.lines[j].end, j)
            self.last_heading_line = -2
        return j

    def parse(self) -> list[_Unit]:
        i = 0
        while i < len(self.lines):
            i = self.block(i) + 1
        return self.units

    def block(self, i: int) -> int:
        """Read the block starting at line i; return its last line."""
        if self.lines[i].blank:
            return i
        if self.is_rule(i):
            self.last_heading_line = i  # a rule separates blocks like a heading does
            return i
        if (atx := self.is_atx(i)) is not None:
            start, end = _inner_span(self.text, atx.start, atx.end)
            if _WORD_CHAR.search(self.text, start, end):
                title = _normalise_title(self.text[start:end])
                self.heading(i, start, end, _Heading(title, atx.level, True, False))
            return i
        if self.is_setext(i):
            start, end = _inner_span(self.text, self.lines[i].body, self.lines[i].end)
            rank = 1 if self.text[self.lines[i + 1].body] == "=" else 2
            title = _normalise_title(self.text[start:end])
            self.heading(i, start, end, _Heading(title, rank, True, False))
            self.last_heading_line = i + 1
            return i + 1
        if (kw := self.keyword(i)) is not None:
            return self.keyword_heading(i, kw)
        marker = self.marker(i)
        if marker is not None and self.accepts_marker(i, marker, None):
            return self.numbered_block(i, marker)
        if (heading := self.plain_heading(i)) is not None:
            self.heading(i, *_inner_span(self.text, self.lines[i].body, self.lines[i].end), heading)
            return i
        j = self.extend(i, None)
        self.paragraph(self.lines[i].body, self.lines[j].end, j)
        return j

    def numbered_block(self, i: int, marker: _Marker) -> int:
        """A numbered section title (with any run-in text), or a list item."""
        title_end = self.numbered_heading(i, marker)
        if title_end is not None:
            title = _normalise_title(self.text[marker.start : title_end])
            heading = _Heading(title, _numbered_rank(marker), True, False)
            self.heading(i, marker.start, title_end, heading, marker.text)
            mtype, ordinal = marker.readings[0]
            self.next_section = (mtype, ordinal + 1)
            return self.run_in_paragraph(i, title_end)
        line = self.lines[i]
        mtype, ordinal = _reading(self.stack, marker, line.indent)
        j = self.extend(i, _Open(line.indent, mtype, ordinal, -1, marker.bullet))
        body = _NON_SPACE.search(self.text, marker.end, self.lines[j].end)
        if body is not None:
            self.item(i, marker, body.start(), self.lines[j].end, j)
        return j

    def keyword_heading(self, i: int, kw: re.Match[str]) -> int:
        """"Section 2: Grant", "Attachment A - Use Restrictions", "APPENDIX: How to ...";
        a long line keeps only its prefix (and any short title) as the heading."""
        line = self.lines[i]
        run_in = _RUN_IN.search(self.text, kw.end(), line.end)
        title_end = line.end
        title_words = len(self.text[kw.end() : run_in.start()].split()) if run_in else 0
        if run_in is not None and title_words <= _MAX_RUN_IN_TITLE_WORDS:
            title_end = run_in.end()
        elif len(self.text[line.body : line.end].split()) > _MAX_HEADING_WORDS + 3:
            title_end = kw.end()
        start, end = _inner_span(self.text, line.body, title_end)
        self.heading(i, start, end, _Heading(_normalise_title(self.text[start:end]), 1, True, True))
        return self.run_in_paragraph(i, title_end)


def _inner_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without surrounding white space and Markdown emphasis."""
    inner = text[start:end]
    stripped = inner.strip(_EMPHASIS)
    if not stripped:
        return start, start
    offset = start + inner.index(stripped)
    return offset, offset + len(stripped)


# --------------------------------------------------------------------------- segment


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    found = _NON_SPACE.search(text, start, end)
    if found is None:
        return end, end
    return found.start(), found.start() + len(text[found.start() : end].rstrip())


def _too_long(flat: str, unit: _Unit) -> bool:
    """Over ITEM_SPLIT_CHARS once white space runs count as one space, so that
    indentation and CRLF line ends do not change how an item is cut."""
    if unit.end - unit.start <= ITEM_SPLIT_CHARS:
        return False
    return len(" ".join(flat[unit.start : unit.end].split())) > ITEM_SPLIT_CHARS


def _clause_spans(flat: str, units: list[_Unit]) -> list[list[tuple[int, int]]]:
    """Sentence spans of each unit: paragraphs and over-long items are split."""
    wanted = [u.kind == "para" or (u.kind == "item" and _too_long(flat, u)) for u in units]
    split = iter(_split_sentences(flat, [(u.start, u.end) for u, w in zip(units, wanted) if w]))
    return [next(split) if w else [(u.start, u.end)] for u, w in zip(units, wanted)]


def _clauses(text: str, plain: str, units: list[_Unit], spans: Iterable[list[tuple[int, int]]]) -> list[Clause]:
    """Clauses of ``text`` cut where ``plain`` (``text`` unframed, same length) says."""
    clauses: list[Clause] = []
    last_clause: list[int | None] = []  # per unit: index of its last clause
    for unit, pieces in zip(units, spans):
        parent = last_clause[unit.parent] if unit.parent is not None else None
        before = len(clauses)
        default: ClauseKind = {"heading": "heading", "para": "sentence", "item": "item"}[unit.kind]
        for s, e in pieces:
            s, e = _trim(plain, s, e)
            if _WORD_CHAR.search(plain, s, e) is None:
                continue
            piece = text[s:e]
            kind = default if unit.kind == "heading" else _kind(piece, default)
            clauses.append(Clause(
                piece, s, e, kind, unit.section, unit.level, unit.marker, parent, unit.in_attachment
            ))
        last_clause.append(len(clauses) - 1 if len(clauses) > before else None)
    return clauses


def segment(text: str) -> list[Clause]:
    """Cut ``text`` into clauses, in document order, with exact spans into ``text``.

    Headings set the ``section`` of what follows; list items carry their nesting
    ``level``, ``marker`` and ``parent`` (the lead-in sentence ending with ":" or the
    parent item); paragraphs are split into sentences.  Sentences and items shaped like
    ``"Term" means ...`` are ``definition`` clauses.  Never raises on any string.
    """
    if not text or _WORD_CHAR.search(text) is None:
        return []
    plain = _unframe(text)
    units = _Parser(plain).parse()
    flat = _FLATTEN.sub(" ", plain)
    return _inline_lists(text, _clauses(text, plain, units, _clause_spans(flat, units)))


def lead_in(clauses: list[Clause], clause: Clause, depth: int = 2) -> str | None:
    """The words that introduce a list item, outermost first: its parent and,
    for a nested item, the parent's own lead-in ("You will not: ... use the
    Software for ... (ii) military purposes"), white space folded; ``None``
    for a clause that is no item or has no parent."""
    if clause.kind != "item" or clause.parent is None:
        return None
    chain: list[str] = []
    current: Clause | None = clause
    while current is not None and current.parent is not None and len(chain) < depth:
        current = clauses[current.parent]
        chain.append(" ".join(current.text.split()))
    return " ".join(reversed(chain))


#: A marker of an item run into a sentence: "(ii)", "(c)", "(3)", after a
#: space, the start or a punctuation mark.
_INLINE_MARKER = re.compile(r"(?:(?<=\s)|^|(?<=[,;:\u2014]))\((?P<m>[ivx]{1,5}|[a-z]|\d{1,2})\)(?=\s)")
#: Wording that bans ("you may not", "will not", "agree not to", "never",
#: "prohibited"): an inline list after it lists banned uses.  Not any
#: negation: "may no longer exercise the rights ... (i) against Licensor"
#: and "is not available ..., then you must either (1) ... or (2)" list no bans.
_INLINE_BAN = re.compile(
    r"\b(?:may|shall|will|must|can|agree|do|does|to)\s+not\b|\b(?:never|cannot|prohibit\w*|forbid\w*)\b|"
    r"\b(?:won|can|mustn|shan|don)['\u2019]t\b", re.IGNORECASE)


#: A lead that ends by announcing conditions ("..., provided that: (a) ...;
#: (b) ..."): each item is a condition of its own.
_INLINE_CONDITIONS = re.compile(
    r"\b(?:provided|providing|on\s+(?:the\s+)?condition|subject\s+to\s+the\s+(?:following\s+)?conditions?)"
    r"(?:\s+that)?\s*[:,]?\s*$", re.IGNORECASE)


def _inline_run(text: str) -> list[re.Match[str]]:
    """The first run of in-order inline markers in ``text`` ("(i) ... (ii) ...",
    "(a) ... (b) ...", "(1) ... (2) ..."), at least two long; [] if none.
    Markers are read as the line parser reads them (:func:`_readings`: "(i)"
    may be roman one or the ninth letter)."""
    found = list(_INLINE_MARKER.finditer(text))
    readings = [_readings(m.group("m"), "()") for m in found]
    for k, first in enumerate(found):
        for kind, ordinal in readings[k]:
            if ordinal != 1:
                continue
            run = [first]
            for m, options in zip(found[k + 1:], readings[k + 1:]):
                if (kind, len(run) + 1) in options:
                    run.append(m)
            if len(run) >= 2:
                return run
    return []


def _inline_lists(text: str, clauses: list[Clause]) -> list[Clause]:
    """Clauses with the items of a ban's or a condition's inline list cut out as items.

    "You may not (i) use the Services to harm anyone; (ii) reverse engineer
    them; (iii) ..." bans several uses in one sentence; a reader takes each
    as its own rule, and so does the classifier: the lead ("You may not") stays
    the clause, each "(ii) ..." becomes an item under it (``parent``), with
    exact spans.  Only where the lead, or the lead-in above the clause, bans
    (:data:`_INLINE_BAN`), or where the lead ends by announcing conditions
    ("..., provided that: (a) ...; (b) ...", :data:`_INLINE_CONDITIONS`):
    each condition is then read on its own, as each ban is.  Any other
    inline list - in a grant, a definition or a warranty - stays one
    sentence, as the grant and definition rules read it.
    """
    out: list[Clause] = []
    moved: dict[int, int] = {}
    for index, clause in enumerate(clauses):
        parent = moved.get(clause.parent) if clause.parent is not None else None
        run = _inline_run(clause.text) if clause.kind in ("sentence", "item") else []
        lead = clause.text[: run[0].start()] if run else ""
        above = clauses[clause.parent].text if clause.parent is not None else ""
        if not run or not (_INLINE_BAN.search(lead) or _INLINE_BAN.search(above) or _INLINE_CONDITIONS.search(lead)):
            moved[index] = len(out)
            out.append(dataclasses.replace(clause, parent=parent))
            continue
        head_at: int | None
        if _WORD_CHAR.search(lead):
            head_end = clause.start + len(lead.rstrip())
            head_at = len(out)
            out.append(dataclasses.replace(clause, end=head_end, text=text[clause.start:head_end], parent=parent))
        else:  # the list starts the clause: its items hang where the clause did
            head_at = parent
        if head_at is not None:
            moved[index] = head_at
        bounds = [m.start() for m in run] + [len(clause.text)]
        for m, (a, b) in zip(run, zip(bounds, bounds[1:])):
            s, e = _trim(text, clause.start + a, clause.start + b)
            out.append(Clause(text[s:e], s, e, "item", clause.section, clause.level + 1, m.group(0),
                              head_at, clause.in_attachment))
    return out


#: A line inside a box drawn with one character ("*  7. Limitation of
#: Liability   *"): the frame is no bullet and no part of the words.
_FRAMED = re.compile(r"^([ \t]*)([*#])([ \t].*?[ \t])\2[ \t]*$", re.M)


def _unframe(text: str) -> str:
    """``text`` with the borders of boxed passages blanked (same length, so
    spans hold): only lines framed at both ends, two or more in a row."""
    framed = list(_FRAMED.finditer(text))
    if len(framed) < 2:
        return text
    # adjacent[k]: framed lines k and k + 1 are consecutive lines
    adjacent = [text.count("\n", a.start(), b.start()) == 1 for a, b in zip(framed, framed[1:])]
    chars = list(text)
    for k, m in enumerate(framed):
        if (k and adjacent[k - 1]) or (k < len(adjacent) and adjacent[k]):
            chars[m.start(2)] = " "
            chars[m.end(3)] = " "
    return "".join(chars)
