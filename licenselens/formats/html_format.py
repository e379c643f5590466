"""A self-contained HTML report of a repository scan, for people.

One file that opens anywhere and prints well: inline CSS, no external asset, no
network (a Content-Security-Policy forbids it), readable without JavaScript
(a few lines of inline script only add a file filter and open the evidence
before printing).  The template (``templates/report/scan.html.j2``, shipped as
``licenselens.templates``) is rendered with autoescaping on, so licence text,
which is untrusted input, can never become markup.

This module turns the scan dict (``ScanReport.to_dict()``) into a view the
template can walk without guarding every key: files that could not be read
come with little more than their errors, and the template should not care.
"""

from __future__ import annotations

import functools
import importlib.resources
from typing import Any

import jinja2

from .sarif_format import CONDITION_DESCRIPTIONS, OSD_COMPATIBLE_CONDITIONS, describe_label, names_no_licence

TEMPLATE = "scan.html.j2"
FREEDOMS: dict[str, str] = {
    "use": "Use it for any purpose without asking permission.",
    "study": "Find out how it works, with access to the form preferred for changes.",
    "modify": "Change it for any purpose, including what it produces.",
    "share": "Pass it on to others, changed or not, for any purpose.",
}
#: status -> (symbol shown beside the word, what it means); the order is the legend's.
STATUSES: dict[str, tuple[str, str]] = {
    "granted": ("\u2713", "granted with no condition"),
    "conditional": ("\u2713", "granted under conditions the Open Source Definition allows (attribution, copyleft, patent retaliation)"),
    "restricted": ("!", "granted, but not for any purpose: a use restriction or non-OSD condition applies"),
    "not-granted": ("\u2715", "not granted by the licence"),
    "unknown": ("?", "the licence text does not say enough to decide"),
}
COMPONENT_ORDER = ("code", "model", "data", "docs")
#: Conditions that limit a freedom beyond what open source licences ask: findings, like restrictions.
LIMITING_CONDITIONS = frozenset(CONDITION_DESCRIPTIONS) - OSD_COMPATIBLE_CONDITIONS


def _load_template(name: str) -> str:
    return (importlib.resources.files("licenselens.templates") / "report" / name).read_text(encoding="utf-8")


def _location(path: str, line: Any = None, end_line: Any = None) -> str:
    """``path:12`` or ``path:12–14``; the bare path when the line is not known."""
    if not isinstance(line, int):
        return path
    if isinstance(end_line, int) and end_line > line:
        return f"{path}:{line}\u2013{end_line}"
    return f"{path}:{line}"


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:,}" if float(value).is_integer() else f"{value:,.2f}"


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.globals["location"] = _location
    env.globals["describe"] = describe_label
    return env


def _status(raw: Any) -> str:
    return raw if raw in STATUSES else "unknown"


def _evidence_source(evidence: dict, default_path: str | None) -> str:
    """Where a deciding clause comes from: a scanned file and line, or the reference text
    of a licence that a file only names (a notice, a header, a model card's id)."""
    path = evidence.get("path") or (None if evidence.get("reference") else default_path)
    if path:
        return _location(str(path), evidence.get("line"), evidence.get("end_line"))
    return f"reference text of {evidence.get('reference') or 'the named licence'}"


def _freedom_cells(freedoms: Any, default_path: str | None = None) -> list[dict[str, Any]]:
    """The four freedoms in fixed order, each with a known status and its evidence."""
    freedoms = freedoms if isinstance(freedoms, dict) else {}
    cells = []
    for name in FREEDOMS:
        entry = freedoms.get(name) or {}
        evidence = [{"text": str(e.get("text") or ""), "where": _evidence_source(e, default_path)}
                    for e in entry.get("evidence") or []]
        cells.append({"name": name, "status": _status(entry.get("status")), "evidence": evidence})
    return cells


