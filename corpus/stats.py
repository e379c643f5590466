"""Print a Markdown table of positive clauses per label in corpus/written/*.yaml.

Usage: python corpus/stats.py
"""
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def main() -> None:
    tax = yaml.safe_load((HERE / "taxonomy.yaml").read_text(encoding="utf-8"))
    kinds = {c["id"]: "category" for c in tax["categories"]}
    kinds.update({c["id"]: "condition" for c in tax["conditions"]})
    clauses, groups = Counter(), {k: set() for k in kinds}
    files = total = negatives = 0
    for path in sorted((HERE / "written").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        files += 1
        for clause in doc["clauses"]:
            total += 1
            labels = set(clause["labels"])
            negatives += not labels
            clauses.update(labels)
            for lab in labels:
                groups.setdefault(lab, set()).add(doc["group"])
    print(f"{files} files, {total} clauses, {negatives} negatives (labels: [])\n")
    print("| label | type | positive clauses | groups |")
    print("|---|---|---:|---:|")
    for lab, kind in kinds.items():
        print(f"| {lab} | {kind} | {clauses[lab]} | {len(groups[lab])} |")
    for lab in sorted(set(clauses) - set(kinds)):
        print(f"| {lab} | UNKNOWN | {clauses[lab]} | {len(groups[lab])} |")


if __name__ == "__main__":
    main()
