#!/usr/bin/env python3
"""Licence identification checked against labels written by Debian maintainers.

Run: python benchmarks/debian_copyright.py [--json OUT]   (about 5 s, one process)

Not a test: it measures.  The identification benchmark (benchmarks/identify.py)
has one labeller; this is a second, independent check.  Debian's
machine-readable copyright files (DEP-5, /usr/share/doc/*/copyright) pair a
short licence name chosen by the package's maintainer with a licence text or
notice ("License: GPL-2+" followed by indented text lines).  Every such pair
on this machine becomes a case, and so does every full text in
/usr/share/common-licenses (the file name is the label).  The texts are read
at run time only; nothing is stored or downloaded.

Cases: standalone licence paragraphs and Files/header paragraphs whose License
field has text (a paragraph without text is skipped); identical
(label, text) pairs are kept once (Boost's paragraphs repeat thousands of
times).  A file that names the copyright-format but cannot be read (not
UTF-8) or parsed (no stanza holds the Format field) is counted and skipped;
a malformed paragraph (a line that is neither "Field: value" nor an indented
continuation, e.g. free text before the header) is counted and skipped.  A
common-licenses symlink (GPL -> GPL-3) takes its target's name as label.

Labels: Debian short names are mapped to SPDX expressions by a small table
(see LABEL_TO_SPDX); "or", "and", "," and "with <X> exception" become
OR, AND and WITH.  A label that cannot be mapped with confidence (an
unversioned "GPL", "BSD", a house name like "permissive", public domain,
which has no SPDX id) is "unmapped" and not scored.

Shapes (see shape()): full-text, notice+pointer (a licence notice plus
"On Debian systems, the complete text ... /usr/share/common-licenses/..."),
pointer-only, notice (refers to a licence stated elsewhere, no Debian pointer),
other (a few words).

Scoring, with E = the ids of the mapped label and G = the ids
licenselens.identify(text) reports, in-process (operators dropped, an
exception after WITH counts as an id, LicenseRef-* ids dropped from G since
labels are SPDX only):
  strict        G == E
  lenient       the same after folding -only, -or-later and a trailing +
  found nothing identify() reported no id at all, not even a LicenseRef-*

Output: Markdown on stdout (counts, scores per shape, per paragraph kind and
per kind of label mapping, the top disagreement patterns "label -> got", the
most frequent unmapped labels); --json OUT writes every case (package, label,
mapped expression, expected and reported ids, expression, shape, text hash,
first 200 characters).  Exit 0 also when this machine has no DEP-5 files (said
on stderr); 1 when licenselens cannot be loaded; 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:  # also when run as `python -m benchmarks.debian_copyright`
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from _labellers import fold, score_rows, save_json  # noqa: E402  (needs the path above)

REPO_ROOT = Path(__file__).resolve().parent.parent
DOC_ROOT = Path("/usr/share/doc")
COMMON_LICENSES = Path("/usr/share/common-licenses")
FORMAT_LINE = re.compile(r"^Format:.*copyright-format", re.MULTILINE | re.IGNORECASE)
SHAPES = ("full-text", "notice+pointer", "pointer-only", "notice", "other")


# --------------------------------------------------------------------------- parsing DEP-5

class ParseError(Exception):
    """A copyright file that is not a readable DEP-5 file."""


@dataclass(frozen=True)
class Paragraph:
    """One stanza: lower-cased field names -> the field's lines (first line
    as written after the colon, then the continuation lines, unescaped)."""

    fields: dict[str, list[str]]
    line: int  # 1-based line of the stanza's first line


@dataclass
class ParsedFile:
    paragraphs: list[Paragraph]
    malformed: int = 0  # stanzas skipped because a line was neither field nor continuation


_FIELD = re.compile(r"^([!-9;-~][!-9;-~]*)\s*:(.*)$")  # deb822: a field name is printable ASCII without ':'


def _stanzas(text: str) -> list[tuple[int, list[str]]]:
    """Split into stanzas at blank lines.

    A line of only spaces or tabs also separates stanzas (deb822 allows it),
    except when the next line continues a field: maintainers often leave
    " " where " ." was meant inside a licence text, and ending the paragraph
    there would cut the text in two.
    """
    lines = text.splitlines()
    stanzas: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines):
        if line.startswith("#"):  # deb822 comment
            continue
        if not line.strip():
            following = lines[number + 1] if number + 1 < len(lines) else ""
            if line and current and following[:1] in (" ", "\t") and following.strip():
                current.append(" .")
                continue
            if current:
                stanzas.append((start, current))
                current = []
            continue
        if not current:
            start = number + 1
        current.append(line)
    if current:
        stanzas.append((start, current))
    return stanzas


def _continuation(line: str) -> str:
    """A continuation line's value: one leading blank removed, " ." is empty."""
    value = line[1:].rstrip()
    return "" if value.strip() == "." else value


