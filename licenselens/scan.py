"""Repository scan: every licence-bearing file of a tree, analysed and judged per component.

The pipeline is discover (which files bear licences, and which component -
code, model, data, docs - each applies to) -> analyse each file (identify +
clause analysis for licence texts; identify only for source headers; the
declared ids of model cards and package metadata) -> aggregate per component
-> conflicts -> policy.  This module does the work; ``scan_report`` holds the
results and their aggregation, ``verdicts`` how freedoms combine.

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
per licence (and cached on disk, see ``verdicts``).
"""

from __future__ import annotations

import bisect
import concurrent.futures
import dataclasses
import functools
import hashlib
import multiprocessing
import os
from dataclasses import dataclass
from typing import Callable

from . import ingest
from .declared import Declared, points_to_file
from .discover import Discovery, Found, discover
from .errors import InputError, LicenselensError
from .freedoms import Freedom
from .identify import combine, identify_document, license_matches
from .report import Report, UnknownSpan
from .scan_report import (
    DECLARING_KINDS, POLICIES, Component, Conflict, FileResult, ScanReport, check_policy, components_of,
    conflicts_of,
)
from .verdicts import Evidence, effective, save_reference_cache, unknown_freedoms

__all__ = ["POLICIES", "Component", "Conflict", "FileResult", "ScanReport", "analyse", "check_policy", "scan"]

#: Source files are identified from their head only: SPDX headers and licence
#: notices sit at the top, and a 5 MB generated source file must not cost seconds.
HEADER_BYTES = 8192
#: Below this many distinct files a process pool costs more than it saves.
POOL_MIN_TASKS = 8

Progress = Callable[[int, int], None]


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
    save_reference_cache()
    files = []
    for found, key, digest, error in pending:
        if key is None:
            report = Report(path=found.relpath, expression=None, errors=[error or "unreadable"])
            files.append(FileResult(found, report, None, unknown_freedoms()))
            continue
        outcome, freedoms = outcomes[key]
        report = _with_path(outcome.report, found)
        files.append(FileResult(found, report, digest, _located(freedoms, found.relpath, outcome.line_starts),
                                outcome.line_starts))
    components = components_of(files)
    return ScanReport(
        root=discovery.root,
        files=files,
        errors=list(discovery.errors),
        files_seen=discovery.files_seen,
        components=components,
        conflicts=conflicts_of(components),
    )


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
    own: dict[str, Freedom]  # the freedoms the file's own clauses decide (evidence without path/line)
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
        return _Outcome(Report(path=task.path, expression=None, errors=[str(exc)]), unknown_freedoms(), [])
    except Exception as exc:  # noqa: BLE001 - reported per file, the scan goes on
        message = f"{task.path}: licenselens failed on this file ({type(exc).__name__}: {exc}); please report it"
        return _Outcome(Report(path=task.path, expression=None, errors=[message]), unknown_freedoms(), [])


def _analyse(task: _Task) -> _Outcome:
    from .analysis import analyze_document

    try:
        document = ingest.from_bytes(task.data, task.path)
    except InputError as exc:
        return _Outcome(Report(path=task.path, expression=None, errors=[str(exc)]), unknown_freedoms(), [])
    line_starts = _line_starts(document.text)
    if task.mode == "text":
        report = analyze_document(document)
        own = {f: Freedom(v.status, [Evidence(e.text, e.start, e.end) for e in v.evidence])
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
            # A value no licence answers to is unknown licence text, but a pointer to a
            # licence file ("license-files", "SEE LICENSE IN ...", "other" with a link)
            # names none: the file it points to is read in its own right.
            if not declared.link or (declared.value.strip().lower() not in ("other", "unknown")
                                     and not points_to_file(declared)):
                unknown.append(UnknownSpan(start, end))
            continue
        expressions.append(declared.expression)
        licenses += license_matches(ref, declared.expression, score=100.0, start=start, end=end,
                                    matcher="declared", rule=declared.source)
    return Report(path=task.path, expression=combine(expressions), licenses=licenses, unknown=unknown)


def _value_offset(text: str, line_starts: list[int], declared: Declared) -> int:
    line = max(1, min(declared.line, len(line_starts) or 1))
    begin = line_starts[line - 1] if line_starts else 0
    found = text.find(declared.value, begin)
    return found if found >= 0 else begin


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _located(freedoms: dict[str, Freedom], path: str, line_starts: list[int]) -> dict[str, Freedom]:
    """Give file evidence its path and line (reference evidence keeps its licence id)."""
    def place(e: Evidence) -> Evidence:
        if e.reference is not None:
            return e
        return Evidence(e.text, e.start, e.end, path, bisect.bisect_right(line_starts, e.start) or 1)

    return {f: Freedom(v.status, [place(e) for e in v.evidence]) for f, v in freedoms.items()}


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
        outcomes[key] = (outcome, effective(outcome.own, outcome.report.licenses))

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
