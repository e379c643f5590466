"""Runs one licence identifier over a list of files and times every call.

This module is the timing core of ``benchmarks/identify.py`` and is used in
two ways:

* imported by the harness, which calls :func:`run_cases` to run licenselens
  in-process (or in a pool of fresh worker processes with ``jobs > 1``);
* run as a script, by any Python interpreter, so that a peer installed in its
  own virtualenv (licenseclassifier) or a fresh licenselens process is timed
  with exactly the same loop.  That is why it uses the standard library only.

As a script it writes JSON lines: one per file
``{"path", "ids", "seconds", "cold", "errors", "expression"}`` and one per
worker process ``{"worker": {...import_seconds, cold_seconds, peak_rss_kb}}``.

Identifier specs (``--impl``):

* ``module:function`` -- ``function(path: str)`` returning either an object
  with ``.licenses`` (items with ``.id``), optional ``.expression`` and
  ``.errors`` (licenselens' ``identify_file``), or an iterable of ids / of
  objects with ``.id``;
* ``licenseclassifier`` -- the PyPI package of that name, fed the file's text;
* ``null`` -- a stub that finds nothing, to test the harness itself.
"""

from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing
import os
import resource
import sys
import time
from typing import Any, Callable, Iterable

DEFAULT_IMPL = "licenselens:identify_file"

Identifier = Callable[[str], tuple[list[str], str | None, list[str]]]


def peak_rss_kb(who: int = resource.RUSAGE_SELF) -> int:
    """Peak RSS in KiB; macOS reports bytes where Linux reports KiB."""
    rss = resource.getrusage(who).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss


def null_identify(path: str) -> list[str]:
    """Stub identifier that finds nothing: every licensed case becomes a miss."""
    return []


def _ids_of(result: Any) -> tuple[list[str], str | None, list[str]]:
    """Normalise whatever an identifier returns to (ids, expression, errors).

    Accepting several shapes lets ``--impl`` compare implementations that do
    not share licenselens' result type.
    """
    if result is None:
        return [], None, []
    if hasattr(result, "licenses"):
        ids = [str(lic.id) for lic in (result.licenses or [])]
        expression = getattr(result, "expression", None)
        errors = [str(e) for e in (getattr(result, "errors", None) or [])]
        return ids, (str(expression) if expression else None), errors
    if isinstance(result, str):
        return [result], None, []
    ids = [str(getattr(item, "id", item)) for item in result]
    return ids, None, []


def _licenseclassifier(coverage_threshold: float | None) -> Identifier:
    """licenseclassifier takes text, not a path: decode like a tolerant reader."""
    from licenseclassifier import identify_license

    kwargs = {} if coverage_threshold is None else {"coverage_threshold": coverage_threshold}

    def identify(path: str) -> tuple[list[str], str | None, list[str]]:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
        return [m.id for m in identify_license(text, **kwargs)], None, []

    return identify


def load_identifier(spec: str, coverage_threshold: float | None = None) -> tuple[Identifier, str]:
    """Import the identifier named by ``spec``; returns it and its version.

    Import errors propagate: the caller turns them into a readable message.
    """
    if spec == "null":
        return (lambda path: _ids_of(null_identify(path))), "stub"
    if spec == "licenseclassifier":
        import licenseclassifier

        return _licenseclassifier(coverage_threshold), getattr(licenseclassifier, "__version__", "?")
    module_name, _, function_name = spec.partition(":")
    module = importlib.import_module(module_name)
    function = getattr(module, function_name or "identify_file")
    version = getattr(sys.modules.get(module_name.split(".")[0]), "__version__", None)
    if version is None:
        try:
            from importlib.metadata import version as dist_version

            version = dist_version(module_name.split(".")[0])
        except Exception:  # not installed as a distribution (e.g. a source tree)
            version = "?"
    return (lambda path: _ids_of(function(path))), str(version)


