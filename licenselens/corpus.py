"""Reading the clause corpus (``corpus/``) into training examples.

The corpus has two sources (see ``corpus/README.md``):

* ``written/<group>.yaml`` - fictional licences written by the project, clause
  by clause, each clause carrying its own text;
* ``annotated/<key>.yaml`` - annotations of real licence texts.  They hold no
  text, only character spans into :func:`licenselens.reference.licence_text`
  with the sha256 of each span, so that no real wording is copied into the
  repository.  A span whose hash no longer matches (the installed data moved
  the text) is skipped with a warning instead of silently mislabelling.

Both yield the same :class:`Example` records.  Every example carries a
*group*: the document it comes from.  Clauses of one document share names,
defined terms and drafting habits, so splits for evaluation are made by
group, never by sentence (:func:`split_by_group`, :func:`group_folds`).

Loading never prints: problems that do not stop loading (a skipped span, an
unknown label) are appended to a caller-supplied ``warnings`` list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from .concepts import CONCEPT, CUE, Lexicon
from .errors import LicenselensError
from .thresholds import USERS, is_currency_code

# libyaml's safe loader when available (several times faster), same results.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = [
    "CorpusError",
    "Example",
    "Lexicon",
    "Taxonomy",
    "group_folds",
    "group_stratum",
    "load_corpus",
    "load_lexicon",
    "load_taxonomy",
    "split_by_group",
]

#: Labels that carry a number (``value``) in the corpus.
NUMERIC_LABELS = frozenset({"user-threshold"})


class CorpusError(LicenselensError):
    """The corpus or its taxonomy cannot be read at all (missing, not YAML, wrong shape)."""


@dataclass(frozen=True)
class Example:
    """One labelled clause.

    ``labels`` is empty for a negative clause.  ``value`` is the number a
    numeric condition carries (the bound of a ``user-threshold``), else
    ``None``, and ``unit`` what it counts: ``"users"`` (people, accounts or
    seats) or an ISO 4217 currency code for a revenue limit.  ``group`` is the document the clause comes from (the written
    file's group, or ``annotated:<family or key>``); ``source`` says where the
    clause was read, precise enough to find it again (``written/<file>#<n>``
    or ``annotated/<file>#<n>``).
    """

    text: str
    labels: frozenset[str]
    value: int | None
    group: str
    source: str
    unit: str | None = None

    @property
    def origin(self) -> str:
        """``written`` or ``annotated``: the kind of source, for counts in the model card."""
        return self.source.split("/", 1)[0]


@dataclass(frozen=True)
class Taxonomy:
    """The machine-readable vocabulary (``corpus/taxonomy.yaml``).

    Ids are kept in file order: the file is the one place that orders them,
    and the trained model stores its labels in this order.
    """

    categories: tuple[str, ...]
    conditions: tuple[str, ...]
    artifacts: tuple[tuple[str, str], ...]  # (letter, id) in D, A, M, S order
    osd_compatible: frozenset[str]
    #: label id -> ((freedom, status), ...) as in the guiding mapping
    mapping: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label id a clause may carry: categories, then conditions."""
        return self.categories + self.conditions

    def is_category(self, label: str) -> bool:
        """True for a behavioural-use restriction category (as opposed to a condition)."""
        return label in self.categories


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # safe: plain data only
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}") from exc


def load_taxonomy(path: Path) -> Taxonomy:
    """Read ``taxonomy.yaml``: category and condition ids, artifacts, mapping."""
    data = _read_yaml(Path(path))
    try:
        categories = tuple(str(c["id"]) for c in data["categories"])
        conditions = tuple(str(c["id"]) for c in data["conditions"])
        osd = frozenset(str(c["id"]) for c in data["conditions"] if c.get("osd_compatible"))
        artifacts = tuple((str(a["letter"]), str(a["id"])) for a in data.get("artifacts", []))
        mapping = {
            str(label): tuple((str(e["freedom"]), str(e["status"])) for e in effects)
            for label, effects in (data.get("mapping") or {}).items()
        }
    except (TypeError, KeyError) as exc:
        raise CorpusError(f"{path} does not have the taxonomy layout: {exc!r}") from exc
    return Taxonomy(categories, conditions, artifacts, osd, mapping)


def _clean_labels(
    raw: Any, known: frozenset[str] | None, where: str, warnings: list[str]
) -> frozenset[str]:
    labels = frozenset(str(label) for label in (raw or []))
    if known is not None:
        unknown = sorted(labels - known)
        if unknown:
            warnings.append(f"{where}: unknown label(s) {', '.join(unknown)} dropped")
            labels = labels & known
    return labels


def _clean_value(raw: Any, labels: frozenset[str], where: str, warnings: list[str]) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        warnings.append(f"{where}: value {raw!r} is not a positive integer; ignored")
        return None
    if not labels & NUMERIC_LABELS:
        warnings.append(f"{where}: value given without a numeric label; ignored")
        return None
    return raw


def _clean_unit(raw: Any, value: int | None, where: str, warnings: list[str]) -> str | None:
    """What ``value`` counts: "users" unless the clause names a currency (three capitals, e.g. "USD")."""
    if value is None:
        if raw is not None:
            warnings.append(f"{where}: unit given without a value; ignored")
        return None
    if raw is None or raw == USERS:
        return USERS
    if is_currency_code(raw):
        return raw
    warnings.append(f"{where}: unit {raw!r} is neither 'users' nor a currency code; value ignored")
    return None


def _read_written(path: Path, known: frozenset[str] | None, warnings: list[str]) -> list[Example]:
    doc = _read_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("clauses"), list):
        warnings.append(f"written/{path.name}: no clauses list; file skipped")
        return []
    group = str(doc.get("group") or path.stem)
    examples = []
    for i, clause in enumerate(doc["clauses"]):
        where = f"written/{path.name}#{i}"
        text = clause.get("text") if isinstance(clause, dict) else None
        if not isinstance(text, str) or not text.strip():
            warnings.append(f"{where}: clause without text; skipped")
            continue
        labels = _clean_labels(clause.get("labels"), known, where, warnings)
        value = _clean_value(clause.get("value"), labels, where, warnings)
        unit = _clean_unit(clause.get("unit"), value, where, warnings)
        examples.append(Example(text, labels, value if unit else None, group, where, unit))
    return examples


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_annotated(
    path: Path,
    known: frozenset[str] | None,
    warnings: list[str],
    text_of: Callable[[str], str],
) -> list[Example]:
    doc = _read_yaml(path)
    if not isinstance(doc, dict) or not doc.get("key") or not isinstance(doc.get("clauses"), list):
        warnings.append(f"annotated/{path.name}: needs a key and a clauses list; file skipped")
        return []
    key = str(doc["key"])
    try:
        text = text_of(key)
    except LicenselensError as exc:
        warnings.append(f"annotated/{path.name}: {exc}; file skipped")
        return []
    expected = doc.get("text_sha256")
    if expected and expected != _sha256(text):
        # Spans may still be where they were; each one is checked below.
        warnings.append(f"annotated/{path.name}: text of {key!r} changed (text_sha256 differs)")
    # The README groups every version of a licence together; an annotation may
    # name that family, otherwise the key is the group.
    group = "annotated:" + str(doc.get("family") or key)
    examples = []
    for i, clause in enumerate(doc["clauses"]):
        where = f"annotated/{path.name}#{i}"
        try:
            start, end = int(clause["start"]), int(clause["end"])
            sha = str(clause["sha256"])
        except (TypeError, KeyError, ValueError):
            warnings.append(f"{where}: needs integer start, end and a sha256; skipped")
            continue
        if not 0 <= start < end <= len(text):
            warnings.append(f"{where}: span {start}-{end} outside the text of {key!r}; skipped")
            continue
        span = text[start:end]
        if _sha256(span) != sha:
            warnings.append(f"{where}: sha256 of {key!r}[{start}:{end}] does not match; skipped")
            continue
        labels = _clean_labels(clause.get("labels"), known, where, warnings)
        value = _clean_value(clause.get("value"), labels, where, warnings)
        unit = _clean_unit(clause.get("unit"), value, where, warnings)
        examples.append(Example(span, labels, value if unit else None, group, where, unit))
    return examples