def parse_dep5(text: str) -> ParsedFile:
    """Paragraphs of a DEP-5 copyright file.

    Raises ParseError when no stanza has a Format field naming the
    copyright-format (not DEP-5, or the header is lost in free text).
    """
    parsed = ParsedFile([])
    for start, lines in _stanzas(text):
        fields: dict[str, list[str]] = {}
        name = None
        for line in lines:
            if line[:1] in (" ", "\t"):
                if name is None:
                    break
                fields[name].append(_continuation(line))
                continue
            match = _FIELD.match(line)
            if not match:
                break
            name = match.group(1).lower()
            fields[name] = [match.group(2).strip()]
        else:
            if fields:
                parsed.paragraphs.append(Paragraph(fields, start))
            continue
        parsed.malformed += 1
    if not any("copyright-format" in " ".join(p.fields.get("format", [])).lower() for p in parsed.paragraphs):
        raise ParseError("no Format field naming the copyright-format")
    return parsed


def licence_text(lines: list[str]) -> str:
    """The text of a License field (its continuation lines), blank lines at
    either end removed."""
    body = lines[1:]
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    return "\n".join(body)


# --------------------------------------------------------------------------- cases

@dataclass
class Case:
    package: str
    kind: str  # standalone | files | header | common-licenses
    label: str
    text: str
    line: int | None = None
    copies: int = 1  # identical (label, text) pairs folded into this case
    packages: list[str] = field(default_factory=list)


@dataclass
class Collected:
    cases: list[Case]
    copyright_files: int = 0
    dep5_files: int = 0
    unreadable: list[str] = field(default_factory=list)
    unparsable: list[str] = field(default_factory=list)
    malformed_paragraphs: int = 0
    malformed_in: list[str] = field(default_factory=list)
    licence_paragraphs: int = 0  # License fields seen (with or without text)
    without_text: int = 0
    without_label: int = 0
    duplicates: int = 0
    duplicates_by_label: Counter = field(default_factory=Counter)


def _paragraph_kind(paragraph: Paragraph) -> str:
    if "files" in paragraph.fields:
        return "files"
    if "format" in paragraph.fields:
        return "header"
    return "standalone"


def collect_cases(doc_root: Path, common_licenses: Path | None) -> Collected:
    """Every (label, text) pair on the machine, duplicates folded."""
    collected = Collected([])
    found: dict[tuple[str, str], Case] = {}

    def add(case: Case) -> None:
        key = (case.label, case.text)
        if key in found:
            found[key].copies += 1
            if case.package not in found[key].packages:
                found[key].packages.append(case.package)
            collected.duplicates += 1
            collected.duplicates_by_label[case.label] += 1
            return
        case.packages = [case.package]
        found[key] = case
        collected.cases.append(case)

    for path in sorted(glob.glob(str(doc_root / "*" / "copyright"))):
        collected.copyright_files += 1
        package = Path(path).parent.name
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            if FORMAT_LINE.search(_peek(path)):
                collected.unreadable.append(f"{package}: {type(exc).__name__}")
            continue
        if not FORMAT_LINE.search(text):
            continue
        collected.dep5_files += 1
        try:
            parsed = parse_dep5(text)
        except ParseError as exc:
            collected.unparsable.append(f"{package}: {exc}")
            continue
        collected.malformed_paragraphs += parsed.malformed
        if parsed.malformed:
            collected.malformed_in.append(f"{package}: {parsed.malformed} malformed paragraph(s) skipped")
        for paragraph in parsed.paragraphs:
            lines = paragraph.fields.get("license")
            if lines is None:
                continue
            collected.licence_paragraphs += 1
            body = licence_text(lines)
            if not body.strip():
                collected.without_text += 1
                continue
            label = " ".join(lines[0].split())
            if not label:
                collected.without_label += 1
                continue
            add(Case(package, _paragraph_kind(paragraph), label, body, paragraph.line))

    if common_licenses is not None and collected.dep5_files:
        for path in sorted(common_licenses.glob("*")):
            # a symlink (GPL -> GPL-3) is Debian saying which version the bare name means
            label = Path(os.path.realpath(path)).name
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                collected.unreadable.append(f"common-licenses/{path.name}: {type(exc).__name__}")
                continue
            add(Case(f"common-licenses/{path.name}", "common-licenses", label, text.strip("\n")))
    return collected


