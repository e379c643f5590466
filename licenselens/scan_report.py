"""Scan results: per file, per component, conflicts between them, and the CI policy.

Components (code, model, data, docs) gather the files that apply to them; a
component's freedoms are the strictest statement any of its files makes, its
OSI flag needs every licence found OSI-approved and no unknown licence text.
Conflicts are statements about one component that disagree: a card or
manifest declaring a licence that leaves use free beside a licence text in its
folder that restricts use, a declared id that no licence text beside it holds,
source headers naming a licence that no licence file of the component holds.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable

from .declared import Declared, points_to_file
from .discover import FileError, Found
from .errors import LicenselensError
from .freedoms import FREEDOMS, STRENGTH, Freedom, osaid_compatible
from .identify import combine, symbols
from .report import LicenseMatch, Report
from .verdicts import reference_freedoms, strictest

#: Kinds whose own words are analysed clause by clause.

#: Kinds whose own words are analysed clause by clause.
TEXT_KINDS = frozenset({"licence", "notice", "use-policy"})
#: Kinds that declare licences by id (model/dataset cards, package metadata).
DECLARING_KINDS = frozenset({"model-card", "dataset-card", "package-metadata"})
#: Components in report order.
COMPONENTS = ("code", "model", "data", "docs")
#: ``--fail-on`` rules.
POLICIES = ("not-osi", "not-osaid", "restricted-use", "unknown", "conflict")


@dataclass
class FileResult:
    """What one licence-bearing file says, with its place in the repository."""

    found: Found
    report: Report
    sha256: str | None
    freedoms: dict[str, Freedom]  # effective freedoms: own clauses, else the named licences' texts
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
            "declared": [declared_dict(d) for d in self.found.declared],
            "sha256": self.sha256,
            # effective freedoms: see the module docstring (evidence names its path or reference)
            "freedoms": {f: v.to_dict() for f, v in self.freedoms.items()},
            "osaid_compatible": bool(self.freedoms) and osaid_compatible(self.freedoms),
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
    freedoms: dict[str, Freedom]
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
        return osaid_compatible(self.freedoms)

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
        return [r for r in self.files if is_unknown(r)]

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
        results += [error_result(e) for e in self.errors]
        return {"licenselens": __version__, "root": self.root, "summary": self.summary(), "results": results}


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


# --- aggregation ---------------------------------------------------------------------------


def components_of(files: list[FileResult]) -> dict[str, Component]:
    components = {}
    for name in COMPONENTS:
        members = [r for r in files if name in r.found.components]
        if not members:
            continue
        readable = [r for r in members if not r.report.errors or r.report.licenses]
        licenses = [m for r in readable for m in r.report.licenses]
        freedoms = {f: strictest([r.freedoms[f] for r in readable if f in r.freedoms
                                   and r.freedoms[f].status != "unknown"]) for f in FREEDOMS}
        declared = [d.expression or d.value for r in members for d in r.found.declared if not points_to_file(d)]
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
            unknown=sum(1 for r in readable if is_unknown(r)),
        )
    return components


def is_unknown(result: FileResult) -> bool:
    """Whether the file holds licence text nobody knows, or is a licence file naming
    no licence.  A header naming none, or metadata that only points at licence
    files (read in their own right), is neither."""
    report = result.report
    if report.unknown:
        return True
    if report.errors or report.licenses or result.found.kind == "source-header":
        return False
    declared = result.found.declared
    return not (declared and all(points_to_file(d) for d in declared))


_VARIANT = re.compile(r"(-only|-or-later|\+)$")


def _base(spdx_id: str) -> str:
    """GPL-3.0-or-later and a GPL-3.0 text are the same licence for a consistency check."""
    return _VARIANT.sub("", spdx_id)


def conflicts_of(components: dict[str, Component]) -> list[Conflict]:
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
        headers: dict[str, dict[str, None]] = {}  # id -> paths, in order, once each
        for r in component.files:
            if r.found.kind == "source-header":
                for m in r.report.licenses:
                    if not m.is_exception and _base(m.id) not in text_ids:
                        headers.setdefault(m.id, {})[r.path] = None
        for spdx_id, paths in headers.items():
            conflicts.append(Conflict(component.name, (
                f"{len(paths)} source file{'s declare' if len(paths) > 1 else ' declares'} {spdx_id}, which no "
                f"licence file of the {component.name} holds ({_short(text_expression)})"), tuple(paths)))
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
        elif texts and not {_base(s) for s in symbols(declared.expression)} & text_ids:
            conflicts.append(Conflict(component, (
                f"{declaring.path} declares {declared.value} ({declared.expression}) "
                f"but the licence files say {_short(text_expression)}"),
                (declaring.path, *(r.path for r in texts))))
    return conflicts


def _identified(files: list[FileResult]) -> tuple[list[FileResult], set[str], str | None]:
    texts = [r for r in files if r.report.licenses]
    ids = {_base(m.id) for r in texts for m in r.report.licenses if not m.is_exception}
    return texts, ids, combine([r.report.expression for r in texts if r.report.expression])


#: A message names at most this many characters of an expression (a vendored
#: tree can hold a hundred licences; the JSON keeps them all).
MESSAGE_EXPRESSION_CHARS = 120


def _short(expression: str | None) -> str:
    text = expression or "no licence"
    return text if len(text) <= MESSAGE_EXPRESSION_CHARS else text[: MESSAGE_EXPRESSION_CHARS - 1] + "\u2026"


def _within(path: str, manifest: str) -> bool:
    """True when ``path`` lies in the folder of ``manifest`` (or below it)."""
    folder = manifest.rpartition("/")[0]
    return not folder or path.startswith(folder + "/")


def _reference_use(expression: str) -> str | None:
    statuses = [reference_freedoms(s).get("use", Freedom()).status for s in symbols(expression)]
    known = [s for s in statuses if s != "unknown"]
    return max(known, key=STRENGTH.__getitem__) if known else None


def _where(verdict: Freedom) -> str:
    places = [e.path or f"text of {e.reference}" for e in verdict.evidence]
    return _paths(places) if places else "no grant of use found"


def _paths(paths: Iterable[str], shown: int = 3) -> str:
    unique = list(dict.fromkeys(paths))
    more = f" and {len(unique) - shown} more" if len(unique) > shown else ""
    return ", ".join(unique[:shown]) + more


def declared_dict(declared: Declared) -> dict:
    return {"value": declared.value, "expression": declared.expression, "source": declared.source,
            "line": declared.line, "link": declared.link}


def error_result(error: FileError) -> dict:
    """A file the walk could not even look at still gets a result (nothing is lost)."""
    return {
        **Report(path=error.relpath, expression=None, errors=[f"{error.relpath}: {error.message}"]).to_dict(),
        "kind": None, "components": [], "declared": [], "sha256": None,
    }
