"""Repository scan: every licence-bearing file of a tree, analysed and judged per component.

The pipeline is discover (which files bear licences, and which component -
code, model, data, docs - each applies to) -> analyse each file (identify +
clause analysis for licence texts; identify only for source headers; the
declared ids of model cards and package metadata) -> aggregate per component
-> conflicts -> policy.

Why the reference texts take part: a notice ("Licensed under the Apache
License, Version 2.0"), a source header or a model card's ``license:
apache-2.0`` names a licence without carrying its clauses, so the clause
analysis of that file alone cannot say what may be done.  The freedoms of
such a file are read from the installed reference text of each licence it
names, through the same clause analysis as any other text (never from a
table of verdicts), and their evidence says so (``reference`` instead of
``path``).

Identical files (the same LICENSE copied into twenty packages) are analysed
once.  Work runs in ``jobs`` processes; on Linux they are forked after the
reference index and clause model are loaded, so each starts warm.  The
reference texts are analysed in the main process as results come in, once
per licence for the whole scan.
"""

from __future__ import annotations

import bisect
import concurrent.futures
import dataclasses
import functools
import hashlib
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from . import ingest
from .declared import Declared
from .discover import Discovery, FileError, Found, discover
from .errors import InputError, LicenselensError
from .freedoms import FREEDOMS, STRENGTH
from .identify import combine, identify_document
from .report import LicenseMatch, Report, UnknownSpan

#: Kinds whose own words are analysed clause by clause.
TEXT_KINDS = frozenset({"licence", "notice", "use-policy"})
#: Kinds that declare licences by id (model/dataset cards, package metadata).
DECLARING_KINDS = frozenset({"model-card", "dataset-card", "package-metadata"})
#: Source files are identified from their head only: SPDX headers and licence
#: notices sit at the top, and a 5 MB generated source file must not cost seconds.
HEADER_BYTES = 8192
#: Components in report order.
COMPONENTS = ("code", "model", "data", "docs")
#: ``--fail-on`` rules.
POLICIES = ("not-osi", "not-osaid", "restricted-use", "unknown", "conflict")
#: Below this many distinct files a process pool costs more than it saves.
POOL_MIN_TASKS = 8

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Evidence:
    """A clause that decided a freedom: in a scanned file (``path``, ``line``) or in the
    reference text of a licence a file only names (``reference``)."""

    text: str
    start: int
    end: int
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


@dataclass
class Verdict:
    """One freedom's status with the evidence that decided it."""

    status: str = "unknown"
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"status": self.status, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class FileResult:
    """What one licence-bearing file says, with its place in the repository."""

    found: Found
    report: Report
    sha256: str | None
    freedoms: dict[str, Verdict]  # effective freedoms: own clauses, else the named licences' texts
    line_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def path(self) -> str:
        return self.found.relpath

    def line(self, offset: int) -> int:
        """1-based line of a character offset in the file's decoded text."""
        return bisect.bisect_right(self.line_starts, offset) if self.line_starts else 1

    def to_dict(self) -> dict:
        data = self.report.to_dict()
        data["path"] = self.path
        for key in ("licenses", "unknown", "restrictions", "conditions"):
            for item in data[key]:
                item["line"] = self.line(item["start"])
                item["end_line"] = self.line(max(item["start"], item["end"] - 1))
        data.update({
            "kind": self.found.kind,
            "components": list(self.found.components),
            "declared": [_declared_dict(d) for d in self.found.declared],
            "sha256": self.sha256,
            # effective freedoms: see the module docstring (evidence names its path or reference)
            "freedoms": {f: v.to_dict() for f, v in self.freedoms.items()},
            "osaid_compatible": bool(self.freedoms) and all(
                self.freedoms[f].status in ("granted", "conditional") for f in FREEDOMS),
        })
        return data


