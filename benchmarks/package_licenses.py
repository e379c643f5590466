#!/usr/bin/env python3
"""Licence identification checked against the licences package authors declare.

Run: python benchmarks/package_licenses.py [--json OUT] [--text-timing]   (a few seconds, one process)

Not a test: it measures.  A third labeller besides the identification
benchmark's (benchmarks/identify.py) and Debian's maintainers
(benchmarks/debian_copyright.py): the authors of the packages installed on
this machine, who declare a licence in their package metadata and ship the
licence file beside it.  Everything is read at run time only; nothing is
stored or downloaded.

Sources:
  npm     every package.json of a package directory under /usr/lib/node_modules
          (node_modules/<name> or node_modules/@scope/<name>; the npm CLI
          bundles its ~200 dependencies there; a package.json deeper in a
          package, e.g. dist/esm/package.json, is counted, not read as a
          package).  Label: the "license" field (an SPDX expression), else the
          legacy {"type": ...} object or "licenses": [{"type": ...}] list
          (several types joined with OR).  Files: LICENSE*, LICENCE*, COPYING*
          and UNLICENSE (any case) directly in the package directory.
  python  every *.dist-info directory of the --root directories (a root is a
          site-packages directory itself or a Python prefix whose
          lib/python*/{site,dist}-packages are searched; default: the
          venvs /work/venv, /work/scvenv and /work/lcvenv, the interpreter
          they are built on, and the system Python's dist-packages).  Label:
          METADATA's License-Expression (PEP 639), else a License field that
          is an SPDX expression as the license_expression package reads it
          (a lower-case "and"/"or" passes, as it does there); anything else is
          unmapped, also when only "License ::" trove classifiers say
          something (too coarse to score: counted).  Files: the License-File
          entries (under licenses/ or at the top of the dist-info), else files
          under licenses/ or named LICENSE*, LICENCE*, COPYING*, NOTICE* at the
          top.  *.egg-info directories are counted, not read.

A package without a licence file is counted and is no case.  A package.json
that is not valid UTF-8 JSON, or a METADATA that cannot be read, is counted
and skipped (named on stderr).  Identical (source, label, licence file texts)
cases are kept once (the same distribution sits in several venvs; many npm
packages of one author ship the same text): how many were dropped is
reported, split into the same package seen again and other packages.

Labels map to SPDX with license_expression (get_spdx_licensing(), strict
parsing): the label maps when it parses and every licence key is a known SPDX
id or a LicenseRef-*; the ids are its licence keys, exceptions included
(deprecated ids become current ones: GPL-2.0+ -> GPL-2.0-or-later).

Scoring, per case, with E = the label's ids and G = the union over the
case's licence files of the ids licenselens.identify_file() reports,
in-process (a LicenseRef-* id counts only when the label names it):
  strict        G == E
  covered       E is a subset of G (a LICENSE that appends third-party
                notices may add ids)
  found nothing no file reported any id, not even a LicenseRef-*
Per file: found nothing; every id within E; some id outside E.

Output: Markdown on stdout (counts, scores per source and per label field,
per-file results, the top disagreement patterns "label -> got", the most
frequent unmapped labels); --json OUT writes every case (source, package,
version, label, mapped expression, ids, files with the ids and expression
reported for each).  Exit 0 also when no package is found (said on stderr);
1 when licenselens cannot be loaded; 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import email.parser
import glob
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:  # also when run as `python -m benchmarks.package_licenses`
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from _labellers import pct, score_rows, save_json  # noqa: E402  (needs the path above)

REPO_ROOT = Path(__file__).resolve().parent.parent
NPM_ROOT = Path("/usr/lib/node_modules")
VENVS = (Path("/work/venv"), Path("/work/scvenv"), Path("/work/lcvenv"))
#: the Debian system Python's package directories
SYSTEM_PACKAGES = ("/usr/lib/python3/dist-packages", "/usr/local/lib/python3*/dist-packages",
                   "/usr/lib/python3*/site-packages")
SOURCES = ("npm", "python")
#: where a label came from, per source
FIELDS = ("license", "license-object", "licenses", "License-Expression", "License")

NPM_LICENCE_FILE = re.compile(r"^(?:licen[cs]e|copying|unlicense)", re.IGNORECASE)
PYTHON_LICENCE_FILE = re.compile(r"^(?:licen[cs]e|copying|notice)", re.IGNORECASE)
LICENCE_NAME = re.compile(r"^(?:licen[cs]e|copying|notice|unlicense)", re.IGNORECASE)
LICENCE_CLASSIFIER = "License ::"
#: a License field longer than this (or of several lines) holds a licence text, not a name
LABEL_MAX_WORDS = 12


def default_roots() -> list[Path]:
    """The venvs, the interpreter they are built on (from pyvenv.cfg's
    "home", else this one's base prefix) and the system Python."""
    roots = list(VENVS)
    for venv in VENVS:
        try:
            config = (venv / "pyvenv.cfg").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        home = re.search(r"^home\s*=\s*(.+)$", config, re.MULTILINE)
        if home:
            roots.append(Path(home.group(1).strip()).parent)
    roots.append(Path(sys.base_prefix))
    for pattern in SYSTEM_PACKAGES:
        roots += [Path(p) for p in sorted(glob.glob(pattern))]
    unique: list[Path] = []
    for root in roots:
        if root.is_dir() and root.resolve() not in {r.resolve() for r in unique}:
            unique.append(root)
    return unique


# --------------------------------------------------------------------------- cases

@dataclass
class LicenceFile:
    path: str
    sha256: str


@dataclass
class Case:
    source: str  # npm | python
    package: str
    version: str | None
    label_field: str | None  # one of FIELDS, None when nothing was declared
    label: str | None  # the declared licence as written
    files: list[LicenceFile]
    location: str  # package directory or dist-info
    classifiers: list[str] = field(default_factory=list)  # python's "License ::" classifiers
    copies: int = 1  # identical (source, label, texts) cases folded into this one
    packages: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)