def load_lexicon(path: Path) -> Lexicon:
    """Read ``lexicon.yaml``: concepts and the cue words that mention them.

    A cue in the wrong form is an error, not a warning: a cue that can never
    match would silently weaken the model.  Concepts and cues are sorted so
    the model trained from them does not depend on the file's order.
    """
    data = _read_yaml(Path(path))
    try:
        concepts = data["concepts"]
        out = []
        for name, entry in concepts.items():
            cues = tuple(sorted({str(c) for c in entry["cues"]}))
            bad = [c for c in cues if not CUE.fullmatch(c)]
            if not CONCEPT.fullmatch(str(name)) or bad or not cues:
                raise CorpusError(f"{path}: concept {name!r} has no cues or cues not in the form "
                                  f"'lower-case words[*]': {bad[:3]}")
            out.append((str(name), cues))
    except (TypeError, KeyError, AttributeError) as exc:
        raise CorpusError(f"{path} does not have the lexicon layout (concepts: NAME: cues: [...]): {exc!r}") from exc
    return tuple(sorted(out))


def load_corpus(
    root: Path,
    warnings: list[str] | None = None,
    *,
    text_of: Callable[[str], str] | None = None,
) -> list[Example]:
    """Every example of ``root/written/*.yaml`` and ``root/annotated/*.yaml``.

    Files are read in name order, clauses in document order, so the result is
    the same on every machine.  Labels are checked against
    ``root/taxonomy.yaml`` when it exists (unknown ones are dropped).
    Non-fatal problems are appended to ``warnings`` when a list is given.
    ``text_of(key)`` returns the licence text annotations point into; it
    defaults to :func:`licenselens.reference.licence_text` (tests pass their
    own).
    """
    root = Path(root)
    sink: list[str] = warnings if warnings is not None else []
    if not root.is_dir():
        raise CorpusError(f"corpus folder {root} does not exist")
    taxonomy_path = root / "taxonomy.yaml"
    known = frozenset(load_taxonomy(taxonomy_path).labels) if taxonomy_path.exists() else None
    if text_of is None:
        from .reference import licence_text as text_of
    examples: list[Example] = []
    for path in sorted((root / "written").glob("*.yaml")):
        examples.extend(_read_written(path, known, sink))
    for path in sorted((root / "annotated").glob("*.yaml")):
        examples.extend(_read_annotated(path, known, sink, text_of))
    return examples


