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
import itertools

import numpy as np

from ..hashtable import HashTable
from ..reference import CONTINUOUS, HASH_BASE, K, TEXT, Reference, gram_hashes, window_hasher
from . import Hit

_BIG = np.int64(1) << 32
_HALF = np.int64(1) << 21  # keeps diagonals positive inside a sort key
_WORD_BITS = np.int64((1 << 21) - 1)  # a query position inside a sort key
_DIAG_BITS = np.int64((1 << 22) - 1)  # a shifted diagonal inside a sort key
_POSITION_STEP = np.int64((1 << 21) + 1)  # a query position adds to both fields
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
        hashes = gram_hashes(ids, K)
        # query positions grouped by distinct hash (in position order within one)
        self.by_hash = np.argsort(hashes, kind="stable")
        ordered = hashes[self.by_hash]
        self.hash_start = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1]))[: len(ordered)])
        self.per_hash = np.diff(np.append(self.hash_start, len(ordered)))
        self.unique = ordered[self.hash_start]
        self.table = HashTable(self.unique)
        # most k-grams occur once in a text: their one position, without expanding
        self.repeats = bool(len(self.per_hash)) and int(self.per_hash.max()) > 1
        owner, index = ref.anchor_table.pairs(self.unique)
        self.anchor_rule = ref.anchor_rule[index].astype(np.int64)
        self.anchor_hash = owner
        # Rules with at least one anchor (every rule needs one), and how many:
        # sorting a few anchors beats scanning a count per reference rule.
        if len(self.anchor_rule) * 16 < len(ref.rule_len):
            hit, seen = np.unique(self.anchor_rule, return_counts=True)
        else:
            seen = np.bincount(self.anchor_rule, minlength=len(ref.rule_len))
            hit = np.flatnonzero(seen)
            seen = seen[hit]
        # A rule longer than the query can match at most all query words, so
        # its rank is at most 2n - L: long licence texts drop out for notices.
        self.rules = hit[(seen >= ref.anchors_needed[hit]) & (ref.min_words[hit] <= self.n)]
        self.length = ref.rule_len[self.rules].astype(np.int64)
        self.needed = ref.min_coverage[self.rules] * self.length
        self.bounds = np.minimum(self.length, 2 * self.n - self.length).astype(float)
        self.gathered = np.zeros(len(self.rules), dtype=bool)
        self.covered = np.zeros(self.n, dtype=bool)
        empty = np.empty(0, dtype=np.int64)
        # runs of gathered rules: owner (index into self.rules), query start/end, rule start
        self.owner, self.qs, self.qe, self.rs = empty, empty, empty, empty
        self.live = np.empty(0, dtype=bool)
        self.group = empty  # per run: index of its owner's contiguous block
        self.groups = 0
        self.owner_group = np.zeros(len(self.rules), dtype=np.int64)
        self.run_first = np.zeros(len(self.rules), dtype=np.int64)
        self.run_last = np.zeros(len(self.rules), dtype=np.int64)

    def exclude(self, rule: int) -> None:
        """Leave ``rule`` out of this search."""
        self.bounds[self.rules == rule] = -np.inf

    def best(self) -> float:
        """The highest rank bound of an unchained rule, or -inf."""
        return float(self.bounds.max()) if len(self.bounds) else -np.inf

    def step(self) -> list[Hit]:
        """Tighten or chain the best-bound rule: gather a batch, or chain one rule."""
        i = int(np.argmax(self.bounds))
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
        self.covered = covered
        if not len(self.rules):
            return
        free_position = ~covered[self.by_hash]
        free_hash = np.logical_or.reduceat(free_position, self.hash_start) if len(free_position) else free_position
        free = np.bincount(self.anchor_rule[free_hash[self.anchor_hash]], minlength=len(self.ref.rule_len))
        pending = ~self.gathered & (free[self.rules] < self.ref.anchors_needed[self.rules])
        self.bounds[pending] = -np.inf
        prefix = np.concatenate(([0], np.cumsum(covered)))
        was_live, self.live = self.live, (prefix[self.qe] - prefix[self.qs]) * 2 <= self.qe - self.qs
        # Covered text only grows, so runs only die; a bound depends on its own
        # rule's live runs alone, so only the rules that lost one change.
        lost = np.zeros(len(self.rules), dtype=bool)
        lost[self.owner[was_live & ~self.live]] = True
        self._tighten(np.isfinite(self.bounds) & self.gathered & lost)

    def _tighten(self, which: np.ndarray, index: np.ndarray | None = None) -> None:
        """Bound = 2 x (rule words some live run covers) - rule length.

        ``index`` lists the runs of the rules in ``which`` in group order,
        when the caller knows them (a gather: the runs it just added).
        """
        if index is None:
            owners = np.nonzero(which)[0]
            if not len(owners):
                return
            # only the runs of these rules, owner blocks in group order
            owners = owners[np.argsort(self.owner_group[owners], kind="stable")]
            _, index = _expand(self.run_first[owners], self.run_last[owners] - self.run_first[owners])
        index = index[self.live[index]]
        o, rs, group = self.owner[index], self.rs[index], self.group[index]
        re = rs + (self.qe[index] - self.qs[index])
        # Each owner's runs are contiguous and sorted by rule start (a
        # "group"), so a running maximum offset by group gives how far the
        # runs before each one reach: the union of their rule ranges is what
        # a chain could cover at best.
        reach = np.maximum.accumulate(group * _BIG + re) - group * _BIG if len(o) else re
        before = np.concatenate(([0], reach[:-1]))
        before[np.concatenate(([True], group[1:] != group[:-1]))] = 0
        new_words = np.clip(re - np.maximum(rs, before), 0, None)
        words = np.minimum(np.bincount(o, weights=new_words, minlength=len(self.rules)), self.length)
        bound = np.where(words >= self.needed, 2 * words - self.length, -np.inf)
        bound[self._missing_critical(which, group * _BIG + rs, o, reach)] = -np.inf
        self.bounds[which] = bound[which]

    def _missing_critical(self, which: np.ndarray, key: np.ndarray, o: np.ndarray, reach: np.ndarray) -> np.ndarray:
        """Indices of rules in ``which`` with a critical word no live run covers."""
        ref = self.ref
        rules = np.nonzero(which)[0]
        starts = ref.critical_start[self.rules[rules]]
        owner, index = _expand(starts, ref.critical_start[self.rules[rules] + 1] - starts)
        if not len(index):
            return owner
        owner = rules[owner]
        if not len(key):
            return np.unique(owner)
        position = ref.critical_pos[index]
        at = np.searchsorted(key, self.owner_group[owner] * _BIG + position, "right") - 1
        at = at.clip(min=0)
        ok = (o[at] == owner) & (reach[at] > position)
        missing = owner[~ok]  # sorted: its distinct values are where it changes
        return missing[np.concatenate(([True], missing[1:] != missing[:-1]))] if len(missing) else missing

    def _gather(self) -> None:
        pending = np.nonzero(~self.gathered & np.isfinite(self.bounds))[0]
        batch = pending[_best_first(-self.bounds[pending], self.batch)]
        self.batch = min(2 * self.batch, self.MAX_BATCH)
        self.gathered[batch] = True
        owner, qs, qe, rs = self._runs(batch)
        offset = len(self.owner)
        if len(owner):
            first = np.concatenate(([0], np.nonzero(np.diff(owner))[0] + 1))
            last = np.append(first[1:], len(owner))
            self.run_first[owner[first]] = first + offset
            self.run_last[owner[first]] = last + offset
            groups = self.groups + np.arange(len(first))
            self.owner_group[owner[first]] = groups
            self.group = np.concatenate((self.group, np.repeat(groups, last - first)))
            self.groups += len(first)
        self.owner = np.concatenate((self.owner, owner))
        self.qs = np.concatenate((self.qs, qs))
        self.qe = np.concatenate((self.qe, qe))
        self.rs = np.concatenate((self.rs, rs))
        prefix = np.concatenate(([0], np.cumsum(self.covered)))
        self.live = np.concatenate((self.live, (prefix[qe] - prefix[qs]) * 2 <= qe - qs))
        which = np.zeros(len(self.rules), dtype=bool)
        which[batch] = True
        self._tighten(which, np.arange(offset, len(self.owner)))

    def _runs(self, batch: np.ndarray):
        """Runs (owner, query start, query end, rule start) of the rules in
        ``batch``, sorted by owner, rule start and query start."""
        owner, rpos, where = _shared(self.ref, self.rules[batch], self.table)
        # Runs: consecutive hits on one diagonal of one rule.  One int64 key
        # (owner | diagonal + _HALF | query position) is sorted by value (much
        # faster than an argsort) and decoded after; the next hit of a run has
        # exactly the key + 1, since a query position never fills its bits.
        # The fields are disjoint, so the key is a sum: the part fixed by the
        # rule's k-gram is computed before expanding it to its query positions.
        base = (batch[owner].astype(np.int64) << 43) + ((_HALF - rpos) << 21)
        if self.repeats:
            occurrence, index = _expand(self.hash_start[where], self.per_hash[where])
            key = base[occurrence] + self.by_hash[index] * _POSITION_STEP
        else:
            key = base + self.by_hash[self.hash_start[where]] * _POSITION_STEP
        if not len(key):
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty, empty
        key.sort()
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1] + 1)))
        head, tail = key[starts], key[np.append(starts[1:], len(key)) - 1]
        owner, qs, qe = head >> 43, head & _WORD_BITS, (tail & _WORD_BITS) + K
        rs = qs - (((head >> 21) & _DIAG_BITS) - _HALF)
        order = np.argsort((owner << 42) | (rs << 21) | qs)
        return owner[order], qs[order], qe[order], rs[order]