@dataclass
class Collected:
    cases: list[Case]
    roots: list[str] = field(default_factory=list)
    package_json: int = 0  # package.json files seen
    not_package_dir: int = 0  # package.json inside a package (dist/esm/package.json ...)
    npm_packages: int = 0
    dist_infos: int = 0
    egg_infos: int = 0
    broken: list[str] = field(default_factory=list)  # unreadable package.json / METADATA
    without_files: Counter = field(default_factory=Counter)  # source -> packages with no licence file
    unreadable_files: list[str] = field(default_factory=list)
    missing_licence_file_entries: list[str] = field(default_factory=list)
    duplicates_same_package: int = 0
    duplicates_other_package: int = 0


def _licence_files(paths: list[Path], collected: Collected) -> list[LicenceFile]:
    """The readable files among ``paths``, with the hash of their bytes."""
    files = []
    for path in paths:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            collected.unreadable_files.append(f"{path}: {type(exc).__name__}")
            continue
        files.append(LicenceFile(str(path), digest))
    return files


def _npm_package_dirs(root: Path) -> tuple[list[Path], int, int]:
    """Package directories under ``root`` (a node_modules directory or a
    package), the package.json files seen and those not of a package directory."""
    found, seen, other = [], 0, 0
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        if "package.json" not in files:
            continue
        seen += 1
        here = Path(directory)
        parent = here.parent
        if (here == root or parent.name == "node_modules"
                or (parent.name.startswith("@") and parent.parent.name == "node_modules")):
            found.append(here)
        else:
            other += 1
    return found, seen, other


def _npm_label(manifest: dict) -> tuple[str | None, str | None]:
    """(field, label) of a package.json: "license" as written, or the legacy
    forms' types; (None, None) when it declares nothing readable."""
    value = manifest.get("license")
    if isinstance(value, str) and value.strip():
        return "license", value.strip()
    if isinstance(value, dict) and isinstance(value.get("type"), str):
        return "license-object", value["type"].strip()
    legacy = manifest.get("licenses")
    if isinstance(legacy, list):
        types = [item.get("type") if isinstance(item, dict) else item for item in legacy]
        if types and all(isinstance(t, str) and t.strip() for t in types):
            return "licenses", " OR ".join(t.strip() if len(types) == 1 else f"({t.strip()})" for t in types)
    return None, None


