#!/usr/bin/env python3
"""Open-source licences read as open: a label-free check of the clause analysis.

Not a test: it measures.  Every OSI-approved licence grants use and
modification for any purpose (Open Source Definition, clauses 3 and 6), so
the clause analysis of its reference text should find no behavioural-use
restriction and leave use and modify granted or conditional.  This script
analyses the installed text of every OSI-approved, non-deprecated SPDX
licence (licenselens.analyze, the shipped model) and counts the texts where
it does not, separately for the licence families the corpus annotates
(corpus/annotated/, seen in training) and for the others (never seen).

Output: Markdown on stdout; --json OUT writes every licence's statuses,
restriction categories and conditions.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FREEDOMS = ("use", "study", "modify", "share")
OPEN = ("granted", "conditional")


def family(key: str) -> str:
    """A licence key without its version ("mpl-1.1" -> "mpl", "cern-ohl-s-2.0" -> "cern-ohl-s")."""
    return re.sub(r"[-_.]?v?\d[\d.]*(?:-.*)?$", "", key)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write every result as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(1, str(REPO_ROOT))
    sys.path.insert(1, str(REPO_ROOT / "benchmarks"))
    from _labellers import save_json

    from licenselens.analysis import analyze
    from licenselens.errors import LicenselensError
    from licenselens.reference import licence_text, load

    ref = load()
    annotated = {family(p.stem) for p in (REPO_ROOT / "corpus" / "annotated").glob("*.yaml")}
    rows = {}
    for spdx_id, info in sorted(ref.licenses.items()):
        if not info.osi_approved or info.deprecated or info.is_exception or not info.key:
            continue
        try:
            report = analyze(licence_text(info.key))
        except LicenselensError as exc:
            print(f"{spdx_id}: {exc}", file=sys.stderr)
            continue
        rows[spdx_id] = {
            "key": info.key,
            "seen": family(info.key) in annotated,
            **{f: report.freedoms[f].status for f in FREEDOMS},
            "restrictions": sorted({r.category for r in report.restrictions}),
            "conditions": sorted({c.id for c in report.conditions}),
        }
    print("| licences | texts | with a restriction | use open | modify open | share open | all four open |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, seen in (("families annotated in corpus/", True), ("never seen in training", False), ("all", None)):
        part = [r for r in rows.values() if seen is None or r["seen"] == seen]
        n = len(part) or 1
        cells = [sum(1 for r in part if r["restrictions"])] + [
            sum(1 for r in part if r[f] in OPEN) for f in ("use", "modify", "share")]
        cells.append(sum(1 for r in part if all(r[f] in OPEN for f in FREEDOMS)))
        print(f"| {label} | {len(part)} | " + " | ".join(f"{c} ({100 * c / n:.0f} %)" for c in cells) + " |")
    closed = Counter(x for r in rows.values() if r["use"] not in OPEN for x in r["restrictions"] + r["conditions"])
    print("\nWhat closes `use` (texts per id):", ", ".join(f"{k} {v}" for k, v in closed.most_common()))
    if args.json and not save_json(args.json, rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
