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
  far from the best one; each label keeps the cut that maximised F1 on
  out-of-fold predictions over held-out documents.
* **A restriction head.**  Besides one head per label, one head answers "does
  this clause restrict a use at all?" (any category).  It learns from every
  category's positives at once, so it is the better detector; when it fires
  and no category passes its own threshold, the most likely category is still
  reported if its probability reaches a floor (``fallback_min``, tuned like
  the thresholds), so a detected restriction is not silently dropped, but a
  category the model barely believes in (p 0.02) is not invented either.
* **Rules for the shape of a clause.**  Whatever its words, a title names a
  section and a definition defines a term (:func:`is_title`,
  :func:`is_definition`): neither forbids or demands anything, so neither
  gets a label.  A sentence with no word of obligation, prohibition or limit
  (no "not", "only", "must", "may", "shall", "without" ...) states a fact and
  cannot restrict a use (:func:`can_restrict`); a list item can, because it
  continues its lead-in ("You agree not to use the Model: (a) to ...").
* **Rules for numbers.**  The user count of a ``user-threshold`` clause is
  formulaic ("700 million monthly active users", "100M MAU"), so
  :func:`extract_user_threshold` reads it with rules instead of learning it.
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

from .errors import LicenselensError
from .formulas import FORMULA_SCORE, formulaic_conditions

__all__ = [
    "ClauseClassifier",
    "ClausePrediction",
    "FeatureBlock",
    "MODEL_FILES",
    "ModelError",
    "OTHER_USE",
    "RESTRICTION",
    "can_restrict",
    "extract_user_threshold",
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


# --------------------------------------------------------------------------- numbers

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SUFFIXES = {"k": 10**3, "m": 10**6, "mm": 10**6, "mn": 10**6, "mio": 10**6, "b": 10**9, "bn": 10**9}
_WORD_NUMBER = "|".join(sorted(_SMALL, key=len, reverse=True))
# A number: digits (with thousands separators or a decimal part) and an
# optional scale ("700 million", "100M", "1.5bn"), or number words
# ("seven hundred million", "a million", "twenty-five thousand").
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b|(?P<suffix>k|mm|mn|mio|m|bn|b)\b)?"
    rf"|\b(?P<words>(?:(?:{_WORD_NUMBER}|a|an)[\s-]+)?(?:(?:{_WORD_NUMBER}|hundred|thousand|million|billion|and)[\s-]+)*"
    r"(?:hundred|thousand|million|billion)|(?:" + _WORD_NUMBER + r")(?:-(?:" + _WORD_NUMBER + r"))?)\b",
    re.IGNORECASE,
)
# What is being counted: people, accounts or seats - not copies, documents or money.
_COUNTED = re.compile(
    r"\s*(?:\(\s*\"?[\w ]{1,20}\"?\s*\)\s*)?(?:or (?:more|fewer|less|above|greater)\s+)?(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:(?:end[- ])?users?|user accounts?|accounts|mau|dau|wau|players|viewers|listeners|subscribers|"
    r"members|seats|customers|citizens|people|persons|individuals|learners|students|patients|"
    r"installations|installs|devices|employees|licensees)\b",
    re.IGNORECASE,
)
# "monthly active users ... is greater than 700 million": the count comes after the noun.
_COUNTED_BEFORE = re.compile(
    r"(?:users|user base|mau|dau|user count|subscribers|players|customers)\b[^.;:]{0,120}?"
    r"(?:more than|greater than|exceed(?:s|ed|ing)?|above|over|at least|or more than|reach(?:es|ed)?|"
    r"of|up to|fewer than|less than|below|under)\s*$",
    re.IGNORECASE,
)


def _number_value(match: re.Match[str]) -> int | None:
    if match.group("digits"):
        raw = re.sub(r"[,\s\u00a0\u202f]", "", match.group("digits"))
        value = float(raw)
        scale = match.group("scale") or match.group("suffix")
        if scale:
            value *= _SCALES.get(scale.lower()) or _SUFFIXES[scale.lower()]
        return int(round(value))
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", match.group("words").lower()):
        if word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word in ("a", "an"):
            current += 1
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
            seen = True
    value = total + current
    return value if seen and value > 0 else None


def extract_user_threshold(text: str) -> int | None:
    """The user count a threshold clause states, or ``None``.

    A number counts only when it counts people, accounts or seats: it is
    followed (within a few words) by a noun such as users, monthly active
    users, MAU, players, members or seats ("700,000,000 monthly active users",
    "100M MAU", "one hundred million users"), or it closes a comparison that
    started with such a noun ("monthly active users ... greater than 700
    million").  Revenue, copies, requests and days are not user counts.  When
    a clause states several counts, the first is returned.
    """
    for match in _NUMBER.finditer(text):
        value = _number_value(match)
        if value is None:
            continue
        if _COUNTED.match(text, match.end()) or _COUNTED_BEFORE.search(text, 0, match.start()):
            return value
    return None


# --------------------------------------------------------------------------- titles

#: A text of at most this many words (numbers and markers such as "(c)" not
#: counted), all capitalised, is a title ("Attribution 4.0 International",
#: "2. Exceptions and Limitations"), not a term.
TITLE_MAX_WORDS = 6
#: A list item this short is a bare phrase, read with its lead-in
#: (:meth:`ClauseClassifier.probabilities_in_context`).
BARE_ITEM_WORDS = 6
_SMALL_WORDS = frozenset({"and", "or", "of", "the", "to", "for", "in", "on", "a", "an", "with", "by"})


def is_title(text: str) -> bool:
    """True for a title: a few words, each capitalised, a number or a small
    word, like "Attribution 4.0 International" or "(c) Use of Content to
    Improve Services.".  A title names a section; it forbids or demands
    nothing, however much its words sound like a restriction ("3. Health
    Care"), so the classifier gives it no label (none of the corpus's 439
    title-shaped clauses carries one).  A heading in sentence case
    ("Protecting children", "Other limits") is one too when it is short and
    unpunctuated, no list item and no ban ("No spam", "Do not harass
    people") (:data:`_SENTENCE_CASE_HEADING`; none of the corpus's 57 such
    clauses carries a label)."""
    words = [w for w in _ITEM_MARKER.sub("", text, count=1).split() if w[:1].isalpha()]
    if not words or len(words) > TITLE_MAX_WORDS:
        return False
    if all(w[:1].isupper() or w in _SMALL_WORDS for w in words):
        return True
    return _SENTENCE_CASE_HEADING.match(text) is not None and not is_item(text) and not _BAN.search(text)


