"""Specification of identification's shortcuts: each gives exactly the answer of what it stands for.

Identification takes a few shortcuts for speed: a lower-cased substring
search before a case-insensitive regex, licence file names looked for only
at licence words next to a separator, the closest licences of unknown text
looked for among the rules the text shares anchors with, fragments of a
chosen match recognised by their span, ranks computed without the Hit
properties.  Each spec below states the long way in a few lines and checks
that the shortcut agrees with it.  Licence texts come from the installed
reference data (see conftest.py).
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from conftest import read_licence_text
from hypothesis import given, settings
from hypothesis import strategies as st

from licenselens.matchers import Hit, file_name, kgram, spdx_tag
from licenselens.normalize import searchable_lower, tokenize
from licenselens.reference import K, gram_hashes, load

identify_module = importlib.import_module("licenselens.identify")  # the package exports identify() itself

# Pieces of texts: licence words in any case, separators and boundaries of
# file names, and the non-ASCII letters that case-insensitive regexes take
# for ASCII ones ('İ' and 'ı' for i, 'ſ' for s, the Kelvin sign for k).
PIECES = ["license", "LICENSE", "Licence", "licensed", "sublicense", "licen", "lİcense", "licenſe", "MIT",
          "Apache-2.0", "BSD-3-Clause", "-", "_", ".", ".txt", ".md", " ", "\n", "/", "(", ")", ",", ";", ":",
          "\"", "'", "x", "spdx-license-identifier", "SPDX-License-Identifier: ", "SPDX-LİCENSE-IDENTIFIER:",
          "\u017fpdx-license-identifier:", "\u212a", "\u0131", "é"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_text_said_to_hold_no_spdx_tag_holds_none(text):
    if not spdx_tag.has_tag(text):
        assert spdx_tag.TAG.search(text) is None


@settings(max_examples=300, deadline=None)
@given(texts)
def test_licence_words_are_where_the_case_insensitive_regex_finds_them(text):
    assert list(file_name._licence_words(text)) == [m.start() for m in file_name._LICENCE_WORD.finditer(text)]


def names_at_every_licence_word(text: str) -> list[tuple[tuple[int, int], int]]:
    """Licence file names tried from every occurrence of the licence word (the long way)."""
    found, last_start = [], -1
    for word in file_name._LICENCE_WORD.finditer(text):
        start = word.start()
        while start > 0 and text[start - 1] not in file_name._LEFT_BOUNDARY and not text[start - 1].isspace():
            start -= 1
        if start == last_start:
            continue
        last_start = start
        m = file_name._NAME.fullmatch(text, start, file_name._RIGHT_BOUNDARY.search(text, word.end()).start())
        if m:
            found.append((m.span(), start))
    return found


@settings(max_examples=500, deadline=None)
@given(texts)
def test_licence_file_names_are_those_found_from_every_licence_word(text):
    assert [(m.span(), start) for m, start in file_name._names(text)] == names_at_every_licence_word(text)


def test_a_file_name_whose_first_licence_word_has_no_separator_is_still_found():
    text = "see licensed-by_LICENSE.txt and LICENSE-MIT"
    names = [m.group() for m, _ in file_name._names(text)]
    assert names == ["licensed-by_LICENSE.txt", "LICENSE-MIT"]
    assert [h.expression for h in file_name.match(text, tokenize(text))] == ["MIT"]


@pytest.mark.parametrize("text", ["MIT License", "Ünïcödé Licence", "GPL\u0130", "\u212aey", "l\u0131cense"])
def test_searchable_lower_keeps_every_offset_or_declines(text):
    lowered = searchable_lower(text)
    if any(c in text for c in "\u0130\u0131\u017f\u212a"):
        assert lowered is None
    else:
        assert lowered == text.lower() and len(lowered) == len(text)


def closest_by_definition(ref, ids: np.ndarray, top: int = 3, shortlist: int = 30) -> list:
    """The closest licences the long way: the share of anchors seen, for every reference rule."""
    unique = np.unique(gram_hashes(ids, K))
    if not len(unique):
        return []
    _, index = ref.anchor_table.pairs(unique)
    share = np.bincount(ref.anchor_rule[index], minlength=len(ref.rule_len)) / np.maximum(ref.rule_anchors, 1)
    share[ref.rule_len < identify_module.UNKNOWN_MIN_WORDS] = 0
    rules = np.argsort(-share)[:shortlist]
    rules = rules[share[rules] > 0]
    if not len(rules):
        return []
    similarity = np.array([identify_module._similarity(ref, np.array([r]), unique)[0] for r in rules])
    out = []
    for i in np.argsort(-similarity, kind="stable"):
        expression = ref.expressions[ref.rule_expr[rules[i]]]
        if similarity[i] < identify_module.CLOSEST_MIN_SIMILARITY or len(out) >= top:
            break
        if all(c.id != expression for c in out):
            info = ref.license(expression)
            out.append(identify_module.Candidate(expression, info.name if info else expression,
                                                 round(float(similarity[i]), 3)))
    return out


def windows_of(text: str, sizes: list[int], seed: int) -> list[np.ndarray]:
    ids = load().ids(tokenize(text).words)
    rng = np.random.default_rng(seed)
    out = []
    for size in sizes:
        start = int(rng.integers(0, max(len(ids) - size, 1)))
        out.append(ids[start : start + size])
    return out


@pytest.mark.parametrize("key", ["mit", "bsd-new", "apache-2.0", "gpl-2.0", "zlib", "isc"])
def test_closest_licences_are_those_of_the_definition_over_every_rule(key):
    ref = load()
    text = read_licence_text(key) + "\n" + read_licence_text("bsd-simplified")
    for ids in windows_of(text, [6, 25, 60, 150, 400, 3000], seed=len(key)):
        assert identify_module.closest(ref, ids) == closest_by_definition(ref, ids)


def test_closest_licences_of_boilerplate_shared_by_many_rules_are_those_of_the_definition():
    # the BSD disclaimer is in hundreds of rules: many equal shares, more than the shortlist
    ref = load()
    text = read_licence_text("bsd-new")
    ids = load().ids(tokenize(text[text.lower().index("this software is provided"):]).words)
    assert identify_module.closest(ref, ids) == closest_by_definition(ref, ids)


hits = st.builds(
    lambda rule, qstart, width, length, share: Hit(rule, qstart, qstart + width, min(length, round(share * length)),
                                                   length, "approximate"),
    st.integers(-1, 40000), st.integers(0, 5000), st.integers(1, 400), st.integers(1, 400), st.floats(0, 1))


@settings(max_examples=300, deadline=None)
@given(hits)
def test_a_hits_rank_key_is_made_of_its_properties(hit):
    assert identify_module._rank(hit) == (hit.rule >= 0, -hit.rank, -hit.similarity, hit.length, hit.rule,
                                          hit.qstart)


def test_a_hit_cannot_be_changed():
    hit = Hit(1, 0, 5, 5, 5, "exact")
    with pytest.raises(AttributeError):
        hit.qstart = 2  # type: ignore[misc]


def test_shortlisted_rules_are_counted_the_same_whichever_way_their_anchors_are_counted():
    # few anchors are sorted, many are counted per reference rule: the same rules either way
    ref = load()
    for key in ["mit", "gpl-3.0"]:
        ids = load().ids(tokenize(read_licence_text(key)).words)
        candidates = kgram.Candidates(ref, ids)
        _, index = ref.anchor_table.pairs(candidates.unique)
        seen = np.bincount(ref.anchor_rule[index], minlength=len(ref.rule_len))
        n = len(ids)
        expected = [r for r in np.flatnonzero(seen)
                    if seen[r] >= ref.anchors_needed[r] and ref.min_words[r] <= n]
        assert candidates.rules.tolist() == expected


# --- a title naming the licence of the verbatim text under it -------------------------------

def _searched(text: str, monkeypatch) -> dict:
    """identify() the long way: the verbatim shortcut never answers."""
    with monkeypatch.context() as patch:
        patch.setattr(identify_module, "verbatim_only", lambda *args: None)
        return identify_module.identify(text).to_dict()


@pytest.mark.parametrize(("title", "key"), [
    ("MIT License\n\nCopyright (c) 2021 Jo Example\n\n", "mit"),
    ("The ISC License\n\nCopyright (c) 2021 Jo Example\n\n", "isc"),
    ("# The MIT License (MIT)\n\n", "mit"),
])
def test_a_title_naming_the_licence_of_the_verbatim_text_is_settled_without_the_search(title, key, monkeypatch):
    text = title + read_licence_text(key)
    ref = load()
    tokens = tokenize(text)
    ids = ref.ids(tokens.words)
    short = kgram.short_rules(ref, ids)
    exact = kgram.exact_rules(ref, ids)
    assert identify_module.verbatim_only(ref, [], exact, short, ids) is not None  # the shortcut answers
    assert identify_module.identify(text).to_dict() == _searched(text, monkeypatch)


@pytest.mark.parametrize("text", [
    # a name of another licence above the text: the search decides
    "The BSD License\n\n" + "{bsd2}",
    # a name between verbatim texts may be part of text that a longer rule explains
    "{mit}\n\nMIT License\n\n{mit}",
])
def test_a_name_that_is_not_the_title_of_the_one_verbatim_licence_leaves_the_search_to_decide(text):
    text = text.format(bsd2=read_licence_text("bsd-simplified"), mit=read_licence_text("mit"),
                       isc=read_licence_text("isc"))
    ref = load()
    tokens = tokenize(text)
    ids = ref.ids(tokens.words)
    assert identify_module.verbatim_only(ref, [], kgram.exact_rules(ref, ids), kgram.short_rules(ref, ids), ids) is None


# --- one expression for the matches ----------------------------------------------------------

def test_a_match_of_several_licences_beside_one_of_them_gives_one_flat_conjunction():
    assert identify_module.combine(["LGPL-2.1-or-later", "LGPL-2.1-or-later AND LicenseRef-scancode-other-copyleft"]) \
        == "LGPL-2.1-or-later AND LicenseRef-scancode-other-copyleft"


def test_a_choice_inside_a_conjunction_keeps_its_parentheses():
    assert identify_module.combine(["MIT", "Apache-2.0 OR MIT", "BSD-3-Clause AND ISC"]) \
        == "MIT AND (Apache-2.0 OR MIT) AND BSD-3-Clause AND ISC"