def run_chunk(spec: str, root: str, paths: list[str], coverage_threshold: float | None = None) -> dict:
    """Import, warm up on the first file, then time every file.

    The first call is the cold start (index load/build): it is timed but
    flagged ``cold`` so the harness keeps it out of per-file statistics while
    still scoring its result.  Runs in whichever process calls it, so in a
    pool each worker reports its own import and cold-start cost.
    """
    worker: dict[str, Any] = {"pid": os.getpid(), "files": len(paths)}
    started = time.perf_counter()
    try:
        identify, version = load_identifier(spec, coverage_threshold)
    except Exception as exc:  # reported as a message, not a traceback
        worker["fatal"] = f"{type(exc).__name__}: {exc}"
        return {"worker": worker, "records": []}
    worker["import_seconds"] = time.perf_counter() - started
    worker["version"] = version

    records = []
    for index, rel in enumerate(paths):
        errors: list[str] = []
        t0 = time.perf_counter()
        try:
            ids, expression, errors = identify(os.path.join(root, rel))
        except Exception as exc:  # a crash on one file is a miss, not the end of the run
            ids, expression, errors = [], None, [f"{type(exc).__name__}: {exc}"]
        seconds = time.perf_counter() - t0
        if index == 0:
            worker["cold_seconds"] = seconds
        records.append({"path": rel, "ids": ids, "expression": expression,
                        "errors": errors, "seconds": seconds, "cold": index == 0})
    worker["warm_seconds"] = sum(r["seconds"] for r in records if not r["cold"])
    worker["peak_rss_kb"] = peak_rss_kb()
    return {"worker": worker, "records": records}


def _run_chunk_star(args: tuple) -> dict:
    return run_chunk(*args)


def run_cases(spec: str, root: str, paths: list[str], jobs: int = 1,
              coverage_threshold: float | None = None) -> tuple[list[dict], list[dict]]:
    """Run ``paths`` with ``jobs`` processes; returns (records in input order, workers).

    ``jobs == 1`` runs in the calling process.  Otherwise each of ``jobs``
    interleaved chunks runs in a *fresh* spawned process (maxtasksperchild=1),
    so every worker pays, and reports, its own import and warm-up.
    """
    if jobs <= 1 or len(paths) <= 1:
        result = run_chunk(spec, root, paths, coverage_threshold)
        return result["records"], [result["worker"]]
    jobs = min(jobs, len(paths))
    chunks = [(spec, root, paths[i::jobs], coverage_threshold) for i in range(jobs)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, maxtasksperchild=1) as pool:
        results = pool.map(_run_chunk_star, chunks, chunksize=1)
    order = {rel: i for i, rel in enumerate(paths)}
    records = sorted((r for res in results for r in res["records"]), key=lambda r: order[r["path"]])
    return records, [res["worker"] for res in results]


def _read_list(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.strip()]


def _write_lines(out, rows: Iterable[dict]) -> None:
    for row in rows:
        out.write(json.dumps(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--impl", default=DEFAULT_IMPL, help="identifier spec (see above)")
    parser.add_argument("--root", required=True, help="directory the listed paths are relative to")
    parser.add_argument("--files-from", required=True, help="file with one relative path a line")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1: in this process)")
    parser.add_argument("--out", default="-", help="JSON-lines output file (default stdout)")
    parser.add_argument("--sys-path", action="append", default=[], help="directory to put first on sys.path")
    parser.add_argument("--coverage-threshold", type=float, default=None,
                        help="licenseclassifier's coverage threshold (its default: 75)")
    args = parser.parse_args(argv)
    for directory in reversed(args.sys_path):
        sys.path.insert(0, directory)

    records, workers = run_cases(args.impl, args.root, _read_list(args.files_from),
                                 args.jobs, args.coverage_threshold)
    fatal = [w["fatal"] for w in workers if "fatal" in w]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        _write_lines(out, records)
        _write_lines(out, ({"worker": w} for w in workers))
    finally:
        if out is not sys.stdout:
            out.close()
    if fatal:
        print(f"cannot load {args.impl}: {fatal[0]}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