#: A short heading in sentence case: a capital, at most five words, nothing
#: ending it (a list item or sentence would end in ".", ";", "," or ":").
_SENTENCE_CASE_HEADING = re.compile(r"^[A-Z][^\s]*(?:\s+\S+){0,4}\s*$(?<![.;,:!?)\]])")
#: A list marker at the start of a clause: "(c)", "b.", "iv)", "3.1.2", "A.11", "-", "•".
_ITEM_MARKER = re.compile(
    r"^\s*(?:\(?(?:[a-z]|[ivxlc]{1,6}|\d{1,3})\)|(?:[a-z]|[ivxlc]{1,6}|[A-Z]|\d{1,3})\.(?:\d{1,3}\.?)*|"
    r"\d{1,3}(?:\.\d{1,3})+\.?|\[\d{1,3}\]|[-*\u2022\u2013\u00b7])\s+"
)
#: A defined term and its definition: '"Harm" includes ...', "1.4 'Military Use' means ...".
_DEFINITION = re.compile(
    r"^\W{0,3}(?:[\w.]{1,8}[.)]?\s+)?[\"\u201c\u2018'][^\"\u201d\u2019']{1,80}[\"\u201d\u2019']\s*"
    r"(?:\([^)]{0,80}\)\s*)?(?:means|shall mean|includes|shall include|refers to|is defined as|has the meaning)\b",
    re.IGNORECASE,
)
#: A short label run into the start of a sentence ("Restrictions: ...",
#: "4.2 Use limits: ..."), heading what follows rather than saying it.
_INLINE_HEADING = re.compile(r"^\W{0,3}(?:[\w.]{1,8}[.)]?\s+)?[A-Z][\w'\- ]{0,40}:\s+(?=\S)")
#: A lead-in left open for its list ("The Model must not be used to:",
#: "Players must not use the chat to:", "You may not" before an inline
#: list): one sentence ending in a word that needs the items after it.  What it forbids is in the items, which carry
#: the categories; a lead-in that names the harm itself ("2. Watching
#: people. Do not use it for:", "Hurt people, including:") keeps them.
_OPEN_LEAD_IN = re.compile(
    r"^(?:(?![.!?]\s+[A-Z]).)*\b(?:(?:to|for|from|by|in|into|of|on|with|as|against|prevent|using|when|where|that)"
    r"\s*:|(?:to|for|from|by|into|of|not))\s*$", re.IGNORECASE | re.DOTALL)
#: A lead-in that bans the uses its list names ("The Work shall not be used
#: by anyone to support acts of:", "You agree not to use the Model for:").
_USE_BAN_LEAD_IN = re.compile(
    r"\b(?:not|never)\b[^.:;]{0,80}?\b(?:use|used|using)\b[^.;]{0,160}:\s*$|"
    r"\b(?:prohibited|forbidden|restricted|banned)\s+(?:uses?|activities|purposes)\b[^.;]{0,80}:\s*$",
    re.IGNORECASE)
#: Wording that allows a use: "may use", "is allowed / permitted /
#: encouraged", "nothing in this Licence prevents".
_PERMISSION = re.compile(
    r"\b(?:may|can)\s+(?:\w+\s+){0,2}?(?:use|be\s+used|apply|rely)\b|"
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:allowed|permitted|encouraged|welcome)\b|"
    r"\bnothing\s+in\b[^.]{0,60}\b(?:prevents?|prohibits?|restricts?|stops?)\b|"
    r"\b(?:is|are)\s+not\s+(?:an?\s+)?(?:prohibited|restricted|forbidden)\b|"
    # "You may do anything that you want with it"
    r"\b(?:may|can)\s+do\s+(?:anything|whatever)\b", re.IGNORECASE)
#: ... and what makes a permission also a limit: a denial, an obligation, an
#: exception or proviso, "only", or an agreement to something.
_LIMITED_PERMISSION = re.compile(
    r"\b(?:agree\w*|not|no|never|nor|none|cannot|\w+n['\u2019]t|prohibit\w*|forbid\w*|only|solely|except\w*|"
    r"unless|provided|without|must|shall|refrain\w*|avoid\w*|ban\w*|barred)\b", re.IGNORECASE)
#: Words of obligation, prohibition, permission or limit.  A sentence without
#: any of them states a fact ("Payment is processed by a third party") and
#: cannot restrict a use.  Deliberately broad: it only has to rule out plain
#: statements, the classifier decides the rest.  A bare negation is no limit
#: word: "it is not a medical device", "no attempt was made to identify
#: them" state facts too; a negation limits as a ban (:data:`_BAN`).
_LIMIT_WORDS = re.compile(
    r"\b(?:cannot|(?:won|can|mustn|shouldn|shan|wouldn|couldn|needn)['\u2019]t|"
    r"prohibit\w*|forbid\w*|restrict\w*|only|solely|"
    r"exclusively|must|shall|require\w*|agree\w*|refrain\w*|avoid\w*|may|except\w*|"
    r"unless|ban\w*|barred|limit\w*|permi\w+|allow\w*|ensure\w*|undertak\w*|compl\w+|lawful\w*|unlawful\w*|"
    r"illegal\w*|violat\w*|breach\w*|against|subject|condition\w*|responsib\w*|accountab\w*|obligat\w*|"
    r"need|needs|have to|has to|will|should|remain\w*|keep\w*|approv\w*|consent\w*|authori[sz]\w*|"
    r"intend\w*|intent|consistent|inconsistent|respect\w*|disallow\w*|exclud\w*|reserv\w*|expressly)\b",
    re.IGNORECASE,
)
#: A negation that bans: an imperative ("Do not use ...", "...; never
#: share ..."), a "No ..." rule ("No spam, scams or fake reviews.", not "No
#: attempt was made ..."), or a condition stated of the licensee ("You do
#: not use the Work to ...").
_BAN = re.compile(
    r"(?:^|[;:.!?,]\s*)(?:please\s+)?(?:do\s+not|don['\u2019]t|never|not)\b|"
    r"^\W*no\b(?!\s+(?:\w+\s+){0,3}?(?:is|are|was|were|has|have|had|will|can)\b)|"
    r"\b(?:you|licensee|users?|recipients?)\s+(?:do|does)\s+not\b",
    re.IGNORECASE,
)
#: A sentence that continues a lead-in it was cut from: it starts in lower
#: case or with a gerund ("diagnosing illness without a clinician
#: involved;"), so the lead-in's words of limit apply to it.  Not a stray
#: word ("*or*") or an aside in brackets ("(formerly known as X)").
_CONTINUATION = re.compile(r"^\s*(?:(?-i:[a-z])\w*|\w+ing)\b(?:\s+\S+){2,}", re.IGNORECASE)


