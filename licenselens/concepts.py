"""Concepts: which ideas of the project's lexicon a clause mentions.

The classifier's n-gram blocks know only the words its training clauses
used, so a terse acceptable-use bullet in wording the corpus never had
("doxxing", "meth recipes") reads as nothing.  ``corpus/lexicon.yaml`` maps
cue words, written from the domain, to concepts ("violence",
"personal-data" ...); :class:`ConceptVotes` learns from the corpus which
category the short clauses mentioning each concept carry, and the
classifier asks it about a short clause the n-grams leave without a
category (:meth:`licenselens.classify.ClauseClassifier.probabilities_in_context`).

How a cue matches (the lexicon's header says the same for its writers):
lower-case words; any whitespace or hyphens between the words of a cue; a
word ending in ``*`` matches every word it begins, any other word matches
itself and its simple English inflections (murder: murders, murdered,
murderer; abuse: abusing; bully: bullies; kidnap: kidnapping).  A cue never
matches inside a word.

Why words, not one regex per concept: a lexicon of a few thousand cues read
as regex alternations costs about half a millisecond per clause; looked up
word by word (each distinct word once per process) it costs a few
microseconds, which keeps ``analyze()`` of a long licence within budget.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

__all__ = ["CUE", "CONCEPT", "Lexicon", "ConceptMatcher", "ConceptVotes"]

#: The concept lexicon: each concept with its cues, both sorted.
Lexicon = tuple[tuple[str, tuple[str, ...]], ...]
#: The form of a cue: lower-case words separated by one space, the last word
#: optionally ending in ``*``.
CUE = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*\*?")
#: The form of a concept's name: lower-case words joined by hyphens.
CONCEPT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_TOKEN = re.compile(r"\w+")
#: What may stand between the words of a cue.
_LINK = re.compile(r"[\s\-]+")


def _cue_word(word: str) -> tuple[str, str]:
    """(the literal start of every word ``word`` matches, the regex of those words)."""
    if word.endswith("*"):
        return word[:-1], re.escape(word[:-1]) + r"\w*"
    if len(word) > 3 and word[-1] == "e":
        return word[:-1], re.escape(word[:-1]) + "(?:e|es|ed|er|ers|ing|ings)"
    if len(word) > 3 and word[-1] == "y" and word[-2] not in "aeiou":
        return word[:-1], re.escape(word[:-1]) + "(?:y|ies|ied|ying|yer|yers)"
    return word, re.escape(word) + "(?:s|es|" + re.escape(word[-1]) + "?(?:ed|ing|ings|er|ers))?"


class ConceptMatcher:
    """Finds the concepts of one lexicon in lower-cased text.

    Cues are indexed by the literal start of their first word; a text word
    is checked against the cues whose start is one of its prefixes, and the
    answer is remembered per word, so each distinct word costs one look-up
    per process.  Per concept, mentions are counted left to right without
    overlap, the longest cue first ("self-harm" is one mention, not two).
    """

    def __init__(self, lexicon: Lexicon):
        self.concepts = tuple(name for name, _ in lexicon)
        self._index: dict[str, list[tuple[int, tuple[re.Pattern[str], ...]]]] = {}
        for c, (_, cues) in enumerate(lexicon):
            for cue in cues:
                words = [_cue_word(w) for w in cue.split(" ")]
                patterns = tuple(re.compile(regex) for _, regex in words)
                self._index.setdefault(words[0][0], []).append((c, patterns))
        self._longest = max(map(len, self._index), default=0)
        self._starts: dict[str, tuple[tuple[int, tuple[re.Pattern[str], ...]], ...]] = {}

    def _cues_starting(self, word: str) -> tuple[tuple[int, tuple[re.Pattern[str], ...]], ...]:
        """The cues whose first word matches ``word``: (concept, the patterns of the cue's words)."""
        found = self._starts.get(word)
        if found is None:
            get = self._index.get
            found = tuple(
                entry
                for n in range(1, min(len(word), self._longest) + 1)
                for entry in get(word[:n], ())
                if entry[1][0].fullmatch(word)
            )
            self._starts[word] = found
        return found

    def terms(self, low: str) -> list[str]:
        """The concept of every mention in ``low`` (lower-cased text), in order."""
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(low)]
        if not tokens:
            return []
        busy_until = [0] * len(self.concepts)  # per concept, the first token a new mention may start at
        out: list[str] = []
        for i, (word, _, _) in enumerate(tokens):
            cues = self._cues_starting(word)
            if not cues:
                continue
            best: dict[int, int] = {}  # concept -> the end (token index) of its longest cue here
            for concept, patterns in cues:
                if i < busy_until[concept]:
                    continue
                end = self._match_rest(tokens, i, patterns, low)
                if end and end > best.get(concept, 0):
                    best[concept] = end
            for concept, end in best.items():
                busy_until[concept] = end
                out.append(self.concepts[concept])
        return out

    @staticmethod
    def _match_rest(tokens: list[tuple[str, int, int]], i: int, patterns: tuple[re.Pattern[str], ...],
                    low: str) -> int:
        """The token index after the cue whose first word matched ``tokens[i]``, or 0."""
        for k, pattern in enumerate(patterns[1:], start=i + 1):
            if k >= len(tokens) or not _LINK.fullmatch(low, tokens[k - 1][2], tokens[k][1]) \
                    or not pattern.fullmatch(tokens[k][0]):
                return 0
        return i + len(patterns)