@dataclass
class Component:
    """The verdict for one component (code, model weights, data, documentation)."""

    name: str
    files: list[FileResult]
    expression: str | None
    declared: list[str]
    licenses: list[LicenseMatch]
    freedoms: dict[str, Verdict]
    rail_name: str | None
    restrictions: int
    conditions: list[str]
    unknown: int = 0  # files with licence text nobody knows

    @property
    def osi_approved(self) -> bool:
        """Every licence found is OSI-approved, and no licence text went unidentified."""
        licences = [m for m in self.licenses if not m.is_exception]
        return bool(licences) and not self.unknown and all(m.osi_approved for m in licences)

    @property
    def osaid_compatible(self) -> bool:
        return all(self.freedoms[f].status in ("granted", "conditional") for f in FREEDOMS)

    def to_dict(self) -> dict:
        return {
            "expression": self.expression,
            "declared": list(self.declared),
            "osi_approved": self.osi_approved,
            "osaid_compatible": self.osaid_compatible,
            "rail_name": self.rail_name,
            "restrictions": self.restrictions,
            "conditions": list(self.conditions),
            "unknown": self.unknown,
            "freedoms": {f: v.to_dict() for f, v in self.freedoms.items()},
            "files": [r.path for r in self.files],
        }


@dataclass(frozen=True)
class Conflict:
    """Two statements about the same component that disagree."""

    component: str
    message: str
    paths: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"component": self.component, "message": self.message, "paths": list(self.paths)}


@dataclass
class ScanReport:
    """The whole scan: per-file results, per-component verdicts, conflicts."""

    root: str
    files: list[FileResult]
    errors: list[FileError]
    files_seen: int
    components: dict[str, Component]
    conflicts: list[Conflict]
    violations: list[str] = field(default_factory=list)

    @property
    def expression(self) -> str | None:
        return combine([c.expression for c in self.components.values() if c.expression])

    @property
    def osi_approved(self) -> bool:
        return bool(self.components) and all(c.osi_approved for c in self.components.values())

    @property
    def osaid_compatible(self) -> bool:
        return bool(self.components) and all(c.osaid_compatible for c in self.components.values())

    @property
    def restricted_use(self) -> bool:
        """Use is not free for every purpose somewhere: behavioural restrictions,
        non-commercial terms, user thresholds, no grant of use ..."""
        return any(c.freedoms["use"].status in ("restricted", "not-granted") for c in self.components.values())

    @property
    def unknown_files(self) -> list[FileResult]:
        """Files with licence-like text nobody knows, or that name no licence at all."""
        return [r for r in self.files if _is_unknown(r)]

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(1 for r in self.files if r.report.errors or r.found.errors)

    def summary(self) -> dict:
        return {
            "files_seen": self.files_seen,
            "licence_files": len(self.files),
            "errors": self.error_count,
            "expression": self.expression,
            "osi_approved": self.osi_approved,
            "osaid_compatible": self.osaid_compatible,
            "restricted_use": self.restricted_use,
            "unknown": len(self.unknown_files),
            "components": {name: c.to_dict() for name, c in self.components.items()},
            "conflicts": [c.to_dict() for c in self.conflicts],
            "violations": list(self.violations),
        }

    def to_dict(self) -> dict:
        from . import __version__

        results = [r.to_dict() for r in self.files]
        results += [_error_result(e) for e in self.errors]
        return {"licenselens": __version__, "root": self.root, "summary": self.summary(), "results": results}


def scan(root: str | os.PathLike, *, jobs: int | None = None, include_vendored: bool = False,
         progress: Progress | None = None) -> ScanReport:
    """Scan a repository (or one file) and judge every component.

    Raises InputError when ``root`` does not exist; anything wrong with a
    file inside is reported in that file's ``errors`` and the scan goes on.
    ``progress(done, total)`` is called as files are analysed.
    """
    discovery = discover(root, include_vendored=include_vendored)
    return analyse(discovery, jobs=jobs, progress=progress)


