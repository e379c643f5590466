"""SARIF 2.1.0 for code scanning: restrictions and unknown licences at their file and line.

CI systems (GitHub code scanning, GitLab, IDE viewers) show SARIF results as
alerts next to the code.  A scan becomes one run whose rules are the
licenselens vocabulary (every restriction category and condition of
taxonomy.md, plus ``unknown-licence``, ``not-osi``, ``conflict`` and
``file-error``); each finding is a result pointing at the file (relative to
the ``SRCROOT`` base, which ``originalUriBaseIds`` resolves to the scanned
root) and at the lines of the clause.

Levels say how much a finding needs a person: a conflict between what a
repository declares and what its licences say is an ``error``; a use
restriction, a condition the Open Source Definition does not allow
(non-commercial, user threshold, ...) or licence text nobody recognises is a
``warning``; a licence that is not OSI-approved and a file that could not be
read are ``note``s.  OSD-compatible conditions (attribution, copyleft, patent
retaliation) have rules but raise no alert: every open source licence has
them, and a clean MIT repository should scan clean.

``partialFingerprints`` hash what a finding *is* (path, rule, clause text),
not where it is, so alerts survive edits that move lines; a clause repeated in
one file is numbered so that both copies stay separate alerts.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from .text_format import amount, quote

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/licenselens/"
SRCROOT = "SRCROOT"
FINGERPRINT_KEY = "licenselens/v1"

#: Behavioural-use restriction categories (taxonomy.md), described for people reading alerts.
CATEGORY_DESCRIPTIONS: dict[str, str] = {
    "illegal-activity": "Forbids uses that break a law or regulation, or that serve crime in general.",
    "minors": "Forbids exploiting, endangering or sexualising children, and unlawfully supplying minors.",
    "disinformation": "Forbids producing or spreading false or misleading information, fraud, spam and fake engagement.",
    "ai-disclosure": "Forbids passing machine output off as human or hiding that content or an agent is machine-made.",
    "impersonation": "Forbids posing as a real person, deepfakes, and synthesising a likeness or voice without consent.",
    "harassment-defamation": "Forbids defaming, disparaging, harassing, bullying or threatening others.",
    "hateful-content": "Forbids content that promotes hatred, violence or abuse against people or groups.",
    "privacy": "Forbids producing or disclosing personal data, inferring sensitive information, tracking without consent.",
    "discrimination": "Forbids unfair treatment on protected characteristics, e.g. in jobs, credit, housing or services.",
    "vulnerable-groups": "Forbids exploiting age, disability or social or economic situation to distort behaviour.",
    "automated-decisions": "Forbids fully automated decisions that affect legal rights or binding obligations.",
    "medical": "Forbids medical advice, diagnosis, interpretation of results or clinical use without oversight.",
    "professional-practice": "Forbids practising law, finance, medicine or another regulated profession without qualification.",
    "law-enforcement": "Forbids use in justice, predictive policing, crime prediction, immigration or asylum decisions.",
    "surveillance": "Forbids monitoring or tracking people, biometric identification and military surveillance.",
    "military-weapons": "Forbids weapons, warfare, military applications and arms-control-regulated uses.",
    "violence-harm": "Forbids uses risking death or injury, terrorism, self-harm, illegal drugs, critical infrastructure.",
    "malware-security": "Forbids malicious code, cyberattacks, impairing systems and defeating security measures.",
    "ip-infringement": "Forbids infringing or misappropriating other people's intellectual property.",
    "academic-dishonesty": "Forbids handing in model output as one's own academic work.",
    "risk-disclosure": "Requires telling end users about known dangers or limitations of the system.",
    "other-use-restriction": "Forbids a use that none of the named categories covers; read the quoted clause.",
}

#: Conditions (taxonomy.md) that are not about a harmful use but still limit a freedom.
CONDITION_DESCRIPTIONS: dict[str, str] = {
    "restrictions-flow-down": "The use restrictions must be passed on to derivatives and downstream users.",
    "acceptable-use-policy": "A separate use policy, possibly changed by the licensor later, is part of the terms.",
    "non-commercial": "Commercial use is excluded, or use is limited to research, academic work or evaluation.",
    "user-threshold": "Rights end, or a separate licence is needed, above a user count or size threshold.",
    "commercial-registration": "Commercial use needs registration, approval or a separate agreement.",
    "no-improving-other-models": "Outputs or the artifact may not be used to train or improve other models.",
    "naming-attribution": "Required names, badges or notices beyond ordinary attribution.",
    "remote-control": "The licensor may restrict use remotely, or the latest version must be used.",
    "geographic": "Rights are withheld in some territories or from people domiciled there.",
    "no-distribution": "Redistribution is not granted.",
    "no-derivatives": "Modification and derivative works are not granted.",
    "field-of-use": "Use is limited to a named field or purpose other than research.",
    "no-hosting": "Offering the artifact to others as a hosted service or API needs a separate licence.",
    "attribution": "Copyright notices, licence text and attribution must be kept (OSD-compatible).",
    "copyleft": "Distributed derivatives must stay under the same terms (OSD-compatible).",
    "network-copyleft": "Share-alike that also applies when others use the work over a network (OSD-compatible).",
    "patent-retaliation": "The patent licence ends for a licensee who sues over patents (OSD-compatible).",
}

#: Conditions the Open Source Definition allows: described as rules, never raised as results.
OSD_COMPATIBLE_CONDITIONS = frozenset({"attribution", "copyleft", "network-copyleft", "patent-retaliation"})

_REPORT_RULES: dict[str, tuple[str, str, str, str]] = {
    # id: (name, short description, full description, help)
    "unknown-licence": (
        "UnknownLicence",
        "Licence-like text that matches no known licence",
        "The file holds text that reads like licence terms but matches no licence in the reference "
        "data well enough to name it (the closest known licences are given), or it is a licence "
        "file, card or package metadata that names no licence licenselens knows.",
        "Read the text yourself or ask its authors which licence it is; until then its terms are unknown.",
    ),
    "not-osi": (
        "NotOsiApproved",
        "A licence that is not OSI-approved",
        "The licence identified here is not on the OSI list of approved open source licences.",
        "Check that the licence's terms fit how you mean to use, change and share this work.",
    ),
    "conflict": (
        "LicenceConflict",
        "Declared licence contradicts the licence text",
        "What the repository declares (model card, package metadata, headers) disagrees with what "
        "the licence text of the same component says, e.g. a permissive id beside use restrictions.",
        "Find out which terms really apply and make the declarations agree with the licence text.",
    ),
    "file-error": (
        "FileError",
        "A file could not be analysed",
        "licenselens could not read or analyse this file (unreadable, binary, undecodable, vanished "
        "or malformed front matter), so its licence terms are missing from the scan.",
        "Fix the file or its permissions, or check its licence by hand.",
    ),
}


def describe_label(label: str) -> str:
    """What a restriction category or condition id means, in one sentence."""
    return (
        CATEGORY_DESCRIPTIONS.get(label)
        or CONDITION_DESCRIPTIONS.get(label)
        or f"A licence clause labelled {label!r}; read the quoted text."
    )


def _pascal(label: str) -> str:
    return "".join(part.capitalize() for part in label.split("-"))


def _clause_rule(label: str) -> dict[str, Any]:
    is_category = label not in CONDITION_DESCRIPTIONS
    kind = "use restriction" if is_category else "licence condition"
    level = "note" if label in OSD_COMPATIBLE_CONDITIONS else "warning"
    help_text = (
        "This use is forbidden by the licence: make sure your use stays outside the quoted clause; "
        "licences with use restrictions usually require you to pass them on."
        if is_category
        else "This condition limits what you may do with the work: read the quoted clause and "
        "check that your use, changes and distribution meet it."
    )
    return {
        "id": label,
        "name": _pascal(label),
        "shortDescription": {"text": f"{kind.capitalize()}: {label}"},
        "fullDescription": {"text": describe_label(label)},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["licence", "restriction" if is_category else "condition"]},
    }


def _report_rule(rule_id: str) -> dict[str, Any]:
    name, short, full, help_text = _REPORT_RULES[rule_id]
    level = {"conflict": "error", "unknown-licence": "warning"}.get(rule_id, "note")
    return {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["licence"]},
    }


def names_no_licence(result: dict) -> bool:
    """A licence-bearing file (not a source file) in which no licence was found at all:
    a model card saying ``license: other``, a LICENSE that is empty of terms ... Its
    terms are as unknown as unrecognised licence text (the scan counts it as unknown)."""
    return not (result.get("licenses") or result.get("unknown") or result.get("errors")) and (
        result.get("kind") not in (None, "source-header"))


def _labels_seen(results: Iterable[dict]) -> list[str]:
    """Category or condition ids in the data that the catalogue does not know yet."""
    known = CATEGORY_DESCRIPTIONS.keys() | CONDITION_DESCRIPTIONS.keys()
    seen: list[str] = []
    for result in results:
        labels = [r.get("category") for r in result.get("restrictions") or []]
        labels += [c.get("id") for c in result.get("conditions") or []]
        seen += [str(label) for label in labels if label and label not in known and label not in seen]
    return seen


def _rules(results: list[dict]) -> list[dict[str, Any]]:
    labels = [*CATEGORY_DESCRIPTIONS, *CONDITION_DESCRIPTIONS, *_labels_seen(results)]
    return [_clause_rule(label) for label in labels] + [_report_rule(r) for r in _REPORT_RULES]


def _identity(*parts: object) -> tuple[str, ...]:
    """What identifies a finding across runs (never its line): hashed into its fingerprint."""
    return tuple(str(p) for p in parts)


def _location(path: str, line: int | None = None, end_line: int | None = None) -> dict[str, Any]:
    uri = urllib.parse.quote(path, safe="/")  # a URI reference: spaces, '#', '%' ... escaped
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT}}
    if isinstance(line, int) and line >= 1:
        region = {"startLine": line}
        if isinstance(end_line, int) and end_line >= line:
            region["endLine"] = end_line
        physical["region"] = region
    return {"physicalLocation": physical}


class _Results:
    """Collects results, each tied to its rule by id and index."""

    def __init__(self, rules: list[dict[str, Any]]) -> None:
        self._index = {rule["id"]: i for i, rule in enumerate(rules)}
        self.items: list[dict[str, Any]] = []
        self._seen: Counter[tuple[str, ...]] = Counter()

    def add(
        self,
        rule_id: str,
        level: str,
        message: str,
        locations: list[dict[str, Any]],
        identity: tuple[str, ...],
        properties: dict[str, Any] | None = None,
        related: list[dict[str, Any]] | None = None,
    ) -> None:
        # the same clause twice in one file is two findings: number the repeats
        self._seen[identity] += 1
        parts = identity + ((str(self._seen[identity]),) if self._seen[identity] > 1 else ())
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
        result: dict[str, Any] = {
            "ruleId": rule_id,
            "ruleIndex": self._index[rule_id],
            "level": level,
            "message": {"text": message},
            "locations": locations,
            "partialFingerprints": {FINGERPRINT_KEY: digest[:32]},
        }
        if related:
            result["relatedLocations"] = related
        properties = {k: v for k, v in (properties or {}).items() if v is not None}
        if properties:
            result["properties"] = properties
        self.items.append(result)


def _file_results(out: _Results, result: dict) -> None:
    path = str(result.get("path") or "")
    for r in result.get("restrictions") or []:
        category = str(r.get("category"))
        out.add(
            category,
            "warning",
            f"{path} restricts use ({category}): {quote(r.get('text', ''), 200)}",
            [_location(path, r.get("line"), r.get("end_line"))],
            _identity(path, category, " ".join(str(r.get("text", "")).split())),
            {"category": category, "score": r.get("score")},
        )
    for c in result.get("conditions") or []:
        label = str(c.get("id"))
        if label in OSD_COMPATIBLE_CONDITIONS:
            continue
        value = c.get("value")
        shown = amount(value, c.get("unit"))
        properties: dict[str, Any] = {"condition": label, "score": c.get("score")}
        if value is not None:
            properties["value"] = value
            if c.get("unit"):
                properties["unit"] = c["unit"]
        out.add(
            label,
            "warning",
            f"{path} sets a condition ({label}{shown}): {quote(c.get('text', ''), 200)}",
            [_location(path, c.get("line"), c.get("end_line"))],
            _identity(path, label, " ".join(str(c.get("text", "")).split())),
            properties,
        )
    for u in result.get("unknown") or []:
        closest = u.get("closest") or []
        hint = ", ".join(f"{c.get('id')} ({float(c.get('similarity') or 0):.0%})" for c in closest)
        out.add(
            "unknown-licence",
            "warning",
            f"{path} holds licence text that matches no known licence; closest: {hint or 'nothing close'}",
            [_location(path, u.get("line"), u.get("end_line"))],
            _identity(path, "unknown-licence", *(c.get("id") for c in closest)),
            {"closest": [c.get("id") for c in closest]},
        )
    if names_no_licence(result):
        declared = [d for d in result.get("declared") or [] if d.get("value")]
        said = ", ".join(repr(str(d["value"])) for d in declared)
        out.add(
            "unknown-licence",
            "warning",
            f"{path} names no licence that licenselens knows" + (f" (it declares {said})" if said else ""),
            [_location(path, declared[0].get("line") if declared else None)],
            _identity(path, "unknown-licence", "no licence named", said),
        )
    for m in result.get("licenses") or []:
        if m.get("is_exception") or m.get("osi_approved"):
            continue
        out.add(
            "not-osi",
            "note",
            f"{path}: {m.get('id')} ({m.get('name')}) is not an OSI-approved licence",
            [_location(path, m.get("line"), m.get("end_line"))],
            _identity(path, "not-osi", m.get("id")),
            {"licence": m.get("id")},
        )
    for error in result.get("errors") or []:
        out.add(
            "file-error",
            "note",
            f"{path} was not analysed: {error}",
            [_location(path)],
            _identity(path, "file-error", error),
        )


def _declared_line(results_by_path: dict[str, dict], path: str) -> int | None:
    """Where a file declares its licence: the line a conflict should point at."""
    for declared in results_by_path.get(path, {}).get("declared") or []:
        if isinstance(declared.get("line"), int):
            return declared["line"]
    return None


def _conflict_results(out: _Results, conflicts: list[dict], results_by_path: dict[str, dict]) -> None:
    for conflict in conflicts:
        paths = [str(p) for p in conflict.get("paths") or []]
        locations = [_location(p, _declared_line(results_by_path, p)) for p in paths]
        for location, p in zip(locations[1:], paths[1:]):
            location["message"] = {"text": f"{p} takes part in the conflict"}
        out.add(
            "conflict",
            "error",
            str(conflict.get("message") or "declared licences disagree"),
            locations[:1],
            _identity("conflict", conflict.get("component"), conflict.get("message"), *paths),
            {"component": conflict.get("component")},
            related=locations[1:],
        )


def _root_uri(root: str) -> str:
    uri = Path(root or ".").absolute().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def build_sarif(data: dict) -> dict[str, Any]:
    """The SARIF log (a dict) for one scan report (``ScanReport.to_dict()``)."""
    results = list(data.get("results") or [])
    summary = data.get("summary") or {}
    rules = _rules(results)
    out = _Results(rules)
    for result in results:
        _file_results(out, result)
    by_path = {str(r.get("path")): r for r in results}
    _conflict_results(out, list(summary.get("conflicts") or []), by_path)
    version = str(data.get("licenselens") or "")
    driver: dict[str, Any] = {
        "name": "licenselens",
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    if version:
        driver["version"] = version
        driver["semanticVersion"] = version
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": _root_uri(str(data.get("root") or "."))}},
                "columnKind": "unicodeCodePoints",
                "results": out.items,
                "properties": {"summary": {k: v for k, v in summary.items() if k != "components"}},
            }
        ],
    }


def render_scan(data: dict) -> str:
    """SARIF 2.1.0 JSON text for one scan report."""
    return json.dumps(build_sarif(data), indent=2, ensure_ascii=False) + "\n"