def _best_first(keys: np.ndarray, k: int) -> np.ndarray:
    """``np.argsort(keys, kind="stable")[:k]`` without sorting all the keys:
    only those up to the k-th smallest (found by a partition) are sorted."""
    if len(keys) > k:
        kth = np.partition(keys, k - 1)[k - 1]
        chosen = np.flatnonzero(keys <= kth)  # the k smallest and their ties, in order
        return chosen[np.argsort(keys[chosen], kind="stable")[:k]]
    return np.argsort(keys, kind="stable")


def short_rules(ref: Reference, ids: np.ndarray) -> list[Hit]:
    """Rules of fewer than K words: exact matches of the whole rule only.

    The 1- to (K-1)-grams of the query are hashed (each length from the one
    before, in one pass) and looked up together in the short rules' hashes.
    """
    values = ids.astype(np.uint64) + np.uint64(1)
    grams = [values]
    for length in range(2, K):  # wraps silently, as in gram_hashes
        grams.append(grams[-1][:-1] * HASH_BASE + values[length - 1 :])
    grams = [g for g in grams if len(g)]
    if not grams:
        return []
    block = np.cumsum([0] + [len(g) for g in grams[:-1]])  # where each length starts
    owner, index = ref.short_table.pairs(np.concatenate(grams))
    rule = ref.short_rule[index]
    length = np.searchsorted(block, owner, "right")
    position = owner - block[length - 1]
    same = ref.rule_len[rule] == length
    return [Hit(r, p, p + n, n, n, "exact")
            for r, p, n in zip(rule[same].tolist(), position[same].tolist(), length[same].tolist())]