def _peek(path: str) -> str:
    """The file's bytes decoded leniently, only to tell whether it claims DEP-5."""
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""


# --------------------------------------------------------------------------- labels -> SPDX

# Debian short names -> SPDX ids.  The keywords are those the DEP-5 spec
# ("Machine-readable debian/copyright file", section "License specification",
# https://dep-team.pages.debian.net/deps/dep5/) lists: a name, "-" and a
# version, "+" for "or any later version", "with <keyword> exception" for an
# exception; Expat is the MIT licence as SPDX spells it; Artistic is Perl's
# Artistic licence 1.0 (Perl itself is "GPL-1+ or Artistic"); public-domain
# has no SPDX id.  The keys are normalised (normal_term()).  GNU licences are
# handled by _GNU below, and a name that is case-insensitively a current
# SPDX id of the reference data maps to it.
LABEL_TO_SPDX = {
    "expat": "MIT",
    "mit": "MIT",
    "mit/expat": "MIT",
    "apache-2": "Apache-2.0",
    "apache-2.0": "Apache-2.0",
    "apache-1.1": "Apache-1.1",
    "apache-1.0": "Apache-1.0",
    "artistic": "Artistic-1.0-Perl",
    "artistic-1": "Artistic-1.0-Perl",
    "artistic-1.0": "Artistic-1.0-Perl",
    "artistic-2": "Artistic-2.0",
    "perl": "GPL-1.0-or-later OR Artistic-1.0-Perl",
    "bsd-0-clause": "0BSD",
    "bsd-1-clause": "BSD-1-Clause",
    "bsd-2-clause": "BSD-2-Clause",
    "bsd-3-clause": "BSD-3-Clause",
    "bsd-4-clause": "BSD-4-Clause",
    "cc0": "CC0-1.0",
    "mpl-2": "MPL-2.0",
    "bsl-1": "BSL-1.0",
    "boost": "BSL-1.0",  # the Boost Software License has one version
    "boost-1.0": "BSL-1.0",
    "openldap-2.8": "OLDAP-2.8",
    "psf-2": "PSF-2.0",
    "sil-1.1": "OFL-1.1",  # SIL's licence 1.1 is the Open Font License 1.1
    "edl-1": "BSD-3-Clause",  # SPDX lists the Eclipse Distribution License 1.0 as BSD-3-Clause
    "edl-1.0": "BSD-3-Clause",
    "lpgl-2.1+": "LGPL-2.1-or-later",  # a typo no other licence could mean
    "apache-2-llvm-exceptions": "Apache-2.0 WITH LLVM-exception",
    "gfdl-niv-1.3": "GFDL-1.3-no-invariants-only",
    "gfdl-niv-1.3+": "GFDL-1.3-no-invariants-or-later",
    "gfdl-niv-1.2": "GFDL-1.2-no-invariants-only",
    "gfdl-niv-1.2+": "GFDL-1.2-no-invariants-or-later",
}

#: GNU family and version as Debian and maintainers write them: GPL-2, GPL-2+,
#: GPLv3+, GPL-2.0+, GPL-2.0-or-later, LGPL-2.1, AGPL-3+, GFDL-1.3+ ...
_GNU = re.compile(
    r"^(?P<family>a?gpl|lgpl|gfdl)[-_ ]?v?(?P<version>\d(?:\.\d)?)(?:\.0)?"
    r"(?P<later>\+|-or-later|-only)?$")
#: the versions SPDX knows per GNU family
_GNU_VERSIONS = {"gpl": ("1.0", "2.0", "3.0"), "agpl": ("3.0",), "lgpl": ("2.0", "2.1", "3.0"),
                 "gfdl": ("1.1", "1.2", "1.3")}

