"""Word k-gram matching of every reference text and rule, exact or approximate.

How it works, and why:

1. Every reference rule is indexed by the hashes of its word 5-grams (rules
   shorter than five words by the hash of all their words).  Looking the
   query's 5-grams up in the sorted hash array is one vectorised
   ``searchsorted``: the whole reference is consulted in a few milliseconds.
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

import itertools

import numpy as np

from ..reference import CONTINUOUS, K, TEXT, Reference, gram_hashes, window_hasher
from . import Hit

_BIG = np.int64(1) << 32
_HALF = np.int64(1) << 21  # keeps diagonals positive inside a sort key
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
        self.unique, inverse = np.unique(hashes, return_inverse=True)
        # query positions grouped by distinct hash
        self.by_hash = np.argsort(inverse, kind="stable")
        self.per_hash = np.bincount(inverse, minlength=len(self.unique))
        self.hash_start = np.cumsum(self.per_hash) - self.per_hash
        left, counts = _lookup(ref.anchor_hash, self.unique)
        owner, index = _expand(left, counts)
        self.anchor_rule = ref.anchor_rule[index].astype(np.int64)
        self.anchor_hash = owner
        seen = np.bincount(self.anchor_rule, minlength=len(ref.rule_len))
        self.need = np.maximum(np.ceil(ref.rule_anchors * ref.prefilter), 1)
        # A rule longer than the query can match at most all query words, so
        # its rank is at most 2n - L: long licence texts drop out for notices.
        possible = ref.min_coverage * ref.rule_len <= self.n
        self.rules = np.nonzero((seen >= self.need) & possible)[0]
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
        pending = ~self.gathered & (free[self.rules] < self.need[self.rules])
        self.bounds[pending] = -np.inf
        prefix = np.concatenate(([0], np.cumsum(covered)))
        self.live = (prefix[self.qe] - prefix[self.qs]) * 2 <= self.qe - self.qs
        self._tighten(np.isfinite(self.bounds) & self.gathered)

    def _tighten(self, which: np.ndarray) -> None:
        """Bound = 2 x (rule words some live run covers) - rule length."""
        owners = np.nonzero(which)[0]
        if not len(owners):
            return
        # only the runs of these rules, owner blocks in group order
        owners = owners[np.argsort(self.owner_group[owners], kind="stable")]
        _, index = _expand(self.run_first[owners], self.run_last[owners] - self.run_first[owners])
        index = index[self.live[index]]
        o, rs, group = self.owner[index], self.rs[index], self.group[index]
        re = rs + (self.qe - self.qs)[index]
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
        return np.unique(owner[~ok])

    def _gather(self) -> None:
        pending = np.nonzero(~self.gathered & np.isfinite(self.bounds))[0]
        batch = pending[np.argsort(-self.bounds[pending], kind="stable")[: self.batch]]
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
        self._tighten(which)

    def _runs(self, batch: np.ndarray):
        """Runs (owner, query start, query end, rule start) of the rules in
        ``batch``, sorted by owner, rule start and query start."""
        rule, rpos, owner = shared_grams(self.ref, self.rules[batch], self.unique)
        position = np.searchsorted(self.rules, rule)  # back to indices into self.rules
        occurrence, index = _expand(self.hash_start[owner], self.per_hash[owner])
        qpos = self.by_hash[index].astype(np.int64)
        position, rpos = position[occurrence], rpos[occurrence]
        if not len(qpos):
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty, empty
        # Runs: consecutive hits on one diagonal of one rule.  One int64 key
        # (owner | diagonal | query position) sorts faster than a lexsort.
        diag = qpos - rpos
        order = np.argsort((position << 43) | ((diag + _HALF) << 21) | qpos)
        qpos, position, diag = qpos[order], position[order], diag[order]
        new = np.ones(len(qpos), dtype=bool)
        new[1:] = (position[1:] != position[:-1]) | (diag[1:] != diag[:-1]) | (qpos[1:] != qpos[:-1] + 1)
        starts = np.nonzero(new)[0]
        ends = np.append(starts[1:], len(qpos)) - 1
        owner, qs, qe, rs = position[starts], qpos[starts], qpos[ends] + K, qpos[starts] - diag[starts]
        order = np.argsort((owner << 42) | (rs << 21) | qs)
        return owner[order], qs[order], qe[order], rs[order]


def short_rules(ref: Reference, ids: np.ndarray) -> list[Hit]:
    """Rules of fewer than K words: exact matches of the whole rule only.

    The 1- to (K-1)-grams of the query are hashed and looked up together,
    in one pass over the sorted hashes of the short rules.
    """
    grams = [gram_hashes(ids, length) for length in range(1, K)]
    hashes = np.concatenate(grams)
    if not len(hashes):
        return []
    lengths = np.repeat(np.arange(1, K), [len(g) for g in grams])
    positions = np.concatenate([np.arange(len(g)) for g in grams])
    left, counts = _lookup(ref.short_hash, hashes)
    owner, index = _expand(left, counts)
    rule = ref.short_rule[index]
    length = lengths[owner]
    same = ref.rule_len[rule] == length
    return [Hit(int(r), int(p), int(p + n), int(n), int(n), "exact")
            for r, p, n in zip(rule[same], positions[owner][same], length[same])]


def exact_rules(ref: Reference, ids: np.ndarray) -> list[Hit]:
    """Every verbatim occurrence of a whole rule of at least K words.

    Each query position whose 5-gram starts some rule is checked against
    that rule's hash over the rule's full length, in O(1) with prefix
    hashes: one vectorised pass finds every exact licence text, notice and
    reference, which settles most real licence files without alignment.
    """
    hashes = gram_hashes(ids, K)
    if not len(hashes):
        return []
    left, counts = _lookup(ref.first_hash, hashes)
    position, index = _expand(left, counts)
    rule = ref.first_rule[index].astype(np.int64)
    length = ref.rule_len[rule].astype(np.int64)
    fits = position + length <= len(ids)
    position, rule, length = position[fits], rule[fits], length[fits]
    same = window_hasher(ids, 0)(position, length) == ref.full_hash[rule]
    return [Hit(int(r), int(p), int(p + n), int(n), int(n), "exact")
            for p, r, n in zip(position[same], rule[same], length[same])]


def _lookup(sorted_hashes: np.ndarray, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each hash: [left, left + count) in a sorted hash array."""
    left = np.searchsorted(sorted_hashes, hashes, "left")
    return left, np.searchsorted(sorted_hashes, hashes, "right") - left