def exact_rules(ref: Reference, ids: np.ndarray) -> list[Hit]:
    """Every verbatim occurrence of a whole rule of at least K words.

    Each query position whose 5-gram starts some rule is checked against
    that rule's hash over the rule's full length, in O(1) with prefix
    hashes: one vectorised pass finds every exact licence text, notice and
    reference, which settles most real licence files without alignment.
    """
    if len(ids) < K:
        return []
    window = window_hasher(ids, 0)
    position, index = ref.first_table.pairs(window(np.arange(len(ids) - K + 1), K))
    rule = ref.first_rule[index].astype(np.int64)
    length = ref.rule_len[rule].astype(np.int64)
    fits = position + length <= len(ids)
    position, rule, length = position[fits], rule[fits], length[fits]
    same = window(position, length) == ref.full_hash[rule]
    return [Hit(r, p, p + n, n, n, "exact")
            for p, r, n in zip(position[same].tolist(), rule[same].tolist(), length[same].tolist())]


def _expand(left: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, index) pairs for the index ranges [left[i], left[i] + counts[i])."""
    total = int(counts.sum())
    first = np.cumsum(counts) - counts
    owner = np.repeat(np.arange(len(counts)), counts)
    return owner, np.repeat(left - first, counts) + np.arange(total)


def anchors_seen(ref: Reference, unique_hashes: np.ndarray) -> np.ndarray:
    """Per rule, how many of its anchor k-grams occur among the query's."""
    _, index = ref.anchor_table.pairs(unique_hashes)
    return np.bincount(ref.anchor_rule[index], minlength=len(ref.rule_len))