#: "with <X> exception": X (normalised) and the licence's major version
#: (None: any) -> SPDX exception.  Other exceptions map when "<X>-exception"
#: is an SPDX id (Texinfo-exception ...); the rest stay unmapped.
_EXCEPTIONS = {
    ("autoconf", "2"): "Autoconf-exception-2.0",
    ("autoconf", "3"): "Autoconf-exception-3.0",
    ("bison", "2"): "Bison-exception-2.2",
    ("bison", "3"): "Bison-exception-2.2",
    ("bison-2.2", None): "Bison-exception-2.2",
    ("linux-syscall-note", None): "Linux-syscall-note",
    ("llvm", None): "LLVM-exception",
    ("classpath", None): "Classpath-exception-2.0",
    ("gcc-runtime-3.1", None): "GCC-exception-3.1",
    ("font", None): "Font-exception-2.0",
}

#: A BSD or Expat name with the copyright holder appended ("BSD-3-clause-Google",
#: "BSD3_DEShaw", "Expat-RedHat"): the maintainer's tag for one copy of the
#: licence.  Mapped to the base licence, as a "holder-variant", unless the
#: suffix says the text differs or names another licence (_VARIANT_WORDS).
#: "MIT-<holder>" is not mapped: Debian's "MIT" covers a family of texts
#: (MIT-OpenVision is an HPND text, MIT-XC the X11 one).
_HOLDER_SUFFIX = re.compile(r"^(?P<base>bsd-[0-4]-clause|expat)[-_~](?P<holder>[a-z][\w.-]*)$")
_VARIANT_WORDS = frozenset({
    "like", "alike", "style", "ish", "variant", "with", "without", "no", "not", "old", "new", "modified",
    "verbatim", "weird", "numbering", "derivative", "advertising", "export", "original", "or", "and",
    "isc", "pd", "public", "domain", "publicdomain", "gpl", "lgpl", "apache", "x11", "zlib"})
#: The University of California's four-clause text has its own SPDX id.
_UC_HOLDERS = frozenset({"uc", "ucb", "california", "berkeley"})

#: how sure a label's mapping is, weakest last
MAPPINGS = ("keyword", "spdx-id", "holder-variant")


def normal_term(term: str) -> str:
    """One licence name: lower case, blanks as "-", GNU versions and BSD
    clause counts spelled one way ("GPLv3+" -> "gpl-3+", "BSD-3" -> "bsd-3-clause")."""
    term = re.sub(r"\s+", "-", term.strip().lower())
    term = re.sub(r"^bsd-?([0-4])(?:-?clauses?)?(?=$|[-_~])", r"bsd-\1-clause", term)
    term = re.sub(r"^(a?gpl|lgpl)-?v(\d)", r"\1-\2", term)
    return term


def map_term(term: str, known: dict[str, str]) -> tuple[str, str] | None:
    """(SPDX expression, how) of one Debian licence name, None when not certain."""
    key = normal_term(term)
    if key in LABEL_TO_SPDX:
        return LABEL_TO_SPDX[key], "keyword"
    gnu = _GNU.match(key)
    if gnu:
        family, version, later = gnu["family"], gnu["version"], gnu["later"]
        version = version if "." in version else version + ".0"
        if version not in _GNU_VERSIONS[family]:
            return None
        return f"{family.upper()}-{version}-{'or-later' if later in ('+', '-or-later') else 'only'}", "keyword"
    if key in known:
        return known[key], "spdx-id"
    holder = _HOLDER_SUFFIX.match(key)
    if holder and not _VARIANT_WORDS.intersection(re.split(r"[-_~.]", holder["holder"])):
        if holder["base"] == "bsd-4-clause" and holder["holder"] in _UC_HOLDERS:
            return "BSD-4-Clause-UC", "holder-variant"
        base = map_term(holder["base"], known)
        if base:
            return base[0], "holder-variant"
    return None


_COMMA = re.compile(r"\s*,\s*(?:(and|or)\s+)?", re.IGNORECASE)
_SPLIT = re.compile(r"\s+(and|or|&|\|)\s+", re.IGNORECASE)
_WITH = re.compile(r"^(?P<licence>.+?)(?:\s+|-)with(?:\s+|-)(?P<exception>.+?)(?:[\s-]exceptions?)?$",
                   re.IGNORECASE)
_GLUED_EXCEPTION = re.compile(r"^(?P<licence>(?:a?gpl|lgpl)\S*?)-(?P<exception>[a-z]+)-exception$", re.IGNORECASE)


@dataclass(frozen=True)
class Mapping:
    expression: str
    how: str  # one of MAPPINGS: the weakest of its terms