#: Words that deny or narrow a right.  ``no-distribution`` and
#: ``no-derivatives`` withhold a right, so a clause that has none of them
#: grants instead ("You may redistribute the Data, so long as: ...").
_DENIAL_WORDS = re.compile(
    r"\b(?:not|no|never|nor|neither|none|cannot|\w+n[\'\u2019]t|only|solely|exclusively|sole|prohibit\w*|"
    r"forbid\w*|restrict\w*|without|except\w*|unless|refrain\w*|internal\w*|in-house|personal|reserve[sd]?|"
    r"limited|(?<!non-)(?<!non )exclusive)\b",
    re.IGNORECASE,
)
#: What a ``user-threshold`` counts or limits: users, accounts, revenue, a
#: tier or a limit.  "No action may be brought more than one year after the
#: cause arose" states a number, but counts nothing of the kind.
_SCALE_WORDS = re.compile(
    r"\b(?:users?|user base|accounts?|mau|dau|revenues?|turnover|threshold|limits?|tiers?|count\w*|exceed\w*|"
    r"cross\w*|subscribers?|customers?|seats?|members?|employees?|requests?|installs?|installations?|devices?|"
    r"downloads?|size|scale|players?|viewers?)\b",
    re.IGNORECASE,
)
#: ``network-copyleft`` is share-alike triggered by use over a network, so
#: its clause speaks of one: a network, remote users, a server or service,
#: an API, hosting or deployment, or sits under a heading that does ("4.
#: Network use").  Without such a word a source-offer duty
#: ("The modified work must itself be a software library", "You must make
#: sure that they, too, can get the source code") is ordinary copyleft.
_NETWORK_WORDS = re.compile(
    r"\b(?:network\w*|remote\w*|server\w*|servic\w+|serving|apis?|interact\w*|deploy\w*|external(?:ly)?|"
    r"online|browsers?|endpoints?|host(?:s|ed|ing)?|web\w*|internet|saas|cloud|portals?|electronic\w*)\b",
    re.IGNORECASE,
)
NETWORK_COPYLEFT = "network-copyleft"
#: ``naming-attribution`` requires a name, mark or citation beyond ordinary
#: attribution, so its clause gives one: a quoted name or tagline ("must show
#: 'Built with X'"), or speaks of names, logos, badges, credits or citing.
#: "You must show them these terms" or "give every recipient a copy of this
#: License" names nothing.
_NAMING_WORDS = re.compile(
    r"\b(?:names?|named|naming|called|cit(?:e|es|ed|ing|ation)|logos?|badges?|marks?|brand\w*|credit\w*|"
    r"taglines?|captions?|acknowledg\w*|mention\w*|labels?|prefix\w*|titles?|"
    r"(?:made|built|created|generated|predicted|produced|powered)\s+(?:with|by|using|on)|based\s+on)\b|"
    r"['\"\u2018\u201c](?-i:[A-Z])[^'\"\u2019\u201d]{1,80}['\"\u2019\u201d]",
    re.IGNORECASE,
)
NAMING_ATTRIBUTION = "naming-attribution"
ATTRIBUTION = "attribution"

#: A policy on the licensor's trademarks ("Creative Commons' then-current
#: trademark usage guidelines") governs the use of its marks, not of the
#: work: no acceptable-use policy over the work (the one corpus clause that
#: names such a policy carries none).
_TRADEMARK_POLICY = re.compile(
    r"\btrademarks?\s+(?:usage\s+|use\s+)?(?:guidelines?|polic(?:y|ies)|rules)\b", re.IGNORECASE)
_USE_POLICY = re.compile(r"\bacceptable\s+use\b|\b(?:use|usage)\s+polic(?:y|ies)\b", re.IGNORECASE)
ACCEPTABLE_USE = "acceptable-use-policy"


def governs_only_marks(text: str) -> bool:
    """True when the only policy a clause binds to is one on trademarks (:data:`_TRADEMARK_POLICY`)."""
    return bool(_TRADEMARK_POLICY.search(text)) and not _USE_POLICY.search(_TRADEMARK_POLICY.sub(" ", text))
#: Sections that share out risk or settle disputes between the parties:
#: liability, indemnity, disclaimers, dispute resolution, governing law,
#: severability.  Their clauses may say "you agree" and name harms ("not
#: designed for use where failure could lead to death"; "your violation of
#: any rights of another"), but they forbid no use of the work.  Sections
#: named "General terms" or "Miscellaneous" are not among them: terms of
#: service put real prohibitions there (export, reverse engineering).
_NON_RESTRICTING_SECTION = re.compile(
    r"\b(?:liabilit\w*|indemn\w*|disclaim\w*|dispute\w*|arbitrat\w*|governing\s+law|choice\s+of\s+law|"
    r"jurisdiction|venue|severab\w*|entire\s+agreement)\b",
    re.IGNORECASE,
)
#: Handing on the licence itself ("you may not sublicense or transfer any of
#: your licenses", "may not assign this License") is not distributing the
#: work: recipients of a copy can take their own licence from the licensor.
#: A clause that also names an act of distribution (sell, rent, copies ...)
#: can still withhold it.
_LICENCE_TRANSFER = re.compile(
    r"\b(?:sublicen[cs]\w*|transfer\w*|assign\w*)\b[^.;]{0,40}?\b(?:licen[cs]es?|rights?)\b", re.IGNORECASE)
_DISTRIBUTION_ACT = re.compile(
    r"\b(?:(?:re)?distribut\w*|shar(?:e|ed|ing)|cop(?:y|ies)|make available|made available|publish\w*|sell|sold|"
    r"resell|rent|lease|lend|loan|host\w*|disclos\w*)\b",
    re.IGNORECASE,
)
NO_DISTRIBUTION = "no-distribution"
#: A ban on changing the licence document ("This license may not be modified
#: without the permission of its copyright owner") withholds nothing of the work.
_LICENCE_TEXT_FIXED = re.compile(
    r"\b(?:this|the)\s+licen[cs]e(?:\s+(?:text|document))?\s+(?:itself\s+)?(?:may|must|shall|can)\s*not\s+be\s+"
    r"(?:modified|changed|altered|edited)\b", re.IGNORECASE)


#: What follows from not accepting the licence ("If you do not agree, do not
#: use the Software"; "These actions infringe copyright if you do not accept
#: this License") binds no one who accepts it: no restriction, no condition.
_NON_ACCEPTANCE = re.compile(
    r"\bif\s+(?:you|licensee|recipient)\s+(?:do\s+not|don['\u2019]t|does\s+not|cannot)\s+(?:agree|accept|consent)\b|"
    r"\bif\s+you\s+disagree\b", re.IGNORECASE)


#: A statement of responsibility ("Recipient is solely responsible for
#: complying with export laws", "You remain responsible for obtaining ethics
#: approval", "it is solely Your responsibility to comply with all applicable
#: laws"): it says whose job the law or a permit is, and forbids no use (none
#: of the corpus's 25 such clauses carries a category).  Not when the
#: clause also bans outright ("... and must not ...").
_RESPONSIBILITY = re.compile(
    r"\b(?:is|are|remains?|be|alone)\s+(?:solely\s+|fully\s+|entirely\s+)?responsible\s+for\s+(?:\w+\s+){0,2}?"
    r"(?:complying|compliance|obtaining|deciding|checking|determining)\b|"
    # "You are solely responsible for ensuring that You do not export ... in violation of any
    # such laws": ensuring that the law is kept, not that something is done
    r"\bresponsible\s+for\s+ensuring\b[^.;]{0,160}?\b(?:compl\w+|violat\w*|laws?|regulations?|lawful\w*)\b|"
    # "it is solely Your responsibility to comply with all applicable laws"
    r"\bresponsibility\s+to\s+(?:\w+\s+)?(?:comply|obtain|decide|check|determine)\b", re.IGNORECASE)