# --------------------------------------------------------------------------- splits


def group_stratum(group: str) -> str:
    """The stratum a group is split within: ``r``/``c``/``n`` for written files, ``annotated``.

    Stratifying keeps restriction-, condition- and negative-heavy documents
    (and real texts) in every split, as the corpus README asks.
    """
    if group.startswith("annotated:"):
        return "annotated"
    head, sep, _ = group.partition("-")
    return head if sep else "other"


def _group_order(groups: Iterable[str], seed: int) -> list[str]:
    """Groups in a pseudo-random order fixed by ``seed`` and the names alone."""
    return sorted(set(groups), key=lambda g: (hashlib.sha256(f"{seed}:{g}".encode()).hexdigest(), g))


def _by_stratum(examples: Sequence[Example], seed: int) -> dict[str, list[str]]:
    strata: dict[str, list[str]] = {}
    for group in _group_order((e.group for e in examples), seed):
        strata.setdefault(group_stratum(group), []).append(group)
    return dict(sorted(strata.items()))


def split_by_group(
    examples: Sequence[Example], test_share: float, seed: int = 0
) -> tuple[list[Example], list[Example]]:
    """(train, test): whole groups go to one side, about ``test_share`` of each stratum to test.

    Deterministic: which groups are held out depends only on the group names
    and ``seed``, never on file order or the machine.  A stratum with at
    least two groups always keeps at least one group on each side.
    """
    if not 0.0 <= test_share <= 1.0:
        raise ValueError(f"test_share must be within [0, 1], not {test_share}")
    test_groups: set[str] = set()
    for groups in _by_stratum(examples, seed).values():
        n = round(len(groups) * test_share)
        if len(groups) >= 2 and 0.0 < test_share < 1.0:
            n = min(max(n, 1), len(groups) - 1)
        test_groups.update(groups[:n])
    train = [e for e in examples if e.group not in test_groups]
    test = [e for e in examples if e.group in test_groups]
    return train, test


def group_folds(examples: Sequence[Example], k: int, seed: int = 0) -> list[int]:
    """A fold number (0..k-1) per example, whole groups per fold, strata dealt round-robin.

    Used for out-of-fold predictions (threshold tuning) and cross-validation.
    """
    if k < 2:
        raise ValueError("k must be at least 2")
    fold_of: dict[str, int] = {}
    position = 0
    for groups in _by_stratum(examples, seed).values():
        for group in groups:
            fold_of[group] = position % k
            position += 1
    return [fold_of[e.group] for e in examples]