def analyse(discovery: Discovery, *, jobs: int | None = None, progress: Progress | None = None) -> ScanReport:
    """Analyse what ``discover`` found (split out so callers may filter the files first)."""
    tasks: dict[tuple[str, str], _Task] = {}
    pending: list[tuple[Found, tuple[str, str] | None, str | None, str | None]] = []
    for found in map(functools.partial(_applies_to, discovery.repo_kinds), discovery.found):
        data, error = _read(found)
        if data is None:
            pending.append((found, None, None, error))
            continue
        digest = hashlib.sha256(data).hexdigest()
        key = (_mode(found), digest + "\0" + repr(found.declared) if found.kind in DECLARING_KINDS else digest)
        tasks.setdefault(key, _Task(_mode(found), found.relpath, data, found.declared))
        pending.append((found, key, digest, None))
    outcomes = _run(list(tasks.items()), jobs, progress)
    _save_reference_cache()
    files = []
    for found, key, digest, error in pending:
        if key is None:
            report = Report(path=found.relpath, expression=None, errors=[error or "unreadable"])
            files.append(FileResult(found, report, None, _unknown_freedoms()))
            continue
        outcome, freedoms = outcomes[key]
        report = _with_path(outcome.report, found)
        files.append(FileResult(found, report, digest, _located(freedoms, found.relpath, outcome.line_starts),
                                outcome.line_starts))
    components = _components(files)
    return ScanReport(
        root=discovery.root,
        files=files,
        errors=list(discovery.errors),
        files_seen=discovery.files_seen,
        components=components,
        conflicts=_conflicts(components),
    )


def check_policy(report: ScanReport, rules: Iterable[str]) -> list[str]:
    """One-line reasons for every ``--fail-on`` rule the scan violates (kept on the report)."""
    violations = []
    rules = list(dict.fromkeys(rules))
    unknown_rules = [r for r in rules if r not in POLICIES]
    if unknown_rules:
        raise LicenselensError(f"unknown policy {', '.join(unknown_rules)} (choose from {', '.join(POLICIES)})")
    for rule in rules:
        if rule == "not-osi":
            bad = [c.name for c in report.components.values() if not c.osi_approved]
            if bad or not report.components:
                what = ", ".join(f"{n} ({report.components[n].expression or 'no licence'})" for n in bad)
                violations.append(f"not-osi: {what or 'no licence found'} not OSI-approved")
        elif rule == "not-osaid":
            bad = [c for c in report.components.values() if not c.osaid_compatible]
            if bad or not report.components:
                what = ", ".join(
                    f"{c.name} ({', '.join(f'{f} {v.status}' for f, v in c.freedoms.items() if v.status not in ('granted', 'conditional'))})"
                    for c in bad)
                violations.append(f"not-osaid: {what or 'no licence found'}")
        elif rule == "restricted-use":
            bad = [c for c in report.components.values() if c.freedoms["use"].status in ("restricted", "not-granted")]
            if bad:
                what = ", ".join(f"{c.name} (use {c.freedoms['use'].status}: {_where(c.freedoms['use'])})" for c in bad)
                violations.append(f"restricted-use: {what}")
        elif rule == "unknown":
            bad = report.unknown_files
            if bad:
                violations.append(f"unknown: unknown licence text in {_paths(r.path for r in bad)}")
        elif rule == "conflict" and report.conflicts:
            violations.append(f"conflict: {report.conflicts[0].message}"
                              + (f" (and {len(report.conflicts) - 1} more)" if len(report.conflicts) > 1 else ""))
    report.violations = violations
    return violations


# --- analysing one file ------------------------------------------------------------------


@dataclass(frozen=True)
class _Task:
    mode: str  # "text" | "header" | "declared"
    path: str
    data: bytes
    declared: tuple[Declared, ...]


@dataclass
class _Outcome:
    report: Report
    own: dict[str, Verdict]  # the freedoms the file's own clauses decide (evidence without path/line)
    line_starts: list[int]


def _applies_to(repo_kinds: set[str], found: Found) -> Found:
    """A model or dataset repository with no code has no code component: its root
    LICENSE speaks for the model or the data only."""
    if "code" in found.components and len(found.components) > 1 and "code" not in repo_kinds:
        return dataclasses.replace(found, components=tuple(c for c in found.components if c != "code"))
    return found


def _mode(found: Found) -> str:
    if found.kind in DECLARING_KINDS:
        return "declared"
    return "header" if found.kind == "source-header" else "text"


def _read(found: Found) -> tuple[bytes | None, str | None]:
    limit = HEADER_BYTES if found.kind == "source-header" else ingest.MAX_BYTES + 1
    try:
        with open(found.path, "rb") as handle:
            return handle.read(limit), None
    except FileNotFoundError:
        return None, "vanished during the scan"
    except IsADirectoryError:
        return None, "is a directory"
    except PermissionError:
        return None, "unreadable: permission denied"
    except OSError as exc:
        return None, f"unreadable: {exc.strerror or exc}"


