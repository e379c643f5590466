"""Clause classification: which restriction categories and conditions a clause expresses.

The model is a bag of word and character n-grams (TF-IDF) read by one
logistic regression per label (multi-label, one-vs-rest), trained on
``corpus/`` by :mod:`licenselens.train`.  ``models/README.md`` records why it
was chosen over spaCy's ``textcat_multilabel`` and how well it does on
held-out documents.

Why this shape:

* **No pickle.**  A model is plain data: JSON for the vocabulary, labels and
  thresholds, ``.npy`` arrays (read with ``allow_pickle=False``) for the idf
  weights and coefficients.  Inference is re-implemented here with numpy and
  scipy.sparse, so loading a model never runs code from a file and does not
  need scikit-learn at all; a test checks the probabilities against
  scikit-learn's own.
* **Per-label thresholds.**  With 30-90 positives per label the 0.5 cut is
  far from the best one; each label keeps the middle of the cuts whose F1
  on out-of-fold predictions over held-out documents is within one clause
  of the best, as the median over resampled documents
  (``train._best_threshold``).
* **A restriction head.**  Besides one head per label, one head answers "does
  this clause restrict a use at all?" (any category).  It learns from every
  category's positives at once, so it is the better detector; when it fires
  and no category passes its own threshold, the most likely category is still
  reported if its probability reaches a floor (``fallback_min``, tuned like
  the thresholds), so a detected restriction is not silently dropped, but a
  category the model barely believes in (p 0.02) is not invented either.
* **Concept votes for bare items.**  A list item of a few words in wording
  the corpus never used ("nerve agents", "essay mills") gives the n-grams
  nothing to go on; when no category passes, the category the lexicon's
  concepts vote for (:class:`licenselens.concepts.ConceptVotes`, counted
  over the corpus's short clauses) is kept at its threshold.  Only there:
  as features for every clause the concepts made the long clauses of real
  licences worse.
* **Rules for the shape of a clause** (:mod:`licenselens.clause_rules`).
  Whatever its words, a title names a section and a definition defines a
  term: neither forbids or demands anything, so neither gets a label.  A
  sentence with no word of obligation, prohibition or limit (no "not",
  "only", "must", "may", "shall", "without" ...) states a fact and cannot
  restrict a use; a list item can, because it continues its lead-in ("You
  agree not to use the Model: (a) to ...").  The rules only take labels
  away, after the model.
* **Rules for numbers.**  The number of a ``user-threshold`` clause is
  formulaic ("700 million monthly active users", "100M MAU", "annual
  revenue above US $1,000,000"), so :mod:`licenselens.thresholds` reads it,
  with its unit, by rules instead of learning it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import clause_rules
from .clause_rules import (
    BARE_ITEM_WORDS,
    USE_BAN_LEAD_IN,
    can_restrict,
    is_definition,
    is_title,
    states_responsibility,
    withholds,
)
from .concepts import ConceptVotes
from .errors import LicenselensError
from .formulas import FORMULA_SCORE, formulaic_conditions
from .thresholds import Threshold, extract_threshold

__all__ = [
    "ClauseClassifier",
    "ClausePrediction",
    "FeatureBlock",
    "MODEL_FILES",
    "ModelError",
    "OTHER_USE",
    "RESTRICTION",
    "can_restrict",
    "decide",
    "is_definition",
    "is_title",
    "load_default",
    "states_responsibility",
    "withholds",
    "model_dir",
]

#: Version of the on-disk layout; bump when files or their meaning change.
MODEL_FORMAT = 1
#: Name of the extra head that detects any behavioural-use restriction.
RESTRICTION = "_restriction"
#: The taxonomy's catch-all category: a prohibited use that fits none of the others.
OTHER_USE = "other-use-restriction"
#: The files a saved model consists of (all data, no code).
MODEL_FILES = ("classifier.json", "vocabulary.json", "idf.npy", "coef.npy", "intercept.npy")

#: A carve-out from a grant that forbids: "..., with the exception that any usage related
#: to military applications is expressly forbidden" (see ClauseClassifier._read_carve_outs).
_CARVE_OUT = re.compile(
    r"\b(?:with\s+the\s+(?:sole\s+)?exception\s+that|except\s+that)\s+(?P<tail>[^;.]*?\b(?:forbidden|prohibited|"
    r"not\s+(?:be\s+)?(?:permitted|allowed)|may\s+not|must\s+not|shall\s+not|cannot)\b[^;.]*)", re.IGNORECASE)

# scikit-learn's defaults, reproduced exactly so exported models score the same.
_WORD = re.compile(r"(?u)\b\w\w+\b")
_WHITE_SPACES = re.compile(r"\s\s+")


class ModelError(LicenselensError):
    """The clause model is missing, unreadable or of another format."""


# --------------------------------------------------------------------------- features


@dataclass(frozen=True)
class FeatureBlock:
    """One TF-IDF block of the feature vector and how texts are cut into its terms.

    ``kind`` is ``"word"`` (scikit-learn's default token pattern, n-grams
    joined by one space) or ``"char_wb"`` (character n-grams inside
    space-padded words).  Text is lower-cased; counts are sublinear
    (1 + log tf), weighted by idf and L2-normalised per block, exactly as
    ``TfidfVectorizer(sublinear_tf=True)`` does.  The block owns the columns
    ``offset .. offset + size`` of the vocabulary.
    """

    kind: str
    ngram_range: tuple[int, int]
    offset: int
    size: int

    def terms(self, text: str) -> list[str]:
        """Every term of ``text`` in this block, repeats included."""
        low = text.lower()
        if self.kind == "word":
            return _word_ngrams(_WORD.findall(low), self.ngram_range)
        return [g for w in _WHITE_SPACES.sub(" ", low).split() for g in _char_wb(w, self.ngram_range)]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "ngram_range": list(self.ngram_range), "offset": self.offset, "size": self.size}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureBlock:
        kind = str(data["kind"])
        if kind not in ("word", "char_wb"):
            raise ModelError(f"unknown feature block kind {kind!r}")
        lo, hi = (int(n) for n in data["ngram_range"])
        return cls(kind, (lo, hi), int(data["offset"]), int(data["size"]))


def _word_ngrams(tokens: list[str], ngram_range: tuple[int, int]) -> list[str]:
    lo, hi = ngram_range
    out = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), min(hi, len(tokens)) + 1):
        out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def _char_wb(word: str, ngram_range: tuple[int, int]) -> list[str]:
    w = " " + word + " "
    size = len(w)
    out = []
    for n in range(ngram_range[0], ngram_range[1] + 1):
        if size <= n:  # a word shorter than n counts once, whole (as scikit-learn does)
            out.append(w)
            break
        out.extend(w[i : i + n] for i in range(size - n + 1))
    return out


def _block_counts(block: FeatureBlock, vocab: dict[str, int], texts: Sequence[str], n_features: int) -> sp.csr_matrix:
    """Term counts of ``block`` (rows = texts, global columns); terms outside the vocabulary drop out."""
    get = vocab.get
    rows: list[int] = []
    cols: list[int] = []
    if block.kind == "word":
        for r, text in enumerate(texts):
            ids = [i for i in map(get, _word_ngrams(_WORD.findall(text.lower()), block.ngram_range)) if i is not None]
            cols.extend(ids)
            rows.extend([r] * len(ids))
        return _count_matrix(rows, cols, (len(texts), n_features))
    # Character n-grams: licences repeat their words, so each distinct word is
    # cut and looked up once per call; counts are then (texts x words) @ (words x terms).
    word_index: dict[str, int] = {}
    for r, text in enumerate(texts):
        for w in _WHITE_SPACES.sub(" ", text.lower()).split():
            cols.append(word_index.setdefault(w, len(word_index)))
            rows.append(r)
    per_text = _count_matrix(rows, cols, (len(texts), len(word_index)))
    w_rows: list[int] = []
    w_cols: list[int] = []
    for k, w in enumerate(word_index):
        ids = [i for i in map(get, _char_wb(w, block.ngram_range)) if i is not None]
        w_cols.extend(ids)
        w_rows.extend([k] * len(ids))
    per_word = _count_matrix(w_rows, w_cols, (len(word_index), n_features))
    return (per_text @ per_word).tocsr()


def _count_matrix(rows: list[int], cols: list[int], shape: tuple[int, int]) -> sp.csr_matrix:
    data = np.ones(len(rows), dtype=np.float64)
    m = sp.csr_matrix((data, (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))), shape=shape)
    m.sum_duplicates()
    return m


def tfidf_matrix(
    blocks: Sequence[FeatureBlock], vocabs: Sequence[dict[str, int]], idf: np.ndarray, texts: Sequence[str]
) -> sp.csr_matrix:
    """The CSR TF-IDF matrix of ``texts`` (one row per text), as the model was trained on.

    ``vocabs`` maps, per block, a term to its global column: the same string
    can be a term of two blocks (the word "the" and the character 3-gram "the").
    """
    total = None
    for block, vocab in zip(blocks, vocabs):
        x = _block_counts(block, vocab, texts, len(idf))
        np.log(x.data, out=x.data)
        x.data += 1.0
        x.data *= idf[x.indices]
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0.0] = 1.0
        x = sp.diags(1.0 / norms) @ x
        total = x if total is None else total + x
    if total is None:
        return sp.csr_matrix((len(texts), len(idf)), dtype=np.float64)
    return sp.csr_matrix(total)


# --------------------------------------------------------------------------- the classifier


@dataclass(frozen=True)
class ClausePrediction:
    """What the classifier says about one clause.

    ``labels`` are the category and condition ids it found, best first, each
    with its probability; ``restriction`` is the probability that the clause
    restricts a use at all; ``threshold`` is the number the clause states,
    with its unit (users, or a currency), when ``user-threshold`` is among the
    labels and the clause states one.
    """

    labels: tuple[tuple[str, float], ...]
    restriction: float
    threshold: Threshold | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.labels)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _dump_json(data: Any) -> str:
    """Stable JSON: sorted keys, fixed layout, so a retrain on the same corpus gives the same bytes."""
    return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def decide(
    probabilities: np.ndarray,
    heads: Sequence[str],
    thresholds: np.ndarray,
    categories: frozenset[str] | set[str],
    fallback_min: float = 0.0,
) -> list[list[tuple[str, float]]]:
    """Per row of ``probabilities`` (columns = ``heads``), the labels kept, best first.

    A label is kept at or above its threshold.  If the :data:`RESTRICTION`
    head fires and no category passed, the most probable category is kept
    too when its probability is at least ``fallback_min``: the restriction
    head is the better detector, and a restriction reported under a doubtful
    category beats one not reported at all - but not one whose every category
    the model finds unlikely, which is how a detector's false alarm looks.
    """
    heads = tuple(heads)
    thresholds = np.asarray(thresholds, dtype=np.float64)
    restriction = heads.index(RESTRICTION) if RESTRICTION in heads else None
    category_heads = np.array([i for i, h in enumerate(heads) if h in categories], dtype=np.int64)
    out = []
    for row in np.asarray(probabilities):
        keep = row >= thresholds
        if restriction is not None:
            keep[restriction] = False
            if row[restriction] >= thresholds[restriction] and len(category_heads) and not keep[category_heads].any():
                best = category_heads[np.argmax(row[category_heads])]
                keep[best] = row[best] >= fallback_min
        chosen = [(heads[i], float(row[i])) for i in np.flatnonzero(keep)]
        chosen.sort(key=lambda pair: (-pair[1], pair[0]))
        out.append(chosen)
    return out


class ClauseClassifier:
    """Multi-label clause classifier: TF-IDF features, one logistic head per label.

    ``heads`` are the labels in taxonomy order, then (optionally)
    :data:`RESTRICTION`.  ``coef`` is ``(n_features, n_heads)``, so scoring a
    batch is one sparse-dense product.  Instances are immutable in use and
    safe to share between threads.
    """

    def __init__(
        self,
        *,
        heads: Sequence[str],
        categories: Sequence[str],
        blocks: Sequence[FeatureBlock],
        vocabulary: Sequence[str],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        thresholds: Sequence[float],
        fallback_min: float = 0.0,
        info: dict[str, Any] | None = None,
        concept_votes: ConceptVotes | None = None,
    ):
        self.heads = tuple(heads)
        self.categories = frozenset(categories)
        self.blocks = tuple(blocks)
        self.vocabulary = tuple(vocabulary)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.coef = np.asarray(coef)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)
        self.fallback_min = float(fallback_min)
        self.info = dict(info or {})
        #: What the lexicon's concepts say about a short clause the n-grams
        #: leave without a category (None: nothing).
        self.concept_votes = concept_votes
        n_features, n_heads = len(self.vocabulary), len(self.heads)
        if self.idf.shape != (n_features,) or self.coef.shape != (n_features, n_heads):
            raise ModelError(
                f"model arrays do not fit: {n_features} terms, {n_heads} heads, "
                f"idf {self.idf.shape}, coef {self.coef.shape}"
            )
        if self.intercept.shape != (n_heads,) or self.thresholds.shape != (n_heads,):
            raise ModelError("model intercepts or thresholds do not match its heads")
        if sum(b.size for b in self.blocks) != n_features:
            raise ModelError("feature blocks do not cover the vocabulary")
        self._index = [
            {term: b.offset + i for i, term in enumerate(self.vocabulary[b.offset : b.offset + b.size])}
            for b in self.blocks
        ]
        self._restriction = self.heads.index(RESTRICTION) if RESTRICTION in self.heads else None
        #: the word n-gram block and its terms (None without one): what the restriction head needs a word of
        self._word_block = next((b for b in self.blocks if b.kind == "word"), None)
        self._known_words = self._index[self.blocks.index(self._word_block)] if self._word_block else {}
        self._context_heads = np.array(
            [j for j, h in enumerate(self.heads) if h in self.categories or h == RESTRICTION], dtype=np.int64)
        self._category_heads = np.array([j for j, h in enumerate(self.heads) if h in self.categories], dtype=np.int64)
        self._other_use = self.heads.index(OTHER_USE) if OTHER_USE in self.heads else None
        self._threshold = dict(zip(self.heads, self.thresholds.tolist()))

    @property
    def labels(self) -> tuple[str, ...]:
        """The label ids the model can output (the heads without the restriction head)."""
        return tuple(h for h in self.heads if h != RESTRICTION)

    # ------------------------------------------------------------------ scoring

    def features(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The TF-IDF rows of ``texts``."""
        return tfidf_matrix(self.blocks, self._index, self.idf, texts)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), n_heads)`` probabilities, in :attr:`heads` order."""
        if not texts:
            return np.zeros((0, len(self.heads)))
        z = self.features(texts) @ self.coef
        return _sigmoid(np.asarray(z, dtype=np.float64) + self.intercept)

    def _unread_by_the_restriction_head(self, texts: Sequence[str], probs: np.ndarray) -> None:
        """A text none of whose word n-grams the model knows ("Wolof",
        "Zhongwen", a product name) gets 0 from the restriction head
        (``probs`` in place): the head would read it from character n-grams
        and its intercept alone, and gave such list items 0.9 and more, so
        that only the fallback floor kept a list of languages from being a
        restriction."""
        if self._restriction is None or self._word_block is None:
            return
        unknown = [i for i, text in enumerate(texts)
                   if not any(term in self._known_words for term in self._word_block.terms(text))]
        probs[unknown, self._restriction] = 0.0

    def decide(self, probabilities: np.ndarray) -> list[list[tuple[str, float]]]:
        """Labels kept for each row of :meth:`probabilities`, best first."""
        return decide(probabilities, self.heads, self.thresholds, self.categories, self.fallback_min)

    def _shaped(self, texts: Sequence[str], probs: np.ndarray, items: Sequence[bool | None] | None,
                sections: Sequence[str | None] | None,
                lead_ins: Sequence[str | None] | None = None) -> list[list[tuple[str, float]]]:
        """:meth:`decide`, plus the conditions in formulaic wording
        (:mod:`licenselens.formulas`), less what the clause's wording, shape
        and place rule out (:func:`licenselens.clause_rules.barred`)."""
        out = []
        nothing = [None] * len(texts)
        for text, labels, item, section, lead_in in zip(texts, self.decide(probs), items or nothing,
                                                         sections or nothing, lead_ins or nothing):
            formulas = formulaic_conditions(text)
            kept = dict(labels)
            for label in formulas:
                if label in self.heads:
                    kept[label] = max(kept.get(label, 0.0), FORMULA_SCORE)
            barred = clause_rules.barred(text, kept, formulas, item, section, lead_in, self.categories,
                                         self._threshold)
            chosen = [(label, p) for label, p in kept.items() if label not in barred]
            chosen.sort(key=lambda pair: (-pair[1], pair[0]))
            out.append(chosen)
        return out

    def probabilities_in_context(self, texts: Sequence[str], lead_ins: Sequence[str | None] | None) -> np.ndarray:
        """:meth:`probabilities`, reading a bare list item with its lead-in.

        An item of a few words ("warfare", "is obscene") says what is meant
        only with the sentence that introduces it ("The Work shall not be
        used to support acts of:"), as a reader takes it.  For such an item
        (at most :data:`BARE_ITEM_WORDS` words, ``lead_ins[i]`` given) each
        category head and the restriction head take the higher of their
        probability for the item alone and for lead-in and item read
        together.  Under a lead-in that bans uses (:data:`~licenselens.clause_rules.USE_BAN_LEAD_IN`)
        the item is a banned use: the restriction head is certain, and if no
        category reaches the fallback floor the item is the taxonomy's
        catch-all (:data:`OTHER_USE`) at that floor.  Last, a short clause
        still without a category takes its concepts' vote
        (:meth:`_vote_concepts`).  First of all, a text with no word the
        model knows is no restriction by the head's reading alone
        (:meth:`_unread_by_the_restriction_head`)."""
        probs = self.probabilities(texts)
        self._unread_by_the_restriction_head(texts, probs)
        self._read_carve_outs(texts, probs)
        if lead_ins:
            self._read_lead_ins(texts, lead_ins, probs)
        if self.concept_votes is not None:
            self._vote_concepts(self.concept_votes, texts, lead_ins, probs)
        return probs

    def _vote_concepts(self, votes: ConceptVotes, texts: Sequence[str], lead_ins: Sequence[str | None] | None,
                       probs: np.ndarray) -> None:
        """A short clause to which no category passes its threshold takes the
        category its concepts vote for (:class:`licenselens.concepts.ConceptVotes`),
        at that category's threshold: the weakest reading that is reported
        (``probs`` in place).  Longer clauses are the n-grams' alone.  An item
        whose lead-in is known votes only if it restricts (a banning lead-in,
        or the restriction head fires): under "We encourage:" a topic is a
        topic, not a ban."""
        cats = self._category_heads
        r = self._restriction
        for i, text in enumerate(texts):
            if len(text.split()) > votes.max_words or (probs[i, cats] >= self.thresholds[cats]).any():
                continue
            if lead_ins and lead_ins[i] and r is not None and probs[i, r] < self.thresholds[r]:
                continue
            found = votes.vote(text)
            if found is not None and found[0] in self._threshold:
                j = self.heads.index(found[0])
                probs[i, j] = max(probs[i, j], self.thresholds[j])

    def _read_lead_ins(self, texts: Sequence[str], lead_ins: Sequence[str | None], probs: np.ndarray) -> None:
        """The bare-item reading of :meth:`probabilities_in_context` (``probs`` in place)."""
        bare = [i for i, (text, lead_in) in enumerate(zip(texts, lead_ins))
                if lead_in and len(text.split()) <= BARE_ITEM_WORDS]
        if bare:
            together = self.probabilities([f"{lead_ins[i]} {texts[i]}" for i in bare])
            # what is forbidden reads across lead-in and item; the lead-in's
            # own conditions ("for non-commercial purposes only: ...") are its
            # clause's, not repeated in every item
            read = self._context_heads
            probs[np.ix_(bare, read)] = np.maximum(probs[np.ix_(bare, read)], together[:, read])
            if self._restriction is not None:
                banned = [i for i in bare if USE_BAN_LEAD_IN.search(lead_ins[i] or "")]
                probs[banned, self._restriction] = np.maximum(probs[banned, self._restriction], 1.0)
                # a banned use the model cannot place ("deforestation" under
                # "must not be used for:") is the taxonomy's catch-all, at the
                # fallback floor: reported, and marked as the weakest reading
                if self._other_use is not None and banned:
                    placed = (probs[np.ix_(banned, self._category_heads)] >= self.fallback_min).any(axis=1)
                    unplaced = np.asarray(banned)[~placed]
                    probs[unplaced, self._other_use] = np.maximum(probs[unplaced, self._other_use], self.fallback_min)

    def _read_carve_outs(self, texts: Sequence[str], probs: np.ndarray) -> None:
        """A grant whose carve-out forbids a use ("Permission to use ... is
        granted ..., with the exception that any usage related to military
        applications is expressly forbidden") restricts as the carve-out
        alone would: the grant's many words drown the few that forbid, so
        each category head and the restriction head take the higher of their
        probability for the clause and for its carve-out (``probs`` in place).
        No corpus clause has this shape; real licences that do were read as
        restricting nothing."""
        carved = [(i, m.group("tail")) for i, text in enumerate(texts) if (m := _CARVE_OUT.search(text))]
        if carved:
            rows = [i for i, _ in carved]
            tails = self.probabilities([tail for _, tail in carved])
            read = self._context_heads
            probs[np.ix_(rows, read)] = np.maximum(probs[np.ix_(rows, read)], tails[:, read])

    def predict(self, texts: Sequence[str], items: Sequence[bool | None] | None = None,
                sections: Sequence[str | None] | None = None,
                lead_ins: Sequence[str | None] | None = None) -> list[list[tuple[str, float]]]:
        """For each text, the ``(label, probability)`` pairs kept, best first.

        ``items`` says which texts are list items (``None``: judge by a
        leading marker; see :func:`can_restrict`); ``sections`` gives the
        heading each text sits under (``None``: none known; see
        :func:`restricting_section`); ``lead_ins`` the sentence or item that
        introduces each list item (``None``: none known; see
        :meth:`probabilities_in_context`)."""
        return self._shaped(texts, self.probabilities_in_context(texts, lead_ins), items, sections, lead_ins)

    def classify(self, texts: Sequence[str], items: Sequence[bool | None] | None = None,
                 sections: Sequence[str | None] | None = None,
                 lead_ins: Sequence[str | None] | None = None) -> list[ClausePrediction]:
        """:meth:`predict` plus the restriction probability and any threshold's number."""
        probs = self.probabilities_in_context(texts, lead_ins)
        decided = self._shaped(texts, probs, items, sections, lead_ins)
        out = []
        for text, row, labels in zip(texts, probs, decided):
            threshold = None
            if any(label == "user-threshold" for label, _ in labels):
                threshold = extract_threshold(text)
            restriction = float(row[self._restriction]) if self._restriction is not None else float(
                max((score for label, score in labels if label in self.categories), default=0.0)
            )
            out.append(ClausePrediction(tuple(labels), restriction, threshold))
        return out

    # ------------------------------------------------------------------ persistence

    def to_disk(self, directory: Path) -> None:
        """Write the model as JSON and ``.npy`` files (no pickle), byte-for-byte reproducibly."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": MODEL_FORMAT,
            "heads": list(self.heads),
            "categories": sorted(self.categories),
            "blocks": [b.to_json() for b in self.blocks],
            "thresholds": [float(t) for t in self.thresholds],
            "fallback_min": self.fallback_min,
            "coef_dtype": str(self.coef.dtype),
            "info": self.info,
        }
        if self.concept_votes is not None:
            meta["concept_votes"] = self.concept_votes.to_json()
        (directory / "classifier.json").write_text(_dump_json(meta), encoding="utf-8")
        # One term per line keeps diffs of the vocabulary readable.
        vocab = "[\n" + ",\n".join(json.dumps(t, ensure_ascii=False) for t in self.vocabulary) + "\n]\n"
        (directory / "vocabulary.json").write_text(vocab, encoding="utf-8")
        np.save(directory / "idf.npy", self.idf, allow_pickle=False)
        np.save(directory / "coef.npy", self.coef, allow_pickle=False)
        np.save(directory / "intercept.npy", self.intercept, allow_pickle=False)

    @classmethod
    def from_disk(cls, directory: Path) -> ClauseClassifier:
        """Load a model written by :meth:`to_disk`; never unpickles anything."""
        directory = Path(directory)
        missing = [name for name in MODEL_FILES if not (directory / name).is_file()]
        if missing:
            raise ModelError(f"no clause model in {directory} (missing {', '.join(missing)})")
        try:
            meta = json.loads((directory / "classifier.json").read_text(encoding="utf-8"))
            vocabulary = json.loads((directory / "vocabulary.json").read_text(encoding="utf-8"))
            arrays = {
                name: np.load(directory / f"{name}.npy", allow_pickle=False)
                for name in ("idf", "coef", "intercept")
            }
        except (OSError, ValueError) as exc:
            raise ModelError(f"clause model in {directory} is unreadable: {exc}") from exc
        if meta.get("format") != MODEL_FORMAT:
            raise ModelError(
                f"clause model in {directory} has format {meta.get('format')!r}, expected {MODEL_FORMAT}; "
                "rebuild it with `licenselens train`"
            )
        try:
            return cls(
                heads=meta["heads"],
                categories=meta["categories"],
                blocks=[FeatureBlock.from_json(b) for b in meta["blocks"]],
                vocabulary=vocabulary,
                idf=arrays["idf"],
                coef=arrays["coef"],
                intercept=arrays["intercept"],
                thresholds=meta["thresholds"],
                fallback_min=meta.get("fallback_min", 0.0),
                info=meta.get("info") or {},
                concept_votes=ConceptVotes.from_json(meta["concept_votes"]) if "concept_votes" in meta else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"clause model in {directory} is incomplete: {exc!r}") from exc


def model_dir() -> Path:
    """Where the shipped model lives: the ``licenselens.models`` package (the repo's ``models/``)."""
    from . import models

    return Path(next(iter(models.__path__)))


@functools.lru_cache(maxsize=1)
def load_default() -> ClauseClassifier:
    """The shipped clause model, loaded once per process.

    The model is read-only, so one shared instance is safe, and loading it
    once is what keeps classifying a licence within its time budget.
    """
    directory = model_dir()
    try:
        return ClauseClassifier.from_disk(directory)
    except ModelError as exc:
        raise ModelError(f"{exc}. The trained clause model should ship with licenselens; "
                         "rebuild it with `licenselens train`") from exc
