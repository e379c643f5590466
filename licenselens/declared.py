"""Declared licences: what a model card, a dataset card or package metadata *says*.

A declaration is a name, not a text: ``license: llama3.1`` in a model card,
``license = "MIT OR Apache-2.0"`` in a ``Cargo.toml``.  Nothing here judges the
licence; this module reads the statement (where it is, on which line) and
maps the value to an SPDX expression so that a scan can compare it with the
licence texts it finds beside it.

Mapping (:func:`map_value`), first hit wins:

1. values that name no licence ("other", "unknown", "NOASSERTION" ...) -> None;
2. :data:`HUB_IDS`, the licence ids the Hugging Face Hub offers for cards;
3. :data:`NAMES`, a few short forms that are neither Hub nor SPDX ids;
4. trove classifiers ("License :: OSI Approved :: MIT License") by the SPDX id
   many end with ("... (MIT-0)"), by their last part (step 3), then by the
   reference rules (step 6);
5. SPDX expressions in any case, repaired like SPDX tags (``spdx_tag.clean``:
   "Apache 2.0", "GPL-2.0+", the old Cargo "MIT/Apache-2.0" for OR), accepted
   only when every id is known or maps through steps 2-3;
6. a licence *name* the reference rules know word for word ("Apache License,
   Version 2.0", "BSD 3-Clause"): accepted when one licence explains every
   word of the value, so that free text ("MIT for code, CC-BY-NC for the
   weights") stays unmapped rather than half-read.

AI licences map to the installed ScanCode licence keys as
``LicenseRef-scancode-<key>``; named licences that neither SPDX nor the
installed ScanCode data know get ``LicenseRef-licenselens-<id>``, listed
with their names in :data:`LICENSEREF_NAMES` so a report can name them.
"""

from __future__ import annotations

import configparser
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any

import yaml

tomllib: ModuleType | None
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the backport, when installed
    try:
        import tomli as tomllib
    except ModuleNotFoundError:
        tomllib = None

__all__ = [
    "HUB_IDS",
    "LICENSEREF_NAMES",
    "NAMES",
    "PACKAGE_METADATA_NAMES",
    "Declared",
    "from_card",
    "from_package_metadata",
    "front_matter",
    "map_value",
    "mentions_licence",
]


@dataclass(frozen=True)
class Declared:
    """One declared licence value and where it was declared."""

    value: str  # the raw declared value, e.g. "openrail", "Apache-2.0 OR MIT", "llama3.1"
    expression: str | None  # SPDX expression; None when the value names no licence we can map
    source: str  # "front matter: license", "pyproject.toml: project.license", ...
    line: int  # 1-based line of the value in its file (best effort; 1 if unknown)
    link: str | None = None  # license_link / license-file value when given (relative path or URL)


def points_to_file(declared: Declared) -> bool:
    """Whether the declaration names no licence but only points at a licence file
    beside it: a card's ``license_link`` alone, or package metadata's
    ``license-files = ["LICENSE"]``, ``license = {file = ...}``, npm's "SEE
    LICENSE IN ...".  The scan reads those files in their own right, so the
    pointer is neither an id nor unknown licence text."""
    link = declared.link or ""
    if declared.expression is not None or not link or "://" in link or os.path.isabs(link):
        return False
    return declared.value == link or declared.source.split(":", 1)[0] in PACKAGE_METADATA_NAMES


# --------------------------------------------------------------------------- the mapping table

_NC = "LicenseRef-licenselens-"