_OUTRIGHT_BAN = re.compile(r"\b(?:may|must|shall|will|can)\s+not\b|\b(?:agrees?|undertakes?)\s+not\b|\bcannot\b",
                           re.IGNORECASE)


def states_responsibility(text: str) -> bool:
    """True for a statement of whose responsibility something is that bans nothing (:data:`_RESPONSIBILITY`)."""
    return _RESPONSIBILITY.search(text) is not None and _OUTRIGHT_BAN.search(text) is None


def transfers_only_the_licence(text: str) -> bool:
    """True when the clause is about handing on the licence, not copies of the work (:data:`_LICENCE_TRANSFER`)."""
    return bool(_LICENCE_TRANSFER.search(text)) and not _DISTRIBUTION_ACT.search(text)


#: The law that governs the licence or the court that hears its disputes
#: ("This Licence shall be governed by the law of the country where the
#: Licensor resides", "If you acquired the software in any other country,
#: its laws apply", "subject to the exclusive jurisdiction of the courts of
#: ...") places the law, not the rights: naming a country there is no
#: ``geographic`` limit, and neither are the items of a lead-in that does
#: ("governed by Belgian law if: ... the Licensor has no residence inside
#: the Union").  Not when the clause also speaks of embargoes, sanctions or
#: export (:data:`_TRADE_LIMIT`) or bans (:data:`_OUTRIGHT_BAN`).  The
#: heading a clause sits under is no help here: a heading the layout
#: missed leaves export clauses under "Governing law".
_FORUM = re.compile(
    r"\bgoverned\s+by\b|\bconstrued\s+(?:in\s+accordance\s+with|under)\b|\bjurisdiction\s+of\b|"
    r"\bcourts?\s+(?:of|in|at|where|located)\b|\bvenue\b|"
    r"\blaws?\b[^.;]{0,60}?\b(?:will\s+|shall\s+)?(?:apply|applies|govern|governs)\b", re.IGNORECASE)
_TRADE_LIMIT = re.compile(r"\b(?:embargo\w*|sanction\w*|export\w*|re-?export\w*|restricted\s+part(?:y|ies))\b",
                          re.IGNORECASE)
GEOGRAPHIC = "geographic"


def names_the_forum(text: str) -> bool:
    """True for a clause that names the governing law or the court (:data:`_FORUM`), not a trade limit or a ban."""
    return bool(_FORUM.search(text)) and not _TRADE_LIMIT.search(text) and not _OUTRIGHT_BAN.search(text)


#: A sentence that reports what a law provides ("Under current U.S. export
#: regulations this software is eligible for export worldwide except to
#: embargoed destinations") cites the law as its source and binds no party:
#: it says what the law allows, and the licence adds nothing to it.  A
#: sentence that also binds someone ("you must", "Licensee shall", "you
#: agree") is a term (:data:`_BINDS_A_PARTY`).
_LAW_REPORTED = re.compile(
    r"^\W*(?:under|according\s+to|pursuant\s+to)\s+(?:[\w.()\-]+\s+){0,6}?"
    r"(?:laws?|regulations?|rules|acts?|statutes?|treaty|treaties)\b", re.IGNORECASE)
_BINDS_A_PARTY = re.compile(
    r"\b(?:you|your|licensee|recipients?|users?|customers?|must|shall|agrees?|undertakes?|required|prohibit\w*|"
    r"forbid\w*)\b", re.IGNORECASE)


def reports_the_law(text: str) -> bool:
    """True for a sentence that states what a law provides and binds no one (:data:`_LAW_REPORTED`)."""
    return bool(_LAW_REPORTED.search(text)) and not _BINDS_A_PARTY.search(text)


#: ``risk-disclosure`` is about telling people of a danger or a limit of
#: the system, so its clause names one: a risk, hazard, limitation, error,
#: failure, inaccuracy or a warning.  "And you must tell them their rights"
#: tells of no danger (it hands on the licence's freedoms).
_RISK_WORDS = re.compile(
    r"\b(?:risk\w*|hazard\w*|danger\w*|limit\w*|wrong|errors?|erroneous|fail\w*|faults?|defects?|weakness\w*|"
    r"shortcomings?|gaps?|inaccura\w*|accura\w*|incorrect|unreliab\w*|reliab\w*|unsafe|safety|warn\w*|"
    r"misuse\w*|miss|missed|misstat\w*|omit\w*|unpredictab\w*|unexpected|mistakes?|false|biase?d?|"
    r"verif\w*|unverified|checked|cannot\s+do|can\s+and\s+cannot|caveats?|uncertain\w*)\b", re.IGNORECASE)
RISK_DISCLOSURE = "risk-disclosure"

#: The licensor's power to publish new versions of the licence for copies
#: obtained later ("may change this License, and the amended license will
#: apply to all copies downloaded after the new license is posted") is how
#: every licence is versioned: copies already held keep their terms, so it
#: is neither a use policy incorporated by reference nor a power to restrict
#: use remotely.  Changing the use rules themselves ("may amend paragraph
#: 9", "may revise this policy") is not this.
_LICENCE_CHANGED = re.compile(
    r"\b(?:may|can|will|reserves?\s+the\s+right\s+to)\s+(?:\w+\s+){0,5}?(?:change|update|amend|revise|modify|replace|"
    r"publish\s+(?:new|revised|updated)\s+versions?\s+of)\s+(?:this|the)\s+(?:licen[cs]e|agreement)\b", re.IGNORECASE)
_LATER_COPIES_ONLY = re.compile(
    r"\b(?:downloaded|obtained|received|released|acquired|distributed|made)\s+after\b|"
    r"\bfuture\s+(?:versions?|releases?|copies)\b|\b(?:releases?|copies)\s+made\s+after\b", re.IGNORECASE)
_USE_RULES = re.compile(r"\b(?:polic(?:y|ies)|restrictions?|prohibit\w*|paragraphs?|sections?|schedules?|"
                        r"attachments?|acceptable)\b", re.IGNORECASE)
VERSIONING_BARS = frozenset({ACCEPTABLE_USE, "remote-control"})


def versions_the_licence(text: str) -> bool:
    """True for a new-versions clause that reaches only copies obtained later (:data:`_LICENCE_CHANGED`)."""
    return (bool(_LICENCE_CHANGED.search(text)) and bool(_LATER_COPIES_ONLY.search(text))
            and not _USE_RULES.search(text))


#: A warning that the work is not made for some uses ("You acknowledge that
#: the Covered Code is not intended for use in high risk activities, including
#: ... nuclear facilities") tells the user what the licensor does not
#: promise; it forbids nothing.  A clause that says the work is not
#: *licensed* for them ("not designed, licensed or intended for use in ...
#: any nuclear facility") or bans outright withholds the use.
_NOT_MADE_FOR = re.compile(
    r"\bnot\s+(?:[\w-]+,?\s+(?:or\s+|and\s+)?){0,3}?(?:designed|intended|meant|suitable|fault[- ]tolerant)"
    r"(?:,?\s+(?:or|and)\s+[\w-]+)?\s+for\b", re.IGNORECASE)