def map_label(label: str, known: dict[str, str]) -> Mapping | None:
    """SPDX expression of a Debian License short name, None if not certain.

    "A or B" -> "A OR B", "A and B" -> "A AND B",
    "GPL-2+ with Autoconf exception" -> "GPL-2.0-or-later WITH Autoconf-exception-2.0".
    A comma binds less tightly than "and"/"or" (DEP-5): "A or B, and C" ->
    "(A OR B) AND C".  Within a group SPDX precedence applies (AND before OR);
    only the ids are scored, so this never changes a score.  Parentheses are
    rare in Debian labels and not handled (unmapped).
    """
    if "(" in label or ")" in label:
        return None
    groups, joins = [], []
    position = 0
    for comma in _COMMA.finditer(label.strip()):
        groups.append(label.strip()[position:comma.start()])
        joins.append("OR" if (comma.group(1) or "").lower() == "or" else "AND")
        position = comma.end()
    groups.append(label.strip()[position:])
    mapped = [_map_group(group, known) for group in groups]
    if any(m is None for m in mapped):
        return None
    if len(mapped) == 1:
        return mapped[0]
    out = " ".join(f"{join} {_wrapped(m.expression)}" for join, m in zip([""] + joins, mapped)).strip()
    return Mapping(out, max((m.how for m in mapped), key=MAPPINGS.index))


def _wrapped(expression: str) -> str:
    """An expression in parentheses when it has operators, to be joined with others."""
    return f"({expression})" if " " in expression and not expression.startswith("(") else expression


def _map_group(group: str, known: dict[str, str]) -> Mapping | None:
    """Terms joined by "and"/"or" (no comma)."""
    parts = _SPLIT.split(group.strip())
    terms, operators = parts[0::2], parts[1::2]
    mapped = []
    for term in terms:
        one = _map_with(term.strip(), known) if term.strip() else None
        if one is None:
            return None
        mapped.append(one)
    if len(mapped) == 1:
        return Mapping(*mapped[0])
    out = _wrapped(mapped[0][0])
    for operator, (spdx, _) in zip(operators, mapped[1:]):
        op = "OR" if operator.lower() in ("or", "|") else "AND"
        out = f"{out} {op} {_wrapped(spdx)}"
    return Mapping(out, max((how for _, how in mapped), key=MAPPINGS.index))


def _map_with(term: str, known: dict[str, str]) -> tuple[str, str] | None:
    """One term, perhaps "<licence> with <X> exception" (or "GPL-2+-libtool-exception")."""
    with_ = _WITH.match(term) or _GLUED_EXCEPTION.match(term)
    if not with_:
        return map_term(term, known)
    licence = map_term(with_["licence"], known)
    if licence is None or " " in licence[0]:
        return None
    name = normal_term(with_["exception"]).removesuffix("-exception")
    major = re.search(r"-(\d)\.", licence[0])
    exception = (_EXCEPTIONS.get((name, major.group(1) if major else None)) or _EXCEPTIONS.get((name, None))
                 or known.get(f"{name}-exception"))
    return (f"{licence[0]} WITH {exception}", licence[1]) if exception else None


def known_ids() -> dict[str, str]:
    """Lower-cased SPDX id -> id, for every non-deprecated id of the reference data."""
    from licenselens.reference import load
    return {i.lower(): i for i, info in load().licenses.items()
            if not i.startswith("LicenseRef-") and not info.deprecated}


def ids_of(expression: str | None) -> frozenset[str]:
    """Ids in an SPDX expression: operators and parentheses dropped; the
    exception after WITH counts as an id."""
    return frozenset(t for t in re.split(r"[\s()]+", expression or "")
                     if t and t.upper() not in ("AND", "OR", "WITH"))


# --------------------------------------------------------------------------- shapes

#: a Debian pointer to the full text shipped with the system
_POINTER = re.compile(r"common-licen[cs]es|/usr/share/doc/[^\s]*licen[cs]e|on debian (?:gnu/linux )?systems",
                      re.IGNORECASE)
#: wording that grants the rights itself, i.e. is the licence, not a notice
_GRANTS = re.compile(
    r"permission is hereby granted|permission to use, copy, modify|"
    r"redistribution and use in source and binary forms|permission is granted to anyone to use|"
    r"terms and conditions for (?:use, reproduction|copying)|"
    r"unlimited permission to (?:copy|use)|"
    r"(?:copying|redistribution) and distribution of this file, with or without modification",
    re.IGNORECASE)
