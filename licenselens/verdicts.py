"""What a licence lets you do, as verdicts with evidence, and how verdicts combine.

A file's own clauses decide its freedoms when they decide all four; a file
that only *names* licences (a notice, a source header, a card's ``license:``)
takes them from the installed reference text of each licence it names, read
by the same clause analysis as any other text (never from a table of
verdicts).  Reading a reference text costs 10-150 ms and a scan meets the same
few dozen licences again and again, so those verdicts are cached on disk,
keyed by everything that could change them.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import Sequence

from .errors import LicenselensError
from .freedoms import FREEDOMS, STRENGTH, Freedom
from .freedoms import Evidence as ClauseEvidence
from .report import LicenseMatch


@dataclass(frozen=True)
class Evidence(ClauseEvidence):
    """A clause that decided a freedom: in a scanned file (``path``, ``line``) or in the
    reference text of a licence a file only names (``reference``)."""

    path: str | None = None
    line: int | None = None
    reference: str | None = None

    def to_dict(self) -> dict:
        data = {"path": self.path, "text": self.text, "start": self.start, "end": self.end}
        if self.line is not None:
            data["line"] = self.line
        if self.reference is not None:
            data["reference"] = self.reference
        return data


def effective(own: dict[str, Freedom], licenses: Sequence[LicenseMatch]) -> dict[str, Freedom]:
    """The file's own clauses decide when they decide everything; otherwise the texts of the
    licences it names fill in, and the strictest statement about each freedom wins."""
    if own and all(v.status != "unknown" for v in own.values()):
        return own
    statements: dict[str, list[Freedom]] = {f: [] for f in FREEDOMS}
    for freedom, verdict in own.items():
        if verdict.status != "unknown":
            statements[freedom].append(verdict)
    for spdx_id in dict.fromkeys(m.id for m in licenses if not m.is_exception):
        for freedom, verdict in reference_freedoms(spdx_id).items():
            statements[freedom].append(verdict)
    return {f: strictest(statements[f]) for f in FREEDOMS}


def reference_freedoms(spdx_id: str) -> dict[str, Freedom]:
    """The freedoms the installed text of a licence grants, by the same clause analysis."""
    stored = _reference_cache().get(spdx_id)
    if stored is None:
        stored = _analyse_reference(spdx_id)
        _REFERENCE_CACHE_CHANGED.append(spdx_id)
        _reference_cache()[spdx_id] = stored
    return {f: Freedom(v["status"], [Evidence(e["text"], e["start"], e["end"], reference=spdx_id)
                                     for e in v["evidence"]]) for f, v in stored.items()}


def _analyse_reference(spdx_id: str) -> dict:
    from .analysis import analyze
    from .reference import licence_text, load

    info = load().license(spdx_id)
    if info is None or info.key is None:
        return {}
    try:
        text = licence_text(info.key)
    except LicenselensError:
        return {}
    report = analyze(text)
    return {f: {"status": v.status, "evidence": [e.to_dict() for e in v.evidence[:3]]}
            for f, v in report.freedoms.items()}


#: Reading a reference text clause by clause takes 10-150 ms, and a scan meets the
#: same few dozen licences again and again: their verdicts are kept in the index
#: cache folder, keyed by everything that could change them (the code and the model).
REFERENCE_CACHE = "reference-freedoms.json"
_REFERENCE_CACHE_CHANGED: list[str] = []


@functools.lru_cache(maxsize=1)
def _reference_cache() -> dict[str, dict]:
    import json

    from .reference import cache_dir

    try:
        with open(cache_dir() / REFERENCE_CACHE, encoding="utf-8") as handle:
            stored = json.load(handle)
        if isinstance(stored, dict) and stored.get("key") == _analysis_key():
            return dict(stored["verdicts"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}


def save_reference_cache() -> None:
    """Best effort: a read-only cache folder only costs the next scan some time."""
    import json

    from .output import write_atomic
    from .reference import cache_dir

    if not _REFERENCE_CACHE_CHANGED:
        return
    data = json.dumps({"key": _analysis_key(), "verdicts": _reference_cache()}, ensure_ascii=False)
    try:
        write_atomic(cache_dir() / REFERENCE_CACHE, data, force=True)
        _REFERENCE_CACHE_CHANGED.clear()
    except (LicenselensError, OSError):
        pass


@functools.lru_cache(maxsize=1)
def _analysis_key() -> str:
    """Identity of the analysis: licenselens's version, sources and model files (read once
    per process: loading and saving the cache both need it)."""
    from pathlib import Path

    from . import __version__
    from .classify import model_dir

    package = Path(__file__).parent
    parts = [__version__]
    for path in sorted([*package.rglob("*.py"), *Path(model_dir()).glob("*")]):
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def strictest(verdicts: list[Freedom]) -> Freedom:
    if not verdicts:
        return Freedom()
    status = max((v.status for v in verdicts), key=STRENGTH.__getitem__)
    evidence = [e for v in verdicts if v.status == status for e in v.evidence]
    return Freedom(status, list(dict.fromkeys(evidence)))


def unknown_freedoms() -> dict[str, Freedom]:
    return {f: Freedom() for f in FREEDOMS}