def _analyse_task(task: _Task) -> _Outcome:
    """Runs in a worker: never raises (a bug in licenselens must not end the scan)."""
    try:
        return _analyse(task)
    except LicenselensError as exc:
        return _Outcome(Report(path=task.path, expression=None, errors=[str(exc)]), _unknown_freedoms(), [])
    except Exception as exc:  # noqa: BLE001 - reported per file, the scan goes on
        message = f"{task.path}: licenselens failed on this file ({type(exc).__name__}: {exc}); please report it"
        return _Outcome(Report(path=task.path, expression=None, errors=[message]), _unknown_freedoms(), [])


def _analyse(task: _Task) -> _Outcome:
    from .analysis import analyze_document

    try:
        document = ingest.from_bytes(task.data, task.path)
    except InputError as exc:
        return _Outcome(Report(path=task.path, expression=None, errors=[str(exc)]), _unknown_freedoms(), [])
    line_starts = _line_starts(document.text)
    if task.mode == "text":
        report = analyze_document(document)
        own = {f: Verdict(v.status, [Evidence(e.text, e.start, e.end) for e in v.evidence])
               for f, v in report.freedoms.items()}
    elif task.mode == "header":
        identification = identify_document(document)
        report = Report(**vars(identification))
        own = {}
    else:
        report = _declared_report(task, document.text, line_starts)
        own = {}
    return _Outcome(report, own, line_starts)


def _declared_report(task: _Task, text: str, line_starts: list[int]) -> Report:
    """A card or package manifest names licences by id: each becomes a match at the value."""
    from .reference import load

    ref = load()
    licenses, unknown, expressions = [], [], []
    for declared in task.declared:
        start = _value_offset(text, line_starts, declared)
        end = start + len(declared.value)
        if declared.expression is None:
            if declared.value.strip().lower() not in ("other", "unknown") or not declared.link:
                unknown.append(UnknownSpan(start, end))
            continue
        expressions.append(declared.expression)
        for symbol in _symbols(declared.expression):
            info = ref.license(symbol)
            licenses.append(LicenseMatch(
                id=symbol, name=info.name if info else symbol, osi_approved=bool(info and info.osi_approved),
                fsf_libre=bool(info and info.fsf_libre), deprecated=bool(info and info.deprecated),
                category=info.category if info else None, is_exception=bool(info and info.is_exception),
                score=100.0, start=start, end=end, expression=declared.expression, matcher="declared",
                rule=declared.source,
            ))
    return Report(path=task.path, expression=combine(expressions), licenses=licenses, unknown=unknown)


def _value_offset(text: str, line_starts: list[int], declared: Declared) -> int:
    line = max(1, min(declared.line, len(line_starts) or 1))
    begin = line_starts[line - 1] if line_starts else 0
    found = text.find(declared.value, begin)
    return found if found >= 0 else begin


_OPERATORS = re.compile(r"\s+(?:AND|OR|WITH)\s+|[()]")


def _symbols(expression: str) -> list[str]:
    return list(dict.fromkeys(s.strip() for s in _OPERATORS.split(expression) if s and s.strip()))


def _effective(own: dict[str, Verdict], licenses: Sequence[LicenseMatch]) -> dict[str, Verdict]:
    """The file's own clauses decide when they decide everything; otherwise the texts of the
    licences it names fill in, and the strictest statement about each freedom wins."""
    if own and all(v.status != "unknown" for v in own.values()):
        return own
    statements: dict[str, list[Verdict]] = {f: [] for f in FREEDOMS}
    for freedom, verdict in own.items():
        if verdict.status != "unknown":
            statements[freedom].append(verdict)
    for spdx_id in dict.fromkeys(m.id for m in licenses if not m.is_exception):
        for freedom, verdict in _reference_freedoms(spdx_id).items():
            statements[freedom].append(verdict)
    return {f: _strictest(statements[f]) for f in FREEDOMS}


