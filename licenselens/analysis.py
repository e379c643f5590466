"""Clause analysis: what a licence forbids and demands, and what that means
for the freedoms to use, study, modify and share.

The pipeline (architecture.md): identify -> clauses -> classify -> rail ->
freedoms -> Report.  Every licence goes through the same clause analysis,
whatever it was identified as: MIT, GPL-3.0, OpenRAIL-M or a text never
seen before are all read clause by clause.  Identification only adds facts
about a known licence (the SPDX id, the OSI flag).
"""

from __future__ import annotations

import os

from . import ingest, rail
from .classify import ClauseClassifier, is_title, load_default, withholds
from .clauses import Clause, lead_in, segment
from .errors import InputError
from .freedoms import Finding, assess
from .identify import identify_document
from .report import Condition, Report, Restriction

#: Clause kinds that can state a restriction or a condition (headings and
#: definitions name things; they do not forbid or demand anything).
ACTIVE_KINDS = frozenset({"sentence", "item"})
#: Conditions that withhold a right: an item that spells out a grant ("to use
#: it ... also to provide services to third parties,") has one only when it
#: denies something (:func:`~licenselens.clause_rules.withholds`); the
#: classifier already asks this of no-distribution and no-derivatives
#: everywhere.  A limit of the whole licence inside a grant list ("for
#: non-commercial purposes") stays.
RIGHTS_WITHHELD = frozenset({"no-hosting", "no-distribution", "no-derivatives"})


def analyze(text: str, path: str | None = None) -> Report:
    """Analyse a licence text (already decoded)."""
    try:
        document = ingest.from_text(text, path)
    except InputError as exc:
        return Report(path=path, expression=None, errors=[str(exc)])
    return analyze_document(document)


def analyze_file(path: str | os.PathLike) -> Report:
    """Analyse a file; unreadable input becomes an ``errors`` entry."""
    try:
        document = ingest.read_path(path)
    except InputError as exc:
        return Report(path=os.fspath(path), expression=None, errors=[str(exc)])
    return analyze_document(document)


def analyze_document(document: "ingest.Document", model: "ClauseClassifier | None" = None) -> Report:
    """Analyse a decoded document; ``model`` defaults to the shipped clause model
    (the clause benchmark passes models trained without the licence at hand)."""
    identification = identify_document(document)
    clauses = segment(document.match_text)
    terms = rail.defined_terms(clauses)
    found_grants = rail.grants(clauses, terms)
    # items that list what a grant gives are rights, never restrictions
    rights = {id(clauses[i]) for i in rail.listed_rights(clauses, found_grants, withholds)}
    rights |= {id(clauses[i]) for i in rail.preserved_rights(clauses)}
    # ... and items that spell out what a defined term includes define it
    rights |= {id(clauses[i]) for i in rail.defined_items(clauses)}
    active = [c for c in clauses if c.kind in ACTIVE_KINDS and not is_title(c.text)]
    model = model or load_default()
    restrictions: list[Restriction] = []
    conditions: list[Condition] = []
    findings: list[Finding] = []
    texts = [_plain(c) for c in active]
    items = [c.kind == "item" for c in active]
    sections = [c.section for c in active]
    lead_ins = [lead_in(clauses, c) for c in active]
    predictions = model.classify(texts, items, sections, lead_ins) if texts else []
    for clause, text, prediction in zip(active, texts, predictions):
        for label, score in prediction.labels:
            if id(clause) in rights and (label in model.categories
                                         or (label in RIGHTS_WITHHELD and not withholds(text))):
                continue
            if label in model.categories:
                restrictions.append(Restriction(label, text, clause.start, clause.end, round(score, 3)))
                findings.append(Finding("restriction", label, text, clause.start, clause.end))
            else:
                number = prediction.threshold if label == "user-threshold" else None
                conditions.append(Condition(label, text, clause.start, clause.end, round(score, 3),
                                            *((number.value, number.unit) if number else ())))
                findings.append(Finding("condition", label, text, clause.start, clause.end))
    granted = rail.artifacts(found_grants)
    # terms of service grant nothing but still govern something (a service, a dataset)
    artifacts = granted or rail.governed_artifacts(clauses, terms)
    condition_ids = {c.id for c in conditions}
    report = Report(
        path=identification.path,
        expression=identification.expression,
        licenses=identification.licenses,
        unknown=identification.unknown,
        errors=identification.errors,
        artifacts=artifacts,
        rail_name=rail.rail_name(granted, found_grants, {r.category for r in restrictions}, condition_ids),
        restrictions=restrictions,
        conditions=conditions,
        freedoms=assess(findings, found_grants),
    )
    return report


def _plain(clause: Clause) -> str:
    """The clause's words with white space folded (evidence reads as one line)."""
    return " ".join(clause.text.split())