#: Named licences that neither the SPDX list nor the installed ScanCode data
#: (licensedcode-data 32.1) carry, by the id licenselens gives them.
LICENSEREF_NAMES: dict[str, str] = {
    f"{_NC}openrail": "OpenRAIL licence family (no single licence named)",
    f"{_NC}openrail-plusplus-m": "Open RAIL++-M License",
    f"{_NC}llama3": "Llama 3 Community License Agreement",
    f"{_NC}llama3.1": "Llama 3.1 Community License Agreement",
    f"{_NC}llama3.2": "Llama 3.2 Community License Agreement",
    f"{_NC}llama3.3": "Llama 3.3 Community License Agreement",
    f"{_NC}llama4": "Llama 4 Community License Agreement",
    f"{_NC}gemma": "Gemma Terms of Use",
    f"{_NC}deepfloyd-if": "DeepFloyd IF Research License Agreement",
    f"{_NC}fair-noncommercial-research": "FAIR Noncommercial Research License",
    f"{_NC}grok2-community": "Grok 2 Community License Agreement",
    f"{_NC}h-research": "H Research License",
    f"{_NC}intel-research": "Intel Research Use License",
    f"{_NC}apple-ascl": "Apple Sample Code License",
    f"{_NC}apple-amlr": "Apple Machine Learning Research Model License",
    f"{_NC}bsd-family": "a BSD licence, version not named",
}

#: Hugging Face Hub licence ids (the ``license:`` values of model and dataset
#: cards) -> SPDX expressions.  Facts: each id's licence is the one the Hub
#: names for it.  The GNU families ("gpl", "lgpl", "gfdl") name no version, and
#: each of those licences lets the recipient then choose any version ever
#: published, hence "-or-later" of the first one.  "cc" (any Creative Commons
#: licence, from CC0 to NC-ND) says too little to map.
HUB_IDS: dict[str, str | None] = {
    # AI licences
    "openrail": f"{_NC}openrail",
    "bigscience-openrail-m": "LicenseRef-scancode-bigscience-open-rail-m",
    # ScanCode's stable-diffusion-2022-08-22 is the CreativeML Open RAIL-M of that date
    "creativeml-openrail-m": "LicenseRef-scancode-stable-diffusion-2022-08-22",
    # ScanCode's bigscience-rail-1.0 is the BigScience RAIL License v1.0 for BLOOM
    "bigscience-bloom-rail-1.0": "LicenseRef-scancode-bigscience-rail-1.0",
    "bigcode-openrail-m": "LicenseRef-scancode-bigcode-open-rail-m-v1",
    "openrail++": f"{_NC}openrail-plusplus-m",
    "llama2": "LicenseRef-scancode-llama-2-license-2023",
    "llama3": f"{_NC}llama3",
    "llama3.1": f"{_NC}llama3.1",
    "llama3.2": f"{_NC}llama3.2",
    "llama3.3": f"{_NC}llama3.3",
    "llama4": f"{_NC}llama4",
    "gemma": f"{_NC}gemma",
    "deepfloyd-if-license": f"{_NC}deepfloyd-if",
    "fair-noncommercial-research-license": f"{_NC}fair-noncommercial-research",
    "grok2-community": f"{_NC}grok2-community",
    "h-research": f"{_NC}h-research",
    "intel-research": f"{_NC}intel-research",
    "apple-ascl": f"{_NC}apple-ascl",
    "apple-amlr": f"{_NC}apple-amlr",
    "c-uda": "C-UDA-1.0",
    "openmdw-1.0": "OpenMDW-1.0",
    # software and content licences whose Hub id is not (exactly) an SPDX id
    "bsd": f"{_NC}bsd-family",
    "cc": None,
    "gpl": "GPL-1.0-or-later",
    "lgpl": "LGPL-2.0-or-later",
    "gfdl": "GFDL-1.1-or-later",
    "lgpl-lr": "LGPLLR",
    "odc-by": "ODC-By-1.0",
    "odbl": "ODbL-1.0",
    "gpl-2.0": "GPL-2.0-only",
    "gpl-3.0": "GPL-3.0-only",
    "lgpl-2.1": "LGPL-2.1-only",
    "lgpl-3.0": "LGPL-3.0-only",
    "agpl-3.0": "AGPL-3.0-only",
    # Hub ids that are SPDX ids in lower case
    "apache-2.0": "Apache-2.0",
    "mit": "MIT",
    "afl-3.0": "AFL-3.0",
    "artistic-2.0": "Artistic-2.0",
    "bsl-1.0": "BSL-1.0",
    "bsd-2-clause": "BSD-2-Clause",
    "bsd-3-clause": "BSD-3-Clause",
    "bsd-3-clause-clear": "BSD-3-Clause-Clear",
    "cc0-1.0": "CC0-1.0",
    "cc-by-2.0": "CC-BY-2.0",
    "cc-by-2.5": "CC-BY-2.5",
    "cc-by-3.0": "CC-BY-3.0",
    "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-3.0": "CC-BY-SA-3.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "cc-by-nc-2.0": "CC-BY-NC-2.0",
    "cc-by-nc-3.0": "CC-BY-NC-3.0",
    "cc-by-nc-4.0": "CC-BY-NC-4.0",
    "cc-by-nd-4.0": "CC-BY-ND-4.0",
    "cc-by-nc-nd-3.0": "CC-BY-NC-ND-3.0",
    "cc-by-nc-nd-4.0": "CC-BY-NC-ND-4.0",
    "cc-by-nc-sa-2.0": "CC-BY-NC-SA-2.0",
    "cc-by-nc-sa-3.0": "CC-BY-NC-SA-3.0",
    "cc-by-nc-sa-4.0": "CC-BY-NC-SA-4.0",
    "cdla-sharing-1.0": "CDLA-Sharing-1.0",
    "cdla-permissive-1.0": "CDLA-Permissive-1.0",
    "cdla-permissive-2.0": "CDLA-Permissive-2.0",
    "wtfpl": "WTFPL",
    "ecl-2.0": "ECL-2.0",
    "epl-1.0": "EPL-1.0",
    "epl-2.0": "EPL-2.0",
    "etalab-2.0": "etalab-2.0",
    "eupl-1.1": "EUPL-1.1",
    "eupl-1.2": "EUPL-1.2",
    "isc": "ISC",
    "lppl-1.3c": "LPPL-1.3c",
    "ms-pl": "MS-PL",
    "mpl-2.0": "MPL-2.0",
    "osl-3.0": "OSL-3.0",
    "postgresql": "PostgreSQL",
    "ofl-1.1": "OFL-1.1",
    "ncsa": "NCSA",
    "unlicense": "Unlicense",
    "zlib": "Zlib",
    "pddl": "PDDL-1.0",
    # values that name no licence
    "other": None,
    "unknown": None,
}