def _components(summary: dict) -> list[dict[str, Any]]:
    raw = summary.get("components") or {}
    names = [c for c in COMPONENT_ORDER if c in raw] + sorted(c for c in raw if c not in COMPONENT_ORDER)
    return [
        {
            "name": name,
            "expression": raw[name].get("expression"),
            "declared": list(raw[name].get("declared") or []),
            "osi_approved": bool(raw[name].get("osi_approved")),
            "osaid_compatible": bool(raw[name].get("osaid_compatible")),
            "rail_name": raw[name].get("rail_name"),
            "restrictions": raw[name].get("restrictions") or 0,
            "conditions": list(raw[name].get("conditions") or []),
            "freedoms": _freedom_cells(raw[name].get("freedoms")),
            "files": list(raw[name].get("files") or []),
        }
        for name in names
    ]


def _clauses(restrictions: list[dict]) -> list[dict[str, Any]]:
    """Restrictions grouped by clause: one clause often forbids several kinds of use
    ("to exploit or harm children" is both minors and violence-harm), and quoting it
    once with all its categories reads better than quoting it three times."""
    clauses: dict[tuple, dict[str, Any]] = {}
    for r in restrictions:
        key = (r.get("start"), r.get("end"), r.get("text"))
        clause = clauses.setdefault(key, {"text": str(r.get("text") or ""), "line": r.get("line"),
                                          "end_line": r.get("end_line"), "categories": []})
        clause["categories"].append({"id": str(r.get("category")), "score": r.get("score")})
    return list(clauses.values())


def _file(index: int, result: dict) -> dict[str, Any]:
    path = str(result.get("path") or "")
    view = {
        "anchor": f"file-{index}",
        "path": path,
        "kind": result.get("kind") or "file",
        "components": list(result.get("components") or []),
        "expression": result.get("expression"),
        "osi_approved": bool(result.get("osi_approved")),
        "osaid_compatible": result.get("osaid_compatible"),
        "rail_name": result.get("rail_name"),
        "licenses": list(result.get("licenses") or []),
        "declared": list(result.get("declared") or []),
        "restrictions": list(result.get("restrictions") or []),
        "clauses": _clauses(list(result.get("restrictions") or [])),
        "conditions": list(result.get("conditions") or []),
        "unknown": list(result.get("unknown") or []),
        "errors": [str(e) for e in result.get("errors") or []],
        "freedoms": _freedom_cells(result.get("freedoms"), path) if result.get("freedoms") else [],
        "sha256": result.get("sha256"),
    }
    view["unnamed"] = names_no_licence(result)
    view["findings"] = bool(view["restrictions"] or view["unknown"] or view["errors"] or view["unnamed"]) or any(
        c.get("id") in LIMITING_CONDITIONS for c in view["conditions"]
    )
    return view


def scan_view(data: dict) -> dict[str, Any]:
    """What the template shows, with every optional key filled in."""
    summary = dict(data.get("summary") or {})
    files = [_file(i, r) for i, r in enumerate(data.get("results") or [])]
    return {
        "version": str(data.get("licenselens") or ""),
        "root": str(data.get("root") or "."),
        "summary": {
            "files_seen": summary.get("files_seen", 0),
            "licence_files": summary.get("licence_files", len(files)),
            "errors": summary.get("errors", sum(1 for f in files if f["errors"])),
            "expression": summary.get("expression"),
            "osi_approved": bool(summary.get("osi_approved")),
            "osaid_compatible": bool(summary.get("osaid_compatible")),
            "restricted_use": bool(summary.get("restricted_use")),
            "unknown": summary.get("unknown", sum(1 for f in files if f["unknown"])),
        },
        "components": _components(summary),
        "conflicts": list(summary.get("conflicts") or []),
        "violations": [str(v) for v in summary.get("violations") or []],
        "files": files,
        "anchors": {f["path"]: f["anchor"] for f in files},
        "freedom_names": FREEDOMS,
        "statuses": STATUSES,
        "limiting_conditions": LIMITING_CONDITIONS,
        "restriction_count": sum(len(f["restrictions"]) for f in files),
    }


def render_scan(data: dict) -> str:
    """The HTML report (one self-contained document) for one scan report."""
    return _environment().get_template(TEMPLATE).render(**scan_view(data))