_NOT_LICENSED_FOR = re.compile(r"\bnot\s+(?:[\w-]+,?\s+(?:or\s+|and\s+)?){0,3}?licen[cs]ed\b|\bprohibit\w*|\bforbid\w*",
                               re.IGNORECASE)


def warns_of_unfitness(text: str) -> bool:
    """True for a statement that the work is not made for some use and that withholds none (:data:`_NOT_MADE_FOR`)."""
    return (bool(_NOT_MADE_FOR.search(text)) and not _NOT_LICENSED_FOR.search(text)
            and not _OUTRIGHT_BAN.search(text))


#: A ban on claiming the licensor's endorsement ("you should not imply
#: endorsement by the author", "the names of the contributors may not be used
#: to endorse products") protects the licensor's name, like a trademark
#: clause: it restricts no use of the work (none of the corpus's 36 such
#: clauses carries a category).  Endorsement put in the mouth of other
#: people - a public figure, the people shown, a cloned voice - is
#: impersonation, and keeps its category.
_ENDORSEMENT = re.compile(r"\b(?:endors\w*|sponsor\w*)\b", re.IGNORECASE)
_OWN_NAME = re.compile(
    r"\b(?:licensors?|authors?|copyright\s+(?:holders?|owners?)|contributors?|names?|trade\s*marks?|logos?|"
    r"we|us|our|steward|maintainers?)\b", re.IGNORECASE)
_OTHER_PEOPLE = re.compile(
    r"\b(?:people|public\s+figures?|celebrit\w*|likeness\w*|voices?|individuals?|politicians?)\b", re.IGNORECASE)


def guards_own_name(text: str) -> bool:
    """True for a clause against implying the licensor's endorsement (:data:`_ENDORSEMENT`)."""
    return bool(_ENDORSEMENT.search(text) and _OWN_NAME.search(text)) and not _OTHER_PEOPLE.search(text)


#: What the licensor says of itself binds the licensor, not the reader:
#: a duty it takes on ("rightsholders need to clearly state what they are
#: dedicating", "Licensor covenants to all recipients: ... to specify a
#: Change License ...") or a right it gives up ("The Data Provider(s) reserve
#: no right or expectation of privacy in any Data they Publish").  A power
#: over the reader ("Licensor may terminate ...", "reserves the right to
#: restrict usage", "Licensor shall have the right to: ...") is no such
#: statement, nor is a clause that also binds the reader
#: (:data:`_READER_BOUND`).
_LICENSOR_SIDE = (r"(?:licensors?|rights?\s*holders?|copyright\s+(?:holders?|owners?)|"
                  r"(?:data\s+)?providers?(?:\(s\))?|affirmers?|dedicators?)")
_LICENSOR_OWN_DUTY = re.compile(
    rf"\b{_LICENSOR_SIDE}\s+(?:hereby\s+|also\s+|further\s+|expressly\s+)?"
    r"(?:covenants?|undertakes?|promises?|commits?|needs?\s+to|must|shall|has\s+to|have\s+to|"
    r"(?:is|are)\s+required\s+to|reserves?\s+no|waives?|retains?\s+no)\b"
    # "Licensor shall have the right to: ... disable any copy" is a power, not a duty
    r"(?!\s+(?:\w+\s+)?(?:have|has|be\s+entitled|be\s+free|retain|reserve)\b)", re.IGNORECASE)
_READER_BOUND = re.compile(
    r"\b(?:you|licensee|recipients?|users?)\s+(?:\w+\s+){0,2}?(?:must|shall|may\s+not|agrees?|will\s+not|cannot|"
    r"(?:are|is)\s+(?:not\s+)?(?:permitted|allowed|required))\b", re.IGNORECASE)


#: ... the licensor as the subject, not the object ("any Contribution
#: submitted by You to the Licensor shall be under the terms ...").
_LICENSOR_AS_OBJECT = re.compile(r"\b(?:to|by|from|of|for|with|on|against)\s+(?:the\s+|any\s+|each\s+)?$",
                                 re.IGNORECASE)


def binds_the_licensor(text: str) -> bool:
    """True for a statement of the licensor's own duty or waiver that binds no reader (:data:`_LICENSOR_OWN_DUTY`)."""
    if _READER_BOUND.search(text):
        return False
    return any(not _LICENSOR_AS_OBJECT.search(text, max(0, m.start() - 12), m.start())
               for m in _LICENSOR_OWN_DUTY.finditer(text))


#: A grant to the reader that attaches no term to it ("Effective on the
#: Change Date, the Licensor hereby grants you rights under the terms of the
#: Change License") gives rights; share-alike binds what the reader hands on
#: and needs words that bind (:data:`_BINDING_WORDS`: must, only, provided,
#: if, the same ...).  None of the corpus's 35 grants without them carries
#: ``copyleft``.
_GRANT_TO_YOU = re.compile(
    r"\b(?:hereby\s+)?grants?\s+(?:to\s+)?(?:you|licensee)\b|\b(?:you|licensee)\s+(?:are|is)\s+(?:hereby\s+)?granted\b",
    re.IGNORECASE)
_BINDING_WORDS = re.compile(
    r"\b(?:must|shall|only|provided|providing|subject\s+to|condition\w*|requir\w*|not|so\s+long\s+as|"
    r"as\s+long\s+as|unless|except\w*|if|when|same)\b", re.IGNORECASE)
SHARE_ALIKE = frozenset({"copyleft", NETWORK_COPYLEFT})


def grants_without_terms(text: str) -> bool:
    """True for a grant to the reader with no word that binds (:data:`_GRANT_TO_YOU`)."""
    return bool(_GRANT_TO_YOU.search(text)) and not _BINDING_WORDS.search(text)


#: A clause that allows commercial ends as well ("for commercial and
#: non-commercial purposes", "for any purpose, including commercial ones",
#: "even for commercial purposes") keeps use to no non-commercial end; none
#: of the corpus's 18 such clauses is labelled ``non-commercial``.  Not when
#: it then withholds commercial use ("... but not for commercial products").
_COMMERCIAL_TOO = re.compile(
    r"\bcommercial\s+(?:and|or|as\s+well\s+as)\s+non-?\s?commercial\b|"
    r"\bnon-?\s?commercial\s+(?:and|or|as\s+well\s+as)\s+commercial\b|"
    r"\b(?:even|including|also)\s+(?:for\s+|in\s+)?commercial\b", re.IGNORECASE)
_COMMERCIAL_DENIED = re.compile(
    r"\b(?:not|no|never|nor|except|excluding|other\s+than|without)\s+(?:\w+\s+){0,3}?commercial", re.IGNORECASE)
NON_COMMERCIAL = "non-commercial"


def allows_commercial_use(text: str) -> bool:
    """True when the clause allows commercial ends too (:data:`_COMMERCIAL_TOO`) and withholds none."""
    return bool(_COMMERCIAL_TOO.search(text)) and not _COMMERCIAL_DENIED.search(text)


