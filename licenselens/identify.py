"""Identification: which known licences a text holds, where, and as one SPDX expression.

The chain: ingest (decode, blank markup) -> tokens -> matchers (SPDX tags,
k-gram exact/approximate) -> choose among overlapping candidates -> licence
entries with flags -> one expression -> licence-like leftovers reported as
unknown, with the closest known licences.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import os
import re
from collections.abc import Callable, Iterator

import numpy as np

from . import ingest
from .declared import LICENSEREF_NAMES
from .errors import InputError
from .matchers import (Hit, badges, debian_copyright, enclosed, file_name, footnotes, headings, kgram, messages,
                       model_licences, name_context, notice_names, options, own_rail, pointers, separators, spdx_tag,
                       versioned_names, versions)
from .normalize import Tokens, fold, tokenize
from .reference import CLUE, FALSE_POSITIVE, INTRO, K, REFERENCE, TAG, TEXT, Reference, gram_hashes, load
from .report import Candidate, Identification, LicenseMatch, UnknownSpan

#: Words matched per input at most (word positions must fit the 21 bits of
#: the matcher's sort keys; a 10 MB input has about 2 million words).
MAX_WORDS = (1 << 21) - 1
#: A candidate is dropped when more than this share of its span is already
#: claimed by a better match (it is then a fragment of that match).
MAX_OVERLAP = 0.5
#: Unmatched text is reported as unknown licence text when it has at least
#: this many words and this many distinct licence words (see LICENSE_WORDS).
UNKNOWN_MIN_WORDS = 20
UNKNOWN_MIN_LICENSE_WORDS = 3
#: Words that say "this is about licensing" (their presence, not their count).
LICENSE_WORDS = frozenset(
    "license licensed licensor licensee licenses permission permitted grant granted "
    "redistribute redistribution redistributions distribute warranty warranties "
    "liability liable sublicense copyright royalty free conditions terms rights "
    "merchantability infringement modify modification derivative "
    "licence licenced licences licencee licencor sublicence".split()  # spellings fold to the above
)

#: What an SPDX-tag id that no known licence answers to becomes: a valid
#: SPDX expression still, and read as unknown licence text like any
#: reference to "some licence" (UNKNOWN_REFERENCES).
UNKNOWN_SPDX_ID = "LicenseRef-scancode-unknown-spdx"
#: Reference rules that say "a licence is mentioned here" without naming one.
UNKNOWN_REFERENCES = frozenset({
    "LicenseRef-scancode-unknown-license-reference",
    "LicenseRef-scancode-unknown",
    UNKNOWN_SPDX_ID,
})
#: Matches of at most this many words are "short names" (GPL, MIT License, BSD-3-Clause).
SHORT_NAME_WORDS = 3
#: A short name counts alone only when its rule's relevance (the reference data's
#: confidence that these words name that licence, 0-100) is at least this.
SHORT_NAME_MIN_RELEVANCE = 100
#: A file naming at least CATALOGUE_MIN_LICENSES different licences by names
#: (reference or tag rules, or matches of at most CATALOGUE_NAME_WORDS words)
#: is a catalogue of licences.
CATALOGUE_MIN_LICENSES = 10
CATALOGUE_NAME_WORDS = 16

_OPERATORS = re.compile(r"\s+(?:AND|OR|WITH)\s+|[()]")


def identify(text: str, path: str | None = None) -> Identification:
    """Identify every known licence in ``text`` (already decoded).

    Blank text is not an exception: the result says so in ``errors``.
    """
    try:
        document = ingest.from_text(text, path)
    except InputError as exc:
        return Identification(path=path, expression=None, errors=[str(exc)])
    return identify_document(document)


def identify_bytes(data: bytes, path: str | None = None) -> Identification:
    """Identify licences in raw bytes (any encoding, HTML, Markdown)."""
    try:
        document = ingest.from_bytes(data, path)
    except InputError as exc:
        return Identification(path=path, expression=None, errors=[str(exc)])
    return identify_document(document)


def identify_file(path: str | os.PathLike) -> Identification:
    """Identify licences in a file; unreadable input becomes an ``errors`` entry."""
    try:
        document = ingest.read_path(path)
    except InputError as exc:
        return Identification(path=os.fspath(path), expression=None, errors=[str(exc)])
    return identify_document(document)


def identify_document(document: "ingest.Document", ref: Reference | None = None) -> Identification:
    ref = ref or load()
    tokens = tokenize(document.match_text)
    notes = []
    if len(tokens.words) > MAX_WORDS:
        tokens = Tokens(tokens.words[:MAX_WORDS], tokens.starts[:MAX_WORDS], tokens.ends[:MAX_WORDS])
        notes.append(f"{document.path or 'input'}: more than {MAX_WORDS} words; only the first were matched")
    ids = ref.ids(tokens.words)
    tags = spdx_tag.match(document.match_text, tokens, functools.partial(_resolve_symbol, ref))
    tags += own_rail.match(document.match_text, tokens)  # licences written by `licenselens generate`
    tags += file_name.match(document.match_text, tokens)  # "MIT-LICENSE.txt", "LICENSE-Apache-2.0"
    tags += model_licences.match(document.match_text, tokens)  # "under the CreativeML OpenRAIL-M license"
    short = kgram.short_rules(ref, ids)
    exact = kgram.exact_rules(ref, ids)

    # A short declaration ("license: MIT") whose separator the text lacks declares
    # nothing.  Asked only of a verbatim hit that would otherwise count: the answer
    # reads the rule's file, and a list of licence names has thousands of hits.
    def agrees(hit: Hit) -> bool:
        return separators.agrees(ref, hit, document.match_text, tokens)

    chosen = verbatim_only(ref, tags, exact, short, ids, agrees)
    if chosen is None:
        or_later = version_words(ref, ids)
        # a notice naming its licence does not match text naming another in the
        # same words, and no match stops inside a version number the text goes on to give
        def rejected(hit: Hit) -> bool:
            expression = _expression(ref, hit)
            if notice_names.names_another(ref, hit, expression, tokens.words):
                return True
            ids = symbols(expression)
            return (notice_names.names_other_gnu_licence(ref, hit, ids, tokens.words)
                    or versions.cut_short(ids, document.match_text, int(tokens.ends[hit.qend - 1]))
                    or (bool(hit.inserted) and ref.rule_names[hit.rule] not in ref.key_to_id  # not a licence's own text
                        and versions.inserted_version(ids, tokens.words, hit, _any_version(ref))))

        chosen = choose(tags + short + exact, kgram.Candidates(ref, ids, or_later), len(ids), rejected, agrees)
        chosen = split_loose_matches(ref, chosen, ids, or_later, rejected)
    # "the EUPL v1.2": a short name and version no rule spells, where no match lies
    chosen = versioned_names.merge(versioned_names.match(document.match_text, tokens), chosen, tokens.words,
                                   lambda h: h.rule >= 0 and bool(ref.rule_flags[h.rule] & TEXT),
                                   lambda h: _expression(ref, h))
    reported = report_filter(ref, chosen, tokens, document.match_text)
    # "Some licence is mentioned here" rules name no licence: unknown text.
    mentions = [h for h in reported if _expression(ref, h) in UNKNOWN_REFERENCES]
    mentioned = {id(h) for h in mentions}
    reported = [h for h in reported if id(h) not in mentioned]
    licenses = [entry for hit in reported for entry in _entries(ref, hit, tokens)]
    unknown = _unknown(ref, tokens, ids, chosen, document.match_text) + _added_terms(ref, tokens, ids, reported) + [
        UnknownSpan(int(tokens.starts[h.qstart]), int(tokens.ends[h.qend - 1]), closest(ref, ids[h.qstart : h.qend]))
        for h in mentions
    ]
    unknown += _unnamed_licences(ref, tokens, ids, chosen, document.match_text, unknown)
    result = Identification(
        path=document.path,
        expression=combine([_expression(ref, h) for h in reported], _choices(reported, tokens)),
        licenses=licenses,
        unknown=sorted(unknown, key=lambda u: (u.start, u.end)),
    )
    result.errors.extend(notes)
    if getattr(document, "truncated", False):
        result.errors.append(f"{document.path or 'input'}: larger than {ingest.MAX_BYTES} bytes; only the start was read")
    return result


#: Words that may not be left unexplained by the verbatim fast path: licence
#: words, version words, and the words licence names are made of.
VERBATIM_BLOCKERS = (LICENSE_WORDS - {"copyright", "rights"}) | frozenset(
    "later version option any public domain gnu gpl lgpl agpl mit bsd apache mozilla mpl eclipse "
    "creative commons cc spdx licenseref unlicense wtfpl zlib isc artistic boost".split())


@functools.lru_cache(maxsize=8)
def _word_mask(ref: Reference, words: frozenset[str]) -> np.ndarray:
    """Mask over vocabulary ids marking ``words`` (spelling variants share ids)."""
    return ref.id_mask({ref.vocab[w] for w in words if w in ref.vocab})


def verbatim_only(ref: Reference, tags: list[Hit], exact: list[Hit], short: list[Hit],
                  ids: np.ndarray, admit: Callable[[Hit], bool] | None = None) -> list[Hit] | None:
    """The answer when verbatim rule texts explain the whole text, else None.

    Most licence files are a reference text word for word, perhaps under a
    copyright line; most source headers are a verbatim notice above code.
    When the longest verbatim matches leave no word unexplained that has
    anything to do with licensing (no licence word, no version word, no
    word of a licence name, no short licence name but a title of the
    licence the texts are: see :func:`_title_of`), no approximate alignment
    can change the answer, and the expensive search is skipped.

    Hits of ``exact`` and ``short`` that ``admit`` turns down do not count;
    it is asked only of those that would count otherwise.
    """
    if admit is None:
        admit = _admit_all
    if not any(admit(hit) for hit in exact):
        return None
    covered = np.zeros(len(ids), dtype=bool)
    chosen = list(tags)
    for hit in tags:
        covered[hit.qstart : hit.qend] = True
    # Most exact hits are fragments of a longer one (the paragraphs of a licence
    # text are rules too): lying inside a chosen hit settles them without numpy.
    # (a shortcut only: the count says the same)
    for hit in sorted(exact, key=lambda h: (-h.length, h.qstart, h.rule)):
        if (len(chosen) <= _WITHIN_MAX_CLAIMED and _inside_one(hit, chosen)) or (
                np.count_nonzero(covered[hit.qstart : hit.qend]) > MAX_OVERLAP * (hit.qend - hit.qstart)):
            continue
        if not admit(hit):
            continue
        chosen.append(hit)
        covered[hit.qstart : hit.qend] = True
    # A licence name outside the verbatim texts leaves the answer to the search,
    # unless it is a title: it names again the one licence they are, above or below them.
    # (count_nonzero: ndarray.all() / .any() go through a slow Python wrapper)
    titles: list[Hit] = []
    for hit in sorted(short, key=lambda h: (-h.length, h.qstart)):
        if np.count_nonzero(covered[hit.qstart : hit.qend]) < hit.qend - hit.qstart and admit(hit):
            if not _title_of(ref, hit, chosen):
                return None
            if not _inside_one(hit, titles):
                titles.append(hit)
    for hit in titles:
        covered[hit.qstart : hit.qend] = True
    if np.count_nonzero(_word_mask(ref, VERBATIM_BLOCKERS)[ids[~covered]]):
        return None
    return sorted(chosen + titles, key=lambda h: (h.qstart, h.qend))


def _admit_all(hit: Hit) -> bool:
    return True


def _title_of(ref: Reference, hit: Hit, chosen: list[Hit]) -> bool:
    """Whether the short rule ``hit`` names again the one licence that every
    verbatim text chosen is, above or below them ("The ISC License" over the
    ISC text, "MIT License" under a copyright line over the MIT text).

    Such a name cannot change the answer, and a quarter of the licence files
    packages ship open with one: without this they all took the approximate
    search (2-6 ms instead of under one).  A name between two chosen texts
    is no title: it may be part of text a longer rule explains (the Apache
    appendix between the terms and the boilerplate notice), and a name of
    another licence, or of a choice, is for the search to weigh.
    """
    expression = _expression(ref, hit)
    return (bool(chosen) and " " not in expression and all(_expression(ref, c) == expression for c in chosen)
            and (hit.qstart < min(c.qend for c in chosen) or hit.qend > max(c.qstart for c in chosen)))


def _inside_one(hit: Hit, spans: list[Hit]) -> bool:
    """Whether ``hit`` lies within the span of one of ``spans`` (and has words)."""
    return hit.qend > hit.qstart and any(s.qstart <= hit.qstart and hit.qend <= s.qend for s in spans)


def _resolve_symbol(ref: Reference, symbol: str) -> str | None:
    """An SPDX-tag id the SPDX list does not know, read as a licence name.

    The author meant *some* licence ("BSD", "GPLv2", "Apache 2"): when the
    whole id is exactly the wording of one reference rule, that rule's
    licence is it.  Relevance filters do not apply here: the author chose
    these words to name a licence.  An id no rule answers to ("MIT-or-whatever")
    is :data:`UNKNOWN_SPDX_ID`: kept as written it would make the expression
    invalid SPDX for every tool downstream; as unknown licence text it stays
    visible, with its place in the text.
    """
    if ref.license(symbol) or symbol.startswith(("LicenseRef-", "DocumentRef-")):
        return None
    ids = ref.ids(tokenize(symbol).words)
    if not len(ids):
        return None
    hits = kgram.short_rules(ref, ids) + choose([], kgram.Candidates(ref, ids), len(ids))
    whole = [h for h in hits if h.qstart == 0 and h.qend == len(ids) and h.coverage == 1.0]
    return _expression(ref, whole[0]) if whole else UNKNOWN_SPDX_ID


def version_words(ref: Reference, ids: np.ndarray) -> np.ndarray:
    """Which query words turn a version into "or later": "later", "newer", "2.0+".

    (Numbers themselves are guarded on the rule side: see reference._rule_words.)
    """
    return ref.version_word_mask[ids]


def choose(fixed: list[Hit], candidates: kgram.Candidates, n_tokens: int,
           rejected: Callable[[Hit], bool] | None = None, admit: Callable[[Hit], bool] | None = None) -> list[Hit]:
    """Greedy choice among overlapping candidates, best first.

    Explicit SPDX tags come first.  Then the candidate that accounts for the
    most reference words wins its span, ties going to the closest wording
    (similarity) and then the shorter rule; a candidate mostly inside an
    already chosen span is a fragment of it and is dropped.

    k-gram candidates are chained lazily: the best upper bound is chained
    only when it could beat the best hit in hand, and after each choice the
    runs inside the chosen text are dropped, so fragments of a chosen match
    usually cost nothing.  A candidate ``rejected`` says is no match is
    passed over, and the next best takes its place; so is a ``fixed`` hit
    that ``admit`` turns down (asked last: only of fixed hits that would be
    chosen otherwise, as if they had never been among them).
    """
    # one byte per word: bytearray.count counts a span without numpy's per-call
    # cost, and the numpy view over the same bytes is what refresh() reads
    claimed = bytearray(max(n_tokens, 1))
    covered = np.frombuffer(claimed, dtype=bool)
    chosen: list[Hit] = []

    # The fixed hits are all known at the start: sorted once, they are taken in
    # order, and only the chained ones go through a heap (a list of licence names
    # has thousands of fixed hits, and heap pops cost more than one sort).
    # Entries are (rank, order, hit); the order numbers are distinct, so two
    # entries are never compared by their hits, and equal ranks keep the
    # order in which the hits came.
    queue = sorted([(_rank(h), i, h) for i, h in enumerate(fixed)])
    n_fixed = len(queue)
    heap: list[tuple[tuple, int, Hit]] = []
    tiebreak = itertools.count(n_fixed)
    taken = 0  # fixed hits taken so far
    stale = False  # bounds still ignore the latest choices (they only fall)
    while True:
        from_heap = bool(heap) and (taken == n_fixed or heap[0] < queue[taken])
        top = heap[0] if from_heap else queue[taken] if taken < n_fixed else None
        bound = candidates.best()
        if bound > -np.inf and (top is None or bound >= _rank_value(top[0])):
            if stale:
                candidates.refresh(covered)
                stale = False
                continue
            for hit in candidates.step():
                heapq.heappush(heap, (_rank(hit), next(tiebreak), hit))
            continue
        if top is None:
            break
        if from_heap:
            heapq.heappop(heap)
        else:
            taken += 1
        hit = top[2]
        spans = hit.spans
        # most hits taken are fragments of a chosen one, mostly inside it
        if not spans:  # all of [qstart, qend)
            if claimed.count(1, hit.qstart, hit.qend) > MAX_OVERLAP * (hit.qend - hit.qstart):
                continue
        elif sum(claimed.count(1, a, b) for a, b in spans) > MAX_OVERLAP * sum(b - a for a, b in spans):
            continue
        if (rejected is not None and rejected(hit)) or (admit is not None and not from_heap and not admit(hit)):
            continue
        chosen.append(hit)
        for a, b in spans or ((hit.qstart, hit.qend),):
            covered[a:b] = True
        stale = True
    return sorted(chosen, key=lambda h: (h.qstart, h.qend))


#: Up to how many chosen hits :func:`verbatim_only` scans before counting.
_WITHIN_MAX_CLAIMED = 64


#: An approximate match covering less than this share of its rule is checked
#: for a better explanation by several licences (see split_loose_matches).
SPLIT_BELOW_COVERAGE = 0.9
#: Sub-matches must cover at least this share of their own rules to count.
SPLIT_MIN_COVERAGE = 0.9


def split_loose_matches(ref: Reference, chosen: list[Hit], ids: np.ndarray, versions: np.ndarray,
                        rejected: Callable[[Hit], bool] | None = None) -> list[Hit]:
    """Replace a loose match of one long licence by the tighter matches of several.

    Greedy choice takes the single best match first; a long licence that
    happens to resemble two short ones laid end to end (two BSD texts in a
    row, a licence bundle quoting its components) can win that way with a
    mediocre coverage.  For such a loose match, the same text is identified
    again without that licence; when close matches of other licences account
    for more words than the loose one (by rank: words found minus words
    missing), they are the better explanation.  Those matches may find again
    text that was chosen beside the loose match (a disclaimer it only
    partly covered): overlaps are then settled as in :func:`choose`, so each
    stretch of text is reported once.  What ``rejected`` says is no match
    is no part either.
    """
    out: list[Hit] = []
    split = False
    for hit in chosen:
        if hit.rule < 0 or hit.matcher != "approximate" or hit.coverage >= SPLIT_BELOW_COVERAGE:
            out.append(hit)
            continue
        window = ids[hit.qstart : hit.qend]
        candidates = kgram.Candidates(ref, window, versions[hit.qstart : hit.qend])
        candidates.exclude(hit.rule)
        parts = [p for p in choose(kgram.short_rules(ref, window), candidates, len(window),
                                   rejected and (lambda p: rejected(_shift(p, hit.qstart))))
                 if p.coverage >= SPLIT_MIN_COVERAGE and p.rank > 0]
        if sum(p.rank for p in parts) > hit.rank:
            out.extend(_shift(p, hit.qstart) for p in parts)
            split = True
        else:
            out.append(hit)
    return _without_overlaps(out, len(ids)) if split else out


def _without_overlaps(hits: list[Hit], n_tokens: int) -> list[Hit]:
    """Best first (as :func:`choose` ranks), dropping hits mostly inside better ones."""
    covered = np.zeros(max(n_tokens, 1), dtype=bool)
    kept = []
    for hit in sorted(hits, key=_rank):
        spans = hit.matched_spans()
        if sum(int(covered[a:b].sum()) for a, b in spans) > MAX_OVERLAP * sum(b - a for a, b in spans):
            continue
        kept.append(hit)
        for a, b in spans:
            covered[a:b] = True
    return sorted(kept, key=lambda h: (h.qstart, h.qend))


def _shift(hit: Hit, offset: int) -> Hit:
    return hit._replace(
        qstart=hit.qstart + offset, qend=hit.qend + offset,
        spans=tuple((a + offset, b + offset) for a, b in hit.spans),
        inserted=tuple((a + offset, b + offset) for a, b in hit.inserted),
    )


def _rank_value(rank: tuple) -> float:
    """The rank a heap entry stands for; SPDX tags outrank everything."""
    return np.inf if not rank[0] else -rank[1]


def _rank(hit: Hit) -> tuple:
    """Sort key, best first: (not a tag, -rank, -similarity, length, rule, qstart).

    Hit.rank and Hit.similarity written out: every candidate is ranked, and
    two property calls cost more than the arithmetic.
    """
    matched, length, span = hit.matched, hit.length, hit.qend - hit.qstart
    extra = span - matched if span > matched else 0
    return (hit.rule >= 0, length + extra - 2 * matched, -2.0 * matched / (length + span), length, hit.rule, hit.qstart)


def report_filter(ref: Reference, chosen: list[Hit], tokens: Tokens, text: str) -> list[Hit]:
    """The chosen matches that state licensing, not mere mentions of licences.

    * False-positive rules (text known to look like a licence but not be one),
      licence intros ("licensed under the following terms:") and clues have
      done their job by claiming their text; they are not licences.  An
      intro whose rule names a particular licence (one the reference has a
      text for) is the start of that licence as its authors wrote it, and
      counts as that licence.
    * A short name whose own data gives it less than full relevance ("BSD",
      "public domain") is too weak alone, unless the words before it state
      licensing ("under the Ruby License"); a name glued into a file name
      or identifier ("global.json", "license.txt": not "JSON license") names
      nothing, and one the words around it rule out ("do not upgrade to
      LGPLv3", "GPLv2 compatibility") is not the text's licence (see
      matchers.name_context), nor is one listed as an option to choose
      ("# Some suggested licenses:" above "# - GPLv2", matchers.options).
    * A licence name that is a whole string literal passed to a function in
      code (``correct('Apache 2')``, ``ids.includes('GPL-3.0')``) is data the
      code works on - a test, a code sample - not the code's licence.
    * A catalogue - a file naming many licences only by short names (SPDX
      lists, trove classifiers, licence pickers) - describes licences, it is
      not licensed under all of them: its short-name matches are dropped.
      Licence file names ("MIT-LICENSE.txt") count as names here, as data
      when code hands them to a function, and as part of a licence text that
      quotes them (a licence list naming the file each licence is in).  A
      Debian machine-readable copyright file declares every licence it names
      for some of its files: it is no catalogue (matchers.debian_copyright).
      A licence badge (an image linked to the licence) is a declaration,
      never a catalogue name (matchers.badges).
    * A licence named without a version ("the GNU General Public License",
      "the GPL license header") within a notice that states the version
      ("either version 3, or ... any later version") is that version, not
      "any version" besides it (matchers.versions); a name without a number
      that the data reads as one version is not that licence when the text
      goes on to give another ("Open Software License, Version 1.1" is no
      OSL-3.0), and a match that stops inside the text's version number
      ("LGPL-2" of "LGPL-2.1") names another version than the text does.
    * A pointer to where the system keeps a licence's text ("... can be found
      in /usr/share/common-licenses/GPL-2") under a notice granting that
      version "or later" says where the text is, not that the version alone
      is granted too; a pointer no match explains names its licence by its
      path (matchers.pointers).
    * A short name that titles the text of another licence ("CMU License"
      above the CMU-Mach text) is that text's label (matchers.headings).
    * A licence name inside a longer string handed to a function or written
      to a stream, whose other words say nothing about licensing, is a word
      of a program's message ("add a new BSD partition"), not a licence
      (matchers.messages).
    * A link listed as one of several numbered notes ("(2) http://...") is a
      citation, not a licence (matchers.footnotes).
    * A notice or name inside a long licence document matched nearly whole
      is that document's word about other licences (a third-party clause of
      its edition), not a licence of the file (matchers.enclosed).
    """
    kept = []
    # A catalogue is settled as soon as the names kept so far list enough
    # licences: every later name goes with them, so the checks that would
    # decide whether to keep it are not even made (an SPDX table has
    # thousands of names, each some regular expressions to check).
    listed: set[str] = set()  # licences the names kept so far name
    names: set[int] = set()  # id() of the kept hits that are such names
    catalogue = False
    declares: bool | None = None  # a Debian copyright file's names are no catalogue (read once)

    def keep(hit: Hit) -> None:
        nonlocal catalogue, declares
        kept.append(hit)
        if _catalogue_name(ref, hit, tokens, text):
            names.add(id(hit))
            listed.add(_expression(ref, hit))
            if len(listed) >= CATALOGUE_MIN_LICENSES:
                if declares is None:
                    declares = debian_copyright.is_machine_readable(text)
                catalogue = not declares

    for hit in chosen:
        if catalogue and _catalogue_name(ref, hit, tokens, text):
            continue  # a catalogue's name, dropped whatever the checks say
        if hit.rule < 0:
            if hit.matcher != file_name.MATCHER or not (_inside_other(hit, chosen) or _code_argument(
                    text, int(tokens.starts[hit.qstart]), int(tokens.ends[hit.qend - 1]))):
                keep(hit)
            continue
        flags = ref.rule_flags[hit.rule]
        if flags & (FALSE_POSITIVE | CLUE) or (flags & INTRO and not _names_known_licence(ref, hit)):
            continue
        start, end = int(tokens.starts[hit.qstart]), int(tokens.ends[hit.qend - 1])
        versioned = _version_stated_before(ref, hit, tokens.words)
        if versioned is not None:
            hit = hit._replace(expression=versioned)
        if hit.length <= SHORT_NAME_WORDS:
            if (ref.rule_relevance[hit.rule] < SHORT_NAME_MIN_RELEVANCE and versioned is None
                    and not name_context.stated(tokens.words, hit.qstart) and not _heading_name(hit, chosen, text, start, end)):
                continue
            if _glued(text, start, end) or name_context.ruled_out(hit, tokens, text) or options.offered(text, start, end):
                continue
        if (_code_argument(text, start, end) or footnotes.cited(text, start, end)
                or (_is_name(ref, hit) and messages.in_message(text, start, end, LICENSE_WORDS))):
            continue
        ids = symbols(_expression(ref, hit))
        if (not flags & TEXT and versions.other_version(ids, tokens.words, hit.qstart, hit.qend)) or versions.cut_short(
                ids, text, end):
            continue
        keep(hit)
    if catalogue:
        kept = [h for h in kept if id(h) not in names]
    kept = _drop_unversioned(ref, kept, tokens, text)
    generic = versions.generic_names(kept, lambda h: symbols(_expression(ref, h)), tokens.words,
                                     lambda h: bool(ref.rule_flags[h.rule] & TEXT), _any_version(ref))
    kept = [h for h in kept if id(h) not in generic]
    def span(hit: Hit) -> tuple[int, int]:
        return int(tokens.starts[hit.qstart]), int(tokens.ends[hit.qend - 1])

    # a pointer that no match explains names its licence by its path
    path_names = pointers.unexplained(text, tokens, [span(h) for h in kept], [span(h) for h in chosen])
    if path_names:
        kept = sorted(kept + path_names, key=lambda h: (h.qstart, h.qend))
    pointed = pointers.subsumed(kept, span, lambda h: symbols(_expression(ref, h)), text)
    kept = [h for h in kept if id(h) not in pointed]
    titled = headings.titles(ref, kept, tokens.words, LICENSE_WORDS, lambda h: _names_known_licence(ref, h))
    inside = enclosed.enclosed(kept, lambda h: bool(ref.rule_flags[h.rule] & TEXT), lambda h: _expression(ref, h))
    return [h for h in kept if id(h) not in titled and id(h) not in inside]


def _version_stated_before(ref: Reference, hit: Hit, words: list[str]) -> str | None:
    """The id a licence named without a version stands for when the words
    before the name state the version: "under the terms of version 3 of the
    GNU Lesser General Public License" is LGPL-3.0-only, not the "2.1 or
    later" the data reads the bare name as (see versions.version_before)."""
    if hit.qstart < 2 or (words[hit.qstart - 1] not in ("of", "the") and words[hit.qstart] != "of"):
        return None  # most matches: no "version N of" before them
    expression = _expression(ref, hit)
    if not expression.endswith("-or-later") or any(c.isdigit() for w in words[hit.qstart : hit.qend] for c in w):
        return None
    stated = versions.version_before(words, hit.qstart)
    return versions.versioned_id(expression, *stated, ref.licenses) if stated else None