#: Short forms that are neither Hub ids nor SPDX ids (keys in lower case).
#: npm's "UNLICENSED" means the package is not licensed to anyone.
NAMES: dict[str, str] = {
    "bsd license": f"{_NC}bsd-family",
    "public domain": "LicenseRef-scancode-public-domain",
    "proprietary": "LicenseRef-scancode-proprietary-license",
    "unlicensed": "LicenseRef-scancode-proprietary-license",
}

#: Values that say no licence is named (compared in lower case).
_NOTHING = frozenset({"", "other", "unknown", "none", "noassertion", "n/a", "na", "tbd", "todo",
                      "see license", "see licence", "see license file", "see licence file"})
_SEE_FILE = re.compile(r"see licen[cs]e in\s+(?P<file>\S.*)$", re.IGNORECASE)
_CLASSIFIER = re.compile(r"\s*licen[cs]e\s*::", re.IGNORECASE)
_TRAILING_ID = re.compile(r"\(([^()]+)\)\s*$")
_SLASH_CHOICE = re.compile(r"[\w.+-]+(?:\s*/\s*[\w.+-]+)+")
_WORD = re.compile(r"[^\W_]+")
_VERSION_V = re.compile(r"^v(?=\d)")
_PART = re.compile(r"\(|\)|[^\s()]+")
#: Longer values are pasted licence texts, read by identification as a whole.
_SHORT_VALUE = 200