#: A lead-in that makes its items conditions of handing the work on ("If
#: the Recipient Redistributes the Licensed Program under Paragraph 6, the
#: Recipient shall meet all of the following conditions:").  An item there
#: that forbids altering the work ("The Recipient may not alter or otherwise
#: modify the Licensed Program") says what the copies handed on under that
#: permission must be, verbatim; it withholds no right to adapt the work,
#: which the licence gives or withholds elsewhere.
_ON_DISTRIBUTION = re.compile(
    r"(?:^|[.;:]\s+)\W*(?:if|when|whenever|where)\b[^.;:]{0,200}?\b(?:(?:re)?distribut\w*|convey\w*|shares?|"
    r"(?:hands?|handing|pass|passes|passing)\s+(?:\w+\s+){0,3}?on)\b"
    r"[^.;]{0,200}:\s*$", re.IGNORECASE)


def conditions_distribution(lead_in: str | None) -> bool:
    """True for a lead-in whose items are conditions of distributing the work (:data:`_ON_DISTRIBUTION`)."""
    return bool(lead_in) and bool(_ON_DISTRIBUTION.search(lead_in))


#: A duty denied ("It is not a requirement that recipients provide further
#: users with a copy of this licence", "you need not publish private
#: changes", "is under no obligation to") imposes nothing: no restriction,
#: no condition (none of the corpus's 36 such clauses that state no other
#: duty carries a label).  A clause that denies one duty and states another
#: ("Credit is not required for commercial use, but editorial uses must
#: credit ...", "imposes no duty beyond keeping the notice", "you need not
#: ask unless you copy a large part"), or states a power ("is not obliged to
#: support it, and may block access at any time"), keeps what the other
#: says (:data:`_DUTY`).
_NO_DUTY = re.compile(
    r"\b(?:is|are)\s+not\s+(?:a\s+)?(?:requirement|required|obliged|obligated)\b(?:\s+(?:to|that|for))?|"
    r"\bnot\s+(?:be\s+)?required\s+to\b|\b(?:under\s+|assumes\s+|has\s+|have\s+|carry\s+|carries\s+|creates\s+)?"
    r"no\s+(?:requirement|obligation|duty)\b|\bneed\s+not\b|\bdo(?:es)?\s+not\s+(?:have|need)\s+to\b", re.IGNORECASE)
_DUTY = re.compile(
    r"\b(?:must|shall|required|requirement|requires?|obliged|obligat\w*|have\s+to|has\s+to|needs?\s+to|may\s+not|"
    r"cannot|agrees?|only|prohibit\w*|forbid\w*|beyond|other\s+than|unless|at\s+any\s+time|"
    r"reserves?\s+the\s+right)\b", re.IGNORECASE)


def denies_duty(text: str) -> bool:
    """True for a clause that denies a duty and states none (:data:`_NO_DUTY`)."""
    return bool(_NO_DUTY.search(text)) and not _DUTY.search(_NO_DUTY.sub(" ", text))


def _under_licensor_duty(text: str, lead_in: str | None) -> bool:
    """True for a list item under a lead-in that states the licensor's own
    duty ("Licensor covenants to all recipients: 1. To specify a Change
    License ..."), the item binding no reader itself."""
    return bool(lead_in) and lead_in.rstrip().endswith(":") and binds_the_licensor(lead_in) \
        and not _READER_BOUND.search(text)


#: ``restrictions-flow-down`` passes terms on to someone or something else:
#: it names who or what receives them (:data:`_DOWNSTREAM`: recipients,
#: users, licensees, derivatives, copies ...) and what is passed on
#: (:data:`_PASSED_ON`: terms, licence, restrictions, policy, "bind",
#: "subject to", "inherit" ...), and not only the licensor's protection
#: (:data:`_LICENSOR_PROTECTION`) or credits and a copy of the licence
#: (:data:`_CREDIT`), and it does not forbid added terms
#: (:data:`_NO_ADDED_TERMS`).  "If You Share the Licensed Material, You
#: must:" and "You must comply with the conditions in Section 3(a) if You
#: Share" bind only the licensee.  A list item continues a lead-in that may
#: name the recipients, so it needs only the second.
_DOWNSTREAM = re.compile(
    r"\b(?:recipients?|downstream|third[- ]part(?:y|ies)|end[- ]users?|users?|licensees?|sublicensees?|customers?|"
    r"any ?one|everyone|others|them|whom|who|persons?|entit(?:y|ies)|colleagues|collaborators|staff|contractors|"
    r"individuals|employees|owners?|derivatives?|derived|fine-?tun\w+|distilled|modifications|"
    r"(?:modified|adapted) versions?|versions?|copies|successors?|assignees?)\b",
    re.IGNORECASE,
)
_PASSED_ON = re.compile(
    r"\b(?:terms?|licen[cs]es?|agreements?|restrict\w*|polic(?:y|ies)|aup|sections?|articles?|paragraphs?|"
    r"attachments?|provisions?|conditions?|subject|bind\w*|inherit\w*|appl(?:y|ies)|requir\w*|pass\w*|flow\w*|"
    r"enforce\w*|notice|same|guidelines|limits?|comply|accept\w*|forbids?|prohibit\w*)\b",
    re.IGNORECASE,
)
#: What protects the licensor (warranty disclaimers, liability limits,
#: indemnities) is no use restriction: a clause passing only that on
#: ("your terms include a warranty disclaimer at least as broad as ours")
#: is no flow-down, unless it also names restrictions or a policy.
_LICENSOR_PROTECTION = re.compile(r"\b(?:warrant\w*|liabilit\w*|disclaim\w*|indemn\w*)\b", re.IGNORECASE)
#: Likewise handing on credits or a copy of the licence (attribution, see
#: :mod:`licenselens.formulas`) passes on no restriction by itself.
_CREDIT = re.compile(r"\b(?:credits?|attribution)\b", re.IGNORECASE)
_RESTRICTIONS_NAMED = re.compile(
    r"\b(?:restrict\w*|prohibit\w*|forbid\w*|polic(?:y|ies)|aup|bind\w*|bound|subject\s+to)\b|"
    r"\bsame\s+(?:terms|conditions)\b", re.IGNORECASE)
#: A clause forbidding added terms for recipients ("No downstream
#: restrictions", "you may not impose any further restrictions on
#: recipients") is the opposite of a flow-down.
_NO_ADDED_TERMS = re.compile(
    r"\bno\s+(?:downstream|further|additional)\s+restrictions\b|"
    r"\b(?:not|never)\s+(?:\w+\s+){0,3}?(?:offer|impose|add|apply)\s+(?:\w+\s+){0,3}?"
    r"(?:additional|further|different|other)\s+(?:terms|restrictions|conditions)\b", re.IGNORECASE)
_OWN_SUBJECT = re.compile(r"\s*(?:you|licensee|the\s+licensee|we)\b", re.IGNORECASE)
FLOW_DOWN = "restrictions-flow-down"