@functools.lru_cache(maxsize=4)
def _any_version(ref: Reference) -> frozenset[str]:
    """The ids a licence named without a version is read as (once per reference)."""
    return versions.any_version_ids(ref.licenses)


def _inside_other(hit: Hit, chosen: list[Hit]) -> bool:
    """Whether ``hit`` lies within the span of another chosen reference match."""
    return any(other.rule >= 0 and other.qstart <= hit.qstart and hit.qend <= other.qend for other in chosen)


_VERSIONED = re.compile(r"[-_.]?v?\d.*$", re.IGNORECASE)


def _drop_unversioned(ref: Reference, hits: list[Hit], tokens: Tokens, text: str) -> list[Hit]:
    """An unversioned name overlapping a versioned one of the same licence is that version.

    "distributed under the Mozilla Public License, version 2.0" holds a rule for
    the bare name (which the data files under version 1.0) and one for "Mozilla
    Public License version 2.0": the words say 2.0, so the bare-name match goes.
    So does a bare name that the versioned one follows at once on the same
    line: in "the GNU Lesser General Public License (LGPL) version 3" the
    abbreviation with its version completes the name ("LGPL version 3"
    matches apart from the full name before it), which is then version 3,
    not the "2.1 or later" the data reads the full name alone as.
    """
    def has_number(hit: Hit) -> bool:
        return any(c.isdigit() for w in tokens.words[hit.qstart : hit.qend] for c in w)

    def family(hit: Hit) -> str:
        return _VERSIONED.sub("", _expression(ref, hit))

    def completes(a: Hit, b: Hit) -> bool:
        """b, with its number, follows the bare name a at once on its line."""
        return (b.qstart == a.qend and not has_number(a)
                and "\n" not in text[int(tokens.ends[a.qend - 1]) : int(tokens.starts[b.qstart])])

    dropped = set()
    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            if (((a.qstart < b.qend and b.qstart < a.qend) or completes(a, b)) and family(a) == family(b)
                    and _expression(ref, a) != _expression(ref, b) and has_number(a) != has_number(b)):
                dropped.add(id(b) if has_number(a) else id(a))
    return [h for h in hits if id(h) not in dropped]


