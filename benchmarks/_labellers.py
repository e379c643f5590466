"""What the labeller benchmarks share: folding -only / -or-later, their Markdown score tables, atomic JSON.

``identify.py``, ``debian_copyright.py`` and ``package_licenses.py`` score
reported SPDX ids against labels written by different people; they fold
versions the same way and print the same kind of table, so that their
figures read alike.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def fold(license_id: str) -> str:
    """GPL-2.0-only, GPL-2.0-or-later and GPL-2.0+ all become GPL-2.0."""
    license_id = license_id.removesuffix("+")
    for suffix in ("-or-later", "-only"):
        if license_id.endswith(suffix):
            return license_id[: -len(suffix)]
    return license_id


def pct(n: int, d: int) -> str:
    """"12.5% (3)", or "-" when there is nothing to divide by."""
    return f"{100 * n / d:.1f}% ({n})" if d else "-"


def score_rows(records: list[dict], key: str, order: tuple[str, ...], second: str) -> list[str]:
    """A Markdown table of ``records`` grouped by ``records[i][key]`` (in
    ``order``, then all): cases, scored cases (those with a ``mapped``
    label), and the share that is ``strict``, ``second`` and ``nothing``."""
    rows = [f"| {key} | cases | scored | strict | {second} | found nothing |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    groups = {value: [r for r in records if r[key] == value] for value in order}
    groups["all"] = records
    for value, group in groups.items():
        scored = [r for r in group if r["mapped"]]
        if not group:
            continue
        rows.append(f"| {value} | {len(group)} | {len(scored)} | "
                    f"{pct(sum(r['strict'] for r in scored), len(scored))} | "
                    f"{pct(sum(r[second] for r in scored), len(scored))} | "
                    f"{pct(sum(r['nothing'] for r in scored), len(scored))} |")
    return rows


def write_json(path: Path, payload: dict) -> None:
    """Atomically: a temp file in the same directory, then os.replace."""
    path = path.resolve()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=1, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def save_json(path: Path, payload: dict) -> bool:
    """:func:`write_json`, or a one-line error on stderr (no traceback) when
    ``path`` cannot be written; whether it was written."""
    try:
        write_json(path, payload)
    except OSError as exc:
        print(f"error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True