def shared_grams(ref: Reference, rules: np.ndarray, unique_hashes: np.ndarray | HashTable):
    """(rule, rule position, index into unique_hashes) of every k-gram that
    the given rules share with the query."""
    table = unique_hashes if isinstance(unique_hashes, HashTable) else HashTable(unique_hashes)
    owner, rpos, where = _shared(ref, rules, table)
    return rules[owner].astype(np.int64), rpos, where


def _shared(ref: Reference, rules: np.ndarray, table: HashTable):
    """(index into ``rules``, rule position, index into the table) of every
    k-gram that the given rules share with the query's distinct k-grams."""
    starts, ends = ref.rule_gram_start[rules], ref.rule_gram_start[rules + 1]
    # a few dozen slices: cheaper than computing every k-gram's index
    grams = ref.rule_gram_hash
    where = table.find(np.concatenate([grams[a:b] for a, b in zip(starts.tolist(), ends.tolist())] or [grams[:0]]))
    present = np.flatnonzero(where >= 0)
    first = np.cumsum(ends - starts) - (ends - starts)  # where each rule's k-grams begin
    owner = np.searchsorted(first, present, "right") - 1
    return owner, present - first[owner], where[present]


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
    order = np.lexsort((rs, qs))
    qs, qe, rs = qs[order], qe[order], rs[order]
    reach = np.maximum.accumulate(qe)
    cuts = (np.nonzero(qs[1:] - reach[:-1] > facts.max_gap)[0] + 1).tolist()
    # Python lists from here: clusters are mostly a few runs, where numpy's
    # per-call cost would outweigh its speed.
    qs_l, qe_l, rs_l = qs.tolist(), qe.tolist(), rs.tolist()
    hits: list[Hit] = []
    for a, b in zip([0] + cuts, cuts + [len(qs_l)]):
        hits.extend(_chain_cluster(facts, qs_l[a:b], qe_l[a:b], rs_l[a:b], version_words))
    return hits


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
    reachable = [bisect.bisect_left(qs_l, q - farthest, 0, i) for i, q in enumerate(qs_l)]
    critical = facts.critical
    alive = [True] * n
    hits: list[Hit] = []
    while True:
        best = [0] * n
        prev = [-1] * n
        leaders: list[int] = []  # earlier runs ending the best chains, best first
        for i in range(n):
            if not alive[i]:
                continue
            qsi, rsi, rei = qs_l[i], rs_l[i], re_l[i]
            top = rei - rsi
            link = -1
            window = range(i - 1, max(i - LINK_WINDOW, reachable[i]) - 1, -1)
            if i > LINK_WINDOW:
                window = itertools.chain(window, [j for j in leaders if j < i - LINK_WINDOW])
            for j in window:
                if not alive[j] or best[j] + (rei - rsi) <= top:
                    continue
                if rs_l[j] >= rsi or qs_l[j] >= qsi or qe_l[j] >= qe_l[i]:
                    continue
                if qsi - qe_l[j] > max_gap:
                    continue
                # new words on both sides: runs may overlap in the rule or in the query
                gain = min(rei - max(rsi, re_l[j]), qe_l[i] - max(qsi, qe_l[j]))
                if gain > 0 and best[j] + gain > top:
                    top = best[j] + gain
                    link = j
            best[i] = top
            prev[i] = link
            if LINK_LEADERS and (len(leaders) < LINK_LEADERS or top > best[leaders[-1]]):
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
            hits.append(Hit(rule, qstart, qend, matched, length, "exact" if exact else "approximate", spans=spans))
        for i in range(n):  # runs inside this occurrence belong to it
            if alive[i] and qs_l[i] >= qstart and qe_l[i] <= qend:
                alive[i] = False
        if not any(alive):
            return hits


#: Gaps of at most this many words between matched runs count as part of
#: the match (edits inside it); longer ones stay free for other licences,
#: e.g. a "version 2 or any later version" notice after a GPL text.
SPAN_GAP = 2 * K


def _merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + SPAN_GAP:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)