def passes_on(text: str, item: bool | None = None, formulas: Sequence[str] | None = None) -> bool:
    """Whether the clause could pass terms on downstream (see :data:`_DOWNSTREAM`).

    ``formulas`` are the clause's :func:`formulaic_conditions` when the caller
    has them already (``None``: found here)."""
    if not _PASSED_ON.search(text):
        return False
    if _NO_ADDED_TERMS.search(text):
        return False
    if formulas is None:
        formulas = formulaic_conditions(text)
    hands_on_only = _LICENSOR_PROTECTION.search(text) or _CREDIT.search(text) or "attribution" in formulas
    if hands_on_only and not _RESTRICTIONS_NAMED.search(text):
        return False
    if item is None:
        item = is_item(text)
    # an item with its own subject ("c. You must comply with Section 3(a) if
    # You Share") is a whole sentence binding the licensee, not the end of a
    # lead-in that may name recipients
    body = _ITEM_MARKER.sub("", text, count=1)
    continues_lead_in = item and not text.rstrip().endswith(":") and not _OWN_SUBJECT.match(body)
    return continues_lead_in or bool(_DOWNSTREAM.search(text))


#: The conditions that withhold a right (see :data:`_DENIAL_WORDS`).
NO_DERIVATIVES = "no-derivatives"
WITHHOLDING_CONDITIONS = frozenset({NO_DISTRIBUTION, NO_DERIVATIVES})


def withholds(text: str) -> bool:
    """True when the text has a word that denies or narrows a right (:data:`_DENIAL_WORDS`)."""
    return bool(_DENIAL_WORDS.search(text))


def is_definition(text: str) -> bool:
    """True for a definition ('"Harm" includes physical ... damage', '1.4
    "Military Use" means ...').  A definition defines a term; the clause that
    uses the term forbids or demands (labelling guide), so a definition gets
    no label - only 3 of the corpus's ~210 definition-shaped clauses carry one."""
    return bool(_DEFINITION.match(text))


#: A clause that ends by asking ("Can I change it?", "Will it phone home?").
_QUESTION = re.compile(r"\?[\s\"'\u201d\u2019)\]]*$")


def is_question(text: str) -> bool:
    """True for a question: the headings of a licence written as questions
    and answers ("What may I not do?") ask, and the answer that follows
    grants or forbids - none of the corpus's 11 questions carries a label."""
    return bool(_QUESTION.search(text))


def is_item(text: str) -> bool:
    """True when the clause starts with a list marker ("(c)", "b.", "3.1", "-")."""
    return bool(_ITEM_MARKER.match(text))


def can_restrict(text: str, item: bool | None = None) -> bool:
    """Whether the clause could state a behavioural-use restriction at all.

    A list item can (``item``; when not given, a leading list marker says
    so): it continues a lead-in that may forbid ("You agree not to use the
    Model: (a) to generate malware").  A sentence needs a word of obligation,
    prohibition or limit (:data:`_LIMIT_WORDS`) or a ban (:data:`_BAN`), or
    continue a lead-in (:data:`_CONTINUATION`); without one it states a fact ("Payment is processed on the Website",
    "The Model is not a medical device"), whatever its topic.  A label run
    into the sentence ("Restrictions: By using it for X you make someone
    sad") is a heading (:data:`_INLINE_HEADING`): its words do not count.
    A sentence that only permits ("Using the Model to detect phishing is
    allowed", "Nothing in this Licence prevents you from studying malware")
    names a use to allow it (:data:`_PERMISSION`), unless it also denies,
    obliges or narrows (:data:`_LIMITED_PERMISSION`: "may use it only for",
    "provided no decision is based on it").
    """
    if item is None:
        item = is_item(text)
    if item:
        return True
    if _PERMISSION.search(text) and not _LIMITED_PERMISSION.search(text):
        return False
    body = _INLINE_HEADING.sub("", text, count=1)
    return bool(_LIMIT_WORDS.search(body) or _BAN.search(body) or _CONTINUATION.match(text))


#: A heading that is only "Applicable law" ("15. Applicable Law") names the
#: governing law; beside other words ("Compliance with laws; applicable
#: law") it may head a duty to obey the law, which restricts.
_APPLICABLE_LAW_HEADING = re.compile(
    r"^\W*(?:(?:section|article|clause)\s+)?(?:[\w.]{1,8}[.)]?\s+)?(?:-\s*)?applicable\s+laws?\W*$", re.IGNORECASE)


def restricting_section(section: str | None) -> bool:
    """Whether a clause under the heading ``section`` can restrict a use:
    not in a section on liability, indemnity, disclaimers, disputes or the
    governing law (:data:`_NON_RESTRICTING_SECTION`,
    :data:`_APPLICABLE_LAW_HEADING`); ``None`` (no heading) can."""
    return not (section and (_NON_RESTRICTING_SECTION.search(section) or _APPLICABLE_LAW_HEADING.match(section)))


#: A heading run into its section's first sentence, ended by a full stop:
#: "15. Liability. Each party's ...", "Governing law. This Agreement ...".
#: A few words, none of them the words a sentence is made of.
_RUN_IN_HEADING = re.compile(
    r"^\W{0,3}(?:[\w.]{1,8}[.)]?\s+)?([A-Z][\w'\-]*(?:[ ,&]+[\w'\-]+){0,4})\.\s+(?=[A-Z\d\"'\u201c])")
_SENTENCE_WORDS = re.compile(
    r"\b(?:you|your|we|our|it|may|must|shall|will|can|not|no|is|are|was|be|has|have|do|does)\b", re.IGNORECASE)


def run_in_heading(text: str) -> str | None:
    """The heading a clause opens with and runs into its first sentence
    ("8. Liability. Tallowmere is not liable ..."), or None.  It names the
    clause's section as a heading line would (see :func:`restricting_section`):
    none of the corpus's 34 clauses under such a heading of liability,
    disclaimers or disputes carries a label."""
    match = _RUN_IN_HEADING.match(text)
    if match is None or _SENTENCE_WORDS.search(match.group(1)):
        return None
    return match.group(1)


# --------------------------------------------------------------------------- the classifier