def _reference_freedoms(spdx_id: str) -> dict[str, Verdict]:
    """The freedoms the installed text of a licence grants, by the same clause analysis."""
    stored = _reference_cache().get(spdx_id)
    if stored is None:
        stored = _analyse_reference(spdx_id)
        _REFERENCE_CACHE_CHANGED.append(spdx_id)
        _reference_cache()[spdx_id] = stored
    return {f: Verdict(v["status"], [Evidence(e["text"], e["start"], e["end"], reference=spdx_id)
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


def _save_reference_cache() -> None:
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


def _analysis_key() -> str:
    """Identity of the analysis: licenselens's version, sources and model files."""
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


def _strictest(verdicts: list[Verdict]) -> Verdict:
    if not verdicts:
        return Verdict()
    status = max((v.status for v in verdicts), key=STRENGTH.__getitem__)
    evidence = [e for v in verdicts if v.status == status for e in v.evidence]
    return Verdict(status, list(dict.fromkeys(evidence)))


def _unknown_freedoms() -> dict[str, Verdict]:
    return {f: Verdict() for f in FREEDOMS}


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _located(freedoms: dict[str, Verdict], path: str, line_starts: list[int]) -> dict[str, Verdict]:
    """Give file evidence its path and line (reference evidence keeps its licence id)."""
    def place(e: Evidence) -> Evidence:
        if e.reference is not None:
            return e
        return Evidence(e.text, e.start, e.end, path, bisect.bisect_right(line_starts, e.start) or 1)

    return {f: Verdict(v.status, [place(e) for e in v.evidence]) for f, v in freedoms.items()}


def _with_path(report: Report, found: Found) -> Report:
    """A deduplicated outcome, renamed for this copy of the file."""
    copy = Report(**{**vars(report), "path": found.relpath})
    copy.errors = [e.replace(report.path, found.relpath, 1) if report.path else e for e in report.errors]
    copy.errors += list(found.errors)
    return copy


def _run(tasks: list[tuple[tuple[str, str], _Task]], jobs: int | None, progress: Progress | None) -> dict:
    total = len(tasks)
    jobs = max(1, jobs or os.cpu_count() or 1)
    outcomes = {}

    def finish(key, outcome: _Outcome) -> None:
        # reference texts are analysed here, in one process, once per licence
        outcomes[key] = (outcome, _effective(outcome.own, outcome.report.licenses))

    if progress:
        progress(0, total)
    if jobs == 1 or total < POOL_MIN_TASKS:
        for done, (key, task) in enumerate(tasks, 1):
            finish(key, _analyse_task(task))
            if progress:
                progress(done, total)
        return outcomes
    _warm_up()
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context) as pool:
        futures = {pool.submit(_analyse_task, task): key for key, task in tasks}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            finish(futures[future], future.result())
            if progress:
                progress(done, total)
    return outcomes


def _warm_up() -> None:
    """Load the index and the clause model before forking, so every worker starts warm."""
    from .classify import load_default
    from .clauses import segment
    from .reference import load

    load()
    load_default()
    segment("Warm up.")  # builds the spaCy pipeline


# --- aggregation ---------------------------------------------------------------------------


def _components(files: list[FileResult]) -> dict[str, Component]:
    components = {}
    for name in COMPONENTS:
        members = [r for r in files if name in r.found.components]
        if not members:
            continue
        readable = [r for r in members if not r.report.errors or r.report.licenses]
        licenses = [m for r in readable for m in r.report.licenses]
        freedoms = {f: _strictest([r.freedoms[f] for r in readable if f in r.freedoms
                                   and r.freedoms[f].status != "unknown"]) for f in FREEDOMS}
        declared = [d.expression or d.value for r in members for d in r.found.declared]
        components[name] = Component(
            name=name,
            files=members,
            expression=combine([r.report.expression for r in readable if r.report.expression]),
            declared=list(dict.fromkeys(declared)),
            licenses=licenses,
            freedoms=freedoms,
            rail_name=next((r.report.rail_name for r in readable if r.report.rail_name), None),
            restrictions=sum(len(r.report.restrictions) for r in readable),
            conditions=sorted({c.id for r in readable for c in r.report.conditions}),
            unknown=sum(1 for r in readable if _is_unknown(r)),
        )
    return components


def _is_unknown(result: FileResult) -> bool:
    report = result.report
    return bool(report.unknown) or (not report.errors and not report.licenses and result.found.kind != "source-header")


_VARIANT = re.compile(r"(-only|-or-later|\+)$")


def _base(spdx_id: str) -> str:
    """GPL-3.0-or-later and a GPL-3.0 text are the same licence for a consistency check."""
    return _VARIANT.sub("", spdx_id)


def _conflicts(components: dict[str, Component]) -> list[Conflict]:
    conflicts = []
    for component in components.values():
        all_texts = [r for r in component.files if r.found.kind in TEXT_KINDS]
        for declaring in (r for r in component.files if r.found.kind in DECLARING_KINDS):
            # a manifest speaks for its own folder and below (a sub-project's
            # pyproject.toml says nothing about its parent's model licence)
            scope = [r for r in all_texts if _within(r.path, declaring.path)]
            conflicts += _declared_conflicts(component.name, declaring, scope)
        texts, text_ids, text_expression = _identified(all_texts)
        if not text_ids:
            continue
        headers: dict[str, list[str]] = {}
        for r in component.files:
            if r.found.kind == "source-header":
                for m in r.report.licenses:
                    if not m.is_exception and _base(m.id) not in text_ids:
                        headers.setdefault(m.id, []).append(r.path)
        for spdx_id, paths in headers.items():
            conflicts.append(Conflict(component.name, (
                f"{len(paths)} source file{'s declare' if len(paths) > 1 else ' declares'} {spdx_id}, which no "
                f"licence file of the {component.name} holds ({text_expression})"), tuple(paths)))
    return conflicts


def _declared_conflicts(component: str, declaring: FileResult, scope: list[FileResult]) -> list[Conflict]:
    """A declared id that the licence texts beside it contradict: by restricting use the id
    leaves free, or by being another licence altogether."""
    conflicts = []
    restricting = [r for r in scope if r.freedoms["use"].status in ("restricted", "not-granted")]
    texts, text_ids, text_expression = _identified(scope)
    for declared in declaring.found.declared:
        if declared.expression is None:
            continue
        if restricting and _reference_use(declared.expression) in ("granted", "conditional"):
            worst = restricting[0]
            rail = f" ({worst.report.rail_name})" if worst.report.rail_name else ""
            conflicts.append(Conflict(component, (
                f"{declaring.path} declares {declared.value}, which does not restrict use, "
                f"but {worst.path} restricts use{rail}"), (declaring.path, worst.path)))
        elif texts and not {_base(s) for s in _symbols(declared.expression)} & text_ids:
            conflicts.append(Conflict(component, (
                f"{declaring.path} declares {declared.value} ({declared.expression}) "
                f"but the licence files say {text_expression}"), (declaring.path, *(r.path for r in texts))))
    return conflicts


def _identified(files: list[FileResult]) -> tuple[list[FileResult], set[str], str | None]:
    texts = [r for r in files if r.report.licenses]
    ids = {_base(m.id) for r in texts for m in r.report.licenses if not m.is_exception}
    return texts, ids, combine([r.report.expression for r in texts if r.report.expression])


def _within(path: str, manifest: str) -> bool:
    """True when ``path`` lies in the folder of ``manifest`` (or below it)."""
    folder = manifest.rpartition("/")[0]
    return not folder or path.startswith(folder + "/")


def _reference_use(expression: str) -> str | None:
    statuses = [_reference_freedoms(s).get("use", Verdict()).status for s in _symbols(expression)]
    known = [s for s in statuses if s != "unknown"]
    return max(known, key=STRENGTH.__getitem__) if known else None


def _where(verdict: Verdict) -> str:
    places = [e.path or f"text of {e.reference}" for e in verdict.evidence]
    return _paths(places) if places else "no grant of use found"


def _paths(paths: Iterable[str], shown: int = 3) -> str:
    unique = list(dict.fromkeys(paths))
    more = f" and {len(unique) - shown} more" if len(unique) > shown else ""
    return ", ".join(unique[:shown]) + more


def _declared_dict(declared: Declared) -> dict:
    return {"value": declared.value, "expression": declared.expression, "source": declared.source,
            "line": declared.line, "link": declared.link}


def _error_result(error: FileError) -> dict:
    """A file the walk could not even look at still gets a result (nothing is lost)."""
    return {
        **Report(path=error.relpath, expression=None, errors=[f"{error.relpath}: {error.message}"]).to_dict(),
        "kind": None, "components": [], "declared": [], "sha256": None,
    }