@functools.lru_cache(maxsize=4)
def _licences_with_text(ref: Reference) -> frozenset[str]:
    """Ids of the licences the reference holds a full text for (not generic
    placeholders such as "unknown licence reference" or "other permissive").

    Licence texts are the TEXT rules named by a licence key; other TEXT rules
    are variants of wording, some of them for generic placeholders.
    """
    return frozenset(ref.expressions[ref.rule_expr[r]] for r in np.nonzero(ref.rule_flags & TEXT)[0]
                     if ref.rule_names[r] in ref.key_to_id)


def _names_known_licence(ref: Reference, hit: Hit) -> bool:
    return any(symbol in _licences_with_text(ref) for symbol in symbols(_expression(ref, hit)))


#: Matchers that read no rule but whose hits are licence names (a catalogue lists them).
_NAMING_MATCHERS = frozenset({file_name.MATCHER, versioned_names.MATCHER})


def _catalogue_name(ref: Reference, hit: Hit, tokens: Tokens, text: str) -> bool:
    """Whether ``hit`` is one of the names that make a text a catalogue of
    licences (see :func:`report_filter`): a licence name or file name that is
    not a badge."""
    return ((hit.matcher in _NAMING_MATCHERS or (hit.rule >= 0 and _is_name(ref, hit)))
            and not badges.is_badge(text, int(tokens.starts[hit.qstart]), int(tokens.ends[hit.qend - 1])))