class ConceptVotes:
    """What the concepts of a short clause say about its category, learned from the corpus.

    Why a vote and not a feature block: as features, concepts reach every
    clause, and the long clauses of real licences, which word their
    restrictions in ways the project's lexicon did not foresee, are read
    worse (leave-one-licence-out category macro-F1 0.908 -> 0.847).  A vote
    only speaks where the n-grams have nothing to go on: a bare item of a
    few words ("nerve agents", "essay mills") to which the model gives no
    category.

    What a vote is: over the training clauses of at most ``fit_words`` words
    that mention a concept, the share carrying each category; a clause's
    concepts are pooled (their counts summed), with ``smoothing`` added to
    the denominator so a concept seen once cannot decide alone.  The
    category whose share reaches ``min_share`` wins.  Clauses with no
    category count in the denominator: a concept short clauses mention
    without restricting ("research", "education") votes for nothing.
    No concept-to-label table is written by hand.
    """

    def __init__(self, lexicon: Lexicon, categories: tuple[str, ...], counts: np.ndarray, seen: np.ndarray, *,
                 max_words: int, min_share: float, smoothing: float):
        self.lexicon = lexicon
        self.categories = tuple(categories)
        self.counts = np.asarray(counts, dtype=np.float64)  # (concepts, categories): clauses mentioning and carrying
        self.seen = np.asarray(seen, dtype=np.float64)  # (concepts,): clauses mentioning
        self.max_words = int(max_words)
        self.min_share = float(min_share)
        self.smoothing = float(smoothing)
        self._matcher = ConceptMatcher(lexicon)
        self._row = {name: i for i, (name, _) in enumerate(lexicon)}

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[Collection[str]], categories: Sequence[str],
            lexicon: Lexicon, *, fit_words: int, max_words: int, min_share: float = 0.5,
            smoothing: float = 1.0) -> ConceptVotes:
        """Count, per concept, the short training clauses mentioning it and their categories."""
        votes = cls(lexicon, tuple(categories), np.zeros((len(lexicon), len(categories))), np.zeros(len(lexicon)),
                    max_words=max_words, min_share=min_share, smoothing=smoothing)
        col = {c: j for j, c in enumerate(votes.categories)}
        for text, chosen in zip(texts, labels):
            if len(text.split()) > fit_words:
                continue
            for concept in set(votes._matcher.terms(text.lower())):
                row = votes._row[concept]
                votes.seen[row] += 1
                for label in chosen:
                    if label in col:
                        votes.counts[row, col[label]] += 1
        return votes

    def vote(self, text: str) -> tuple[str, float] | None:
        """The category the concepts of ``text`` point to and its share, or None."""
        if len(text.split()) > self.max_words:
            return None
        rows = sorted({self._row[c] for c in self._matcher.terms(text.lower())})
        if not rows:
            return None
        shares = self.counts[rows].sum(axis=0) / (self.seen[rows].sum() + self.smoothing)
        best = int(np.argmax(shares))
        return (self.categories[best], float(shares[best])) if shares[best] >= self.min_share else None

    def to_json(self) -> dict[str, Any]:
        return {"cues": {name: list(cues) for name, cues in self.lexicon}, "categories": list(self.categories),
                "counts": self.counts.astype(int).tolist(), "seen": self.seen.astype(int).tolist(),
                "max_words": self.max_words, "min_share": self.min_share, "smoothing": self.smoothing}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConceptVotes:
        lexicon = tuple((str(name), tuple(str(c) for c in cues)) for name, cues in data["cues"].items())
        bad = [c for _, cues in lexicon for c in cues if not CUE.fullmatch(c)]
        if bad:
            raise ValueError(f"concept cues not in the lexicon's form: {bad[:3]}")
        return cls(lexicon, tuple(data["categories"]), np.array(data["counts"]), np.array(data["seen"]),
                   max_words=int(data["max_words"]), min_share=float(data["min_share"]),
                   smoothing=float(data["smoothing"]))