#: wording that refers to licence terms stated elsewhere
_REFERS = re.compile(
    r"under the terms of|licen[cs]ed under|released under|distributed under|available under|"
    r"covered by the|subject to the terms|obtain a copy of the licen[cs]e|"
    r"version \d(?:\.\d)? of the licen[cs]e|see (?:the )?(?:file|licen[cs]e|copying)|"
    r"https?://\S*licen[cs]e",
    re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_PARAGRAPH = re.compile(r"\n\s*\n")
POINTER_ONLY_MAX_WORDS = 12  # what is left besides the pointer
OTHER_MAX_WORDS = 12
LONG_TEXT_WORDS = 400  # no notice is this long: a full licence text


def _sentences(text: str) -> list[str]:
    """Sentences, also ended by a blank line (notices often lack the full stop)."""
    return [s for paragraph in _PARAGRAPH.split(text)
            for s in _SENTENCE.split(" ".join(paragraph.split())) if s]


def shape(text: str) -> str:
    """What a paragraph's text is, by a simple reading:

    full-text       it grants the rights itself (MIT's "Permission is hereby
                    granted", BSD's "Redistribution and use ...", a GPL's
                    "TERMS AND CONDITIONS ...") or is longer than 400 words;
    notice+pointer  otherwise it points to /usr/share/common-licenses (or
                    says "On Debian systems ...") and has more than 12 other
                    words (the standard notice, usually);
    pointer-only    the pointer and at most 12 other words;
    notice          no pointer, but it refers to terms stated elsewhere
                    ("under the terms of", "licensed under", a licence URL ...);
    other           none of these and at most 12 words ("public domain");
                    a longer text that grants nothing recognisable and refers
                    to nothing is taken as a full text (FSF's short licences).
    """
    words = len(text.split())
    if _GRANTS.search(text) or words > LONG_TEXT_WORDS:
        return "full-text"
    if _POINTER.search(text):
        rest = " ".join(s for s in _sentences(text) if not _POINTER.search(s))
        return "pointer-only" if len(rest.split()) <= POINTER_ONLY_MAX_WORDS else "notice+pointer"
    if _REFERS.search(text):
        return "notice"
    return "other" if words <= OTHER_MAX_WORDS else "full-text"


# --------------------------------------------------------------------------- scoring

def score(expected: frozenset[str], got: frozenset[str], reported: frozenset[str]) -> dict[str, bool]:
    """strict and lenient compare the SPDX ids ``got``; "nothing" is true
    when not even a LicenseRef id was ``reported``."""
    return {
        "strict": got == expected,
        "lenient": {fold(i) for i in got} == {fold(i) for i in expected},
        "nothing": not reported,
    }


def _got_text(record: dict) -> str:
    """The ids reported, for a pattern: SPDX ids, else the LicenseRef ids, else "(nothing)"."""
    if record["got_ids"]:
        return " ".join(record["got_ids"])
    return " ".join(record["got_all_ids"]) + " (only)" if record["got_all_ids"] else "(nothing)"


def run_identify(cases: list[Case], known: dict[str, str]) -> list[dict]:
    """identify() every case in this process; one record per case."""
    import licenselens

    records = []
    for case in cases:
        mapping = map_label(case.label, known)
        mapped = mapping.expression if mapping else None
        result = licenselens.identify(case.text, path=case.package)
        raw = [m.id for m in result.licenses]
        got = frozenset(i for i in raw if not i.startswith("LicenseRef-"))
        record = {
            "package": case.package,
            "packages": case.packages,
            "kind": case.kind,
            "line": case.line,
            "copies": case.copies,
            "label": case.label,
            "mapped": mapped,
            "mapping": mapping.how if mapping else None,
            "expected_ids": sorted(ids_of(mapped)) if mapped else None,
            "got_ids": sorted(got),
            "got_all_ids": sorted(set(raw)),
            "expression": result.expression,
            "errors": list(result.errors),
            "shape": shape(case.text),
            "text_sha256": hashlib.sha256(case.text.encode("utf-8")).hexdigest(),
            "words": len(case.text.split()),
            "text_start": case.text[:200],
        }
        if mapped:
            record.update(score(ids_of(mapped), got, frozenset(raw)))
        records.append(record)
    return records


# --------------------------------------------------------------------------- report

def markdown(collected: Collected, records: list[dict], seconds: float, top: int) -> str:
    scored = [r for r in records if r["mapped"]]
    unmapped = Counter(r["label"] for r in records if not r["mapped"])
    out = ["# Debian copyright files: licence identification against maintainers' labels", ""]
    out += [(f"- copyright files: {collected.copyright_files}, DEP-5: {collected.dep5_files}; "
             f"skipped: {len(collected.unparsable)} unparsable, {len(collected.unreadable)} unreadable; "
             f"{collected.malformed_paragraphs} malformed paragraphs skipped"),
            (f"- License fields: {collected.licence_paragraphs}; without text (skipped): "
             f"{collected.without_text}; without a short name: {collected.without_label}"),
            f"- duplicates dropped: {collected.duplicates} identical (label, text) pairs"
            + (f" (most: {', '.join(f'{k} {v}' for k, v in collected.duplicates_by_label.most_common(3))})"
               if collected.duplicates else ""),
            (f"- cases: {len(records)} ({sum(r['kind'] == 'common-licenses' for r in records)} from "
             f"/usr/share/common-licenses); scored: {len(scored)}; unmapped (not scored): "
             f"{len(records) - len(scored)} cases, {len(unmapped)} distinct labels"),
            f"- identify() time: {seconds:.1f} s for {len(records)} texts", ""]
    out += ["## Scores per shape", ""] + score_rows(records, "shape", SHAPES, "lenient") + [""]
    out += ["## Scores per paragraph kind", ""]
    out += score_rows(records, "kind", ("standalone", "files", "header", "common-licenses"), "lenient") + [""]
    out += ["## Scores per label mapping", "",
            ("keyword: a DEP-5 keyword or GNU name; spdx-id: the label is an SPDX id; "
             "holder-variant: a BSD or Expat name with a copyright holder appended"), ""]
    out += score_rows(records, "mapping", MAPPINGS, "lenient") + [""]
    patterns = Counter(
        (r["mapped"], _got_text(r)) for r in scored if not r["strict"])
    out += [f"## Top {top} disagreements (strict), mapped label -> got", "",
            "| label (SPDX) | got | cases |", "| --- | --- | ---: |"]
    out += [f"| {label} | {got} | {n} |" for (label, got), n in patterns.most_common(top)]
    out += ["", "## Most frequent unmapped labels", "",
            ", ".join(f"{label} ({n})" for label, n in unmapped.most_common(25)) or "none"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--doc-root", type=Path, default=DOC_ROOT,
                        help="where the <package>/copyright files are (default /usr/share/doc)")
    parser.add_argument("--common-licenses", type=Path, default=COMMON_LICENSES,
                        help="full licence texts named by their Debian short name (default /usr/share/common-licenses)")
    parser.add_argument("--no-common-licenses", action="store_true", help="leave out the common-licenses texts")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write every case as JSON")
    parser.add_argument("--top", type=int, default=30, help="disagreement patterns to list (default 30)")
    parser.add_argument("--limit", type=int, help="only the first N cases, for a quick check")
    args = parser.parse_args(argv)

    collected = collect_cases(args.doc_root, None if args.no_common_licenses else args.common_licenses)
    if not collected.dep5_files:
        print(f"no DEP-5 copyright files under {args.doc_root}: nothing to measure", file=sys.stderr)
        return 0
    for problem in collected.unparsable + collected.unreadable:
        print(f"skipped {problem}", file=sys.stderr)
    for problem in collected.malformed_in:
        print(problem, file=sys.stderr)
    sys.path.insert(1, str(REPO_ROOT))
    try:
        from licenselens.errors import LicenselensError
        known = known_ids()
    except (ImportError, LicenselensError) as exc:
        print(f"cannot load licenselens: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    cases = collected.cases[: args.limit] if args.limit else collected.cases
    began = time.perf_counter()
    records = run_identify(cases, known)
    seconds = time.perf_counter() - began
    sys.stdout.write(markdown(collected, records, seconds, args.top))
    payload = {
        "doc_root": str(args.doc_root),
        "summary": {"copyright_files": collected.copyright_files, "dep5_files": collected.dep5_files,
                    "unparsable": collected.unparsable, "unreadable": collected.unreadable,
                    "malformed_paragraphs": collected.malformed_paragraphs,
                    "licence_fields": collected.licence_paragraphs, "without_text": collected.without_text,
                    "duplicates_dropped": collected.duplicates, "cases": len(records),
                    "scored": sum(1 for r in records if r["mapped"])},
        "cases": records,
    }
    if args.json and not save_json(args.json, payload):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
