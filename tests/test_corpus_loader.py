"""The corpus loader: written and annotated files, hash checks, group splits."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from licenselens.corpus import (
    CorpusError,
    Example,
    group_folds,
    load_corpus,
    load_taxonomy,
    split_by_group,
)

TAXONOMY = """\
artifacts:
  - {letter: M, id: model, description: weights}
categories:
  - {id: military-weapons, description: weapons}
  - {id: medical, description: medicine}
conditions:
  - {id: user-threshold, description: users, osd_compatible: false}
  - {id: attribution, description: notices, osd_compatible: true}
mapping:
  military-weapons: [{freedom: use, status: restricted}]
  attribution: [{freedom: share, status: conditional}]
"""

# A licence text of our own for the annotated files to point into.
LICENCE = "Tiny Licence.\nYou may not use the Thing to build weapons.\nKeep this notice.\n"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _span(sub: str) -> tuple[int, int]:
    start = LICENCE.index(sub)
    return start, start + len(sub)


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    _write(tmp_path, "taxonomy.yaml", TAXONOMY)
    _write(
        tmp_path,
        "written/r-one.yaml",
        """\
        group: r-one
        kind: rail-licence
        style: test
        clauses:
          - text: "Do not build weapons with it."
            labels: [military-weapons]
          - text: "Above 700 million monthly active users you need another licence."
            labels: [user-threshold]
            value: 700000000
          - text: "This is a heading"
            labels: []
          - text: "Made-up label here"
            labels: [not-a-label, medical]
        """,
    )
    _write(
        tmp_path,
        "written/n-two.yaml",
        """\
        group: n-two
        kind: permissive
        style: test
        clauses:
          - text: "Keep the copyright notice."
            labels: [attribution]
        """,
    )
    a_start, a_end = _span("You may not use the Thing to build weapons.")
    b_start, b_end = _span("Keep this notice.")
    _write(
        tmp_path,
        "annotated/tiny-1.0.yaml",
        f"""\
        key: tiny-1.0
        source: test
        kind: rail-licence
        text_sha256: {_sha(LICENCE)}
        artifacts: [model]
        rail_name: RAIL-M
        freedoms: {{use: restricted, study: granted, modify: granted, share: granted}}
        clauses:
          - {{start: {a_start}, end: {a_end}, sha256: {_sha(LICENCE[a_start:a_end])}, labels: [military-weapons]}}
          - {{start: {b_start}, end: {b_end}, sha256: {"0" * 64}, labels: [attribution]}}
          - {{start: 0, end: 12, sha256: {_sha(LICENCE[0:12])}, labels: []}}
        """,
    )
    return tmp_path


def _text_of(key: str) -> str:
    assert key == "tiny-1.0"
    return LICENCE


def test_taxonomy_ids_and_mapping(corpus: Path) -> None:
    tax = load_taxonomy(corpus / "taxonomy.yaml")
    assert tax.categories == ("military-weapons", "medical")
    assert tax.conditions == ("user-threshold", "attribution")
    assert tax.labels == tax.categories + tax.conditions
    assert tax.artifacts == (("M", "model"),)
    assert tax.osd_compatible == frozenset({"attribution"})
    assert tax.mapping["attribution"] == (("share", "conditional"),)
    assert tax.is_category("medical") and not tax.is_category("attribution")


def test_the_real_taxonomy_loads() -> None:
    tax = load_taxonomy(Path(__file__).resolve().parent.parent / "corpus" / "taxonomy.yaml")
    assert len(tax.categories) >= 22 and "military-weapons" in tax.categories
    assert "user-threshold" in tax.conditions


def test_written_and_annotated(corpus: Path) -> None:
    warnings: list[str] = []
    examples = load_corpus(corpus, warnings, text_of=_text_of)
    written = [e for e in examples if e.origin == "written"]
    annotated = [e for e in examples if e.origin == "annotated"]
    # files in name order (n-two before r-one), clauses in document order
    assert [e.group for e in written] == ["n-two"] + ["r-one"] * 4
    assert written[1] == Example(
        "Do not build weapons with it.", frozenset({"military-weapons"}), None, "r-one", "written/r-one.yaml#0"
    )
    assert written[2].value == 700_000_000 and written[2].labels == {"user-threshold"}
    assert written[3].labels == frozenset()
    # the unknown label is dropped, with a warning
    assert written[4].labels == {"medical"}
    assert any("not-a-label" in w for w in warnings)
    # annotated spans carry the licence's own text, grouped by key
    assert [e.text for e in annotated] == ["You may not use the Thing to build weapons.", "Tiny Licence"]
    assert {e.group for e in annotated} == {"annotated:tiny-1.0"}
    assert annotated[0].labels == {"military-weapons"}


def test_sha_mismatch_is_skipped_with_a_warning(corpus: Path) -> None:
    warnings: list[str] = []
    examples = load_corpus(corpus, warnings, text_of=_text_of)
    assert "Keep this notice." not in [e.text for e in examples]
    assert any("annotated/tiny-1.0.yaml#1" in w and "sha256" in w for w in warnings)


def test_changed_text_warns_and_checks_each_span(corpus: Path) -> None:
    warnings: list[str] = []
    moved = "Preface.\n" + LICENCE
    examples = load_corpus(corpus, warnings, text_of=lambda key: moved)
    assert any("text_sha256" in w for w in warnings)
    # every span now points at other characters: all skipped, none mislabelled
    assert not [e for e in examples if e.origin == "annotated"]


def test_missing_licence_text_skips_the_file(corpus: Path) -> None:
    from licenselens.errors import ReferenceDataError

    def missing(key: str) -> str:
        raise ReferenceDataError(f"no licence {key!r}")

    warnings: list[str] = []
    examples = load_corpus(corpus, warnings, text_of=missing)
    assert all(e.origin == "written" for e in examples)
    assert any("tiny-1.0" in w for w in warnings)


def test_missing_corpus_is_a_domain_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError):
        load_corpus(tmp_path / "nowhere")


def test_bad_yaml_is_a_domain_error(corpus: Path) -> None:
    _write(corpus, "written/x-bad.yaml", "clauses: [unclosed\n")
    with pytest.raises(CorpusError, match="x-bad.yaml"):
        load_corpus(corpus, text_of=_text_of)


def _many_groups() -> list[Example]:
    examples = []
    for prefix in ("r", "c", "n", "annotated:"):
        for g in range(7):
            group = f"{prefix}{g}" if prefix.endswith(":") else f"{prefix}-doc-{g:02d}"
            for i in range(3):
                examples.append(Example(f"{group} clause {i}", frozenset(), None, group, f"written/{group}#{i}"))
    return examples


def test_split_never_splits_a_group_and_keeps_every_stratum() -> None:
    examples = _many_groups()
    train, test = split_by_group(examples, 0.3, seed=0)
    assert len(train) + len(test) == len(examples)
    train_groups, test_groups = {e.group for e in train}, {e.group for e in test}
    assert not train_groups & test_groups
    for prefix in ("r-", "c-", "n-", "annotated:"):
        assert any(g.startswith(prefix) for g in test_groups)
        assert any(g.startswith(prefix) for g in train_groups)


def test_split_is_deterministic_and_seeded() -> None:
    examples = _many_groups()
    first = split_by_group(examples, 0.3, seed=0)
    assert split_by_group(list(reversed(examples)), 0.3, seed=0)[1] != []
    assert {e.group for e in split_by_group(list(reversed(examples)), 0.3, seed=0)[1]} == {
        e.group for e in first[1]
    }
    assert split_by_group(examples, 0.3, seed=0) == first
    assert {e.group for e in split_by_group(examples, 0.3, seed=1)[1]} != {e.group for e in first[1]}


def test_group_folds_keep_groups_whole() -> None:
    examples = _many_groups()
    folds = group_folds(examples, 5, seed=0)
    assert set(folds) == set(range(5))
    fold_of: dict[str, int] = {}
    for e, f in zip(examples, folds):
        assert fold_of.setdefault(e.group, f) == f
    assert group_folds(examples, 5, seed=0) == folds