@dataclass(frozen=True)
class ClausePrediction:
    """What the classifier says about one clause.

    ``labels`` are the category and condition ids it found, best first, each
    with its probability; ``restriction`` is the probability that the clause
    restricts a use at all; ``value`` is the user count when ``user-threshold``
    is among the labels and the clause states one.
    """

    labels: tuple[tuple[str, float], ...]
    restriction: float
    value: int | None = None

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

    def decide(self, probabilities: np.ndarray) -> list[list[tuple[str, float]]]:
        """Labels kept for each row of :meth:`probabilities`, best first."""
        return decide(probabilities, self.heads, self.thresholds, self.categories, self.fallback_min)

    def _shaped(self, texts: Sequence[str], probs: np.ndarray, items: Sequence[bool | None] | None,
                sections: Sequence[str | None] | None,
                lead_ins: Sequence[str | None] | None = None) -> list[list[tuple[str, float]]]:
        """:meth:`decide`, then the rules for the shape and place of a clause:
        nothing for a title, a definition, a question (:func:`is_question`),
        what follows from not accepting the licence
        (:data:`_NON_ACCEPTANCE`), a report of what a law provides
        (:func:`reports_the_law`), what the licensor says of itself
        (:func:`binds_the_licensor`, also for the items of its covenant) or a
        duty denied (:func:`denies_duty`); no category for a sentence that
        cannot restrict, a lead-in left open for its items
        (:data:`_OPEN_LEAD_IN`), a statement of responsibility
        (:func:`states_responsibility`), a warning that the work is not made
        for a use (:func:`warns_of_unfitness`), a ban on claiming the
        licensor's endorsement (:func:`guards_own_name`) or a clause in a
        section on liability or disputes (:func:`restricting_section`; a
        heading run into the clause names its section too,
        :func:`run_in_heading`), and no category by the fallback for a
        clause that keeps the notices (the attribution formula); no
        ``geographic`` for the seat of the governing law or court
        (:func:`names_the_forum`), no ``risk-disclosure`` without a risk
        (:data:`_RISK_WORDS`), no use policy or remote control for new
        versions of the licence (:func:`versions_the_licence`), no
        share-alike for a grant that binds nothing
        (:func:`grants_without_terms`), no ``non-commercial`` for a clause
        that allows commercial ends too (:func:`allows_commercial_use`), no
        ``no-derivatives`` for an item that keeps copies handed on verbatim
        (:func:`conditions_distribution`), no withholding condition for a
        clause that denies nothing, no user threshold for a clause that counts
        nothing (:data:`_SCALE_WORDS`) and none for a ban on changing the
        licence document (:data:`_LICENCE_TEXT_FIXED`), no network copyleft
        for a clause that speaks of no network (:data:`_NETWORK_WORDS`), no
        naming condition for one that names nothing (:data:`_NAMING_WORDS`), no
        acceptable-use policy for one bound only to a trademark policy
        (:func:`governs_only_marks`), no flow-down for a
        clause that passes nothing on (:func:`passes_on`), no ``no-distribution`` for a
        clause that only keeps the licence from being handed on
        (:func:`transfers_only_the_licence`).  Conditions in formulaic wording
        are added by rule (:mod:`licenselens.formulas`) before the bars apply."""
        out = []
        nothing = [None] * len(texts)
        for text, labels, item, section, lead_in in zip(texts, self.decide(probs), items or nothing,
                                                         sections or nothing, lead_ins or nothing):
            formulas = formulaic_conditions(text)
            kept = dict(labels)
            for label in formulas:
                if label in self.heads:
                    kept[label] = max(kept.get(label, 0.0), FORMULA_SCORE)
            # each rule is tested only when a label it bars is there: most
            # clauses get none, and the word lists are slow to scan
            if not kept or is_title(text) or is_definition(text) or is_question(text) or _NON_ACCEPTANCE.search(text) \
                    or reports_the_law(text) or binds_the_licensor(text) or _under_licensor_duty(text, lead_in) \
                    or denies_duty(text):
                out.append([])
                continue
            if item is None:  # judged once for the rules below
                item = is_item(text)
            barred: set[str] = set()
            if not kept.keys().isdisjoint(self.categories) and (
                    not can_restrict(text, item) or not restricting_section(section)
                    or not restricting_section(run_in_heading(text)) or _OPEN_LEAD_IN.search(text)
                    or states_responsibility(text) or warns_of_unfitness(text) or guards_own_name(text)):
                barred |= self.categories
            if GEOGRAPHIC in kept and (names_the_forum(text) or (item and names_the_forum(lead_in or ""))):
                barred.add(GEOGRAPHIC)
            if RISK_DISCLOSURE in kept and not _RISK_WORDS.search(text):
                barred.add(RISK_DISCLOSURE)
            if not kept.keys().isdisjoint(VERSIONING_BARS) and versions_the_licence(text):
                barred |= VERSIONING_BARS
            if not kept.keys().isdisjoint(SHARE_ALIKE) and grants_without_terms(text):
                barred |= SHARE_ALIKE
            if NO_DERIVATIVES in kept and item and conditions_distribution(lead_in):
                barred.add(NO_DERIVATIVES)
            if NON_COMMERCIAL in kept and allows_commercial_use(text):
                barred.add(NON_COMMERCIAL)
            if ATTRIBUTION in formulas:
                # keeping the notices is attribution: "do not remove the
                # notices" sounds like a ban to the restriction head, so
                # its fallback category is not reported (a category the
                # model itself believes in stays)
                barred |= {label for label, p in kept.items()
                           if label in self.categories and p < self._threshold[label]}
            if not kept.keys().isdisjoint(WITHHOLDING_CONDITIONS) and (
                    not withholds(text) or _LICENCE_TEXT_FIXED.search(text)):
                barred |= WITHHOLDING_CONDITIONS
            if "user-threshold" in kept and not _SCALE_WORDS.search(text):
                barred.add("user-threshold")
            if NETWORK_COPYLEFT in kept and not _NETWORK_WORDS.search(text) and not (
                    section and _NETWORK_WORDS.search(section)):
                barred.add(NETWORK_COPYLEFT)
            if NAMING_ATTRIBUTION in kept and not _NAMING_WORDS.search(text):
                barred.add(NAMING_ATTRIBUTION)
            if ACCEPTABLE_USE in kept and governs_only_marks(text):
                barred.add(ACCEPTABLE_USE)
            if FLOW_DOWN in kept and not passes_on(text, item, formulas):
                barred.add(FLOW_DOWN)
            if NO_DISTRIBUTION in kept and transfers_only_the_licence(text):
                barred.add(NO_DISTRIBUTION)
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
        together.  Under a lead-in that bans uses (:data:`_USE_BAN_LEAD_IN`)
        the item is a banned use: the restriction head is certain, and if no
        category reaches the fallback floor the item is the taxonomy's
        catch-all (:data:`OTHER_USE`) at that floor."""
        probs = self.probabilities(texts)
        if not lead_ins:
            return probs
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
                banned = [i for i in bare if _USE_BAN_LEAD_IN.search(lead_ins[i] or "")]
                probs[banned, self._restriction] = np.maximum(probs[banned, self._restriction], 1.0)
                # a banned use the model cannot place ("deforestation" under
                # "must not be used for:") is the taxonomy's catch-all, at the
                # fallback floor: reported, and marked as the weakest reading
                if self._other_use is not None and banned:
                    placed = (probs[np.ix_(banned, self._category_heads)] >= self.fallback_min).any(axis=1)
                    unplaced = np.asarray(banned)[~placed]
                    probs[unplaced, self._other_use] = np.maximum(probs[unplaced, self._other_use], self.fallback_min)
        return probs

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
        """:meth:`predict` plus the restriction probability and any user-threshold value."""
        probs = self.probabilities_in_context(texts, lead_ins)
        decided = self._shaped(texts, probs, items, sections, lead_ins)
        out = []
        for text, row, labels in zip(texts, probs, decided):
            value = None
            if any(label == "user-threshold" for label, _ in labels):
                value = extract_user_threshold(text)
            restriction = float(row[self._restriction]) if self._restriction is not None else float(
                max((score for label, score in labels if label in self.categories), default=0.0)
            )
            out.append(ClausePrediction(tuple(labels), restriction, value))
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
            )
        except (KeyError, TypeError) as exc:
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
