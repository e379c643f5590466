#!/usr/bin/env python3
"""Licences that are not open read as not open: the counterpart of osi_freedoms.py.

Not a test: it measures.  The reference data files some licences as
"Source-available" (the source may be read, but use, change or sharing is
limited: BUSL, Elastic, PolyForm, Commons Clause ...) or "Commercial"
(proprietary terms); by definition none of them grants all four freedoms
for any purpose, so the clause analysis of its reference text should never
call it OSAID-compatible.  This script analyses the installed text of every
non-deprecated licence of those categories (licenselens.analyze, the
shipped model; texts under 50 words, mostly notices pointing elsewhere, are
left out) and counts the texts read as OSAID-compatible, separately for the
licence families the corpus annotates (seen in training) and the others.
The category is ScanCode's, a fact about the licence used here as the label
only: the analysis never sees it.

Output: Markdown on stdout (the texts read as open are listed); --json OUT
writes every licence's statuses, restriction categories and conditions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FREEDOMS = ("use", "study", "modify", "share")
CATEGORIES = ("Source-available", "Commercial")
#: Texts shorter than this are notices that point to terms elsewhere: nothing to read.
MIN_WORDS = 50


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write every result as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(1, str(REPO_ROOT))
    sys.path.insert(1, str(REPO_ROOT / "benchmarks"))
    from _labellers import save_json
    from osi_freedoms import family

    from licenselens.analysis import analyze
    from licenselens.errors import LicenselensError
    from licenselens.reference import licence_text, load

    ref = load()
    annotated = {family(p.stem) for p in (REPO_ROOT / "corpus" / "annotated").glob("*.yaml")}
    rows = {}
    for spdx_id, info in sorted(ref.licenses.items()):
        if info.category not in CATEGORIES or info.deprecated or info.is_exception or not info.key:
            continue
        try:
            text = licence_text(info.key)
            if len(text.split()) < MIN_WORDS:
                continue
            report = analyze(text)
        except LicenselensError as exc:
            print(f"{spdx_id}: {exc}", file=sys.stderr)
            continue
        rows[spdx_id] = {
            "key": info.key,
            "category": info.category,
            "seen": family(info.key) in annotated,
            **{f: report.freedoms[f].status for f in FREEDOMS},
            "osaid_compatible": report.osaid_compatible,
            "restrictions": sorted({r.category for r in report.restrictions}),
            "conditions": sorted({c.id for c in report.conditions}),
        }
    if not rows:
        print("no licence of the categories", ", ".join(CATEGORIES), "in the installed reference data")
        return 0
    print("| category | licences | texts | read as OSAID-compatible |")
    print("|---|---|---:|---:|")
    for category in CATEGORIES:
        for label, seen in (("families annotated in corpus/", True), ("never seen in training", False)):
            part = [r for r in rows.values() if r["category"] == category and r["seen"] == seen]
            wrong = sum(1 for r in part if r["osaid_compatible"])
            print(f"| {category} | {label} | {len(part)} | {wrong} ({100 * wrong / (len(part) or 1):.0f} %) |")
    wrong = sum(1 for r in rows.values() if r["osaid_compatible"])
    print(f"| all | | {len(rows)} | {wrong} ({100 * wrong / len(rows):.0f} %) |")
    listed = [f"`{r['key']}` ({', '.join(r['conditions']) or 'no condition'})"
              for r in rows.values() if r["osaid_compatible"]]
    print("\nRead as OSAID-compatible:", ", ".join(listed) or "none")
    if args.json and not save_json(args.json, rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
