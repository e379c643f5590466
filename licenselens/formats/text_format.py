"""Text for people: one block per input, the expression first, evidence after."""

from __future__ import annotations

from typing import Sequence

from ..report import Identification, LicenseMatch, Report
from ..thresholds import is_currency_code


def _flags(match: LicenseMatch) -> str:
    if match.is_exception:
        return "exception"
    flags = ["OSI-approved" if match.osi_approved else "not OSI-approved"]
    if match.fsf_libre:
        flags.append("FSF libre")
    if match.deprecated:
        flags.append("deprecated id")
    return ", ".join(flags)


def render_one(result: Identification) -> str:
    name = result.path or "<input>"
    lines = [f"{name}: {result.expression or 'no licence found'}"]
    if result.licenses:
        lines.append(f"  all licences OSI-approved: {'yes' if result.osi_approved else 'no'}")
    for m in result.licenses:
        lines.append(
            f"  {m.id:<24} {m.name} [{_flags(m)}]"
            f"\n  {'':<24} score {m.score:.1f}, chars {m.start}-{m.end}, {m.matcher} match of {m.rule}"
        )
    for u in result.unknown:
        closest = ", ".join(f"{c.id} ({c.similarity:.0%})" for c in u.closest) or "nothing close"
        lines.append(f"  unknown licence text at chars {u.start}-{u.end}; closest: {closest}")
    for error in result.errors:
        lines.append(f"  error: {error}")
    return "\n".join(lines)


def quote(text: str, width: int = 110) -> str:
    """A clause as one quoted line, cut at ``width`` characters (every text format quotes alike)."""
    flat = " ".join(str(text).split())
    return "\u201c" + (flat if len(flat) <= width else flat[: width - 1] + "\u2026") + "\u201d"


def amount(value: object, unit: object = None) -> str:
    """A threshold's number with its unit, as every text format shows it: " = 700,000,000 users", " = USD 1,000,000".

    Empty when there is no number; a unit that is no currency code ("users")
    follows the number, a currency code goes before it.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        return ""
    if is_currency_code(unit):
        return f" = {unit} {value:,}"
    return f" = {value:,}" + (f" {unit}" if isinstance(unit, str) and unit else "")


def render_analysis(report: Report) -> str:
    lines = [f"  artifacts: {', '.join(report.artifacts) or 'none found'}"]
    if report.rail_name:
        lines.append(f"  RAIL licence: {report.rail_name}")
    lines.append(f"  restrictions ({len(report.restrictions)}):")
    for r in report.restrictions:
        lines.append(f"    - {r.category} [chars {r.start}-{r.end}]: {quote(r.text)}")
    lines.append(f"  conditions ({len(report.conditions)}):")
    for c in report.conditions:
        lines.append(f"    - {c.id}{amount(c.value, c.unit)} [chars {c.start}-{c.end}]: {quote(c.text)}")
    lines.append("  freedoms:")
    for name, freedom in report.freedoms.items():
        lines.append(f"    {name:<7} {freedom.status}")
        for e in freedom.evidence[:3]:
            lines.append(f"            {quote(e.text, 100)} [chars {e.start}-{e.end}]")
        if len(freedom.evidence) > 3:
            lines.append(f"            ... and {len(freedom.evidence) - 3} more")
    lines.append(f"  OSAID-compatible terms: {'yes' if report.osaid_compatible else 'no'}")
    return "\n".join(lines)


def render(results: Sequence[Identification]) -> str:
    blocks = []
    for result in results:
        block = render_one(result)
        if isinstance(result, Report) and not (result.errors and not result.freedoms):
            block += "\n" + render_analysis(result)
        blocks.append(block)
    return "\n\n".join(blocks) + "\n"
