#!/usr/bin/env python3
"""How precise the formula rules are: where licenselens.formulas fires on the corpus.

Not a test: it measures.  For every clause of corpus/ (written and annotated),
the condition ids licenselens.formulas.formulaic_conditions() names are
compared with the clause's labels: a rule firing on a clause labelled with its
id is right, any other firing is listed for review.  The rules add labels on
top of the model, so this is their precision; their recall is not the point
(the model finds most conditions by itself).

Output: Markdown on stdout (per rule: fired, right, precision, then the
clauses where a rule fired without the label).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO_ROOT / "corpus", help="corpus folder (default: %(default)s)")
    args = parser.parse_args(argv)
    sys.path.insert(1, str(REPO_ROOT))
    from licenselens.corpus import load_corpus
    from licenselens.errors import LicenselensError
    from licenselens.formulas import FORMULAS, formulaic_conditions

    try:
        corpus = load_corpus(args.corpus)  # every clause, written and annotated
    except LicenselensError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    examples = corpus
    fired: Counter[str] = Counter()
    right: Counter[str] = Counter()
    wrong: list[tuple[str, list[str], str, str]] = []
    for example in examples:
        for label in formulaic_conditions(example.text):
            fired[label] += 1
            if label in example.labels:
                right[label] += 1
            else:
                wrong.append((label, sorted(example.labels), example.group, " ".join(example.text.split())[:160]))
    print(f"{len(examples)} clauses in {args.corpus}\n")
    print("| rule | fired | with the label | precision |\n|---|---:|---:|---:|")
    for label in FORMULAS:
        precision = f"{right[label] / fired[label]:.2f}" if fired[label] else "-"
        print(f"| {label} | {fired[label]} | {right[label]} | {precision} |")
    total = sum(fired.values())
    print(f"| all | {total} | {sum(right.values())} | {sum(right.values()) / total:.2f} |" if total else "| all | 0 | 0 | - |")
    if wrong:
        print("\nFired without the label:\n")
        for label, labels, group, text in wrong:
            print(f"- {label} on {group} {labels}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