def collect_npm(root: Path, collected: Collected) -> list[Case]:
    cases = []
    if not root.is_dir():
        return cases
    directories, seen, other = _npm_package_dirs(root)
    collected.package_json += seen
    collected.not_package_dir += other
    for directory in directories:
        try:
            manifest = json.loads((directory / "package.json").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            collected.broken.append(f"{directory / 'package.json'}: {type(exc).__name__}")
            continue
        if not isinstance(manifest, dict) or not isinstance(manifest.get("name"), str):
            collected.broken.append(f"{directory / 'package.json'}: no package name")
            continue
        collected.npm_packages += 1
        paths = sorted(p for p in directory.iterdir() if p.is_file() and NPM_LICENCE_FILE.match(p.name))
        files = _licence_files(paths, collected)
        if not files:
            collected.without_files["npm"] += 1
            continue
        label_field, label = _npm_label(manifest)
        version = manifest.get("version") if isinstance(manifest.get("version"), str) else None
        cases.append(Case("npm", manifest["name"], version, label_field, label, files, str(directory)))
    return cases


def site_dirs(root: Path) -> list[Path]:
    """The package directories of a root: itself when it holds *.dist-info or
    *.egg-info, else its lib/python*/{site,dist}-packages."""
    if any(root.glob("*.dist-info")) or any(root.glob("*.egg-info")):
        return [root]
    return [Path(p) for p in sorted(glob.glob(str(root / "lib" / "python*" / "*-packages")))
            if p.endswith(("site-packages", "dist-packages"))]


def _python_licence_paths(dist_info: Path, entries: list[str], collected: Collected) -> list[Path]:
    """License-File entries found on disk (PEP 639 puts them under licenses/,
    older wheels at the top); else the files that look like licences."""
    paths = []
    top = dist_info.resolve()
    for entry in entries:
        for candidate in (dist_info / "licenses" / entry, dist_info / entry):
            if candidate.is_file() and candidate.resolve().is_relative_to(top):
                paths.append(candidate)
                break
        else:
            collected.missing_licence_file_entries.append(f"{dist_info.name}: {entry}")
    if paths:
        return sorted(set(paths))
    under = [p for p in (dist_info / "licenses").rglob("*") if p.is_file()] if (dist_info / "licenses").is_dir() else []
    named = [p for p in dist_info.iterdir() if p.is_file() and PYTHON_LICENCE_FILE.match(p.name)]
    return sorted(set(under + named))


def _python_label(metadata) -> tuple[str | None, str | None]:
    """(field, label): License-Expression when present, else License."""
    for name in ("License-Expression", "License"):
        value = metadata.get(name)
        if value is not None and str(value).strip() and str(value).strip().upper() != "UNKNOWN":
            return name, " ".join(str(value).split()) if name == "License-Expression" else str(value).strip()
    return None, None


def collect_python(roots: list[Path], collected: Collected) -> list[Case]:
    cases = []
    parser = email.parser.Parser()
    for root in roots:
        for site in site_dirs(root):
            collected.roots.append(str(site))
            collected.egg_infos += len(list(site.glob("*.egg-info")))
            for dist_info in sorted(site.glob("*.dist-info")):
                if not dist_info.is_dir():
                    continue
                collected.dist_infos += 1
                try:
                    metadata = parser.parsestr((dist_info / "METADATA").read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError) as exc:
                    collected.broken.append(f"{dist_info / 'METADATA'}: {type(exc).__name__}")
                    continue
                name = metadata.get("Name")
                if not name or not str(name).strip():
                    collected.broken.append(f"{dist_info / 'METADATA'}: no Name field")
                    continue
                entries = [str(e).strip() for e in metadata.get_all("License-File") or [] if str(e).strip()]
                files = _licence_files(_python_licence_paths(dist_info, entries, collected), collected)
                if not files:
                    collected.without_files["python"] += 1
                    continue
                label_field, label = _python_label(metadata)
                classifiers = [str(c).strip() for c in metadata.get_all("Classifier") or []
                               if str(c).strip().startswith(LICENCE_CLASSIFIER)]
                version = str(metadata.get("Version", "")).strip() or None
                cases.append(Case("python", str(name).strip(), version, label_field, label, files, str(dist_info),
                                  classifiers))
    return cases


def collect_cases(npm_root: Path | None, roots: list[Path]) -> Collected:
    """Every package with a licence file, identical cases folded."""
    collected = Collected([])
    found: dict[tuple, Case] = {}
    everything = (collect_npm(npm_root, collected) if npm_root else []) + collect_python(roots, collected)
    for case in everything:
        key = (case.source, case.label, tuple(sorted(f.sha256 for f in case.files)))
        if key in found:
            kept = found[key]
            kept.copies += 1
            kept.locations.append(case.location)
            if case.package.lower() in (p.lower() for p in kept.packages):
                collected.duplicates_same_package += 1
            else:
                collected.duplicates_other_package += 1
                kept.packages.append(case.package)
            continue
        case.packages = [case.package]
        case.locations = [case.location]
        found[key] = case
        collected.cases.append(case)
    return collected


# --------------------------------------------------------------------------- labels -> SPDX

@dataclass(frozen=True)
class Mapping:
    expression: str
    ids: frozenset[str]


def map_label(label: str | None, licensing) -> Mapping | None:
    """The SPDX expression and ids of a declared licence, None when it is not
    an SPDX expression (free text, "Apache 2.0", "BSD", "UNLICENSED", "SEE
    LICENSE IN ...") or names an id SPDX does not know."""
    from license_expression import ExpressionError

    if not label or not label.strip():
        return None
    try:
        parsed = licensing.parse(label, validate=False, strict=True)
    except ExpressionError:
        return None
    if parsed is None:
        return None
    unknown = [k for k in licensing.unknown_license_keys(parsed) if not k.startswith("LicenseRef-")]
    if unknown:
        return None
    return Mapping(str(parsed), frozenset(licensing.license_keys(parsed)))


def unmapped_reason(case: Case) -> str:
    """Why a case is not scored, for the summary."""
    if case.label is None:
        return "classifiers only" if case.classifiers else "nothing declared"
    if "\n" in case.label or len(case.label.split()) > LABEL_MAX_WORDS:
        return "licence text in the field"
    return "not an SPDX expression"


def _short(label: str) -> str:
    """A label for the summary: its first line, cut at LABEL_MAX_WORDS words."""
    words = label.split("\n", 1)[0].split()
    more = len(label.split()) - len(words[:LABEL_MAX_WORDS])
    return " ".join(words[:LABEL_MAX_WORDS]) + (f" ... (+{more} words)" if more else "")


# --------------------------------------------------------------------------- scoring

def score(expected: frozenset[str], got: frozenset[str], reported: frozenset[str]) -> dict[str, bool]:
    """strict and covered compare the ids ``got``; "nothing" is true when not
    even a LicenseRef id was ``reported``."""
    return {"strict": got == expected, "covered": expected <= got, "nothing": not reported}


def _got_text(record: dict) -> str:
    """The ids found, for a pattern: the scored ids, else the LicenseRef ids, else "(nothing)"."""
    if record["got_ids"]:
        return " ".join(record["got_ids"])
    return " ".join(record["got_all_ids"]) + " (only)" if record["got_all_ids"] else "(nothing)"


def run_identify(cases: list[Case], licensing) -> list[dict]:
    """identify_file() every licence file in this process (each distinct text
    once); one record per case."""
    import licenselens

    by_hash: dict[str, dict] = {}
    records = []
    for case in cases:
        mapping = map_label(case.label, licensing)
        expected = mapping.ids if mapping else frozenset()
        files = []
        for licence_file in case.files:
            if licence_file.sha256 not in by_hash:
                result = licenselens.identify_file(licence_file.path)
                by_hash[licence_file.sha256] = {
                    "ids": sorted({m.id for m in result.licenses}),
                    "expression": result.expression,
                    "errors": list(result.errors),
                }
            found = by_hash[licence_file.sha256]
            got = sorted(i for i in found["ids"] if not i.startswith("LicenseRef-") or i in expected)
            files.append({"path": licence_file.path, "name": Path(licence_file.path).name,
                          "sha256": licence_file.sha256, "got_ids": got, "got_all_ids": found["ids"],
                          "expression": found["expression"], "errors": found["errors"]})
        got_all = frozenset(i for f in files for i in f["got_all_ids"])
        got = frozenset(i for f in files for i in f["got_ids"])
        record = {
            "source": case.source,
            "package": case.package,
            "version": case.version,
            "packages": case.packages,
            "locations": case.locations,
            "copies": case.copies,
            "field": case.label_field,
            "declared": case.label,
            "classifiers": case.classifiers,
            "mapped": mapping.expression if mapping else None,
            "expected_ids": sorted(expected) if mapping else None,
            "unmapped_reason": None if mapping else unmapped_reason(case),
            "got_ids": sorted(got),
            "got_all_ids": sorted(got_all),
            "files": files,
        }
        if mapping:
            record.update(score(expected, got, got_all))
            for entry in files:
                within = set(entry["got_ids"]) <= expected
                entry["verdict"] = "nothing" if not entry["got_all_ids"] else "within" if within else "outside"
        records.append(record)
    return records


def text_timing(records: list[dict], passes: int = 3) -> dict[str, float | int]:
    """Median warm identify(text) over the distinct licence files, texts in memory.

    Issue 2 asks for the median identify() of one licence file; these are the
    licence files packages really ship (LICENSE, COPYING, NOTICE ...), each
    timed in ``passes`` passes after a first untimed one, and the median of
    every timing is given (per-pass medians swing with this machine's load).
    """
    import licenselens
    from licenselens import ingest
    from licenselens.errors import LicenselensError

    texts = []
    # one path per text, as the scoring pass reads each distinct text once
    for path in {f["sha256"]: f["path"] for r in records for f in r["files"]}.values():
        try:
            texts.append((path, ingest.read_path(Path(path)).text))
        except LicenselensError:  # unreadable files are counted by the scoring pass
            continue
    for path, text in texts:
        licenselens.identify(text, path)
    timings = []
    for _ in range(passes):
        for path, text in texts:
            began = time.perf_counter()
            licenselens.identify(text, path)
            timings.append(time.perf_counter() - began)
    ordered = sorted(timings)
    return {"files": len(texts), "passes": passes,
            "median_ms": round(1000 * ordered[len(ordered) // 2], 3) if ordered else 0.0,
            "under_1ms": round(sum(t < 0.001 for t in timings) / len(timings), 3) if timings else 0.0}


# --------------------------------------------------------------------------- report

def _file_rows(records: list[dict]) -> list[str]:
    """Per file, by source and by whether its name says licence (License-File
    entries also name AUTHORS, CHANGELOG, README ...)."""
    rows = ["| files | count | found nothing | ids all declared | some id not declared |",
            "| --- | ---: | ---: | ---: | ---: |"]
    files = [(r["source"], f) for r in records if r["mapped"] for f in r["files"]]
    groups = {source: [f for s, f in files if s == source] for source in SOURCES}
    groups["named LICENSE/LICENCE/COPYING/NOTICE/UNLICENSE"] = [f for _, f in files if LICENCE_NAME.match(f["name"])]
    groups["named otherwise"] = [f for _, f in files if not LICENCE_NAME.match(f["name"])]
    groups["all"] = [f for _, f in files]
    for name, group in groups.items():
        if not group:
            continue
        verdicts = Counter(f["verdict"] for f in group)
        rows.append(f"| {name} | {len(group)} | {pct(verdicts['nothing'], len(group))} | "
                    f"{pct(verdicts['within'], len(group))} | {pct(verdicts['outside'], len(group))} |")
    return rows


def markdown(collected: Collected, records: list[dict], seconds: float, top: int) -> str:
    scored = [r for r in records if r["mapped"]]
    unmapped = [r for r in records if not r["mapped"]]
    files = len({f["sha256"] for r in records for f in r["files"]})
    out = ["# Package metadata: licence identification against package authors' declared licences", ""]
    out += [(f"- npm: {collected.package_json} package.json files, {collected.npm_packages} packages "
             f"({collected.not_package_dir} package.json inside a package not read), "
             f"{collected.without_files['npm']} without a licence file"),
            (f"- python: {collected.dist_infos} dist-info directories in {len(collected.roots)} site-packages "
             f"directories ({collected.egg_infos} egg-info not read), "
             f"{collected.without_files['python']} without a licence file, "
             f"{len(collected.missing_licence_file_entries)} License-File entries not on disk"),
            (f"- skipped: {len(collected.broken)} unreadable or nameless package.json/METADATA, "
             f"{len(collected.unreadable_files)} unreadable licence files"),
            (f"- duplicates dropped: {collected.duplicates_same_package + collected.duplicates_other_package} "
             f"identical (source, label, licence texts) cases ({collected.duplicates_same_package} the same "
             f"package seen again, {collected.duplicates_other_package} another package)"),
            (f"- cases: {len(records)}; scored: {len(scored)}; unmapped (not scored): {len(unmapped)} "
             f"({', '.join(f'{k} {v}' for k, v in Counter(r['unmapped_reason'] for r in unmapped).most_common())})"
             if unmapped else f"- cases: {len(records)}; scored: {len(scored)}"),
            f"- identify_file() time: {seconds:.1f} s for {files} distinct licence files", ""]
    out += ["## Scores per source", ""] + score_rows(records, "source", SOURCES, "covered") + [""]
    out += ["## Scores per label field", "",
            ("npm: license (a string), license-object / licenses (legacy forms); python: "
             "License-Expression (PEP 639), License (an SPDX expression in the free-text field)"), ""]
    out += score_rows(records, "field", FIELDS, "covered") + [""]
    out += ["## Per licence file (scored cases)", ""] + _file_rows(records) + [""]
    patterns = Counter((r["mapped"], _got_text(r)) for r in scored if not r["strict"])
    out += [f"## Top {top} disagreements (strict), declared -> got", "",
            "| declared (SPDX) | got | cases | covered |", "| --- | --- | ---: | --- |"]
    for (label, got), n in patterns.most_common(top):
        covered = next(r["covered"] for r in scored if (r["mapped"], _got_text(r)) == (label, got))
        out.append(f"| {label} | {got} | {n} | {'yes' if covered else 'no'} |")
    labels = Counter(_short(r["declared"]) for r in unmapped if r["declared"])
    classifiers = Counter(c for r in unmapped if not r["declared"] for c in r["classifiers"])
    out += ["", "## Most frequent unmapped labels", "",
            ", ".join(f"\"{label}\" ({n})" for label, n in labels.most_common(25)) or "none"]
    if classifiers:
        out += ["", "Trove classifiers of the cases that declare nothing else (not scored): "
                + ", ".join(f"{c.removeprefix(LICENCE_CLASSIFIER).strip()} ({n})"
                            for c, n in classifiers.most_common(10))]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--npm-root", type=Path, default=NPM_ROOT,
                        help="node_modules directory of the global npm packages (default /usr/lib/node_modules)")
    parser.add_argument("--no-npm", action="store_true", help="leave out the npm packages")
    parser.add_argument("--root", type=Path, action="append", metavar="DIR",
                        help=("a Python prefix or site-packages directory whose *.dist-info are read; repeat "
                              "for several (default: the venvs, their base interpreter and the system Python)"))
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write every case as JSON")
    parser.add_argument("--top", type=int, default=30, help="disagreement patterns to list (default 30)")
    parser.add_argument("--limit", type=int, help="only the first N cases, for a quick check")
    parser.add_argument("--text-timing", action="store_true",
                        help="also time identify(text) warm on the distinct licence files, in memory (3 passes)")
    args = parser.parse_args(argv)

    roots = args.root if args.root else default_roots()
    collected = collect_cases(None if args.no_npm else args.npm_root, roots)
    if not collected.cases:
        where = ", ".join([] if args.no_npm else [str(args.npm_root)]) or "no npm root"
        print(f"no package with a licence file under {where} nor in {', '.join(map(str, roots)) or 'no root'}: "
              "nothing to measure", file=sys.stderr)
        return 0
    for problem in collected.broken + collected.unreadable_files:
        print(f"skipped {problem}", file=sys.stderr)
    sys.path.insert(1, str(REPO_ROOT))
    try:
        from license_expression import get_spdx_licensing

        from licenselens.errors import LicenselensError
        from licenselens.reference import load
        load()
        licensing = get_spdx_licensing()
    except (ImportError, LicenselensError) as exc:
        print(f"cannot load licenselens: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    cases = collected.cases[: args.limit] if args.limit else collected.cases
    began = time.perf_counter()
    records = run_identify(cases, licensing)
    seconds = time.perf_counter() - began
    sys.stdout.write(markdown(collected, records, seconds, args.top))
    timing = text_timing(records) if args.text_timing else None
    if timing:
        sys.stdout.write(f"\nidentify() on text in memory, warm, {timing['files']} distinct licence files x "
                         f"{timing['passes']} passes: median {timing['median_ms']:.3f} ms, "
                         f"{100 * timing['under_1ms']:.0f} % of timings under 1 ms\n")
    payload = {
        "npm_root": None if args.no_npm else str(args.npm_root),
        "python_package_dirs": collected.roots,
        "summary": {"package_json": collected.package_json, "npm_packages": collected.npm_packages,
                    "dist_infos": collected.dist_infos, "egg_infos": collected.egg_infos,
                    "broken": collected.broken, "unreadable_files": collected.unreadable_files,
                    "without_files": dict(collected.without_files),
                    "missing_licence_file_entries": collected.missing_licence_file_entries,
                    "duplicates_same_package": collected.duplicates_same_package,
                    "duplicates_other_package": collected.duplicates_other_package,
                    "cases": len(records), "scored": sum(1 for r in records if r["mapped"])},
        "text_timing": timing,
        "cases": records,
    }
    if args.json and not save_json(args.json, payload):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
