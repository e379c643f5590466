"""Text for people: one block per input, the expression first, evidence after."""

from __future__ import annotations

from typing import Sequence

from ..report import Identification, LicenseMatch


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


def render(results: Sequence[Identification]) -> str:
    return "\n\n".join(render_one(r) for r in results) + "\n"
