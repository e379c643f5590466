"""Word k-gram matching of every reference text and rule, exact or approximate.

How it works, and why:

1. Every reference rule is indexed by the hashes of its word 5-grams (rules
   shorter than five words by the hash of all their words).  Looking the
   query's 5-grams up is a few vectorised steps (see :mod:`..hashtable`):
   the whole reference is consulted in well under a millisecond.
2. A rule becomes a candidate only when enough of its distinct 5-grams were
   seen (a cheap lower bound of its coverage), so common boilerplate that
   thousands of rules share costs array work, not Python work.
3. Hits of a candidate that lie on the same diagonal (query position minus
   rule position) and are consecutive form *runs*: stretches of identical
   wording.  Edits between the licence as written and the reference (a
   changed name, an inserted sentence, a deleted clause) end one run and
   start another on a shifted diagonal.
4. Runs are chained in order (dynamic programming over runs, weighted by the
   reference words they add) into one alignment per occurrence, which gives
   the matched words, the coverage of the rule and the query span.

The identify stage then chooses among overlapping candidates.
"""

from __future__ import annotations

import bisect
import functools
import itertools

import numpy as np

from ..hashtable import HashTable
from ..reference import CONTINUOUS, HASH_BASE, K, TEXT, Reference, _powers_of_base
from . import Hit

_BIG = np.int64(1) << 32
_HALF = np.int64(1) << 21  # keeps diagonals positive inside a sort key
_WORD_BITS = np.int64((1 << 21) - 1)  # a query position inside a sort key
_DIAG_BITS = np.int64((1 << 22) - 1)  # a shifted diagonal inside a sort key
_POSITION_STEP = np.int64((1 << 21) + 1)  # a query position adds to both fields
_ONE = np.uint64(1)
#: From how many stored runs a refresh forgets dead runs and reads the runs
#: of the rules to tighten from their blocks; below, scanning them all costs
#: less than the extra numpy calls.
_MANY_RUNS = 8192
#: Most runs one candidate chains; the longest are kept beyond that.
MAX_RUNS = 120
#: A run is linked to one of the previous LINK_WINDOW runs (in query order):
#: enough for edits and repeated phrases, and it keeps chaining linear.
LINK_WINDOW = 64
#: ... or to one of the LINK_LEADERS earlier runs that end the best chains so
#: far: a long run that started many runs ago (a licence text of thousands of
#: words whose repeated phrases make dozens of short runs elsewhere) must still
#: be able to continue after a one-word edit.
LINK_LEADERS = 4