@lru_cache(maxsize=2048)
def map_value(value: str) -> str | None:
    """The SPDX expression a declared licence value stands for, or None.

    See the module docstring for the order of the steps; never raises for
    any string.
    """
    text = " ".join(str(value).split())
    key = text.lower()
    if key in _NOTHING or _SEE_FILE.match(text):
        return None
    if key in HUB_IDS:
        return HUB_IDS[key]
    if key in NAMES:
        return NAMES[key]
    if _CLASSIFIER.match(text):
        last = text.rsplit("::", 1)[-1].strip()
        named = _TRAILING_ID.search(last)  # "... (MIT-0)": the classifier states the SPDX id
        return ((named and _spdx_expression(named.group(1))) or NAMES.get(last.lower())
                or _by_reference_rules(text))
    return _spdx_expression(text) or _by_reference_rules(text)


def _symbol(word: str) -> str | None:
    key = word.lower()
    return HUB_IDS.get(key) or NAMES.get(key)


def _spdx_expression(text: str) -> str | None:
    """``text`` as an SPDX expression whose every id is known, else None."""
    from .identify import _licensing
    from .matchers.spdx_tag import clean

    if _SLASH_CHOICE.fullmatch(text):  # Cargo's old "MIT/Apache-2.0" means a choice
        text = " OR ".join(part.strip() for part in text.split("/"))
    cleaned = clean(text)
    # clean() stops at the first word that is no id: then the value is more than an expression
    said = {_VERSION_V.sub("", w.lower()) for w in _WORD.findall(text)}  # clean() reads "v2" as "2"
    kept = {w.lower() for w in _WORD.findall(cleaned)}
    if not cleaned or said - kept:
        return None
    licensing = _licensing()
    try:
        parsed = licensing.parse(cleaned, validate=False)
        unknown = licensing.unknown_license_keys(parsed) if parsed is not None else []
    except Exception:  # noqa: BLE001 - license-expression raises assorted errors on garbage
        return None
    if parsed is None:
        return None
    rendered = parsed.render()
    if not unknown:
        return rendered
    replaced: list[str] = []
    for part in _PART.findall(rendered):
        if part in "()" or part in ("AND", "OR", "WITH") or part.lower().startswith(("licenseref-", "documentref-")):
            replaced.append(part)
        elif part in unknown:
            mapped = _symbol(part)
            if mapped is None:
                return None
            replaced.append(f"({mapped})" if " " in mapped else mapped)
        else:
            replaced.append(part)
    return " ".join(replaced).replace("( ", "(").replace(" )", ")")


def _by_reference_rules(text: str) -> str | None:
    """A licence name the reference rules know, when it explains the whole value."""
    from .identify import identify

    result = identify(text)
    if not result.expression:
        return None
    if len(text) > _SHORT_VALUE:
        return None if result.unknown else result.expression
    if len({m.expression for m in result.licenses}) != 1:
        return None
    rest = list(text)
    for m in result.licenses:
        rest[m.start : m.end] = " " * (m.end - m.start)
    return None if _WORD.search("".join(rest)) else result.expression


# --------------------------------------------------------------------------- card front matter

_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_LICENCE_KEY = re.compile(r"^licen[cs]e(?:_name|_link)?\s*:", re.IGNORECASE | re.MULTILINE)
_CARD_KEYS = ("license", "license_name", "license_link")
#: Keys only model cards use (the Hub's model card metadata).
_MODEL_KEYS = frozenset({"library_name", "pipeline_tag", "base_model", "base_model_relation", "model-index",
                         "model_name", "model_type", "inference", "widget", "datasets", "quantized_by",
                         "model_creator", "new_version"})
#: Keys only dataset cards use (the Hub's dataset card metadata).
_DATASET_KEYS = frozenset({"task_categories", "task_ids", "size_categories", "annotations_creators",
                           "language_creators", "multilinguality", "source_datasets", "dataset_info",
                           "configs", "train-eval-index", "viewer"})


@dataclass(frozen=True)
class _Block:
    yaml: str  # the YAML between the delimiters
    first_line: int  # 1-based line of the YAML's first line in the file
    closed: bool


