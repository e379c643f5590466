"""Specification of the k-gram matcher's lookups: the same answers as their definitions.

short_rules, exact_rules and Candidates hash one query's word n-grams once
between them; whatever shortcut computes the hashes, they must be exactly
the ``gram_hashes`` of the words, and the rules found exactly those whose
whole wording occurs in the query.  Licence texts come from the installed
reference data (see conftest.py).
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import read_licence_text

from licenselens.matchers import kgram
from licenselens.normalize import tokenize
from licenselens.reference import K, gram_hashes, load

RNG = np.random.default_rng(11)


def query(text: str) -> np.ndarray:
    return load().ids(tokenize(text).words)


@pytest.mark.parametrize("n", [0, 1, K - 1, K, 40])
def test_every_row_of_the_query_grams_is_gram_hashes_of_that_length(n):
    ids = RNG.integers(-1, 500, n)  # -1: words the reference never uses
    grams = kgram._Grams(ids)
    for length in range(1, K + 1):
        assert np.array_equal(grams.rows[length - 1, : max(n - length + 1, 0)], gram_hashes(ids, length))
    assert np.array_equal(grams.kgrams(), gram_hashes(ids, K))


def test_windows_hash_any_stretch_as_gram_hashes_does():
    ids = RNG.integers(-1, 500, 60)
    grams = kgram._Grams(ids)
    starts = RNG.integers(0, 50, 30)
    ends = starts + RNG.integers(1, 11, 30)
    expected = [gram_hashes(ids[a:b], b - a)[0] for a, b in zip(starts, ends)]
    assert grams.windows(starts, ends).tolist() == [int(h) for h in expected]


def test_the_matchers_of_one_query_share_its_hashes_but_never_another_querys():
    ids = RNG.integers(0, 500, 30)
    assert kgram._grams(ids) is kgram._grams(ids)
    same_words = ids.copy()
    assert kgram._grams(same_words) is not kgram._grams(ids)
    assert kgram._grams(same_words).ids is same_words


def brute_force_short(ids: np.ndarray) -> list[tuple[int, int, int]]:
    ref = load()
    found = []
    for length in range(1, K):
        for position in range(len(ids) - length + 1):
            h = gram_hashes(ids[position : position + length], length)[0]
            entries = np.flatnonzero(ref.short_hash == h)
            found += [(length, position, int(ref.short_rule[e])) for e in entries
                      if ref.rule_len[ref.short_rule[e]] == length]
    return sorted(found)


def test_short_rules_are_every_whole_short_rule_in_the_query():
    ids = query("Licensed under the MIT license; see also GPL v2, the BSD license and LGPL-2.1.")
    hits = kgram.short_rules(load(), ids)
    assert hits, "the text names licences by short rules"
    assert sorted((h.length, h.qstart, h.rule) for h in hits) == brute_force_short(ids)
    assert all(h.qend - h.qstart == h.length == h.matched for h in hits)
    # shortest first, then in text order: _resolve_symbol takes the first whole match
    assert [(h.length, h.qstart) for h in hits] == sorted((h.length, h.qstart) for h in hits)


@pytest.mark.parametrize("key", ["mit", "bsd-new"])
def test_exact_rules_are_every_whole_rule_of_k_words_or_more_in_the_query(key):
    ref = load()
    ids = query("Some words first. " + read_licence_text(key) + " and some after.")
    hits = kgram.exact_rules(ref, ids)
    grams = gram_hashes(ids, K)
    expected = []
    for position in range(len(grams)):
        for e in np.flatnonzero(ref.first_hash == grams[position]):
            rule = int(ref.first_rule[e])
            length = int(ref.rule_len[rule])
            if position + length <= len(ids) and gram_hashes(ids[position : position + length], length)[0] == ref.full_hash[rule]:
                expected.append((position, rule, length))
    assert expected, f"the {key} text holds whole rules"
    assert sorted((h.qstart, h.rule, h.length) for h in hits) == sorted(expected)


def several_licences() -> np.ndarray:
    """A long text of licences that share wording, some repeated and edited:
    hundreds of rules find runs in it, most of them inside the text chosen."""
    texts = [read_licence_text(key) for key in ("bsd-new", "mit", "bsd-simplified", "isc")]
    edited = texts[0].replace("Redistributions", "Copies", 1)
    return query(" Some notes between. ".join(texts + [edited] + texts[1:3] + [texts[0]]))


def test_runs_found_from_their_ends_are_those_found_by_sorting_every_hit(monkeypatch):
    ref = load()
    ids = several_licences()
    found = {}
    for way, below in (("sorting", 1 << 62), ("ends", 0)):
        monkeypatch.setattr(kgram, "_SORT_HITS_BELOW", below)
        candidates = kgram.Candidates(ref, ids)
        batch = np.arange(min(len(candidates.rules), 200))
        found[way] = [a.tolist() for a in candidates._runs(batch)]
    assert found["ends"][0], "the licences share runs with many rules"
    assert found["ends"] == found["sorting"]


@pytest.mark.parametrize("shortcut, off", [("_MANY_RUNS", 1 << 62), ("_MANY_CLUSTERS", 1 << 62),
                                           ("_SORT_HITS_BELOW", 1 << 62)])
def test_the_shortcuts_of_long_texts_change_no_choice(monkeypatch, shortcut, off):
    # dropping dead runs, skipping hopeless clusters and finding runs by their
    # ends are there for speed alone: always on or always off, the same hits
    from licenselens.identify import choose

    ref = load()
    ids = several_licences()

    def chosen():
        return [(h.rule, h.qstart, h.qend, h.matched, h.spans) for h in choose([], kgram.Candidates(ref, ids), len(ids))]

    monkeypatch.setattr(kgram, shortcut, 0)
    always = chosen()
    monkeypatch.setattr(kgram, shortcut, off)
    assert always and chosen() == always
