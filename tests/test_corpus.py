"""Specification tests for the clause-classifier corpus (corpus/).

They check corpus/taxonomy.yaml against the stable ids of design/taxonomy.md and every
hand-written group file corpus/written/*.yaml against the format in corpus/README.md.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
WRITTEN = CORPUS / "written"

# Stable ids (taxonomy.md): ids may be added, never renamed or removed.
CATEGORY_IDS = [
    "illegal-activity", "minors", "disinformation", "ai-disclosure", "impersonation",
    "harassment-defamation", "hateful-content", "privacy", "discrimination",
    "vulnerable-groups", "automated-decisions", "medical", "professional-practice",
    "law-enforcement", "surveillance", "military-weapons", "violence-harm",
    "malware-security", "ip-infringement", "academic-dishonesty", "risk-disclosure",
    "other-use-restriction",
]
CONDITION_IDS = [
    "restrictions-flow-down", "acceptable-use-policy", "non-commercial", "user-threshold",
    "commercial-registration", "no-improving-other-models", "naming-attribution",
    "remote-control", "geographic", "no-distribution", "no-derivatives", "field-of-use",
    "no-hosting", "attribution", "copyleft", "network-copyleft", "patent-retaliation",
]
OSD_COMPATIBLE = {"attribution", "copyleft", "network-copyleft", "patent-retaliation"}
ARTIFACTS = {"D": "data", "A": "application", "M": "model", "S": "source"}
FREEDOMS = {"use", "study", "modify", "share"}
STATUSES = {"granted", "conditional", "restricted", "not-granted", "unknown"}
KINDS = {
    "rail-licence", "acceptable-use-policy", "research-licence", "community-licence",
    "permissive", "copyleft", "proprietary-eula", "data-licence", "terms-of-service",
}
NUMERIC_CONDITIONS = {"user-threshold"}
CLAUSE_KEYS = {"text", "labels", "value", "unit"}
MIN_CLAUSES, MAX_CLAUSES = 20, 60
MIN_POSITIVES = 20


def _load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


TAXONOMY = _load(CORPUS / "taxonomy.yaml")
GROUP_FILES = sorted(WRITTEN.glob("*.yaml"))
GROUPS = {p: _load(p) for p in GROUP_FILES}


def _ids(key: str) -> list[str]:
    return [entry["id"] for entry in TAXONOMY[key]]


KNOWN_LABELS = set(_ids("categories")) | set(_ids("conditions"))


def _clauses():
    for path, doc in GROUPS.items():
        for i, clause in enumerate((doc or {}).get("clauses") or []):
            yield path, i, clause


# ---------------------------------------------------------------- taxonomy.yaml

def test_taxonomy_has_all_sections():
    for key in ("artifacts", "categories", "conditions", "freedom_statuses", "freedoms", "mapping"):
        assert key in TAXONOMY, key


def test_artifacts_are_the_rail_letters():
    got = {a["letter"]: a["id"] for a in TAXONOMY["artifacts"]}
    assert got == ARTIFACTS
    assert [a["letter"] for a in TAXONOMY["artifacts"]] == ["D", "A", "M", "S"]
    assert all(a.get("description") for a in TAXONOMY["artifacts"])


def test_category_ids_are_stable():
    ids = _ids("categories")
    assert len(ids) == len(set(ids))
    missing = [i for i in CATEGORY_IDS if i not in ids]
    assert not missing, f"category ids missing or renamed: {missing}"
    assert all(c.get("description") for c in TAXONOMY["categories"])


def test_condition_ids_are_stable_and_osd_flags():
    ids = _ids("conditions")
    assert len(ids) == len(set(ids))
    missing = [i for i in CONDITION_IDS if i not in ids]
    assert not missing, f"condition ids missing or renamed: {missing}"
    for cond in TAXONOMY["conditions"]:
        assert cond.get("description"), cond["id"]
        assert isinstance(cond.get("osd_compatible"), bool), cond["id"]
        if cond["id"] in CONDITION_IDS:
            assert cond["osd_compatible"] == (cond["id"] in OSD_COMPATIBLE), cond["id"]


def test_categories_and_conditions_do_not_share_ids():
    assert not set(_ids("categories")) & set(_ids("conditions"))


def test_ids_are_lowercase_hyphenated():
    for ident in KNOWN_LABELS | {a["id"] for a in TAXONOMY["artifacts"]} | set(_ids("freedom_statuses")):
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", ident), ident


def test_freedoms_and_statuses():
    assert set(TAXONOMY["freedoms"]) == FREEDOMS
    assert all(TAXONOMY["freedoms"].values())
    assert set(_ids("freedom_statuses")) == STATUSES


def test_mapping_covers_every_id_and_nothing_else():
    mapping = TAXONOMY["mapping"]
    assert set(mapping) == KNOWN_LABELS
    for ident, effects in mapping.items():
        assert effects, ident
        for effect in effects:
            assert set(effect) == {"freedom", "status"}, ident
            assert effect["freedom"] in FREEDOMS, ident
            assert effect["status"] in STATUSES, ident


def test_mapping_follows_the_guiding_rules():
    mapping = {k: {(e["freedom"], e["status"]) for e in v} for k, v in TAXONOMY["mapping"].items()}
    for cat in _ids("categories"):
        assert ("use", "restricted") in mapping[cat], cat
    for cond in ("non-commercial", "user-threshold", "commercial-registration", "field-of-use",
                 "geographic", "remote-control", "acceptable-use-policy", "no-hosting"):
        assert ("use", "restricted") in mapping[cond], cond
    assert ("modify", "not-granted") in mapping["no-derivatives"]
    assert ("modify", "restricted") in mapping["no-improving-other-models"]
    assert ("modify", "restricted") in mapping["naming-attribution"]
    assert ("share", "not-granted") in mapping["no-distribution"]
    for cond in ("restrictions-flow-down", "naming-attribution", "no-hosting"):
        assert ("share", "restricted") in mapping[cond], cond
    for cond in OSD_COMPATIBLE:
        assert {s for _, s in mapping[cond]} == {"conditional"}, cond
    # an OSD-compatible condition never makes a freedom restricted or not-granted, and only they are conditional
    osd = {c["id"] for c in TAXONOMY["conditions"] if c["osd_compatible"]}
    for ident, effects in mapping.items():
        if any(s == "conditional" for _, s in effects):
            assert ident in osd, ident


# ---------------------------------------------------------------- corpus/written/*.yaml

def test_there_are_group_files():
    assert GROUP_FILES, "no corpus/written/*.yaml files"


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: p.name)
def test_group_file_shape(path):
    doc = GROUPS[path]
    assert isinstance(doc, dict), "top level must be a mapping"
    assert set(doc) <= {"group", "kind", "style", "clauses"}, set(doc)
    assert doc.get("group") == path.stem
    assert re.fullmatch(r"[rcn]-[a-z0-9]+(-[a-z0-9]+)*", path.stem), "group name: r-/c-/n- prefix, lowercase"
    assert doc.get("kind") in KINDS, doc.get("kind")
    assert isinstance(doc.get("style"), str) and doc["style"].strip()
    clauses = doc.get("clauses")
    assert isinstance(clauses, list) and clauses, "clauses must be a non-empty list"
    assert MIN_CLAUSES <= len(clauses) <= MAX_CLAUSES, len(clauses)


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: p.name)
def test_clauses_are_well_formed(path):
    for i, clause in enumerate(GROUPS[path]["clauses"]):
        where = f"{path.name} clause {i}"
        assert isinstance(clause, dict), where
        assert set(clause) <= CLAUSE_KEYS, f"{where}: unknown keys {set(clause) - CLAUSE_KEYS}"
        assert isinstance(clause.get("text"), str) and clause["text"].strip(), where
        labels = clause.get("labels")
        assert isinstance(labels, list), f"{where}: labels must be a list ([] for a negative)"
        assert len(labels) == len(set(labels)), f"{where}: repeated label"
        unknown = [lab for lab in labels if lab not in KNOWN_LABELS]
        assert not unknown, f"{where}: unknown labels {unknown}"


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: p.name)
def test_value_only_with_numeric_conditions(path):
    for i, clause in enumerate(GROUPS[path]["clauses"]):
        if "value" not in clause:
            continue
        where = f"{path.name} clause {i}"
        assert NUMERIC_CONDITIONS & set(clause["labels"]), f"{where}: value without a numeric condition"
        value = clause["value"]
        assert isinstance(value, int) and not isinstance(value, bool) and value > 0, f"{where}: {value!r}"


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: p.name)
def test_a_unit_says_what_a_value_counts(path):
    for i, clause in enumerate(GROUPS[path]["clauses"]):
        if "unit" in clause:
            unit = clause["unit"]
            assert "value" in clause, f"{path.name} clause {i}: unit without a value"
            assert unit == "users" or (isinstance(unit, str) and len(unit) == 3 and unit.isupper()), unit


def test_groups_are_unique():
    groups = Counter(doc.get("group") for doc in GROUPS.values())
    assert not [g for g, n in groups.items() if n > 1]


def test_no_duplicate_clause_text_across_corpus():
    seen: dict[str, str] = {}
    dups = []
    for path, i, clause in _clauses():
        key = _norm(clause.get("text", ""))
        where = f"{path.name}#{i}"
        if key in seen:
            dups.append(f"{seen[key]} == {where}: {clause['text'][:60]!r}")
        else:
            seen[key] = where
    assert not dups, "\n".join(dups)


def _positive_counts() -> Counter:
    counts: Counter = Counter()
    for _, _, clause in _clauses():
        counts.update(set(clause.get("labels") or []))
    return counts


@pytest.mark.parametrize("label", CATEGORY_IDS + CONDITION_IDS)
def test_enough_positives_per_label(label):
    got = _positive_counts()[label]
    assert got >= MIN_POSITIVES, f"{label}: {got} positive clauses, need {MIN_POSITIVES}"