def _block(text: str) -> _Block | None:
    """The front matter block: a first line of exactly ``---`` up to ``---`` or ``...``."""
    text = text.removeprefix("\ufeff")
    first, newline, rest = text.partition("\n")
    if first.rstrip() != "---" or not newline:
        return None
    end = _CLOSING.search(rest)
    return _Block(rest[: end.start()] if end else rest, 2, end is not None)


def mentions_licence(text: str) -> bool:
    """The front matter has a top-level licence key, even if its YAML is broken."""
    block = _block(text)
    return block is not None and _LICENCE_KEY.search(block.yaml) is not None


def front_matter(text: str) -> tuple[dict | None, list[str]]:
    """The parsed YAML front matter of a card (``yaml.safe_load``), and errors.

    (None, []) when there is no front matter; (None, [message]) when it is
    broken; never raises.
    """
    block = _block(text)
    if block is None:
        return None, []
    if not block.closed:
        return None, ["front matter has no closing '---' line"]
    try:
        data = yaml.safe_load(block.yaml)
    except yaml.MarkedYAMLError as exc:
        where = f" (line {exc.problem_mark.line + block.first_line})" if exc.problem_mark else ""
        return None, [f"broken YAML front matter: {_one_line(exc.problem or exc.context or 'syntax error')}{where}"]
    except Exception as exc:  # noqa: BLE001 - PyYAML raises assorted errors on hostile input
        return None, [f"broken YAML front matter: {_one_line(str(exc)) or type(exc).__name__}"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return None, ["front matter is not a mapping of keys to values"]
    return data, []


def from_card(text: str) -> tuple[list[Declared], str | None, list[str]]:
    """Licences a model or dataset card declares, the card's kind and errors.

    The kind comes from keys only one kind of card uses ("model-card" wins
    when both appear, a model card lists the ``datasets`` it was trained on);
    None when the front matter tells neither (e.g. a Space's card).
    ``license: other`` beside a ``license_name`` is reported once, by the name.
    """
    data, errors = front_matter(text)
    if data is None:
        return [], None, errors
    keys = {str(k) for k in data}
    kind = "model-card" if keys & _MODEL_KEYS else "dataset-card" if keys & _DATASET_KEYS else None
    block = _block(text)
    assert block is not None  # front_matter found one
    lines = block.yaml.splitlines()

    def line_of(key: str, item: str | None = None) -> int:
        return block.first_line + _yaml_line(lines, key, item)

    values = _strings(data.get("license"), "license", errors)
    names = _strings(data.get("license_name"), "license_name", errors)
    links = _strings(data.get("license_link"), "license_link", errors)
    link = links[0] if links else None
    declared = [
        Declared(v, map_value(v), "front matter: license", line_of("license", v), None if names else link)
        for v in values if not (names and v.strip().lower() == "other")
    ]
    declared += [Declared(n, map_value(n), "front matter: license_name", line_of("license_name"), link)
                 for n in names]
    if not declared and link:
        declared.append(Declared(link, None, "front matter: license_link", line_of("license_link"), link))
    return declared, kind, errors


def _strings(value: Any, key: str, errors: list[str]) -> list[str]:
    """A front-matter value as a list of non-empty strings; wrong shapes become errors."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, (dict, list, set, tuple)):
            errors.append(f"front matter: {key} holds a {type(item).__name__}, not a licence id")
            continue
        text = str(item).strip()
        if text:
            out.append(text)
    return out


def _yaml_line(lines: list[str], key: str, item: str | None) -> int:
    """0-based line of a top-level key (or of one of its list items) in the YAML."""
    pattern = re.compile(rf"^['\"]?{re.escape(key)}['\"]?\s*:(?P<rest>.*)$")
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if not m:
            continue
        if item is None or item in m.group("rest"):
            return i
        for j in range(i + 1, len(lines)):
            following = lines[j]
            if following.strip() and not following[:1].isspace() and not following.startswith("-"):
                break
            if item in following:
                return j
        return i
    return 0


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --------------------------------------------------------------------------- package metadata

#: File names whose licence statements :func:`from_package_metadata` reads (lower case).
PACKAGE_METADATA_NAMES = frozenset({"pyproject.toml", "setup.cfg", "setup.py", "package.json", "cargo.toml"})


def from_package_metadata(name: str, text: str) -> tuple[list[Declared], list[str]]:
    """Licences a package metadata file declares, and errors (never raises).

    ``name`` is the file's name (a path is fine): pyproject.toml, setup.cfg,
    setup.py, package.json or Cargo.toml.  A pointer to a licence file
    (``license = {file = ...}``, ``license-file``, ``license_files``, npm's
    "SEE LICENSE IN ...") is a Declared with no expression and ``link`` set.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    reader = _READERS.get(base)
    if reader is None:
        return [], [f"{base}: not a package metadata file licenselens reads"]
    try:
        return reader(text)
    except RecursionError:  # absurdly nested documents
        return [], [f"{base}: nested too deeply to read"]


def _toml(text: str, label: str) -> tuple[dict | None, list[str]]:
    if tomllib is None:
        return None, [f"cannot read {label}: reading TOML needs Python 3.11 or the tomli package"]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        return None, [f"invalid TOML in {label}: {_one_line(str(exc))}"]


def _table(data: dict, dotted: str) -> dict:
    for part in dotted.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def _toml_line(text: str, table: str, key: str) -> int:
    """1-based line of ``key = ...`` inside ``[table]`` (best effort)."""
    current = ""
    header = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
    assignment = re.compile(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*=")
    for i, line in enumerate(text.splitlines(), 1):
        m = header.match(line)
        if m:
            current = m.group(1).replace('"', "").replace("'", "").replace(" ", "")
        elif current == table and assignment.match(line):
            return i
    return 1


def _line_containing(text: str, needle: str, default: int = 1) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else default


def _classifiers(values: Any, source: str, text: str) -> list[Declared]:
    if isinstance(values, str):
        values = values.splitlines()
    if not isinstance(values, list):
        return []
    return [Declared(c.strip(), map_value(c.strip()), source, _line_containing(text, c.strip()))
            for c in values if isinstance(c, str) and _CLASSIFIER.match(c)]


def _pyproject(text: str) -> tuple[list[Declared], list[str]]:
    data, errors = _toml(text, "pyproject.toml")
    if data is None:
        return [], errors
    out: list[Declared] = []
    project = _table(data, "project")
    licence = project.get("license")
    line = _toml_line(text, "project", "license")
    if isinstance(licence, str) and licence.strip():
        out.append(Declared(licence.strip(), map_value(licence), "pyproject.toml: project.license", line))
    elif isinstance(licence, dict):
        if isinstance(licence.get("text"), str) and licence["text"].strip():
            value = licence["text"].strip()
            out.append(Declared(value, map_value(value), "pyproject.toml: project.license.text", line))
        if isinstance(licence.get("file"), str) and licence["file"].strip():
            file = licence["file"].strip()
            out.append(Declared(file, None, "pyproject.toml: project.license.file", line, file))
    files = project.get("license-files")
    if isinstance(files, list):
        line = _toml_line(text, "project", "license-files")
        out += [Declared(f, None, "pyproject.toml: project.license-files", line, f)
                for f in files if isinstance(f, str) and f.strip()]
    out += _classifiers(project.get("classifiers"), "pyproject.toml: project.classifiers", text)
    poetry = _table(data, "tool.poetry")
    if isinstance(poetry.get("license"), str) and poetry["license"].strip():
        value = poetry["license"].strip()
        out.append(Declared(value, map_value(value), "pyproject.toml: tool.poetry.license",
                            _toml_line(text, "tool.poetry", "license")))
    out += _classifiers(poetry.get("classifiers"), "pyproject.toml: tool.poetry.classifiers", text)
    return out, errors


def _setup_cfg(text: str) -> tuple[list[Declared], list[str]]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        return [], [f"invalid setup.cfg: {_one_line(str(exc))}"]
    if not parser.has_section("metadata"):
        return [], []
    metadata = parser["metadata"]
    out: list[Declared] = []

    def line_of(key: str) -> int:
        at = re.search(rf"^\s*{key}\s*[=:]", text, re.MULTILINE | re.IGNORECASE)
        return text.count("\n", 0, at.start()) + 1 if at else 1

    value = (metadata.get("license") or "").strip()
    if value:
        out.append(Declared(value, map_value(value), "setup.cfg: metadata.license", line_of("license")))
    for key in ("license_file", "license_files", "license-file", "license-files"):
        for file in re.split(r"[\n,]", metadata.get(key) or ""):
            if file.strip():
                out.append(Declared(file.strip(), None, f"setup.cfg: metadata.{key}", line_of(key), file.strip()))
    out += _classifiers(metadata.get("classifiers") or "", "setup.cfg: metadata.classifiers", text)
    return out, []


_SETUP_LICENSE = re.compile(r"\blicen[cs]e\s*=\s*(?P<q>['\"])(?P<value>[^'\"\n]+)(?P=q)")
_SETUP_CLASSIFIER = re.compile(r"(?P<q>['\"])(?P<value>License\s*::[^'\"\n]+)(?P=q)")


def _setup_py(text: str) -> tuple[list[Declared], list[str]]:
    """``license="..."`` and licence classifiers written as string literals (setup.py is code:
    nothing is executed, so computed values are not seen)."""
    out: list[Declared] = []
    for pattern, source in ((_SETUP_LICENSE, "setup.py: license"), (_SETUP_CLASSIFIER, "setup.py: classifiers")):
        for m in pattern.finditer(text):
            value = m.group("value").strip()
            out.append(Declared(value, map_value(value), source, text.count("\n", 0, m.start()) + 1))
    return out, []


def _package_json(text: str) -> tuple[list[Declared], list[str]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [], [f"invalid JSON in package.json: {_one_line(str(exc))}"]
    if not isinstance(data, dict):
        return [], ["package.json is not a JSON object"]
    out: list[Declared] = []

    def one(item: Any, source: str, line: int) -> None:
        url = None
        if isinstance(item, dict):  # the old {"type": ..., "url": ...} form
            url = item.get("url") if isinstance(item.get("url"), str) else None
            item = item.get("type")
        if not isinstance(item, str) or not item.strip():
            return
        value = item.strip()
        seen = _SEE_FILE.match(value)
        if seen:
            file = seen.group("file").strip()
            out.append(Declared(value, None, source, line, file))
        else:
            out.append(Declared(value, map_value(value), source, line, url))

    line = _line_containing(text, '"license"')
    one(data.get("license"), "package.json: license", line)
    licences = data.get("licenses")
    if isinstance(licences, list):
        line = _line_containing(text, '"licenses"')
        for item in licences:
            one(item, "package.json: licenses", line)
    return out, []


def _cargo(text: str) -> tuple[list[Declared], list[str]]:
    data, errors = _toml(text, "Cargo.toml")
    if data is None:
        return [], errors
    out: list[Declared] = []
    for table in ("package", "workspace.package"):
        package = _table(data, table)
        licence = package.get("license")  # {workspace = true} inherits: declared elsewhere
        if isinstance(licence, str) and licence.strip():
            out.append(Declared(licence.strip(), map_value(licence), f"Cargo.toml: {table}.license",
                                _toml_line(text, table, "license")))
        file = package.get("license-file")
        if isinstance(file, str) and file.strip():
            out.append(Declared(file.strip(), None, f"Cargo.toml: {table}.license-file",
                                _toml_line(text, table, "license-file"), file.strip()))
    return out, errors


_READERS: dict[str, Callable[[str], tuple[list[Declared], list[str]]]] = {
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
    "package.json": _package_json,
    "cargo.toml": _cargo,
}
