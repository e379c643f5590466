"""Vectorised look-up of 64-bit k-gram hashes in a sorted hash array.

``np.searchsorted`` answers "where is this hash" with a binary search: about
seventeen dependent reads per hash in the reference's 140,000 distinct
anchors, each a cache miss, a dozen in a query's few thousand k-grams.  The
matcher asks that question for every k-gram of every text and for every
k-gram of every candidate rule, so it was the largest single cost of
identification.

A hash table does better on many hashes at once: the top bits of a hash
(multiplied by an odd constant first, since the hashes of one-word rules are
small numbers) pick a bucket in a directory of ``2 ** bits`` buckets, each
the index range of the hashes that fall into it, so a search is one
directory read and one comparison.  Buckets are sized so that most hold at
most one hash; the few larger ones are probed again, slot by slot, for the
hashes that fell into them only.  A table that is mostly asked about hashes
it does not hold (the reference's, asked about every k-gram of a text) first
drops the hashes whose bucket is empty, with one read of an occupancy array.
For a few hundred hashes the binary search stays cheaper: each vectorised
step costs about a microsecond however few hashes it works on.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["HashTable"]


#: Below this many hashes a binary search is cheaper than the table's
#: dozen vectorised steps (measured on the benchmark's queries).
FEW = 1500
#: A sparse table drops the hashes of empty buckets first (see the module
#: docstring) unless it is asked about fewer hashes than this; a table too
#: large for the processor's cache (LARGE hashes), where every step of a
#: binary search is a cache miss, only below TINY_LARGE.
TINY = 400
TINY_LARGE = 64
LARGE = 1 << 15
#: Bits added to a sparse table's bucket count (besides its size's) when it is smaller than LARGE (see _build).
SPARSE_EXTRA_BITS = 4
#: Odd 64-bit multiplier that spreads any hash over the top bits (Fibonacci hashing).
_MIX = np.uint64(0xD6E8FEB86659FD93)


class _Directory(NamedTuple):
    shift: np.uint64  # 64 - bits
    start: np.ndarray  # bucket b holds bucketed[start[b] : start[b + 1]]
    occupied: np.ndarray  # bucket b holds a hash
    bucketed: np.ndarray  # the distinct hashes in bucket order (and one more)
    order: np.ndarray  # their index in sorted order
    deepest: int  # hashes in the largest bucket


class HashTable:
    """The distinct values of a sorted ``uint64`` array, with a bucket directory.

    :meth:`find` maps hashes to their index among the distinct values (or -1);
    :meth:`pairs` matches them to the entries of the original, possibly
    repeating, array.  Pass ``sparse=True`` when most hashes looked up will
    be absent.
    """

    def __init__(self, sorted_hashes: np.ndarray, sparse: bool = False, distinct: bool = False):
        """``distinct=True`` promises that ``sorted_hashes`` holds no value twice
        (a query's own distinct k-grams): the table then skips looking for repeats."""
        values = np.asarray(sorted_hashes, dtype=np.uint64)
        if distinct:
            self.sorted = values
            self.left = self.count = None  # every entry is its own: see pairs()
        else:
            if len(values):
                first = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
            else:
                first = np.empty(0, dtype=np.intp)
            self.left = first.astype(np.int64)
            self.count = np.diff(np.append(first, len(values))).astype(np.int64)
            self.sorted = values[first]
            if len(first) == len(values):
                self.left = self.count = None
        self.last = len(self.sorted) - 1
        self.sparse = sparse
        self.binary_below = FEW if not sparse else TINY if len(self.sorted) < LARGE else TINY_LARGE
        self._directory: _Directory | None = None  # built by the first large look-up

    def __len__(self) -> int:
        return len(self.sorted)

    def _build(self) -> _Directory:
        # About four buckets per distinct hash: most hold none, most others one.
        # A sparse table that fits in the cache gets four times as many: of
        # the hashes asked, mostly absent, a quarter as many then land in an
        # occupied bucket and go on to the binary search.
        bits = len(self.sorted).bit_length() + (SPARSE_EXTRA_BITS if self.sparse and len(self.sorted) < LARGE else 2)
        shift = np.uint64(64 - bits)
        slots = ((self.sorted * _MIX) >> shift).view(np.int64)  # array arithmetic wraps silently
        order = np.argsort(slots, kind="stable")
        counts = np.bincount(slots, minlength=1 << bits)
        start = np.zeros((1 << bits) + 1, dtype=np.int32 if len(order) < 1 << 31 else np.int64)
        np.cumsum(counts, out=start[1:])
        # one more slot, so that the probe of an empty last bucket stays in bounds;
        # it repeats a hash of another bucket, so it never matches a probe there
        order = np.append(order, order[-1])
        return _Directory(shift, start, counts > 0, self.sorted[order], order, int(counts.max()))

    def find(self, hashes: np.ndarray) -> np.ndarray:
        """Index of each hash among the distinct values (in sorted order), -1 when absent."""
        if len(hashes) < self.binary_below or not len(self.sorted):
            return self._search(hashes)
        where = np.full(len(hashes), -1, dtype=np.intp)
        asked, index = self.hits(hashes)
        where[asked] = index
        return where

    def hits(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(i, index among the distinct values) of every ``hashes[i]`` present, by i.

        What :meth:`find` answers without its -1 entries: callers that only
        want the hashes found skip building, and then scanning, the full answer.
        """
        if len(hashes) < self.binary_below or not len(self.sorted):
            if not len(self.sorted):
                return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
            at = self.sorted.searchsorted(hashes)
            np.minimum(at, self.last, out=at)
            asked = (self.sorted[at] == hashes).nonzero()[0]
            return asked, at[asked]
        if self._directory is None:
            self._directory = self._build()
        directory = self._directory
        slot = ((hashes * _MIX) >> directory.shift).view(np.int64)
        if not self.sparse:
            at, found = self._probe(directory, slot, hashes)
            asked = found.nonzero()[0]
            return asked, directory.order[at[asked]]
        asked = directory.occupied[slot].nonzero()[0]
        if len(asked) < FEW:
            wanted = hashes[asked]
            at = self.sorted.searchsorted(wanted)
            np.minimum(at, self.last, out=at)
            hit = (self.sorted[at] == wanted).nonzero()[0]
            return asked[hit], at[hit]
        at, found = self._probe(directory, slot[asked], hashes[asked])
        return asked[found], directory.order[at[found]]

    def _search(self, hashes: np.ndarray) -> np.ndarray:
        """:meth:`find` by binary search: cheaper for a few hundred hashes."""
        if not len(self.sorted):
            return np.full(len(hashes), -1, dtype=np.intp)
        at = self.sorted.searchsorted(hashes)
        np.minimum(at, self.last, out=at)
        return np.where(self.sorted[at] == hashes, at, -1)

    @staticmethod
    def _probe(directory: _Directory, slot: np.ndarray, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in bucket order, found) of hashes whose buckets are ``slot``."""
        start, bucketed, deepest = directory.start, directory.bucketed, directory.deepest
        # A hash can only equal the hashes of its own bucket, so the first slot
        # of the bucket is compared without looking at the bucket's size.
        at = start[slot]
        found = bucketed[at] == hashes
        miss = (~found).nonzero()[0]
        if deepest > 1 and len(miss):
            lo = at[miss]
            size = start[slot[miss] + 1] - lo
            deep = (size > 1).nonzero()[0]  # the few misses whose bucket holds more
            miss, lo, size = miss[deep], lo[deep], size[deep]
            wanted = hashes[miss]
            for k in range(1, deepest):
                if k > 1:
                    more = size > k
                    miss, lo, wanted, size = miss[more], lo[more], wanted[more], size[more]
                if not len(miss):
                    break
                same = bucketed[lo + k] == wanted
                at[miss[same]] = lo[same] + k
                found[miss[same]] = True
        return at, found

    def pairs(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (i, j) with ``hashes[i]`` equal to entry j of the original
        sorted array, ordered by i then j."""
        asked, where = self.hits(hashes)
        if self.count is None:  # no repeated entry in the whole table
            return asked, where
        left, count = self.left[where], self.count[where]
        if not len(count) or np.maximum.reduce(count) == 1:  # no repeated entry among these
            return asked, left
        ends = count.cumsum()
        return asked.repeat(count), (left - ends + count).repeat(count) + np.arange(int(ends[-1]))
