#!/usr/bin/env python3
"""Licence identification benchmark: accuracy and speed of licenselens and peers.

Not a test: it measures.  Reads the labelled cases in
../shared/bench/identify (relative to the repository root; --data to change;
a missing directory is reported on stderr and the script exits 0), runs
licenselens.identify_file() on every case in-process and scores it:

  E = licence ids of the case's expected SPDX expressions, G = ids reported
  (operators AND/OR/WITH dropped, an exception after WITH counts as an id).
  strict       G == E
  spdx-strict  G == E once every LicenseRef-* id is removed from both (headline)
  lenient      spdx-strict after folding -only, -or-later and a trailing +
  FP rate      share of the cases expecting no licence where G is not empty

Timing: `import` and the first call (index load/build) are reported apart
(the cold start); every later call is timed per file.  With --jobs N the files
are split over N fresh processes, each warming up on its own first file.
Columns: "median ms/file" of the timed calls; "total s" their sum (the slowest
worker's); "files/s" = timed files / total s; "wall s" = the whole run end to
end; "start-up s" = wall - total; "peak RSS MB" = the largest single process.

Peers run in the same invocation so that ratios hold on a noisy machine:
  --scancode PATH           ScanCode Toolkit's `scancode` (its own venv), run
                            once as `scancode -l -n JOBS --json-pp ...` on every
                            K-th case (--scancode-sample K), copied to a temp
                            tree; licenselens runs on the same files in a fresh
                            subprocess.  Both first do a warm-up run on tiny
                            files (reported apart).  ScanCode's total s is its
                            wall minus that warm-up (its median comes from its
                            hidden --timing per-file times).
  --licenseclassifier PY    python of a venv holding PyPI `licenseclassifier`;
                            benchmarks/_identify_driver.py runs it on all cases
                            (or on the ScanCode sample with --peer-sample).

Output: a Markdown table on stdout (one row per tool), speed ratios, notes;
--json OUT writes the same numbers; per-case results (expected, got, ok flags)
go to benchmarks/results/identify-<tool>.jsonl; the first --show-failures
spdx-strict failures of licenselens are printed to stderr.

--impl module:function (or env LICENSELENS_BENCH_IMPL) swaps the identifier,
e.g. `--impl null` (finds nothing) to test the harness, or another
implementation to compare with.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
if str(BENCH_DIR) not in sys.path:  # also when run as `python -m benchmarks.identify`
    sys.path.insert(0, str(BENCH_DIR))
import _identify_driver as driver  # noqa: E402  (needs the path above)
from _labellers import fold  # noqa: E402

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "bench" / "identify"
DEFAULT_RESULTS = BENCH_DIR / "results"
DRIVER_SCRIPT = BENCH_DIR / "_identify_driver.py"
WARMUP_TEXT = "Copyright (c) 2024 Example\nSPDX-License-Identifier: MIT\n"
OPERATORS = {"AND", "OR", "WITH"}


# --------------------------------------------------------------------------- cases and scoring

@dataclass(frozen=True)
class Case:
    path: str  # relative to <data>/cases
    expected: frozenset[str]
    expected_failure: bool = False


def license_ids(expressions: Iterable[str | None]) -> frozenset[str]:
    """Ids in SPDX expressions: split on blanks and parentheses, drop operators.

    The id after WITH (an exception) is kept: a tool that misses the exception
    has not found what the file says.
    """
    ids = set()
    for expression in expressions:
        for token in re.split(r"[\s()]+", expression or ""):
            if token and token.upper() not in OPERATORS:
                ids.add(token)
    return frozenset(ids)


def load_cases(data_dir: Path) -> list[Case]:
    """Read expected.jsonl in file order (the order defines the peer sample)."""
    cases = []
    with open(data_dir / "expected.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                cases.append(Case(row["path"], license_ids(row["spdx"]), bool(row.get("expected_failure"))))
    return cases


def spdx_only(ids: frozenset[str]) -> frozenset[str]:
    """Drop LicenseRef-* ids, which only ScanCode-style tools can report."""
    return frozenset(i for i in ids if not i.lower().startswith("licenseref-"))


def score_case(expected: frozenset[str], got: frozenset[str]) -> dict:
    """The ok flags of one case, as defined in shared/bench/README.md."""
    e_spdx, g_spdx = spdx_only(expected), spdx_only(got)
    return {
        "strict": got == expected,
        "spdx_strict": g_spdx == e_spdx,
        "lenient": {fold(i) for i in g_spdx} == {fold(i) for i in e_spdx},
        "false_positive": (bool(got) if not expected else None),
    }


# --------------------------------------------------------------------------- one tool's run

@dataclass
class Run:
    """What one tool did on one file set, before summarising."""

    tool: str
    slug: str  # names the per-case JSONL
    cases: list[Case]
    got: dict[str, frozenset[str]]
    records: dict[str, dict] = field(default_factory=dict)  # per path: seconds, errors, ...
    warm_seconds: list[float] = field(default_factory=list)  # per-file times, cold calls excluded
    warm_files: int = 0
    wall_seconds: float = 0.0
    steady_seconds: float | None = None  # slowest worker's sum of per-file times
    warmup_run_seconds: float | None = None  # subprocess tools: a run on tiny files
    peak_rss_kb: int | None = None
    notes: dict = field(default_factory=dict)


def summarise(run: Run) -> dict:
    """Scores and timings of a run, as one table/JSON row."""
    flags = [score_case(c.expected, run.got.get(c.path, frozenset())) for c in run.cases]
    n = len(run.cases)
    no_licence = [f for f in flags if f["false_positive"] is not None]
    fps = sum(1 for f in no_licence if f["false_positive"])
    minus_warmup = (run.wall_seconds - run.warmup_run_seconds) if run.warmup_run_seconds is not None else None
    total = run.steady_seconds if run.steady_seconds is not None else minus_warmup
    row = {"tool": run.tool, "files": n}
    for key in ("strict", "spdx_strict", "lenient"):
        ok = sum(1 for f in flags if f[key])
        row[key] = ok / n if n else None
        row[key + "_n"] = ok
    row.update({
        "fp_rate": fps / len(no_licence) if no_licence else None,
        "fp_n": fps,
        "no_licence_n": len(no_licence),
        "median_ms": statistics.median(run.warm_seconds) * 1000 if run.warm_seconds else None,
        "per_file_total_s": sum(run.warm_seconds) if run.warm_seconds else None,
        "total_s": total,
        "total_estimated": run.steady_seconds is None,
        "files_per_s": run.warm_files / total if total and total > 0 else None,
        "wall_s": run.wall_seconds,
        "startup_s": run.wall_seconds - total if total is not None else None,
        "warmup_run_s": run.warmup_run_seconds,
        "wall_minus_warmup_s": minus_warmup,
        "peak_rss_mb": run.peak_rss_kb / 1024 if run.peak_rss_kb else None,
        "errors_n": sum(1 for r in run.records.values() if r.get("errors")),
        **run.notes,
    })
    return row


def write_case_results(run: Run, results_dir: Path) -> Path:
    """Per-case JSONL so that failures can be studied after the run."""
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / f"identify-{run.slug}.jsonl"
    with open(out, "w", encoding="utf-8") as handle:
        for case in run.cases:
            got = run.got.get(case.path, frozenset())
            record = run.records.get(case.path, {})
            row = {"path": case.path, "expected": sorted(case.expected), "got": sorted(got),
                   **score_case(case.expected, got), "expected_failure": case.expected_failure,
                   "seconds": record.get("seconds"), "errors": record.get("errors", [])}
            if record.get("expression") is not None:
                row["expression"] = record["expression"]
            handle.write(json.dumps(row) + "\n")
    return out


def print_failures(run: Run, limit: int) -> None:
    """The first spdx-strict failures, expected vs got, to stderr."""
    failures = [c for c in run.cases
                if not score_case(c.expected, run.got.get(c.path, frozenset()))["spdx_strict"]]
    if not failures or limit <= 0:
        return
    print(f"\n{run.tool}: first {min(limit, len(failures))} of {len(failures)} spdx-strict failures",
          file=sys.stderr)
    for case in failures[:limit]:
        got = run.got.get(case.path, frozenset())
        print(f"  {case.path}\n    expected: {', '.join(sorted(spdx_only(case.expected))) or '-'}"
              f"\n    got:      {', '.join(sorted(spdx_only(got))) or '-'}", file=sys.stderr)
        for error in run.records.get(case.path, {}).get("errors", [])[:2]:
            print(f"    error:    {error}", file=sys.stderr)


# --------------------------------------------------------------------------- running tools

class ToolError(Exception):
    """A tool could not run; the message is for the user, not a traceback."""


def run_from_records(tool: str, slug: str, cases: list[Case], records: list[dict]) -> Run:
    """A Run from driver records (in-process or read back from a subprocess)."""
    by_path = {r["path"]: r for r in records}
    run = Run(tool, slug, cases, {p: license_ids(r["ids"]) for p, r in by_path.items()}, by_path)
    run.warm_seconds = [r["seconds"] for r in records if not r["cold"]]
    return run


def run_in_process(spec: str, label: str, cases: list[Case], cases_dir: Path, jobs: int) -> Run:
    """licenselens over all cases through its Python API, in this process or a spawned pool."""
    paths = [c.path for c in cases]
    started = time.perf_counter()
    records, workers = driver.run_cases(spec, str(cases_dir), paths, jobs)
    wall = time.perf_counter() - started
    fatal = [w["fatal"] for w in workers if "fatal" in w]
    if fatal:
        raise ToolError(f"cannot load {spec}: {fatal[0]}")
    run = run_from_records(label, label, cases, records)
    run.wall_seconds = wall
    run.warm_files = len(cases) - len(workers)
    # steady state = the slowest worker's per-file time; the rest of the wall
    # time (spawning, import, first call, collecting results) is start-up
    run.steady_seconds = max(w["warm_seconds"] for w in workers)
    run.peak_rss_kb = driver.peak_rss_kb() if len(workers) == 1 else max(w["peak_rss_kb"] for w in workers)
    run.notes = {"version": workers[0]["version"], "jobs": len(workers), "mode": "in-process",
                 "import_s": max(w["import_seconds"] for w in workers),
                 "cold_start_s": max(w.get("cold_seconds", 0.0) for w in workers)}
    return run


@dataclass
class Timed:
    returncode: int
    wall_seconds: float
    peak_rss_kb: int


def run_timed(cmd: list[str], stdout: Path, stderr: Path) -> Timed:
    """Run a command, wall-clock it and read its peak RSS from wait4().

    wait4 gives the usage of this child and of the descendants it waited for
    (ScanCode's or the driver's workers): ru_maxrss is the largest single
    process of that tree, measured without other children of this harness.
    """
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        except OSError as exc:
            raise ToolError(f"cannot run {cmd[0]}: {exc}") from None
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Timed(proc.returncode, wall, rss)


def tail(path: Path, lines: int = 8) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return "\n".join(text[-lines:])


def make_warmup_tree(parent: Path, jobs: int) -> list[str]:
    """One two-line licence notice per worker, so a warm-up run starts as many
    workers as the timed run does; returns the relative paths."""
    parent.mkdir(parents=True)
    names = [f"notice-{i}.c" for i in range(jobs)]
    for name in names:
        (parent / name).write_text(WARMUP_TEXT, encoding="utf-8")
    return names


def run_driver(python: str, spec: str, tool: str, slug: str, cases: list[Case], cases_dir: Path,
               jobs: int, workdir: Path, extra_args: list[str]) -> Run:
    """An identifier in a fresh interpreter, warm-up run first (reported, not counted)."""
    def command(root: Path, paths: list[str], name: str) -> tuple[list[str], Path]:
        listing = workdir / f"{name}.list"
        listing.write_text("".join(p + "\n" for p in paths), encoding="utf-8")
        out = workdir / f"{name}.jsonl"
        return [python, str(DRIVER_SCRIPT), "--impl", spec, "--root", str(root),
                "--files-from", str(listing), "--jobs", str(jobs), "--out", str(out), *extra_args], out

    warm_dir = workdir / f"{slug}-warmup"
    warm_cmd, _ = command(warm_dir, make_warmup_tree(warm_dir, jobs), f"{slug}-warmup")
    warm = run_timed(warm_cmd, workdir / f"{slug}-warmup.out", workdir / f"{slug}-warmup.err")
    if warm.returncode != 0:
        raise ToolError(f"{tool}: warm-up run failed ({warm.returncode}):\n"
                        f"{tail(workdir / f'{slug}-warmup.err')}")
    cmd, out = command(cases_dir, [c.path for c in cases], slug)
    timed = run_timed(cmd, workdir / f"{slug}.out", workdir / f"{slug}.err")
    if timed.returncode != 0 or not out.exists():
        raise ToolError(f"{tool}: run failed ({timed.returncode}):\n{tail(workdir / f'{slug}.err')}")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    workers = [line["worker"] for line in lines if "worker" in line]
    run = run_from_records(tool, slug, cases, [line for line in lines if "worker" not in line])
    run.wall_seconds, run.warmup_run_seconds, run.peak_rss_kb = timed.wall_seconds, warm.wall_seconds, timed.peak_rss_kb
    run.steady_seconds = max(w["warm_seconds"] for w in workers)
    run.warm_files = len(cases) - len(workers)
    run.notes = {"version": workers[0].get("version"), "jobs": len(workers), "mode": "subprocess",
                 "import_s": max(w["import_seconds"] for w in workers),
                 "cold_start_s": max(w.get("cold_seconds", 0.0) for w in workers)}
    return run


def scancode_ids(file_entry: dict) -> frozenset[str]:
    """SPDX ids of one file of ScanCode 32 JSON.

    Each of `license_detections` has `license_expression_spdx`; the file-level
    `detected_license_expression_spdx` combines them.  Both are read (a union)
    so that nothing is lost if one is absent.  `license_clues` (low-confidence
    matches ScanCode itself does not call detections) are left out.
    """
    expressions = [d.get("license_expression_spdx") for d in file_entry.get("license_detections") or []]
    expressions.append(file_entry.get("detected_license_expression_spdx"))
    return license_ids(e for e in expressions if e)


def run_scancode(exe: str, cases: list[Case], cases_dir: Path, jobs: int, workdir: Path) -> Run:
    """ScanCode once on a copy of the sample, after a warm-up run on tiny files.

    `--timing` (hidden in ScanCode 32) adds per-file licence-scan times to the
    JSON; they give ScanCode's median ms/file.  Its total s stays wall minus
    the warm-up run, which also counts ScanCode's per-file overhead.
    """
    timing = ["--timing"]

    def command(target: Path, out: Path) -> list[str]:
        return [exe, "-l", "-n", str(jobs), *timing, "--json-pp", str(out), "--quiet", "--strip-root", str(target)]

    tree = workdir / "scancode-input"
    for case in cases:  # copies, not symlinks: ScanCode's walker skips symlinks
        target = tree / case.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cases_dir / case.path, target)
    warm_dir = workdir / "scancode-warmup"
    make_warmup_tree(warm_dir, jobs)
    warm_out = workdir / "scancode-warmup.json"
    print(f"scancode: warm-up run on {jobs} tiny file(s) (the very first run builds its index: minutes)",
          file=sys.stderr)
    warm = run_timed(command(warm_dir, warm_out), workdir / "scancode-warmup.out", workdir / "scancode-warmup.err")
    if not warm_out.exists() and "--timing" in tail(workdir / "scancode-warmup.err"):
        timing = []  # a ScanCode without the hidden option: no per-file times
        warm = run_timed(command(warm_dir, warm_out), workdir / "scancode-warmup.out", workdir / "scancode-warmup.err")
    if not warm_out.exists():
        raise ToolError(f"scancode: warm-up run failed ({warm.returncode}):\n{tail(workdir / 'scancode-warmup.err')}")
    out = workdir / "scancode.json"
    print(f"scancode: scanning {len(cases)} files with -n {jobs}", file=sys.stderr)
    timed = run_timed(command(tree, out), workdir / "scancode.out", workdir / "scancode.err")
    if not out.exists():
        raise ToolError(f"scancode: run failed ({timed.returncode}):\n{tail(workdir / 'scancode.err')}")
    data = json.loads(out.read_text(encoding="utf-8"))
    files = {f["path"]: f for f in data.get("files", []) if f.get("type") == "file"}
    got = {path: scancode_ids(entry) for path, entry in files.items()}
    records = {path: {"errors": entry.get("scan_errors") or [],
                      "seconds": (entry.get("scan_timings") or {}).get("licenses")} for path, entry in files.items()}
    header = (data.get("headers") or [{}])[0]
    run = Run("scancode", "scancode", cases, got, records)
    run.warm_seconds = [r["seconds"] for r in records.values() if r["seconds"] is not None]
    run.wall_seconds, run.warmup_run_seconds, run.peak_rss_kb = timed.wall_seconds, warm.wall_seconds, timed.peak_rss_kb
    run.warm_files = len(cases)
    run.notes = {"version": header.get("tool_version"), "jobs": jobs, "mode": "subprocess",
                 "returncode": timed.returncode, "self_reported_duration_s": header.get("duration"),
                 "missing_from_output": sum(1 for c in cases if c.path not in files)}
    return run


# --------------------------------------------------------------------------- report

COLUMNS = [("tool", "tool"), ("files", "files"), ("strict", "strict"), ("spdx_strict", "spdx-strict"),
           ("lenient", "lenient"), ("fp_rate", "FP rate"), ("median_ms", "median ms/file"),
           ("total_s", "total s"), ("files_per_s", "files/s"), ("wall_s", "wall s"),
           ("startup_s", "start-up s"), ("peak_rss_mb", "peak RSS MB")]


def cell(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None:
        return "—"
    if key in ("strict", "spdx_strict", "lenient"):
        return f"{value:.1%} ({row[key + '_n']})"
    if key == "fp_rate":
        return f"{value:.1%} ({row['fp_n']}/{row['no_licence_n']})"
    if key in ("median_ms", "total_s", "wall_s", "startup_s"):
        text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
        return "≈" + text if key in ("total_s", "startup_s") and row.get("total_estimated") else text
    if key in ("files_per_s", "peak_rss_mb"):
        return f"{value:.1f}" if value < 1000 else f"{value:.0f}"
    return str(value)


def markdown_table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(title for _, title in COLUMNS) + " |",
             "|" + "|".join("---" if key == "tool" else "---:" for key, _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(cell(row, key) for key, _ in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def speed_ratio(name: str, ours: dict, theirs: dict) -> dict:
    """licenselens ÷ peer throughput on the same files: > 1 means licenselens is faster.

    "steady" compares time spent on the files once started: the sums of
    per-file times when both sides have them, else (ScanCode reports none)
    wall minus a warm-up run on both sides, the same estimator for both.
    "end_to_end" is files / wall time, start-up included.
    """
    def rate(files: int, seconds: float | None) -> float | None:
        return files / seconds if seconds and seconds > 0 else None

    if not (ours["total_estimated"] or theirs["total_estimated"]):
        basis, ours_s, theirs_s = "per-file times", ours["total_s"], theirs["total_s"]
    else:
        basis, ours_s, theirs_s = "wall - warm-up run", ours["wall_minus_warmup_s"], theirs["wall_minus_warmup_s"]
    ratio = {"comparison": name, "files": ours["files"]}
    for kind, seconds, label in (("steady", (ours_s, theirs_s), basis),
                                 ("end_to_end", (ours["wall_s"], theirs["wall_s"]), "wall")):
        ours_rate, theirs_rate = rate(ours["files"], seconds[0]), rate(theirs["files"], seconds[1])
        ratio[kind] = {"basis": label, "licenselens_files_per_s": ours_rate, "peer_files_per_s": theirs_rate,
                       "ratio": ours_rate / theirs_rate if ours_rate and theirs_rate else None}
    if ours.get("median_ms") and theirs.get("median_ms"):
        ratio["median_ms_ratio"] = theirs["median_ms"] / ours["median_ms"]
    return ratio


def ratio_lines(ratios: list[dict]) -> list[str]:
    def fmt(part: dict) -> str:
        if part["ratio"] is None:
            return "n/a"
        return (f"{part['ratio']:.2f}x ({part['licenselens_files_per_s']:.3g} vs "
                f"{part['peer_files_per_s']:.3g} files/s, by {part['basis']})")

    if not ratios:
        return []
    lines = ["", "Speed ratios (licenselens ÷ peer throughput on the same files; > 1: licenselens faster):"]
    for r in ratios:
        line = (f"- {r['comparison']} ({r['files']} files): steady state {fmt(r['steady'])}; "
                f"end to end incl. start-up {fmt(r['end_to_end'])}")
        if "median_ms_ratio" in r:
            line += f"; median per file {r['median_ms_ratio']:.2f}x"
        lines.append(line)
    return lines


def note_lines(rows: list[dict], cases: list[Case]) -> list[str]:
    floor = sum(1 for c in cases if not spdx_only(c.expected))
    lines = ["", "Notes:", f"- a tool that finds nothing scores {floor / len(cases):.1%} spdx-strict "
             f"({floor} of {len(cases)} cases expect only LicenseRef-* ids or none)"]
    for row in rows:
        bits = [f"version {row.get('version')}", f"{row.get('mode')}", f"jobs {row.get('jobs')}"]
        if row.get("import_s") is not None:
            bits.append(f"import {row['import_s']:.3g} s, first call {row['cold_start_s']:.3g} s")
        if row.get("warmup_run_s") is not None:
            bits.append(f"separate warm-up run on tiny files {row['warmup_run_s']:.3g} s")
        if row.get("self_reported_duration_s") is not None:
            bits.append(f"self-reported scan duration {row['self_reported_duration_s']:.3g} s")
        if row.get("errors_n"):
            bits.append(f"{row['errors_n']} files with errors")
        if row.get("missing_from_output"):
            bits.append(f"{row['missing_from_output']} files missing from its output")
        lines.append(f"- {row['tool']}: " + "; ".join(bits))
    lines.append("- total s = time on the files at steady state: the (slowest worker's) sum of per-file times, "
                 "first call excluded; ≈ for ScanCode: wall s minus its warm-up run (its median: --timing). "
                 "start-up s = wall s - total s. files/s = files timed / total s. "
                 "peak RSS = largest single process.")
    return lines


# --------------------------------------------------------------------------- command line

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/identify.py", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="benchmark directory with expected.jsonl and cases/ (default: %(default)s)")
    parser.add_argument("--impl", default=os.environ.get("LICENSELENS_BENCH_IMPL", driver.DEFAULT_IMPL),
                        help="identifier as module:function, 'null' (stub that finds nothing) or "
                             "'licenseclassifier' (default: env LICENSELENS_BENCH_IMPL or %(default)s)")
    parser.add_argument("--label", help="tool name in the table and the JSONL file name "
                                        "(default: licenselens, or the --impl spec when changed)")
    parser.add_argument("--jobs", type=positive_int, default=1,
                        help="processes for every tool (ScanCode gets -n JOBS) (default: 1)")
    parser.add_argument("--limit", type=positive_int, help="only the first N cases, for a quick check")
    parser.add_argument("--scancode", metavar="PATH", help="scancode executable (in its own venv)")
    parser.add_argument("--scancode-sample", metavar="K", type=positive_int, default=10,
                        help="peers' sample: every K-th case in expected.jsonl order (default: 10)")
    parser.add_argument("--licenseclassifier", metavar="PYTHON",
                        help="python of a venv where the PyPI package licenseclassifier is installed")
    parser.add_argument("--coverage-threshold", type=float, metavar="PCT",
                        help="licenseclassifier's coverage threshold (its default: 75)")
    parser.add_argument("--peer-sample", action="store_true",
                        help="run licenseclassifier on the ScanCode sample instead of all cases")
    parser.add_argument("--show-failures", metavar="N", type=non_negative_int, default=30,
                        help="print the first N spdx-strict failures of licenselens to stderr (default: 30)")
    parser.add_argument("--results-dir", type=Path, default=DEFAULT_RESULTS,
                        help="where the per-case JSONL files go (default: %(default)s)")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write all the numbers as JSON")
    parser.add_argument("--text-timing", action="store_true",
                        help="also time licenselens.identify(text) on each file's text already in memory, "
                             "interleaved with identify_file(path) on the same file, in this process")
    args = parser.parse_args(argv)
    for option, path in (("--scancode", args.scancode), ("--licenseclassifier", args.licenseclassifier)):
        if path and not (os.path.isfile(path) and os.access(path, os.X_OK)):
            parser.error(f"{option}: {path} is not an executable file")
    if args.label is None:
        args.label = "licenselens" if args.impl == driver.DEFAULT_IMPL else re.sub(r"[^\w.-]+", "-", args.impl)
    return args


def positive_int(text: str) -> int:
    value = non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = args.data.resolve()
    if not (data_dir / "expected.jsonl").is_file():
        print(f"identify benchmark skipped: no benchmark data at {data_dir} (see --data)", file=sys.stderr)
        return 0
    cases = load_cases(data_dir)[: args.limit]
    cases_dir = data_dir / "cases"
    sample = cases[:: args.scancode_sample]
    if str(REPO_ROOT) not in sys.path:  # benchmark the working tree's licenselens
        sys.path.insert(1, str(REPO_ROOT))

    print(f"{args.label}: {len(cases)} files in-process, jobs {args.jobs}", file=sys.stderr)
    try:
        main_run = run_in_process(args.impl, args.label, cases, cases_dir, args.jobs)
    except ToolError as exc:
        hint = (" -- is licenselens installed (pip install -e .) and does it define identify_file()? "
                "Use --impl null to test the harness without it.") if args.impl == driver.DEFAULT_IMPL else ""
        print(f"{exc}{hint}", file=sys.stderr)
        return 1
    failed: list[str] = []
    write_case_results(main_run, args.results_dir)
    print_failures(main_run, args.show_failures)

    sample_note = f", sample 1/{args.scancode_sample}" if len(sample) != len(cases) else ""
    comparisons: list[tuple[str, Run, Run]] = []  # (name, licenselens run, peer run) on the same files
    with tempfile.TemporaryDirectory(prefix="licenselens-bench-") as tmp:
        workdir = Path(tmp)
        sample_run = None
        if args.scancode or (args.licenseclassifier and args.peer_sample):
            print(f"{args.label}: {len(sample)} sample files in a fresh subprocess", file=sys.stderr)
            sample_run = peer_try(failed, lambda: run_driver(
                sys.executable, args.impl, args.label + sample_note, f"{args.label}-sample", sample,
                cases_dir, args.jobs, workdir, ["--sys-path", str(REPO_ROOT)]))
        if args.scancode:
            scancode = peer_try(failed, lambda: run_scancode(args.scancode, sample, cases_dir, args.jobs, workdir))
            if scancode:
                scancode.tool = f"scancode {scancode.notes['version']}{sample_note}"
                comparisons.append(("scancode", sample_run, scancode))
        if args.licenseclassifier:
            lc_cases = sample if args.peer_sample else cases
            print(f"licenseclassifier: {len(lc_cases)} files in a subprocess", file=sys.stderr)
            extra = [] if args.coverage_threshold is None else ["--coverage-threshold", str(args.coverage_threshold)]
            classifier = peer_try(failed, lambda: run_driver(
                args.licenseclassifier, "licenseclassifier", "licenseclassifier", "licenseclassifier",
                lc_cases, cases_dir, args.jobs, workdir, extra))
            if classifier:
                classifier.tool = f"licenseclassifier {classifier.notes['version']}" + (
                    sample_note if args.peer_sample else "")
                comparisons.append(("licenseclassifier", sample_run if args.peer_sample else main_run, classifier))

    text_timing = identify_text_timing(cases, cases_dir) if args.text_timing else None
    runs = [main_run] + [run for run in [sample_run] + [c[2] for c in comparisons] if run]
    rows = {id(run): summarise(run) for run in runs}
    for run in runs[1:]:
        write_case_results(run, args.results_dir)
    ratios = [speed_ratio(f"vs {name}", rows[id(ours)], rows[id(peer)])
              for name, ours, peer in comparisons if ours]
    rows = [rows[id(run)] for run in runs]
    print(markdown_table(rows))
    print("\n".join(ratio_lines(ratios) + note_lines(rows, cases)))
    if text_timing:
        print(f"\nidentify() on text in memory, one process, warm ({text_timing['files']} readable files, "
              f"alternating passes): median {text_timing['text_median_ms']:.3f} ms, "
              f"{text_timing['text_under_1ms']} under 1 ms; identify_file() on the same files, reading "
              f"included: median {text_timing['file_median_ms']:.3f} ms")
    if args.json:
        meta = {"data": str(data_dir), "cases": len(cases), "sample_every": args.scancode_sample,
                "sample_files": len(sample), "jobs": args.jobs, "impl": args.impl,
                "python": sys.version.split()[0], "platform": platform.platform(),
                "cpus": os.cpu_count(), "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "failed": failed}
        args.json.write_text(json.dumps({"meta": meta, "rows": rows, "ratios": ratios,
                                         "text_timing": text_timing}, indent=2) + "\n",
                             encoding="utf-8")
    return 1 if failed else 0


def identify_text_timing(cases: list[Case], cases_dir: Path, rounds: int = 2) -> dict:
    """Time ``licenselens.identify(text)`` - the library call, on a text
    already read - and ``identify_file(path)`` on the same files, in this
    process: the first is what the issue's "median identify()" target is
    about, the second adds reading and decoding the file.  The two run in
    alternating passes over all files (``rounds`` each, the last one kept):
    one call per file between two calls on the same text would find that
    text's caches warm.  Files that are not text (binary, empty) are left out."""
    import licenselens
    from licenselens import ingest
    from licenselens.errors import LicenselensError

    texts: list[tuple[str, str]] = []
    for case in cases:
        path = str(cases_dir / case.path)
        try:
            texts.append((path, ingest.read_path(path).text))
        except LicenselensError:
            continue

    def timed(call) -> list[float]:
        seconds = []
        for path, text in texts:
            started = time.perf_counter()
            call(path, text)
            seconds.append(time.perf_counter() - started)
        return seconds

    for _ in range(rounds):
        on_text = timed(lambda path, text: licenselens.identify(text, path))
        on_file = timed(lambda path, text: licenselens.identify_file(path))
    return {"files": len(texts), "text_median_ms": statistics.median(on_text) * 1000,
            "text_under_1ms": sum(t < 0.001 for t in on_text),
            "file_median_ms": statistics.median(on_file) * 1000}


def peer_try(failed: list[str], action) -> Run | None:
    """Run one peer; a failing peer is reported and left out, the others still run."""
    try:
        return action()
    except ToolError as exc:
        print(str(exc), file=sys.stderr)
        failed.append(str(exc))
        return None


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # stdout piped into `head`: not an error worth a traceback
        sys.stderr.close()
        sys.exit(0)
