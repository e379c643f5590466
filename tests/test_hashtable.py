"""Specification of licenselens.hashtable: the same answers as a binary search, faster.

The matcher looks every k-gram of a text up in the reference's sorted hash
arrays, and every k-gram of a candidate rule up in the text's; the table must
answer exactly what ``np.searchsorted`` would, whatever the number of hashes
asked about (small asks take the binary search itself, large ones the
buckets), whether the table is dense or sparse, and whether its hashes are
spread over 64 bits or small numbers (the hashes of one-word rules).
"""

from __future__ import annotations

import numpy as np
import pytest

from licenselens.hashtable import FEW, HashTable

RNG = np.random.default_rng(7)


def stored(kind: str, n: int) -> np.ndarray:
    if kind == "spread":
        values = RNG.integers(0, 2**64, n, dtype=np.uint64)
    elif kind == "small":  # one-word rule hashes: token id + 1, with repeats
        values = RNG.integers(1, 40, n).astype(np.uint64)
    else:  # many hashes sharing their top bits
        values = RNG.integers(0, 2**16, n).astype(np.uint64) << np.uint64(48)
    return np.sort(values)


def asked(values: np.ndarray, n: int) -> np.ndarray:
    present = RNG.choice(values, n // 2) if len(values) else np.empty(0, dtype=np.uint64)
    absent = RNG.integers(0, 2**64, n - len(present), dtype=np.uint64)
    hashes = np.concatenate([present, absent, RNG.integers(0, 50, 8).astype(np.uint64)])
    RNG.shuffle(hashes)
    return hashes


@pytest.mark.parametrize("kind", ["spread", "small", "clustered"])
@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("size", [0, 1, 300, 5000])
@pytest.mark.parametrize("asks", [10, 3 * FEW])
def test_find_and_pairs_answer_as_a_binary_search_would(kind, sparse, size, asks):
    values = stored(kind, size)
    table = HashTable(values, sparse=sparse)
    hashes = asked(values, asks)

    distinct = np.unique(values)
    at = np.searchsorted(distinct, hashes).clip(max=max(len(distinct) - 1, 0))
    hit = (distinct[at] == hashes) if len(distinct) else np.zeros(len(hashes), dtype=bool)
    assert np.array_equal(table.find(hashes), np.where(hit, at, -1))

    left, right = np.searchsorted(values, hashes, "left"), np.searchsorted(values, hashes, "right")
    which, where = table.pairs(hashes)
    assert np.array_equal(which, np.repeat(np.arange(len(hashes)), right - left))
    assert np.array_equal(where, np.concatenate([np.arange(a, b) for a, b in zip(left, right)] or [[]]))


def test_an_empty_ask_finds_nothing():
    table = HashTable(stored("spread", 100))
    assert table.find(np.empty(0, dtype=np.uint64)).tolist() == []
    assert [a.tolist() for a in table.pairs(np.empty(0, dtype=np.uint64))] == [[], []]


@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("size", [0, 300, 5000])
@pytest.mark.parametrize("asks", [10, 3 * FEW])
def test_hits_are_the_found_part_of_find(sparse, size, asks):
    values = stored("spread", size)
    table = HashTable(values, sparse=sparse)
    hashes = asked(values, asks)
    where = table.find(hashes)
    which, index = table.hits(hashes)
    assert np.array_equal(which, np.flatnonzero(where >= 0))
    assert np.array_equal(index, where[where >= 0])


@pytest.mark.parametrize("asks", [10, 3 * FEW])
def test_a_table_promised_distinct_hashes_answers_as_one_that_checks(asks):
    values = np.unique(stored("spread", 5000))
    hashes = asked(values, asks)
    checked, trusted = HashTable(values), HashTable(values, distinct=True)
    assert np.array_equal(trusted.find(hashes), checked.find(hashes))
    assert all(np.array_equal(a, b) for a, b in zip(trusted.pairs(hashes), checked.pairs(hashes)))