class Candidates:
    """Shortlisted rules of one query, chained lazily, best possible rank first.

    Every shortlisted rule has an upper bound of the rank (words found minus
    words missing, see :attr:`Hit.rank`) it could reach: its length at first;
    once its runs are gathered (in batches, one numpy pass each), twice the
    words its runs cover minus its length.  The identify stage chains the
    best bound only while it could beat the best hit in hand, and reports
    each choice back with :meth:`refresh`: runs inside text already explained
    are dropped and bounds fall, which is what makes the thousands of notice
    fragments in the reference cost nothing.

    Most queries shortlist a handful of rules and are settled by one gather,
    one chain and one refresh, so every numpy call counts: what only those
    steps need is prepared by them, not here.
    """

    # Rules gathered per numpy pass: the first pass is small (most texts need
    # a handful of rules), later ones grow to amortise the per-call overhead.
    FIRST_BATCH = 8
    MAX_BATCH = 64

    def __init__(self, ref: Reference, ids: np.ndarray, version_words: np.ndarray | None = None):
        self.ref = ref
        self.n = len(ids)
        self.batch = self.FIRST_BATCH
        self.version_words = version_words if version_words is not None else np.zeros(len(ids), dtype=bool)
        self.prefix: np.ndarray | None = None  # running count of covered words, once some are
        hashes = _grams(ids).kgrams()
        # query positions grouped by distinct hash (in position order within one)
        self.by_hash = hashes.argsort(kind="stable")
        ordered = hashes[self.by_hash]
        self.hash_start = _starts(ordered)
        self.unique = ordered[self.hash_start]
        # most k-grams occur once in a text: their one position, without expanding
        self.repeats = len(self.unique) < len(ordered)
        self.anchor_hash, index = ref.anchor_table.pairs(self.unique)
        self.anchor_rule = ref.anchor_rule[index]
        # Rules with at least one anchor (every rule needs one), and how many:
        # sorting a few thousand anchors beats scanning a count per reference rule.
        if len(self.anchor_rule) * 8 < len(ref.rule_len):
            ordered_rules = np.sort(self.anchor_rule)
            first = _starts(ordered_rules)
            hit, seen = ordered_rules[first], _sizes(first, len(ordered_rules))
        else:
            seen = np.bincount(self.anchor_rule, minlength=len(ref.rule_len))
            hit = (seen != 0).nonzero()[0]  # nonzero() of a bool array: ten times faster than of counts
            seen = seen[hit]
        # A rule longer than the query can match at most all query words, so
        # its rank is at most 2n - L: long licence texts drop out for notices.
        self.rules = hit[(seen >= ref.anchors_needed[hit]) & (ref.min_words[hit] <= self.n)].astype(np.int64)
        self.length = ref.rule_len[self.rules].astype(np.int64)
        self.needed = ref.min_coverage[self.rules] * self.length
        self.bounds = np.minimum(self.length, 2 * self.n - self.length, dtype=float)
        self._best: float | None = None  # the largest bound, until bounds change
        self.gathered = np.zeros(len(self.rules), dtype=bool)
        self.ungathered = len(self.rules)
        # runs of gathered rules: owner (index into self.rules), query start/end,
        # rule start, and the rule start/end keyed by the owner's block (see _tighten)
        # (views of the first len(owner) columns of a store that grows by doubling,
        # once a second gather adds to them: appending to long arrays is quadratic)
        self.owner = self.qs = self.qe = self.rs = self.key_start = self.key_end = self.span = _EMPTY
        self.store: np.ndarray | None = None
        # critical words of gathered rules: owner, and rule position keyed by the owner's block
        self.critical_owner = self.critical_key = _EMPTY
        self.live = _EMPTY_BOOL
        self.groups = 0
        # per rule: its block's number x _BIG, and where its runs are (first, last + 1)
        self.owner_key, self.run_first, self.run_last = np.zeros((3, len(self.rules)), dtype=np.int64)
        self.table: HashTable | None = None  # the query's distinct k-grams, for the first gather
        self.around: tuple[np.ndarray, np.ndarray] | None = None  # see _run_keys
        self.anchor_slot: np.ndarray | None = None  # per anchor of a shortlisted rule, for refresh

    def exclude(self, rule: int) -> None:
        """Leave ``rule`` out of this search."""
        self.bounds[self.rules == rule] = -np.inf
        self._best = None

    def best(self) -> float:
        """The highest rank bound of an unchained rule, or -inf."""
        if self._best is None:  # asked again and again between two changes
            self._best = float(_MAX(self.bounds)) if len(self.bounds) else -np.inf
        return self._best

    def step(self) -> list[Hit]:
        """Tighten or chain the best-bound rule: gather a batch, or chain one rule."""
        self._best = None
        i = int(self.bounds.argmax())
        if not self.gathered[i]:
            self._gather()
            return []
        self.bounds[i] = -np.inf
        a, b = self.run_first[i], self.run_last[i]
        live = self.live[a:b]
        return _chain(self.ref, int(self.rules[i]), self.qs[a:b][live], self.qe[a:b][live], self.rs[a:b][live],
                      self.version_words)

    def refresh(self, covered: np.ndarray) -> None:
        """Text now explained: drop what lies inside it and lower the bounds."""
        self._best = None
        if not len(self.rules):
            return
        if self.ungathered:  # their bounds still count anchors: those left free
            if self.anchor_slot is None:
                self._prepare_refresh()
            if self.repeats:
                free_hash = np.logical_or.reduceat(~covered[self.by_hash], self.hash_start)
                free_anchor = free_hash[self.anchor_hash]
            else:
                free_anchor = ~covered[self.anchor_position]
            free = np.bincount(self.anchor_slot[free_anchor], minlength=len(self.rules))
            self.bounds[~self.gathered & (free < self.anchors_needed)] = -np.inf
        # (int32: half the memory traffic of int64 over hundreds of thousands of runs)
        self.prefix = prefix = np.zeros(len(covered) + 1, dtype=np.int32)
        covered.cumsum(out=prefix[1:])
        was_live, self.live = self.live, _live(prefix, self.qs, self.qe, self.span)
        # Covered text only grows, so runs only die; a bound depends on its own
        # rule's live runs alone, so only the rules that lost one change.
        died = (was_live & ~self.live).nonzero()[0]
        if len(died):
            lost = np.zeros(len(self.rules), dtype=bool)
            lost[self.owner[died]] = True
            if len(self.live) >= _MANY_RUNS and 2 * np.count_nonzero(self.live) < len(self.live):
                self._drop_dead()
            which = np.isfinite(self.bounds) & self.gathered & lost
            if _ANY(which):
                self._tighten(which)

    def _drop_dead(self) -> None:
        """Forget the runs no longer live (they never come back to life), once
        they are most of those stored: in a long text with many licences
        nearly all runs end up inside chosen text, and every refresh, tightening
        and gather would go on reading them."""
        keep = self.live.nonzero()[0]
        before = np.zeros(len(self.live) + 1, dtype=np.int64)  # live runs before each
        self.live.cumsum(out=before[1:])
        self.run_first, self.run_last = before[self.run_first], before[self.run_last]
        self.owner, self.qs, self.qe, self.rs, self.span, self.key_start, self.key_end = (
            self.owner[keep], self.qs[keep], self.qe[keep], self.rs[keep], self.span[keep],
            self.key_start[keep], self.key_end[keep])
        self.live = np.ones(len(keep), dtype=bool)
        self.store = None

    def _prepare_refresh(self) -> None:
        """The anchors of shortlisted rules: which rule (index into self.rules)
        and which query hash (or, without repeated k-grams, position) each is."""
        slot = self.rules.searchsorted(self.anchor_rule)
        np.minimum(slot, len(self.rules) - 1, out=slot)
        mine = (self.rules[slot] == self.anchor_rule).nonzero()[0]
        self.anchor_slot = slot[mine]
        self.anchor_hash = self.anchor_hash[mine]
        if not self.repeats:  # each hash is one position: its own place in the sort
            self.anchor_position = self.by_hash[self.anchor_hash]
        self.anchors_needed = self.ref.anchors_needed[self.rules]

    def _tighten(self, which: np.ndarray, index: np.ndarray | None = None) -> None:
        """Bound = 2 x (rule words some live run covers) - rule length.

        ``index`` lists the runs of the rules in ``which``, when the caller
        knows them (a gather: the runs it just added).
        """
        if index is None and len(self.owner) < _MANY_RUNS:  # runs are stored block after block, in block order
            index = (which[self.owner] & self.live).nonzero()[0]
        elif index is None:
            # read from the blocks of the rules in ``which``, not found by
            # scanning every run: a refresh changes a few rules of hundreds
            rules = which.nonzero()[0]
            rules = rules[self.run_first[rules].argsort(kind="stable")]
            first = self.run_first[rules]
            index = _expand(first, self.run_last[rules] - first)[1]
            index = index[self.live[index]]
        else:
            index = index[self.live[index]]
        o, start, end = self.owner[index], self.key_start[index], self.key_end[index]
        # Each owner's runs are contiguous and sorted by rule start (a block),
        # and keyed by their block (block number x _BIG + rule position), so a
        # running maximum of the keyed ends gives how far the runs before each
        # one in its block reach: the union of their rule ranges is what a
        # chain could cover at best.  (A run that starts a block is only
        # preceded by smaller keys, and counts all its words.)
        reach = np.maximum.accumulate(end) if len(o) else end
        before = np.empty_like(reach)
        before[:1] = 0
        before[1:] = reach[:-1]
        new_words = end - np.maximum(start, before)
        np.maximum(new_words, 0, out=new_words)
        words = np.minimum(np.bincount(o, weights=new_words, minlength=len(self.rules)), self.length)
        bound = np.where(words >= self.needed, 2 * words - self.length, -np.inf)
        bound[self._missing_critical(which, start, o, reach)] = -np.inf
        self.bounds[which] = bound[which]

    def _missing_critical(self, which: np.ndarray, start: np.ndarray, o: np.ndarray, reach: np.ndarray) -> np.ndarray:
        """Indices of rules in ``which`` with a critical word no live run covers
        (``start`` and ``reach``: the keyed rule start and reach of the runs),
        once per such word: a rule may be named several times."""
        sel = which[self.critical_owner].nonzero()[0]
        owner, position = self.critical_owner[sel], self.critical_key[sel]
        if not len(sel) or not len(start):
            return owner
        at = start.searchsorted(position, "right") - 1
        np.maximum(at, 0, out=at)
        return owner[(o[at] != owner) | (reach[at] <= position)]

    def _gather(self) -> None:
        pending = (~self.gathered & np.isfinite(self.bounds)).nonzero()[0]
        batch = pending[_best_first(-self.bounds[pending], self.batch)]
        self.batch = min(2 * self.batch, self.MAX_BATCH)
        self.gathered[batch] = True
        self.ungathered -= len(batch)
        owner, qs, qe, rs = self._runs(batch)
        offset = len(self.owner)
        span = qe - qs
        if self.prefix is not None:  # runs already dead are not even stored
            keep = _live(self.prefix, qs, qe, span).nonzero()[0]
            if len(keep) < len(owner):
                owner, qs, qe, rs, span = owner[keep], qs[keep], qe[keep], rs[keep], span[keep]
        if len(owner):
            first = _starts(owner)
            size = _sizes(first, len(owner))
            blocks = owner[first]
            self.run_first[blocks] = first + offset
            self.run_last[blocks] = first + size + offset
            keys = (self.groups + np.arange(len(first))) * _BIG
            self.owner_key[blocks] = keys
            self.groups += len(first)
            key_start = keys.repeat(size) + rs
        else:
            key_start = rs
        live = np.ones(len(owner), dtype=bool)
        if not offset:
            self.owner, self.qs, self.qe, self.rs, self.span, self.live = owner, qs, qe, rs, span, live
            self.key_start, self.key_end = key_start, key_start + span
            self.store = None
        else:
            self._append(offset, (owner, qs, qe, rs, span, key_start, key_start + span))
            self.live = np.concatenate((self.live, live))
        ref = self.ref
        first = ref.critical_start[self.rules[batch]]
        critical, index = _expand(first, ref.critical_start[self.rules[batch] + 1] - first)
        if len(index):
            critical = batch[critical]
            key = self.owner_key[critical] + ref.critical_pos[index]
            if len(self.critical_owner):
                critical = np.concatenate((self.critical_owner, critical))
                key = np.concatenate((self.critical_key, key))
            self.critical_owner, self.critical_key = critical, key
        which = np.zeros(len(self.rules), dtype=bool)
        which[batch] = True
        self._tighten(which, np.arange(offset, len(self.owner)))

    def _append(self, size: int, columns: tuple[np.ndarray, ...]) -> None:
        """Add runs (owner, qs, qe, rs, span, key_start, key_end) after the ``size`` stored."""
        total = size + len(columns[0])
        store = self.store
        if store is None or store.shape[1] < total:
            store = np.empty((len(columns), 2 * total), dtype=np.int64)
            store[:, :size] = (self.owner, self.qs, self.qe, self.rs, self.span, self.key_start, self.key_end)
            self.store = store
        store[:, size:total] = columns
        self.owner, self.qs, self.qe, self.rs, self.span, self.key_start, self.key_end = store[:, :total]

    def _runs(self, batch: np.ndarray):
        """Runs (owner, query start, query end, rule start) of the rules in
        ``batch``, sorted by owner, rule start and query start."""
        if self.table is None:
            self.table = HashTable(self.unique, distinct=True)
            if self.repeats:
                self.per_hash = _sizes(self.hash_start, len(self.by_hash))
        owner, rpos, where = _shared(self.ref, self.rules[batch], self.table)
        # Runs: consecutive hits on one diagonal of one rule.  One int64 key
        # (owner | diagonal + _HALF | query position) is sorted by value (much
        # faster than an argsort) and decoded after; the next hit of a run has
        # exactly the key + 1, since a query position never fills its bits.
        # The fields are disjoint, so the key is a sum: the part fixed by the
        # rule's k-gram is computed before expanding it to its query positions.
        base = (batch[owner] << 43) + ((_HALF - rpos) << 21)
        if self.repeats:
            occurrence, index = _expand(self.hash_start[where], self.per_hash[where])
            position = self.by_hash[index]
        else:  # one position per hash, in hash order
            occurrence, position = None, self.by_hash[where]
        if not len(position):
            return _EMPTY, _EMPTY, _EMPTY, _EMPTY
        if len(position) < _SORT_HITS_BELOW:
            key = (base if occurrence is None else base[occurrence]) + position * _POSITION_STEP
            key.sort()
            starts = np.empty(len(key), dtype=bool)
            starts[0] = True
            np.not_equal(key[1:], key[:-1] + 1, out=starts[1:])
            starts = starts.nonzero()[0]
            head, tail = key[starts], key[starts + _sizes(starts, len(key)) - 1]
        else:
            head, tail = self._run_keys(base, owner, rpos, where, occurrence, position)
        owner, qs, qe = head >> 43, head & _WORD_BITS, (tail & _WORD_BITS) + K
        rs = qs - (((head >> 21) & _DIAG_BITS) - _HALF)
        order = ((owner << 42) | (rs << 21) | qs).argsort()
        return owner[order], qs[order], qe[order], rs[order]

    def _run_keys(self, base: np.ndarray, owner: np.ndarray, rpos: np.ndarray, where: np.ndarray,
                  occurrence: np.ndarray | None, position: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The sorted keys of the first and of the last hit of every run, without
        sorting all hits (a long text shares millions with hundreds of rules,
        twenty or so per run).

        A hit (rule k-gram r, query k-gram q) has one before it on its
        diagonal exactly when k-gram r - 1 of the same rule is the query's
        k-gram q - 1, that is when both are the same distinct query k-gram
        (and after it likewise with r + 1 and q + 1): the runs' first and last
        hits are found by comparison alone.  On each diagonal the runs are
        apart, so in key order the i-th first hit and the i-th last hit are
        the same run's.
        """
        if self.around is None:  # per query position: the distinct k-gram before and after it
            distinct = np.empty(len(self.by_hash), dtype=np.int64)
            numbers = np.arange(len(self.unique))
            distinct[self.by_hash] = numbers.repeat(self.per_hash) if self.repeats else numbers
            self.around = (np.concatenate((_MINUS_ONE, distinct[:-1])), np.concatenate((distinct[1:], _MINUS_ONE)))
        before, after = self.around
        # per shared rule k-gram: the distinct query k-gram its rule's previous
        # and next k-grams are, or -2 when they are not the query's
        linked = ((rpos[1:] == rpos[:-1] + 1) & (owner[1:] == owner[:-1])).nonzero()[0]
        previous = np.full(len(where), -2, dtype=np.int64)
        previous[linked + 1] = where[linked]
        following = np.full(len(where), -2, dtype=np.int64)
        following[linked] = where[linked + 1]
        if occurrence is not None:
            previous, following, base = previous[occurrence], following[occurrence], base[occurrence]
        ends = []
        for rule_side, query_side in ((previous, before), (following, after)):
            alone = (rule_side != query_side[position]).nonzero()[0]
            key = base[alone] + position[alone] * _POSITION_STEP
            key.sort()
            ends.append(key)
        return ends[0], ends[1]


#: From how many hits :meth:`Candidates._runs` finds runs by their ends
#: rather than by sorting every hit.
_SORT_HITS_BELOW = 1 << 14

_EMPTY = np.empty(0, dtype=np.int64)
_EMPTY.flags.writeable = False
_MINUS_ONE = np.full(1, -1, dtype=np.int64)
_MINUS_ONE.flags.writeable = False
_ZERO = np.zeros(1, dtype=np.int64)
_ZERO.flags.writeable = False
_EMPTY_BOOL = np.empty(0, dtype=bool)
_EMPTY_BOOL.flags.writeable = False


def _live(prefix: np.ndarray, qs: np.ndarray, qe: np.ndarray, span: np.ndarray) -> np.ndarray:
    """Which runs lie at most half in covered text (``prefix``: its running count)."""
    inside = prefix.take(qe)
    inside -= prefix.take(qs)
    inside <<= 1
    return inside <= span


_MAX = np.maximum.reduce  # ndarray.max() and .any() go through Python code first
_ANY = np.logical_or.reduce


def _sizes(first: np.ndarray, total: int) -> np.ndarray:
    """Lengths of the blocks starting at ``first`` (increasing) in ``total`` items."""
    size = np.empty_like(first)
    size[:-1] = first[1:] - first[:-1]
    size[-1:] = total - first[-1:]
    return size


def _starts(ordered: np.ndarray) -> np.ndarray:
    """Where each value of a sorted array first occurs."""
    change = np.empty(len(ordered), dtype=bool)
    change[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=change[1:])
    return change.nonzero()[0]


class _Grams:
    """Hashes of the word n-grams of one query, n = 1 to K, one row per n:
    ``rows[n - 1, p]`` hashes the n words from position p (0 past the end).

    The short-rule, exact and approximate matchers of one identification
    hash the same ids; computing every length at once (each row from the one
    before, as :func:`~licenselens.reference.gram_hashes` does) costs barely more than one length.
    """

    __slots__ = ("ids", "n", "rows", "_prefix", "_openings")

    def __init__(self, ids: np.ndarray):
        n = len(ids)
        rows = np.zeros((K, n), dtype=np.uint64)
        # unknown words (-1) hash as 0; viewed as unsigned, the addition needs no casting
        np.add(ids.astype(np.int64, copy=False).view(np.uint64), _ONE, out=rows[0])
        for length in range(1, min(K, n)):  # array arithmetic wraps silently
            row = rows[length, : n - length]
            np.multiply(rows[length - 1, : n - length], HASH_BASE, out=row)
            row += rows[0, length:]
        self.ids, self.n, self.rows, self._prefix = ids, n, rows, None
        self._openings: tuple | None = None

    def openings(self, ref: Reference) -> tuple[np.ndarray, np.ndarray]:
        """(i, entry) of every n-gram ``rows.ravel()[i]`` equal to an entry of
        the table of rule openings (see :func:`_openings`), ordered by i:
        asked once for both short_rules and exact_rules."""
        if self._openings is None or self._openings[0] is not ref:
            self._openings = (ref, *_openings(ref)[0].pairs(self.rows.ravel()))
        return self._openings[1], self._openings[2]

    def kgrams(self) -> np.ndarray:
        """``gram_hashes(ids, K)``."""
        return self.rows[K - 1, : max(self.n - K + 1, 0)]

    def windows(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Hashes of ``ids[start:end]`` (as ``gram_hashes`` would give them), in O(1)
        each: see :func:`~licenselens.reference.window_hasher`."""
        if self._prefix is None:
            _, inverse = _powers_of_base(self.n + 1)
            self._prefix = np.zeros(self.n + 1, dtype=np.uint64)
            (self.rows[0] * inverse[: self.n]).cumsum(out=self._prefix[1:])
        power, _ = _powers_of_base(self.n + 1)
        return power[ends - 1] * (self._prefix[ends] - self._prefix[starts])


_last_grams: _Grams | None = None


def _grams(ids: np.ndarray) -> _Grams:
    """The n-gram hashes of ``ids``, shared with the previous call on the same array.

    identify asks short_rules, exact_rules and Candidates about one ids array
    in turn; the array kept here pins that object, so identity cannot be
    mistaken.  A call on another array (another query, another thread)
    simply computes its own.
    """
    global _last_grams
    grams = _last_grams
    if grams is None or grams.ids is not ids:
        grams = _last_grams = _Grams(ids)
    return grams


def _best_first(keys: np.ndarray, k: int) -> np.ndarray:
    """``np.argsort(keys, kind="stable")[:k]`` without sorting all the keys:
    only those up to the k-th smallest (found by a partition) are sorted."""
    if len(keys) > k:
        kth = np.partition(keys, k - 1)[k - 1]
        chosen = (keys <= kth).nonzero()[0]  # the k smallest and their ties, in order
        return chosen[keys[chosen].argsort(kind="stable")[:k]]
    return keys.argsort(kind="stable")


def short_rules(ref: Reference, ids: np.ndarray) -> list[Hit]:
    """Rules of fewer than K words: exact matches of the whole rule only.

    The 1- to (K-1)-grams of the query (see :class:`_Grams`) are looked up
    in the hashes of the short rules (see :func:`_openings`).
    """
    grams = _grams(ids)
    n = grams.n
    if not n:
        return []
    found, entry = grams.openings(ref)
    short = int(found.searchsorted((K - 1) * n))  # the K-grams come last: exact_rules' part
    if not short:
        return []
    found, entry = found[:short], entry[:short]
    rule, rule_len, _ = _openings(ref)[1:]
    length, position = np.divmod(found, n)
    length += 1
    same = ((rule_len[entry] == length) & (position + length <= n)).nonzero()[0]
    return [Hit(r, p, p + n, n, n, "exact")
            for r, p, n in zip(rule[entry[same]].tolist(), position[same].tolist(), length[same].tolist())]


def exact_rules(ref: Reference, ids: np.ndarray) -> list[Hit]:
    """Every verbatim occurrence of a whole rule of at least K words.

    Each query position whose 5-gram starts some rule (see :func:`_openings`)
    is checked against that rule's hash over the rule's full length, in O(1)
    with prefix hashes: one vectorised pass finds every exact licence text,
    notice and reference, which settles most real licence files without
    alignment.
    """
    if len(ids) < K:
        return []
    grams = _grams(ids)
    n = grams.n
    found, entry = grams.openings(ref)
    first = int(found.searchsorted((K - 1) * n))
    if first == len(found):
        return []
    position, entry = found[first:] - (K - 1) * n, entry[first:]
    rule, rule_len, full_hash = _openings(ref)[1:]
    length = rule_len[entry]
    end = position + length
    # (a short rule shares a K-gram's hash only by a collision: never a match here)
    fits = ((end <= n) & (length >= K)).nonzero()[0]
    position, entry, end = position[fits], entry[fits], end[fits]
    same = (grams.windows(position, end) == full_hash[entry]).nonzero()[0]
    return [Hit(r, p, e, e - p, e - p, "exact")
            for p, r, e in zip(position[same].tolist(), rule[entry[same]].tolist(), end[same].tolist())]


@functools.lru_cache(maxsize=4)
def _openings(ref: Reference) -> tuple[HashTable, np.ndarray, np.ndarray, np.ndarray]:
    """How rules open: one table holding the hash of every short rule (fewer
    than K words) and of the first K-gram of every longer rule, and per
    entry its rule, the rule's length and the hash of its whole text.

    A query's 1- to K-grams are looked up in it at once, for both
    :func:`short_rules` and :func:`exact_rules`: one look-up costs about as
    much as either alone, most of it fixed per call.  The facts are stored
    in entry order, so the rules that share an opening (hundreds for the
    common first words of licence texts) are read from one stretch of
    memory.  Entries of one hash keep the order the two arrays give them.
    """
    hashes = np.concatenate((ref.short_hash, ref.first_hash))
    order = hashes.argsort(kind="stable")
    rule = np.concatenate((ref.short_rule, ref.first_rule))[order].astype(np.int64)
    return HashTable(hashes[order], sparse=True), rule, ref.rule_len[rule].astype(np.int64), ref.full_hash[rule]


def _expand(left: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, index) pairs for the index ranges [left[i], left[i] + counts[i])."""
    ends = counts.cumsum()
    total = int(ends[-1]) if len(ends) else 0
    owner = np.arange(len(counts)).repeat(counts)
    return owner, (left - ends + counts).repeat(counts) + np.arange(total)


def anchor_counts(ref: Reference, unique_hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rules with an anchor k-gram among the query's (in rule order), and how many."""
    _, index = ref.anchor_table.pairs(unique_hashes)
    rules = np.sort(ref.anchor_rule[index])
    first = _starts(rules)
    return rules[first], _sizes(first, len(rules))


def shared_counts(ref: Reference, rules: np.ndarray, unique_hashes: np.ndarray) -> np.ndarray:
    """Per rule, how many of its k-grams (repeats included) occur among the query's."""
    owner, _, _ = _shared(ref, rules, HashTable(unique_hashes, distinct=True))
    return np.bincount(owner, minlength=len(rules))


def _shared(ref: Reference, rules: np.ndarray, table: HashTable):
    """(index into ``rules``, rule position, index into the table) of every
    k-gram that the given rules share with the query's distinct k-grams."""
    starts, ends = ref.rule_gram_start[rules], ref.rule_gram_start[rules + 1]
    # a few dozen slices: cheaper than computing every k-gram's index
    grams = ref.rule_gram_hash
    if len(rules) == 1:
        asked = grams[starts[0] : ends[0]]
    else:
        asked = np.concatenate([grams[a:b] for a, b in zip(starts.tolist(), ends.tolist())] or [grams[:0]])
    present, where = table.hits(asked)
    size = ends - starts
    first = size.cumsum() - size  # where each rule's k-grams begin
    owner = first.searchsorted(present, "right") - 1
    return owner, present - first[owner], where


def _skips_version_word(version_words: np.ndarray, runs: list[tuple[int, int]]) -> bool:
    """Whether query words between consecutive runs include a version word."""
    reach = runs[0][1]
    for start, end in runs[1:]:
        if start > reach and version_words[reach:start].any():
            return True
        reach = max(reach, end)
    return False


def _chain(ref: Reference, rule: int, qs: np.ndarray, qe: np.ndarray, rs: np.ndarray,
           version_words: np.ndarray | None = None) -> list[Hit]:
    """Chain the runs of one rule into alignments, one per occurrence.

    Runs further apart in the query than a match may skip can never be in
    one alignment, so the runs are first cut into such clusters and each is
    chained on its own: a file holding a licence thirty times costs thirty
    small problems, not one large one repeated thirty times.

    ``version_words`` marks query words such as "later" or "2.0+": an
    approximate match of a notice or reference may not skip over one, since
    it would then report "GPL-2.0-only" for "version 2 or any later version".
    """
    facts = _RuleFacts(ref, rule, version_words is not None)
    if len(qs) == 1:  # one run, one cluster: nothing to sort or cut
        return _chain_cluster(facts, qs.tolist(), qe.tolist(), rs.tolist(), version_words)
    order = np.lexsort((rs, qs))
    qs, qe, rs = qs[order], qe[order], rs[order]
    reach = np.maximum.accumulate(qe)
    cuts = (qs[1:] - reach[:-1] > facts.max_gap).nonzero()[0] + 1
    clusters = zip([0, *cuts.tolist()], [*cuts.tolist(), len(qs)])
    if len(cuts) >= _MANY_CLUSTERS:
        # A cluster whose runs add up to fewer words than the rule needs
        # cannot match (_chain_cluster's first test): in a long text with the
        # rule's phrases scattered through it, those are most clusters, and
        # one numpy pass spares a call and three list slices for each.
        words = np.add.reduceat(qe - qs, np.concatenate((_ZERO, cuts)))
        clusters = itertools.compress(clusters, (words >= facts.needed).tolist())
    # Python lists from here: clusters are mostly a few runs, where numpy's
    # per-call cost would outweigh its speed.
    qs_l, qe_l, rs_l = qs.tolist(), qe.tolist(), rs.tolist()
    hits: list[Hit] = []
    for a, b in clusters:
        hits.extend(_chain_cluster(facts, qs_l[a:b], qe_l[a:b], rs_l[a:b], version_words))
    return hits


#: From how many clusters on :func:`_chain` skips the hopeless ones in one numpy pass.
_MANY_CLUSTERS = 8


class _RuleFacts:
    """What chaining needs to know of one rule, read from the reference once."""

    def __init__(self, ref: Reference, rule: int, versions_given: bool):
        self.rule = rule
        self.length = int(ref.rule_len[rule])
        self.max_gap = 30 + self.length // 10
        self.needed = float(ref.min_coverage[rule]) * self.length
        flags = int(ref.rule_flags[rule])
        self.continuous = bool(flags & CONTINUOUS)
        self.check_gaps = versions_given and not flags & TEXT
        self.critical = ref.critical_pos[ref.critical_start[rule] : ref.critical_start[rule + 1]].tolist()


def _chain_cluster(facts: _RuleFacts, qs_l: list[int], qe_l: list[int], rs_l: list[int],
                   version_words: np.ndarray | None) -> list[Hit]:
    rule, length, needed, max_gap = facts.rule, facts.length, facts.needed, facts.max_gap
    if sum(qe_l) - sum(qs_l) < needed:
        return []
    if len(qs_l) == 1:  # the loop below, unrolled for the one alignment a run makes
        qstart, qend, rstart = qs_l[0], qe_l[0], rs_l[0]
        matched = qend - qstart
        if any(not rstart <= p < rstart + matched for p in facts.critical):
            return []
        exact = matched == length
        if facts.continuous and not exact:
            return []
        return [Hit(rule, qstart, qend, matched, length, "exact" if exact else "approximate",
                    spans=() if exact else ((qstart, qend),))]
    if len(qs_l) > MAX_RUNS:
        qs, qe, rs = np.array(qs_l), np.array(qe_l), np.array(rs_l)
        longest = np.sort(np.argsort(qe - qs, kind="stable")[-MAX_RUNS:])
        qs_l, qe_l, rs_l = qs[longest].tolist(), qe[longest].tolist(), rs[longest].tolist()
    re_l = [s + (e - b) for s, e, b in zip(rs_l, qe_l, qs_l)]
    n = len(qs_l)
    # Runs are in query order, so the runs before reachable[i] end more than
    # max_gap words before run i starts (none is longer than the longest):
    # none can link to it, and they are not even looked at.
    farthest = max_gap + max(e - b for b, e in zip(qs_l, qe_l))
    # The runs each run may link to, nearest first (computed once: the
    # search below is repeated for every occurrence).
    windows = [range(i - 1, max(i - LINK_WINDOW, bisect.bisect_left(qs_l, q - farthest, 0, i)) - 1, -1)
               for i, q in enumerate(qs_l)]
    # leaders are only looked at by runs more than LINK_WINDOW runs in
    track_leaders = LINK_LEADERS and n > LINK_WINDOW + 1
    critical = facts.critical
    alive = [True] * n
    hits: list[Hit] = []
    while True:
        # (a dead run keeps best 0, so it never beats a run on its own: no
        # need to ask whether a run linked to is alive)
        best = [0] * n
        prev = [-1] * n
        leaders: list[int] = []  # earlier runs ending the best chains, best first
        for i in range(n):
            if not alive[i]:
                continue
            qsi, qei, rsi, rei = qs_l[i], qe_l[i], rs_l[i], re_l[i]
            own = top = rei - rsi
            link = -1
            window = windows[i]
            if i > LINK_WINDOW:
                window = itertools.chain(window, [j for j in leaders if j < i - LINK_WINDOW])
            for j in window:
                best_j = best[j]
                if best_j + own <= top:
                    continue
                qej = qe_l[j]
                if rs_l[j] >= rsi or qs_l[j] >= qsi or qej >= qei or qsi - qej > max_gap:
                    continue
                # new words on both sides: runs may overlap in the rule or in the query
                # (min and max written out: the calls cost more than the sums)
                rej = re_l[j]
                gain = rei - (rej if rej > rsi else rsi)
                query_gain = qei - (qej if qej > qsi else qsi)
                if query_gain < gain:
                    gain = query_gain
                if gain > 0 and best_j + gain > top:
                    top = best_j + gain
                    link = j
            best[i] = top
            prev[i] = link
            if track_leaders and (len(leaders) < LINK_LEADERS or top > best[leaders[-1]]):
                leaders = sorted(leaders + [i], key=best.__getitem__, reverse=True)[:LINK_LEADERS]
        last = max(range(n), key=best.__getitem__)
        matched = best[last]
        if matched < needed or matched == 0:
            return hits
        chain_runs = [last]
        while prev[chain_runs[-1]] >= 0:
            chain_runs.append(prev[chain_runs[-1]])
        for i in chain_runs:
            alive[i] = False
        first = chain_runs[-1]
        if critical and not all(any(rs_l[i] <= p < re_l[i] for i in chain_runs) for p in critical):
            continue  # a required word is missing: this is some other licence
        if facts.check_gaps and _skips_version_word(version_words, sorted((qs_l[i], qe_l[i]) for i in chain_runs)):
            continue  # "... or any later version" left out of a notice: some other licence
        qstart, qend = qs_l[first], qe_l[last]
        exact = matched == length and qend - qstart == length
        if not facts.continuous or exact:
            spans = () if exact else _merge_spans(sorted((qs_l[i], qe_l[i]) for i in chain_runs))
            hits.append(Hit(rule, qstart, qend, matched, length, "exact" if exact else "approximate", spans=spans,
                            inserted=() if exact else _insertions([(qs_l[i], qe_l[i], rs_l[i], re_l[i])
                                                                   for i in reversed(chain_runs)])))
        for i in range(n):  # runs inside this occurrence belong to it
            if alive[i] and qs_l[i] >= qstart and qe_l[i] <= qend:
                alive[i] = False
        if not any(alive):
            return hits


#: Gaps of at most this many words between matched runs count as part of
#: the match (edits inside it); longer ones stay free for other licences,
#: e.g. a "version 2 or any later version" notice after a GPL text.
SPAN_GAP = 2 * K


#: Words the text adds between two runs count as an insertion into the
#: licence, rather than an edit of it, when the rule goes on where the first
#: run stopped (give or take this many words).
INSERT_RULE_SLACK = 1


def _insertions(runs: list[tuple[int, int, int, int]]) -> tuple[tuple[int, int], ...]:
    """Query ranges between consecutive runs ``(qs, qe, rs, re)`` (in chain
    order) that the text adds while the rule's wording continues: "The
    Software shall be used for Good, not Evil." put into an MIT text."""
    return tuple((a_qe, b_qs) for (_, a_qe, _, a_re), (b_qs, _, b_rs, _) in zip(runs, runs[1:])
                 if b_qs > a_qe and abs(b_rs - a_re) <= INSERT_RULE_SLACK)


def _merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + SPAN_GAP:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)