def _is_name(ref: Reference, hit: Hit) -> bool:
    """A match that names a licence (a reference or tag rule, or a few words)
    rather than stating its terms."""
    return hit.length <= CATALOGUE_NAME_WORDS or bool(ref.rule_flags[hit.rule] & (REFERENCE | TAG))


_COMMENT_MARKS = " \t*#/;%!-"


def _heading_name(hit: Hit, chosen: list[Hit], text: str, start: int, end: int) -> bool:
    """Whether the name text[start:end] stands alone on its line above more
    text, outside any other match.

    A line that holds nothing but a licence name ("PUBLIC DOMAIN" above a
    file's text, "lgpl" in a header comment) is the author's declaration,
    however weak the name alone; inside a longer match it is a section title
    of that text ("BSD LICENSE" inside a dual-licence notice) and says no
    more.  A text that is nothing but the name heads nothing and stays weak.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if (line_end < 0 or text[line_start:start].strip(_COMMENT_MARKS)
            or text[end:line_end].strip(_COMMENT_MARKS + "\r") or text[line_end:].isspace()):
        return False
    return not any(o is not hit and o.qstart <= hit.qstart and hit.qend <= o.qend for o in chosen)


_DOCUMENT_EXTENSION = re.compile(r"\.(?:html?|txt|md|rst|php|pdf)(?![\w.-])", re.IGNORECASE)


#: A documentation tag naming the licence (JSDoc, PHPDoc, Closure: "@license MIT"), not an address.
_DOC_TAG = re.compile(r"(?<![\w.@-])@licen[cs]e\b", re.IGNORECASE)


def _glued(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a file name or identifier.

    "global.json" or "license.txt" hold the words of short licence names
    ("JSON License") without naming a licence; "licensed under MIT." does.
    A document named after the licence, at the end of a path or link
    ("/legal/gplv2+ce.html"), names it, and so does a ``@license`` tag.
    """
    before = text[start - 1] if start > 0 else " "
    before2 = text[start - 2] if start > 1 else " "
    after = text[end] if end < len(text) else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    if (before == "/" and _DOCUMENT_EXTENSION.match(text, end)) or (before == "@" and _DOC_TAG.match(text, start - 1)):
        return False
    return (before in "_@" or (before in ".-" and before2.isalnum())
            or after in "_@" or (after in ".-" and after2.isalnum()))