def _expand(left: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, index) pairs for the index ranges [left[i], left[i] + counts[i])."""
    total = int(counts.sum())
    first = np.cumsum(counts) - counts
    owner = np.repeat(np.arange(len(counts)), counts)
    return owner, np.repeat(left - first, counts) + np.arange(total)


def anchors_seen(ref: Reference, unique_hashes: np.ndarray) -> np.ndarray:
    """Per rule, how many of its anchor k-grams occur among the query's."""
    left, counts = _lookup(ref.anchor_hash, unique_hashes)
    _, index = _expand(left, counts)
    return np.bincount(ref.anchor_rule[index], minlength=len(ref.rule_len))


def shared_grams(ref: Reference, rules: np.ndarray, unique_hashes: np.ndarray):
    """(rule, rule position, index into unique_hashes) of every k-gram that
    the given rules share with the query."""
    starts = ref.rule_gram_start[rules]
    owner, index = _expand(starts, ref.rule_gram_start[rules + 1] - starts)
    grams = ref.rule_gram_hash[index]
    where = np.searchsorted(unique_hashes, grams).clip(max=max(len(unique_hashes) - 1, 0))
    present = unique_hashes[where] == grams if len(unique_hashes) else np.zeros(len(grams), dtype=bool)
    return rules[owner][present].astype(np.int64), (index - starts[owner])[present], where[present]


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
    length = int(ref.rule_len[rule])
    max_gap = 30 + length // 10
    order = np.lexsort((rs, qs))
    qs, qe, rs = qs[order], qe[order], rs[order]
    reach = np.maximum.accumulate(qe)
    cuts = np.nonzero(qs[1:] - reach[:-1] > max_gap)[0] + 1
    hits: list[Hit] = []
    for a, b in zip(np.concatenate(([0], cuts)), np.append(cuts, len(qs))):
        hits.extend(_chain_cluster(ref, rule, qs[a:b], qe[a:b], rs[a:b], max_gap, version_words))
    return hits


def _chain_cluster(ref: Reference, rule: int, qs: np.ndarray, qe: np.ndarray, rs: np.ndarray, max_gap: int,
                   version_words: np.ndarray | None) -> list[Hit]:
    check_gaps = version_words is not None and not ref.rule_flags[rule] & TEXT
    length = int(ref.rule_len[rule])
    needed = float(ref.min_coverage[rule]) * length
    if (qe - qs).sum() < needed:
        return []
    continuous = bool(ref.rule_flags[rule] & CONTINUOUS)
    if len(qs) > MAX_RUNS:
        longest = np.sort(np.argsort(qe - qs, kind="stable")[-MAX_RUNS:])
        qs, qe, rs = qs[longest], qe[longest], rs[longest]
    qs_l = qs.tolist()
    qe_l = qe.tolist()
    rs_l = rs.tolist()
    re_l = [s + (e - b) for s, e, b in zip(rs_l, qe_l, qs_l)]
    n = len(qs_l)
    critical = ref.critical_pos[ref.critical_start[rule] : ref.critical_start[rule + 1]].tolist()
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
            window = range(i - 1, max(i - LINK_WINDOW, 0) - 1, -1)
            for j in itertools.chain(window, (j for j in leaders if j < i - LINK_WINDOW)):
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
        if check_gaps and _skips_version_word(version_words, sorted((qs_l[i], qe_l[i]) for i in chain_runs)):
            continue  # "... or any later version" left out of a notice: some other licence
        qstart, qend = qs_l[first], qe_l[last]
        exact = matched == length and qend - qstart == length
        if not continuous or exact:
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
