"""Scan report as text for people: the verdict first, then components, conflicts, files.

Renders the ``ScanReport.to_dict()`` shape (the JSON contract), like every
scan format, so that all formats say the same thing.  Source files with SPDX
headers are summarised by expression: a repository has thousands of them and
a person wants the tally, not the list (the JSON keeps every file).
"""

from __future__ import annotations

from collections import Counter

from ..freedoms import FREEDOMS
from .text_format import amount, quote

def _yes(value: bool) -> str:
    return "yes" if value else "no"


def render_scan(data: dict) -> str:
    summary = data["summary"]
    lines = [
        f"licenselens scan of {data['root']}: {summary['licence_files']} licence-bearing file(s) "
        f"among {summary['files_seen']} file(s)" + (f", {summary['errors']} with errors" if summary["errors"] else ""),
        f"  licences:        {summary['expression'] or 'none found'}",
        f"  OSI-approved: {_yes(summary['osi_approved'])}   OSAID-compatible terms: {_yes(summary['osaid_compatible'])}"
        f"   restricted use: {_yes(summary['restricted_use'])}   unknown: {summary['unknown']}"
        f"   conflicts: {len(summary['conflicts'])}",
    ]
    for violation in summary.get("violations", []):
        lines.append(f"  POLICY VIOLATED  {violation}")
    components = summary["components"]
    if components:
        lines += ["", f"  {'component':<10} {'use':<12} {'study':<12} {'modify':<12} {'share':<12} {'OSAID':<6} licences"]
        for name, c in components.items():
            statuses = "".join(f"{c['freedoms'][f]['status']:<13}" for f in FREEDOMS)
            rail = f" [{c['rail_name']}]" if c.get("rail_name") else ""
            lines.append(f"  {name:<10} {statuses}{_yes(c['osaid_compatible']):<6} {c['expression'] or 'none'}{rail}")
    if summary["conflicts"]:
        lines += ["", "Conflicts:"]
        lines += [f"  {c['component']}: {c['message']}" for c in summary["conflicts"]]
    results = data["results"]
    headers = [r for r in results if r.get("kind") == "source-header"]
    others = [r for r in results if r.get("kind") != "source-header"]
    if others:
        lines += ["", "Files:"]
        for r in others:
            lines += _file(r)
    if headers:
        tally = Counter(r["expression"] or "no licence" for r in headers)
        lines += ["", f"Source files with licence headers: {len(headers)}"]
        lines += [f"  {count:>6}  {expression}" for expression, count in tally.most_common()]
        for r in headers:
            lines += [f"  error: {e}" for e in r["errors"]]
    return "\n".join(lines) + "\n"


def _file(r: dict) -> list[str]:
    where = ", ".join(r.get("components") or []) or "-"
    rail = f"  {r['rail_name']}" if r.get("rail_name") else ""
    lines = [f"  {r['path']}  ({r.get('kind') or 'unreadable'}; {where}){rail}",
             f"      licences: {r['expression'] or 'none found'}"]
    for d in r.get("declared", []):
        lines.append(f"      declared: {d['value']} -> {d['expression'] or 'not a known licence id'} ({d['source']}, line {d['line']})")
    for u in r["unknown"]:
        closest = ", ".join(f"{c['id']} ({c['similarity']:.0%})" for c in u["closest"]) or "nothing close"
        lines.append(f"      unknown licence text at line {u.get('line', '?')}; closest: {closest}")
    for x in r.get("restrictions", []):
        lines.append(f"      restriction {x['category']} (line {x.get('line', '?')}): {quote(x['text'], 100)}")
    for x in r.get("conditions", []):
        lines.append(f"      condition {x['id']}{amount(x.get('value'), x.get('unit'))} (line {x.get('line', '?')}): {quote(x['text'], 100)}")
    for e in r["errors"]:
        lines.append(f"      error: {e}")
    return lines