#: How far back (characters, same line) a string literal's enclosing call is looked for.
CODE_CONTEXT_CHARS = 200
_QUOTES = "'\"`"


def _code_argument(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] starts with a whole string literal given as an
    argument to a function call, on a line that does not otherwise speak of
    licensing.

    ``assert.equal(correct('Apache 2'), 'Apache-2.0')`` or
    ``ids.includes('GPL-3.0')`` hand licence names to code as data; in
    ``strncmp(ptr, "gpl", 3)`` the words of a name ("GPL 3") only meet
    across the end of the literal.  A declaration assigns them to a key
    instead - ``license='MIT'``, ``"license": "MIT"``, ``s.licenses =
    ['MIT']`` - or says "licen[cs]e" around the literal (``licenses :=
    Seq("MIT" -> url)``): those stay.
    """
    quote = text[start - 1] if start > 0 else ""
    if not quote or quote not in _QUOTES:
        return False
    close = text.find(quote, start, end + 1)
    if close < 0:
        return False  # a name inside a longer string: a message, not data
    line_start = max(text.rfind("\n", 0, start - 1) + 1, start - 1 - CODE_CONTEXT_CHARS)
    line_end = text.find("\n", close)
    line = text[line_start : start - 1] + " " + text[close + 1 : line_end if line_end >= 0 else len(text)]
    if re.search(r"licen[cs]", line, re.IGNORECASE):
        return False
    return messages.in_call(text, line_start, start - 1)


def _expression(ref: Reference, hit: Hit) -> str:
    return hit.expression if hit.expression is not None else ref.expressions[ref.rule_expr[hit.rule]]


#: What a hit of a matcher that reads no reference rule reports as its rule.
_MATCHER_RULES = {own_rail.MATCHER: own_rail.RULE, file_name.MATCHER: file_name.RULE, pointers.MATCHER: pointers.RULE,
                  model_licences.MATCHER: model_licences.RULE, versioned_names.MATCHER: versioned_names.RULE,
                  spdx_tag.MATCHER: "SPDX-License-Identifier"}


def _entries(ref: Reference, hit: Hit, tokens: Tokens) -> list[LicenseMatch]:
    rule = ref.rule_names[hit.rule] if hit.rule >= 0 else _MATCHER_RULES[hit.matcher]
    return license_matches(ref, _expression(ref, hit), score=round(100.0 * hit.coverage, 2),
                           start=int(tokens.starts[hit.qstart]), end=int(tokens.ends[hit.qend - 1]),
                           matcher=hit.matcher, rule=rule)


def license_matches(ref: Reference, expression: str, *, score: float, start: int, end: int, matcher: str,
                    rule: str) -> list[LicenseMatch]:
    """One entry per licence or exception of ``expression``, with what the reference data (or
    the project's own RAIL family) knows of it; an AI licence the data lacks takes the name
    the project gives it (:data:`licenselens.declared.LICENSEREF_NAMES`), other ids nobody
    knows keep their id as name."""
    entries = []
    for symbol in symbols(expression):
        info = ref.license(symbol) or own_rail.licence_info(symbol)
        entries.append(LicenseMatch(
            id=symbol,
            name=info.name if info else LICENSEREF_NAMES.get(symbol, symbol),
            osi_approved=bool(info and info.osi_approved),
            fsf_libre=bool(info and info.fsf_libre),
            deprecated=bool(info and info.deprecated),
            category=info.category if info else None,
            is_exception=bool(info and info.is_exception),
            score=score,
            start=start,
            end=end,
            expression=expression,
            matcher=matcher,
            rule=rule,
        ))
    return entries


def symbols(expression: str) -> list[str]:
    """The licence and exception ids of an SPDX expression, in order, once each."""
    return list(_symbols(expression))


@functools.lru_cache(maxsize=4096)
def _symbols(expression: str) -> tuple[str, ...]:
    # the same few expressions come up again and again: split each once
    return tuple(dict.fromkeys(s.strip() for s in _OPERATORS.split(expression) if s and s.strip()))


#: Words between two licence matches that make them alternatives.
CHOICE_WORDS = frozenset("or either alternatively dual".split())
#: Two matches are one choice when at most this many words separate them.
CHOICE_GAP_WORDS = 12


def _choices(hits: list[Hit], tokens: Tokens) -> list[bool]:
    """For each match after the first: is it an alternative to the one before?

    "under the MIT license or under the Apache License" and "MIT or, at your
    option, Apache-2.0" are choices; "MIT and Apache-2.0" or two licence
    texts one after the other are not.
    """
    out = []
    for before, hit in zip(hits, hits[1:]):
        between = set(tokens.words[before.qend : hit.qstart])
        out.append(0 <= hit.qstart - before.qend <= CHOICE_GAP_WORDS
                   and bool(between & CHOICE_WORDS) and "and" not in between)
    return out


def combine(expressions: list[str], alternatives: list[bool] | None = None) -> str | None:
    """One SPDX expression for the matches, in text order.

    Choices and exceptions inside one match come from its rule ("either
    version 2 or the MIT licence" is an OR rule).  Between matches, a
    separate licence text also applies (AND) unless the words between say it
    is an alternative (``alternatives[i]`` is true when match i + 1 is a
    choice against match i): "licensed under MIT or, at your option,
    Apache-2.0" gives OR.  Duplicates are removed by license-expression.
    """
    return _combine(tuple(expressions), tuple(alternatives or [False] * max(len(expressions) - 1, 0)))


@functools.lru_cache(maxsize=4096)
def _combine(expressions: tuple[str, ...], alternatives: tuple[bool, ...]) -> str | None:
    """:func:`combine`, once per combination: license-expression takes a
    tenth of a millisecond and more to parse and de-duplicate, and files
    combine the same few licences again and again."""
    groups: list[list[str]] = []
    for i, expression in enumerate(expressions):
        if i and alternatives[i - 1] and groups:
            groups[-1].append(expression)
        else:
            groups.append([expression])
    parts = []
    for group in groups:
        unique = list(dict.fromkeys(e for e in group if e))
        if unique:
            parts.append(" OR ".join(f"({e})" if " " in e and len(unique) > 1 else e for e in unique))
    unique = list(dict.fromkeys(parts))
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    from license_expression import Licensing

    # Symbols kept as the matches spell them: the SPDX licensing would rename ScanCode
    # LicenseRef ids to newer SPDX ids that the licence entries do not carry.
    licensing = Licensing()
    joined = " AND ".join(f"({e})" if (" OR " in e or " AND " in e) else e for e in unique)
    try:
        # flattened first: a match's own "A AND B" beside another A is one conjunction
        return str(licensing.dedup(licensing.parse(joined, validate=False).flatten()))
    except Exception:  # noqa: BLE001 - never lose the result over rendering
        return joined


@functools.lru_cache(maxsize=1)
def _licensing():
    """license-expression's SPDX licensing (costly to build: once per process)."""
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def _unknown(ref: Reference, tokens: Tokens, ids: np.ndarray, chosen: list[Hit], text: str) -> list[UnknownSpan]:
    """Licence-like stretches of text that no chosen match explains."""
    n = len(tokens.words)
    if n < UNKNOWN_MIN_WORDS:
        return []
    covered = np.zeros(n, dtype=bool)
    for hit in chosen:
        for a, b in hit.matched_spans():
            covered[a:b] = True
    spans: list[UnknownSpan] = []
    free = (~covered).nonzero()[0]
    if len(free) < UNKNOWN_MIN_WORDS:
        return spans  # no region can be long enough
    # regions: runs of free words with gaps of at most 3 words, as (first, last) indices into free
    breaks = ((free[1:] - free[:-1]) > 3).nonzero()[0].tolist()
    licence_words = _word_mask(ref, LICENSE_WORDS)
    for first, last in zip([0] + [b + 1 for b in breaks], breaks + [len(free) - 1]):
        if last - first + 1 < UNKNOWN_MIN_WORDS:
            continue
        begin, stop = int(free[first]), int(free[last]) + 1
        for lo, hi in _licence_like(tokens, text, begin, stop, licence_words[ids[begin:stop]]):
            spans.append(UnknownSpan(int(tokens.starts[lo]), int(tokens.ends[hi - 1]), closest(ref, ids[lo:hi])))
    return spans


#: A sentence that puts the work under a licence by name: "Licensed under the Frobnitz
#: Public License", "released under the EUPL v1.2".  The name starts with a capital.
#: Read around each " under" (a substring search: a regex tried at every position of a
#: long text costs more than the rest of identification): the verb before it ...
_STATEMENT_VERB = re.compile(
    r"\b(?:[Ll]icen[cs]ed|[Rr]eleased|[Dd]istributed|[Aa]vailable|[Pp]rovided|[Pp]ublished)[ \t\r\n]*\Z")
#: ... and the name after it.
_STATEMENT_NAME = re.compile(
    r"\s+(?:the\s+(?:terms\s+of\s+(?:the\s+)?)?|an?\s+)?"
    r"(?:(?:[A-Z][\w.+\'-]*\s+){1,6}(?:Licen[cs]e|Agreement|Terms(?:\s+of\s+Use)?)\b"
    r"|(?!(?:URL|SSL|HTML|XML|SQL|DLL|YAML|TOML)\b)[A-Z][A-Z0-9+-]*L\b(?:\s+v?\d+(?:\.\d+)*)?"
    r"(?=\s*(?:[.,;)]|licen[cs]e|$)))", re.MULTILINE)


def _licence_statements(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each statement putting the text under a named licence."""
    at = text.find("under", 1)
    while at >= 0:
        verb = _STATEMENT_VERB.search(text, max(0, at - 16), at) if text[at - 1].isspace() else None
        name = _STATEMENT_NAME.match(text, at + 5) if verb else None
        if name:
            yield verb.start(), name.end()
        at = text.find("under", at + 5)


def _unnamed_licences(ref: Reference, tokens: Tokens, ids: np.ndarray, chosen: list[Hit], text: str,
                      found: list[UnknownSpan]) -> list[UnknownSpan]:
    """Statements that put the text under a licence no match names ("Licensed under
    the Frobnitz Public License."): unknown licence text, however short.  Licence-like
    stretches need 20 words (:func:`_unknown`); a one-line statement naming a licence
    nobody knows said nothing at all before, which is the silence the issue forbids.
    A chosen match that names a licence explains the statement even when the report
    leaves it out (a catalogue's names); one that only introduces ("Licensed under
    the") does not.  Spans ``found`` already holds are not repeated."""
    statements = list(_licence_statements(text))
    if not statements:
        return []
    covered = np.zeros(len(tokens.words), dtype=bool)
    for hit in chosen:
        if hit.rule >= 0 and ref.rule_flags[hit.rule] & (INTRO | CLUE | FALSE_POSITIVE):
            continue
        for a, b in hit.matched_spans():
            covered[a:b] = True
    spans = []
    for start, end in statements:
        lo = int(np.searchsorted(tokens.starts, start))
        hi = int(np.searchsorted(tokens.starts, end))
        if hi <= lo or np.count_nonzero(covered[lo:hi]) or any(u.start < end and start < u.end for u in found):
            continue
        spans.append(UnknownSpan(int(tokens.starts[lo]), int(tokens.ends[hi - 1]), closest(ref, ids[lo:hi])))
    return spans


#: Licence texts name licensing every few words (half the gaps between licence
#: words are under 10 words; 99 % of them under 150, over the reference texts):
#: a longer stretch without one is other text (code, documentation) between passages.
UNKNOWN_MAX_GAP = 150


def _licence_like(tokens: Tokens, text: str, lo: int, hi: int, licence_words: np.ndarray) -> list[tuple[int, int]]:
    """The licence-like passages of the unexplained words lo..hi-1, as word ranges.

    A passage runs from a licence word to the last one no more than
    :data:`UNKNOWN_MAX_GAP` words after the one before, widened to the region's
    edges when they are that close, else back to the start of its paragraph
    (a title or "IMPORTANT:" before the first licence word); it counts with
    :data:`UNKNOWN_MIN_WORDS` words and
    :data:`UNKNOWN_MIN_LICENSE_WORDS` distinct licence words (``licence_words``: which
    of the words lo..hi-1 are licence words).  Without the gap rule,
    a 400 KB program with "free", "terms" and "rights" somewhere in its comments
    was one unknown licence text from its first word to its last.
    """
    words = tokens.words
    where = [i for i in (np.flatnonzero(licence_words) + lo).tolist() if not _in_copyright_line(tokens, text, i)]
    passages = []
    start = 0
    for k in range(1, len(where) + 1):
        if k < len(where) and where[k] - where[k - 1] <= UNKNOWN_MAX_GAP:
            continue
        a, b = where[start], where[k - 1] + 1
        if a - lo <= UNKNOWN_MAX_GAP:
            a = lo
        else:
            a = _paragraph_start(tokens, text, a, a - UNKNOWN_MAX_GAP)
        if hi - b <= UNKNOWN_MAX_GAP:
            b = hi
        if b - a >= UNKNOWN_MIN_WORDS and len({fold(words[i]) for i in where[start:k]}) >= UNKNOWN_MIN_LICENSE_WORDS:
            passages.append((a, b))
        start = k
    return passages


#: A copyright statement's line: "Copyright (c) 2017 ...", "(C) 1999 ...", "© Foo", "Portions copyright ...".
_COPYRIGHT_LINE = re.compile(r"[^\w\n]*(?:portions\s+)?(?:copyright\b|\(c\)|\u00a9)", re.IGNORECASE)


def _in_copyright_line(tokens: Tokens, text: str, word: int) -> bool:
    """Whether the word is part of a copyright statement ("Copyright ... All rights
    reserved."), which names an owner, not terms: its "copyright" and "rights"
    make no text licence-like."""
    start = int(tokens.starts[word])
    return _COPYRIGHT_LINE.match(text, text.rfind("\n", 0, start) + 1) is not None


def _paragraph_start(tokens: Tokens, text: str, word: int, limit: int) -> int:
    """The first word of the paragraph holding ``word`` (no blank line between),
    looking back no further than word ``limit``."""
    while word > limit and text.count("\n", int(tokens.ends[word - 1]), int(tokens.starts[word])) < 2:
        word -= 1
    return word


#: Words that make a sentence put into a licence a term of it: an obligation,
#: a prohibition or a limit ("shall be used for Good, not Evil", "may not be
#: used for commercial purposes").
TERM_WORDS = frozenset(
    "shall must may not never only solely prohibited forbidden restricted commercial noncommercial unless except "
    "provided required permitted agree".split())
#: ... at least this many of them: one alone is as often a word of the
#: licence itself at the edge of the insertion ("Flask software (see AUTHORS) may").
ADDED_TERM_MIN_WORDS = 2
#: Added words from this many on are a sentence of their own; fewer are an
#: edit of the licence's sentence, which matters when it negates.
ADDED_SENTENCE_WORDS = 5
NEGATIONS = frozenset({"not", "no", "never", "nor"})


def _added_terms(ref: Reference, tokens: Tokens, ids: np.ndarray, reported: list[Hit]) -> list[UnknownSpan]:
    """Sentences the text puts inside a reported licence match that state a
    term of their own (:data:`ADDED_TERM_MIN_WORDS` of :data:`TERM_WORDS`): MIT with "The Software shall be
    used for Good, not Evil." added is not plain MIT, and saying only "MIT"
    would hide the one sentence a reader must see.  They are unknown licence
    text beside the match (which keeps its licence: the rest of the text is
    it, word for word).  Inserted copyright lines and names state no term."""
    return [UnknownSpan(int(tokens.starts[a]), int(tokens.ends[b - 1]), closest(ref, ids[a:b]))
            for hit in reported for a, b in hit.inserted if _states_a_term(tokens.words[a:b])]


def _states_a_term(words: list[str]) -> bool:
    """Whether words the text adds to a licence change its terms: a sentence
    (:data:`ADDED_SENTENCE_WORDS` or more) holding :data:`ADDED_TERM_MIN_WORDS`
    term words, or a shorter addition that negates ("Permission is hereby
    not granted")."""
    if len(words) >= ADDED_SENTENCE_WORDS:
        return sum(w in TERM_WORDS for w in words) >= ADDED_TERM_MIN_WORDS
    return not NEGATIONS.isdisjoint(words)


#: Below this similarity a known licence shares next to no wording with the text
#: (a few stock phrases): naming it "closest" would suggest a kinship that is not there.
CLOSEST_MIN_SIMILARITY = 0.05


def closest(ref: Reference, ids: np.ndarray, top: int = 3, shortlist: int = 30) -> list[Candidate]:
    """Known licences whose wording most resembles ``ids``, by shared k-grams.

    Similarity is the Dice coefficient of the two k-gram sets; it is computed
    exactly for the ``shortlist`` rules with the largest share of their
    anchors in the text (ties in that share ordered as ``np.argsort`` orders
    them), and the best ``top`` licences are named.

    Most texts share anchors with a few rules only, so only those are looked
    at; sorting the shares of every reference rule (what the definition
    says) is left for the texts where it can change the answer.
    """
    hashes = np.sort(gram_hashes(ids, K))
    unique = hashes[_distinct(hashes)]
    if not len(unique):
        return []
    rules, seen = kgram.anchor_counts(ref, unique)
    denominator, nameable = _closest_facts(ref)
    keep = nameable[rules]
    rules, seen = rules[keep], seen[keep]
    if not len(rules):
        return []
    share = seen / denominator[rules]
    by_share = np.argsort(-share, kind="stable")  # equal shares by rule, not as argsort would
    rules, share = rules[by_share], share[by_share]
    if len(rules) > shortlist and share[shortlist - 1] == share[shortlist]:
        # who is in depends on argsort's order among equal shares
        listed = _in_argsort_order(ref, rules, share)[:shortlist]
        similarity = _similarity(ref, listed, unique)
    else:
        listed = rules[:shortlist]
        similarity = _similarity(ref, listed, unique)
        if _order_matters(ref, listed, share[:shortlist], similarity):
            position = {rule: i for i, rule in enumerate(listed.tolist())}
            listed = _in_argsort_order(ref, rules, share)[: len(listed)]
            similarity = similarity[[position[rule] for rule in listed.tolist()]]
    rules = listed
    out: list[Candidate] = []
    for i in np.argsort(-similarity, kind="stable"):
        expression = ref.expressions[ref.rule_expr[rules[i]]]
        if similarity[i] < CLOSEST_MIN_SIMILARITY or len(out) >= top:
            break
        if any(c.id == expression for c in out):
            continue
        info = ref.license(expression)
        out.append(Candidate(expression, info.name if info else expression, round(float(similarity[i]), 3)))
    return out


def _similarity(ref: Reference, rules: np.ndarray, unique: np.ndarray) -> np.ndarray:
    """Dice coefficient of each rule's k-grams and the ``unique`` k-grams of a text.

    A rule's k-grams are counted by position, so a rule that repeats a phrase
    can share more of them than the text has distinct ones: the shared count
    is capped there, which keeps the coefficient within 1."""
    shared = np.minimum(kgram.shared_counts(ref, rules, unique), len(unique))
    return 2 * shared / (ref.rule_grams[rules] + len(unique))


@functools.lru_cache(maxsize=4)
def _closest_facts(ref: Reference) -> tuple[np.ndarray, np.ndarray]:
    """Per rule: its anchors (at least one), the denominator of the share
    seen, and whether it is long enough to be named closest."""
    return np.maximum(ref.rule_anchors, 1), ref.rule_len >= UNKNOWN_MIN_WORDS


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """Mask of the first occurrence of each value of a sorted array."""
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


def _in_argsort_order(ref: Reference, rules: np.ndarray, share: np.ndarray) -> np.ndarray:
    """``rules`` (every rule with a positive share) as ``np.argsort(-share)``
    over all reference rules orders them: its order among equal shares is
    its own, and depends on the whole array."""
    everyone = np.zeros(len(ref.rule_len))
    everyone[rules] = share
    return np.argsort(-everyone)[: len(rules)]


def _order_matters(ref: Reference, rules: np.ndarray, share: np.ndarray, similarity: np.ndarray) -> bool:
    """Whether two rules of different licences tie in both similarity and
    share: only then can argsort's own order among equal shares change
    which licence is named first."""
    seen: dict[tuple[float, float], str] = {}
    for rule, key in zip(rules.tolist(), zip(similarity.tolist(), share.tolist())):
        expression = ref.expressions[ref.rule_expr[rule]]
        if seen.setdefault(key, expression) != expression:
            return True
    return False
