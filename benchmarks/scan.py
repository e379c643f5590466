#!/usr/bin/env python3
"""Tree scan benchmark: `licenselens scan` against ScanCode on a generated repository.

Not a test: it measures.  The target (issue #5) is a tree of 10,000 files, 500
of them licence-bearing, scanned in <= 10 s on 2 cores, wall time including
process start.

The tree is generated (seeded, so the same arguments give the same bytes)
into a temporary directory that is removed afterwards, or into --keep DIR:
nested packages of source files (.py .js .ts .c .h .go .rs .java) with docs
(.md .txt), data (.json) and binary files (.bin .png), and among them
--licence-files licence-bearing files of five kinds:

  source-header     a source file with an `SPDX-License-Identifier:` comment
  licence           LICENSE / LICENCE / COPYING / LICENSE-MODEL ... holding a
                    reference licence text read at run time from the installed
                    licensedcode-data (never stored in this repository)
  notice            NOTICE files naming their licence in a sentence
  package-metadata  pyproject.toml, setup.cfg, package.json, Cargo.toml
  model-card        README.md of models and datasets with YAML front matter
                    (`license:` with Hugging Face ids such as
                    bigscience-openrail-m or llama2)

Their expected SPDX ids are known by construction.  On top of the total,
--skipped-dir-files files (default: 2 % of --files) go to node_modules/ and
vendor/, which `licenselens scan` skips by default; their licence-bearing
files are counted apart and not scored.

Runs, in this order and in the same invocation so that ratios hold on a noisy
machine:
  licenselens  `licenselens scan --jobs N --format json TREE`, twice (the
               second run is the warm one: page cache and imports hot)
  ScanCode     with --scancode PATH: a warm-up run on N tiny files (loads or,
               the first time ever, builds its index; reported apart), then
               `PATH -l -n N --json-pp OUT --quiet --strip-root TREE` once
               (minutes on 10,000 files)

Every run is a subprocess, wall-clocked from spawn to exit; peak RSS is the
largest single process of its process tree (wait4).  files/s = files in the
tree / wall s.

Agreement, per generated licence-bearing file, with E = the expected ids and
G = the ids the tool reported for that path (identify.py's scoring):
  strict       G == E
  spdx-strict  G == E once LicenseRef-* ids are removed from both
  lenient      spdx-strict after folding -only / -or-later / +
  FP files     files that bear no licence but got an id
licenselens' G for a file is the union of the ids in its `expression`,
`licenses[].id` and `declared[].expression`; ScanCode's is the union of
`license_detections[].license_expression_spdx` and
`detected_license_expression_spdx` (clues left out).

Output: Markdown tables on stdout (runs, agreement per kind of file, ratios,
target); --json OUT writes every number; with --keep DIR the tree, the
expected ids (expected.jsonl) and each tool's JSON stay in DIR.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:  # also when run as `python -m benchmarks.scan`
    sys.path.insert(0, str(BENCH_DIR))
from identify import (  # noqa: E402  (needs the path above)
    ToolError, license_ids, make_warmup_tree, non_negative_int, positive_int, run_timed, scancode_ids,
    score_case, spdx_only, tail,
)

TARGET_SECONDS = 10.0
TARGET_FILES, TARGET_LICENCE_FILES = 10_000, 500
KINDS = ("source-header", "licence", "notice", "package-metadata", "model-card")
#: Share of each kind among the licence-bearing files.
KIND_SHARES = {"source-header": 0.50, "licence": 0.22, "notice": 0.06, "package-metadata": 0.14,
               "model-card": 0.08}
#: Share of the files that bear no licence, by kind (source files take the rest).
PLAIN_SHARES = {"doc": 0.12, "data": 0.08, "binary": 0.06}
SKIPPED_DIRS = ("node_modules", "vendor")

# --------------------------------------------------------------------------- what the files declare

#: SPDX expressions of the source headers.
HEADER_EXPRESSIONS = (
    "MIT", "Apache-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-or-later", "LGPL-2.1-or-later",
    "BSD-3-Clause", "BSD-2-Clause", "MPL-2.0", "ISC", "Apache-2.0 OR MIT", "MIT OR Apache-2.0",
    "GPL-2.0-only WITH Linux-syscall-note", "BSD-3-Clause OR GPL-2.0-only", "CC0-1.0", "Unlicense",
    "Zlib", "AGPL-3.0-or-later", "EPL-2.0", "LGPL-3.0-only",
)
#: ScanCode keys of the software licence texts written to LICENSE files.
SOFTWARE_KEYS = ("mit", "apache-2.0", "gpl-2.0", "gpl-3.0", "bsd-new", "bsd-simplified", "mpl-2.0",
                 "lgpl-2.1", "isc", "unlicense", "zlib", "agpl-3.0", "epl-2.0", "cc0-1.0")
#: ... of the model and ethical-use licence texts (LICENSE-MODEL & co. in models/) ...
MODEL_KEYS = ("bigscience-open-rail-m", "stable-diffusion-2022-08-22", "llama-2-license-2023",
              "llama-license-2023", "bigcode-open-rail-m-v1", "responsible-ai-source-1.1", "bigscience-rail-1.0",
              "hippocratic-2.1")
#: ... and of the data licence texts (in datasets/).
DATA_KEYS = ("cc-by-4.0", "cc-by-sa-4.0", "cdla-permissive-2.0", "o-uda-1.0", "odbl-1.0")
#: Texts that start with a copyright line in real repositories.
COPYRIGHT_FIRST = {"mit", "bsd-new", "bsd-simplified", "isc", "zlib"}
#: Hugging Face `license:` ids of model and dataset cards -> ScanCode key of the licence they name.
CARD_LICENSES = {
    "apache-2.0": "apache-2.0", "mit": "mit", "cc-by-4.0": "cc-by-4.0", "cc-by-nc-4.0": "cc-by-nc-4.0",
    "cc-by-sa-4.0": "cc-by-sa-4.0", "bigscience-openrail-m": "bigscience-open-rail-m",
    "creativeml-openrail-m": "stable-diffusion-2022-08-22", "bigcode-openrail-m": "bigcode-open-rail-m-v1",
    "llama2": "llama-2-license-2023", "cdla-permissive-2.0": "cdla-permissive-2.0", "odbl": "odbl-1.0",
}
DATASET_CARD_LICENSES = ("cc-by-4.0", "cc-by-sa-4.0", "cdla-permissive-2.0", "odbl", "mit")
#: Package metadata: file name -> SPDX expressions it declares.
METADATA_EXPRESSIONS = {
    "pyproject.toml": ("MIT", "Apache-2.0", "BSD-3-Clause", "MIT OR Apache-2.0", "GPL-3.0-or-later"),
    "setup.cfg": ("MIT", "BSD-2-Clause", "Apache-2.0"),
    "package.json": ("MIT", "ISC", "Apache-2.0", "BSD-3-Clause", "MIT OR Apache-2.0"),
    "Cargo.toml": ("MIT OR Apache-2.0", "Apache-2.0", "MIT", "MPL-2.0"),
}
#: How a NOTICE file names its licence.
NOTICE_NAMES = {"Apache-2.0": "the Apache License, Version 2.0", "MIT": "the MIT License",
                "MPL-2.0": "the Mozilla Public License, version 2.0", "BSD-3-Clause": "the BSD 3-Clause License",
                "EPL-2.0": "the Eclipse Public License 2.0"}

#: Package languages -> extensions of their source files and their metadata file names.
LANGUAGES = {
    "python": ((".py",), ("pyproject.toml", "setup.cfg")),
    "javascript": ((".js",), ("package.json",)),
    "typescript": ((".ts", ".js"), ("package.json",)),
    "c": ((".c", ".h", ".h"), ()),
    "go": ((".go",), ()),
    "rust": ((".rs",), ("Cargo.toml",)),
    "java": ((".java",), ()),
}
LICENCE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING")
MODEL_LICENCE_NAMES = ("LICENSE-MODEL", "MODEL_LICENSE", "LICENSE", "LICENSE.txt")
DATA_LICENCE_NAMES = ("LICENSE", "LICENSE-DATA", "LICENSE.txt")
NOTICE_FILE_NAMES = ("NOTICE", "NOTICE.txt", "NOTICE.md")

#: Neutral words for identifiers, folder names and prose: no licence vocabulary, so plain files stay
#: plain, and no folder name the scan skips (build, dist, target ...).
WORDS = """buffer cache index node parse render token frame queue batch vector matrix tensor layer score
stream packet route handler config option value result state event signal channel worker task job pool
thread table column row record field schema sample image pixel color shape path block chunk offset length
count total limit range window filter merge split join sort search match query client server request
response header payload session account profile metric gauge timer clock delay retry check verify encode
decode compress digest store load save fetch update insert select compile emit apply reset flush
open close read write seek walk visit graph edge vertex leaf branch stack heap list array slice string
number pointer handle context scope module plugin widget panel button label input output layout style
theme font border margin width height cursor anchor bridge cluster shard replica lease ticket tensor
kernel shader sprite mesh texture voxel""".split()
HOLDERS = ("Example Project Authors", "Acme Tools", "The Widget Team", "Nimbus Labs", "Q. Contributor")


# --------------------------------------------------------------------------- the plan

@dataclass(frozen=True)
class PlannedFile:
    """One file of the tree: what it is and which licence ids it must yield."""

    path: str  # relative, POSIX
    kind: str  # one of KINDS, or source | doc | data | binary
    spec: str = ""  # the licence key, SPDX expression or card id it is written from
    expected: tuple[str, ...] = ()  # sorted SPDX ids; empty: bears no licence
    skipped_dir: bool = False  # under node_modules/ or vendor/

    @property
    def licence_bearing(self) -> bool:
        return self.kind in KINDS


def apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Split total over the shares by largest remainder: the parts sum to total exactly."""
    weight = sum(shares.values())
    raw = {k: total * s / weight for k, s in shares.items()}
    parts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: (parts[k] - raw[k], k))[: total - sum(parts.values())]:
        parts[k] += 1
    return parts


def ident(rng: random.Random, parts: int = 2, sep: str = "_") -> str:
    return sep.join(rng.choice(WORDS) for _ in range(parts))


class Planner:
    """Lays files out over nested package directories, never twice at one path."""

    def __init__(self, rng: random.Random, key_to_id: dict[str, str]):
        self.rng = rng
        self.key_to_id = key_to_id
        self.files: dict[str, PlannedFile] = {}
        self.dirs: set[str] = set()

    def fresh_dir(self, parent: str, stem: str) -> str:
        """A directory name not used yet under parent."""
        for n in range(1, 10_000):
            name = stem if n == 1 else f"{stem}{n}"
            path = f"{parent}/{name}" if parent else name
            if path not in self.dirs:
                self.dirs.add(path)
                return path
        raise RuntimeError("no free directory name")  # pragma: no cover - 10,000 siblings

    def add(self, directory: str, names: Iterable[str], kind: str, spec: str = "",
            expected: Iterable[str] = (), skipped_dir: bool = False) -> PlannedFile:
        """The first free name of names in directory, else in a new nested directory
        (a monorepo's sub-package); expected ids are stored sorted."""
        names = tuple(names)
        while True:
            for name in names:
                path = f"{directory}/{name}" if directory else name
                if path not in self.files:
                    planned = PlannedFile(path, kind, spec, tuple(sorted(expected)), skipped_dir)
                    self.files[path] = planned
                    return planned
            directory = self.fresh_dir(directory, ident(self.rng, 1))


@dataclass
class Package:
    root: str
    language: str
    dirs: list[str]


def make_packages(planner: Planner, count: int) -> tuple[list[Package], list[str], list[str]]:
    """Code packages (the repository root is one), model and dataset directories."""
    rng = planner.rng
    languages = sorted(LANGUAGES)
    packages = []
    for i in range(count):
        if i == 0:
            root = ""
        else:
            parent = "external" if i % 8 == 7 else "packages"  # vendored-like copies, scanned
            root = planner.fresh_dir(parent, ident(rng, 2, "-"))
        language = "python" if i == 0 else rng.choice(languages)
        base = f"{root}/src" if root else "src"
        dirs = [base]
        for _ in range(rng.randint(2, 7)):
            dirs.append(planner.fresh_dir(rng.choice(dirs), ident(rng, 1)))
        dirs.append(f"{root}/tests" if root else "tests")
        packages.append(Package(root, language, dirs))
    models = [planner.fresh_dir("models", ident(rng, 2, "-")) for _ in range(max(1, count // 10))]
    datasets = [planner.fresh_dir("datasets", ident(rng, 2, "-")) for _ in range(max(1, count // 25))]
    return packages, models, datasets


def plan_tree(files: int, licence_files: int, seed: int, key_to_id: dict[str, str],
              skipped_dir_files: int | None = None) -> list[PlannedFile]:
    """The files of the tree, in a deterministic order, with their expected ids.

    files counts everything outside node_modules/ and vendor/; licence_files of
    them bear a licence; skipped_dir_files (default 2 % of files) go under
    node_modules/ and vendor/ on top.
    """
    if not 0 <= licence_files <= files:
        raise ValueError(f"licence files ({licence_files}) must be between 0 and files ({files})")
    if skipped_dir_files is None:
        skipped_dir_files = files // 50
    rng = random.Random(seed)
    planner = Planner(rng, key_to_id)
    packages, models, datasets = make_packages(planner, max(3, files // 80))

    def ids(key: str) -> tuple[str]:
        return (key_to_id[key],)

    counts = apportion(licence_files, KIND_SHARES)
    with_metadata = [p for p in packages if LANGUAGES[p.language][1]]
    for i in range(counts["package-metadata"]):
        package = with_metadata[i % len(with_metadata)]
        name = rng.choice(LANGUAGES[package.language][1])
        expression = rng.choice(METADATA_EXPRESSIONS[name])
        planner.add(package.root, [name], "package-metadata", expression, license_ids([expression]))
    for i in range(counts["licence"]):
        if i % 10 < 2:  # two in ten: model and ethical-use licences, one in ten: data licences
            key = MODEL_KEYS[(2 * (i // 10) + i % 10) % len(MODEL_KEYS)]
            planner.add(models[i % len(models)], MODEL_LICENCE_NAMES, "licence", key, ids(key))
        elif i % 10 == 2:
            key = DATA_KEYS[(i // 10) % len(DATA_KEYS)]
            planner.add(datasets[i % len(datasets)], DATA_LICENCE_NAMES, "licence", key, ids(key))
        else:
            key = SOFTWARE_KEYS[i % len(SOFTWARE_KEYS)]
            names = ("COPYING", "LICENSE") if key.startswith(("gpl", "lgpl", "agpl")) else LICENCE_NAMES
            planner.add(packages[i % len(packages)].root, names, "licence", key, ids(key))
    for i in range(counts["notice"]):
        expression = sorted(NOTICE_NAMES)[i % len(NOTICE_NAMES)]
        planner.add(packages[(3 * i + 1) % len(packages)].root, NOTICE_FILE_NAMES, "notice", expression,
                    (expression,))
    cards = sorted(CARD_LICENSES)
    for i in range(counts["model-card"]):
        if i % 4 == 3:
            card = DATASET_CARD_LICENSES[i // 4 % len(DATASET_CARD_LICENSES)]
            planner.add(datasets[i % len(datasets)], ["README.md"], "model-card", card, ids(CARD_LICENSES[card]))
        else:
            card = cards[i % len(cards)]
            planner.add(models[i % len(models)], ["README.md"], "model-card", card, ids(CARD_LICENSES[card]))
    for _ in range(counts["source-header"]):
        package = rng.choice(packages)
        expression = rng.choice(HEADER_EXPRESSIONS)
        planner.add(rng.choice(package.dirs), [source_name(rng, package.language)], "source-header",
                    expression, license_ids([expression]))

    for kind, count in apportion(files - licence_files, {**PLAIN_SHARES, "source": 1 - sum(PLAIN_SHARES.values())}).items():
        for _ in range(count):
            add_plain(planner, kind, packages, models, datasets)
    add_skipped_dirs(planner, skipped_dir_files)
    return list(planner.files.values())


def source_name(rng: random.Random, language: str) -> str:
    return ident(rng) + rng.choice(LANGUAGES[language][0])


def add_plain(planner: Planner, kind: str, packages: list[Package], models: list[str],
              datasets: list[str]) -> None:
    """One file that bears no licence."""
    rng = planner.rng
    package = rng.choice(packages)
    if kind == "source":
        planner.add(rng.choice(package.dirs), [source_name(rng, package.language)], "source")
    elif kind == "doc":
        docs = f"{package.root}/docs" if package.root else "docs"
        home = rng.choice([package.root, docs, docs])
        planner.add(home, ["README.md", ident(rng, 1) + rng.choice((".md", ".txt"))], "doc")
    elif kind == "data":
        home = rng.choice([rng.choice(package.dirs), rng.choice(datasets)])
        planner.add(home, [ident(rng) + ".json"], "data")
    else:
        if rng.random() < 0.5:
            planner.add(rng.choice(models), [f"{ident(rng, 1)}-{rng.randint(1, 99):05d}.bin"], "binary")
        else:
            assets = f"{package.root}/assets" if package.root else "assets"
            planner.add(assets, [ident(rng) + ".png"], "binary")


def add_skipped_dirs(planner: Planner, count: int) -> None:
    """Dependencies as installed, eight files each, alternately under
    node_modules/ (a package.json, a LICENSE, JavaScript) and vendor/ (a LICENSE, Go)."""
    rng = planner.rng
    home = ""
    for i in range(count):
        if i % 8 == 0:
            top = SKIPPED_DIRS[(i // 8) % 2]
            home = planner.fresh_dir(top, ident(rng, 2, "-"))
        expression = rng.choice(("MIT", "ISC", "Apache-2.0", "BSD-3-Clause"))
        if i % 8 == 0 and home.startswith("node_modules"):
            planner.add(home, ["package.json"], "package-metadata", expression, (expression,), skipped_dir=True)
        elif i % 8 == 1:
            key = {"MIT": "mit", "ISC": "isc", "Apache-2.0": "apache-2.0", "BSD-3-Clause": "bsd-new"}[expression]
            planner.add(home, ["LICENSE"], "licence", key, (planner.key_to_id[key],), skipped_dir=True)
        else:
            language = "javascript" if home.startswith("node_modules") else "go"
            planner.add(home, [source_name(rng, language)], "source", skipped_dir=True)


# --------------------------------------------------------------------------- file contents

COMMENT = {".py": "#", ".js": "//", ".ts": "//", ".c": "//", ".h": "//", ".go": "//", ".rs": "//", ".java": "//"}


def code(rng: random.Random, ext: str, functions: int) -> str:
    """Plausible source code in the language of ext."""
    out = []
    if ext == ".java":
        out.append(f"package {ident(rng, 2, '.')};\n\npublic class {ident(rng, 2, '').title()} {{\n")
    elif ext == ".go":
        out.append(f"package {rng.choice(WORDS)}\n\nimport \"fmt\"\n\n")
    elif ext == ".h":
        guard = ident(rng).upper() + "_H"
        out.append(f"#ifndef {guard}\n#define {guard}\n\n#include <stddef.h>\n\n")
    elif ext == ".c":
        out.append(f"#include <stdlib.h>\n#include \"{ident(rng)}.h\"\n\n")
    elif ext == ".py":
        out.append(f'"""{" ".join(rng.choice(WORDS) for _ in range(8)).capitalize()}."""\n\nimport os\n\n')
    for _ in range(functions):
        name, a, b, v = ident(rng), rng.choice(WORDS), rng.choice(WORDS) + "_n", ident(rng)
        op, k = rng.choice("+-*"), rng.randint(1, 4096)
        out.append({
            ".py": f"def {name}({a}, {b}):\n    {v} = {a} {op} {b} * {k}\n    return {v}\n\n\n",
            ".js": f"function {name}({a}, {b}) {{\n  const {v} = {a} {op} {b} * {k};\n  return {v};\n}}\n\n",
            ".ts": f"export function {name}({a}: number, {b}: number): number {{\n"
                   f"  const {v} = {a} {op} {b} * {k};\n  return {v};\n}}\n\n",
            ".c": f"int {name}(int {a}, int {b})\n{{\n    int {v} = {a} {op} {b} * {k};\n    return {v};\n}}\n\n",
            ".h": f"int {name}(int {a}, size_t {b});\n",
            ".go": f"func {name.title().replace('_', '')}({a} int, {b} int) int {{\n"
                   f"\t{v} := {a} {op} {b} * {k}\n\tfmt.Println({v})\n\treturn {v}\n}}\n\n",
            ".rs": f"pub fn {name}({a}: i64, {b}: i64) -> i64 {{\n    let {v} = {a} {op} {b} * {k};\n    {v}\n}}\n\n",
            ".java": f"    public static int {name}(int {a}, int {b}) {{\n"
                     f"        int {v} = {a} {op} {b} * {k};\n        return {v};\n    }}\n\n",
        }[ext])
    if ext == ".java":
        out.append("}\n")
    elif ext == ".h":
        out.append("\n#endif\n")
    return "".join(out)


def prose(rng: random.Random, sentences: int) -> str:
    words = []
    for _ in range(sentences):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16)))
        words.append(sentence.capitalize() + ".")
    return " ".join(words)


def functions_count(rng: random.Random) -> int:
    """Mostly small files, one in fifty large."""
    return rng.randint(120, 300) if rng.random() < 0.02 else rng.randint(3, 40)


def render(planned: PlannedFile, seed: int, licence_text: Callable[[str], str]) -> bytes:
    """The bytes of one file, from its own generator (seed and path): a file's
    content does not depend on the order files are written in."""
    rng = random.Random(f"{seed}:{planned.path}")
    name = planned.path.rsplit("/", 1)[-1]
    ext = os.path.splitext(name)[1]
    holder, year = rng.choice(HOLDERS), rng.randint(2009, 2025)
    project = planned.path.split("/")[-2] if "/" in planned.path else "example"
    if planned.kind == "source-header":
        mark = COMMENT[ext]
        lead = "#!/usr/bin/env python3\n" if ext == ".py" and rng.random() < 0.3 else ""
        header = (f"/* SPDX-License-Identifier: {planned.spec} */\n" if ext in (".c", ".h") and rng.random() < 0.5
                  else f"{mark} SPDX-License-Identifier: {planned.spec}\n")
        text = (lead + header + f"{mark} Copyright {year} {holder}\n\n"
                + code(rng, ext, functions_count(rng)))
    elif planned.kind == "source":
        text = code(rng, ext, functions_count(rng))
    elif planned.kind == "licence":
        text = licence_text(planned.spec)
        if planned.spec in COPYRIGHT_FIRST:
            text = f"Copyright (c) {year} {holder}\n\n" + text
    elif planned.kind == "notice":
        text = (f"{project}\nCopyright {year} {holder}\n\n"
                f"This distribution bundles the {ident(rng, 1, '')} and {ident(rng, 1, '')} modules "
                f"written by {holder}.\n{project} is distributed under {NOTICE_NAMES[planned.spec]}.\n")
    elif planned.kind == "package-metadata":
        text = metadata(name, project, planned.spec, rng)
    elif planned.kind == "model-card":
        text = card(planned, project, rng)
    elif planned.kind == "doc":
        heading = "# " if ext == ".md" else ""
        text = f"{heading}{ident(rng, 2, ' ').title()}\n\n" + "\n\n".join(
            prose(rng, rng.randint(2, 6)) for _ in range(rng.randint(2, 12))) + "\n"
    elif planned.kind == "data":
        records = [{"id": i, "name": ident(rng), "value": rng.randint(0, 10_000), "tags": [rng.choice(WORDS)]}
                   for i in range(rng.randint(2, 60))]
        text = json.dumps({"version": 1, "records": records}, indent=2) + "\n"
    else:  # binary: random bytes, a PNG signature in front of .png ones
        size = rng.randint(1_024, 64 * 1_024)
        return (b"\x89PNG\r\n\x1a\n" if ext == ".png" else b"") + rng.randbytes(size)
    return text.encode("utf-8")


def metadata(name: str, project: str, expression: str, rng: random.Random) -> str:
    version = f"{rng.randint(0, 4)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
    description = prose(rng, 1)
    if name == "pyproject.toml":
        return (f'[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n\n'
                f'[project]\nname = "{project}"\nversion = "{version}"\ndescription = "{description}"\n'
                f'license = "{expression}"\nrequires-python = ">=3.9"\ndependencies = ["numpy>=1.24"]\n')
    if name == "setup.cfg":
        return (f"[metadata]\nname = {project}\nversion = {version}\ndescription = {description}\n"
                f"license = {expression}\n\n[options]\npackages = find:\npython_requires = >=3.9\n")
    if name == "package.json":
        value = f"({expression})" if " OR " in expression else expression
        return json.dumps({"name": project, "version": version, "description": description, "main": "index.js",
                           "license": value, "scripts": {"test": "node test.js"},
                           "dependencies": {ident(rng, 2, "-"): f"^{version}"}}, indent=2) + "\n"
    return (f'[package]\nname = "{project}"\nversion = "{version}"\nedition = "2021"\n'  # Cargo.toml
            f'description = "{description}"\nlicense = "{expression}"\n\n[dependencies]\nserde = "1"\n')


def card(planned: PlannedFile, project: str, rng: random.Random) -> str:
    """A model card or, under datasets/, a dataset card, with YAML front matter."""
    if planned.path.startswith("datasets/"):
        front = (f"license: {planned.spec}\ntask_categories:\n- text-classification\nsize_categories:\n"
                 f"- 10K<n<100K\n")
        usage = f"```python\nfrom datasets import load_dataset\nds = load_dataset(\"{project}\")\n```\n"
    else:
        front = (f"license: {planned.spec}\nlanguage:\n- en\nlibrary_name: transformers\n"
                 f"pipeline_tag: text-generation\ntags:\n- {rng.choice(WORDS)}\n")
        usage = f"```python\nfrom transformers import pipeline\npipe = pipeline(\"text-generation\", \"{project}\")\n```\n"
    return (f"---\n{front}---\n\n# {project}\n\n{prose(rng, 4)}\n\n## Training\n\n{prose(rng, 5)}\n\n"
            f"## Usage\n\n{usage}")


def write_tree(root: Path, plan: list[PlannedFile], seed: int, licence_text: Callable[[str], str]) -> None:
    for planned in plan:
        target = root / planned.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(planned, seed, licence_text))


def reference_data() -> tuple[dict[str, str], Callable[[str], str]]:
    """ScanCode key -> SPDX id and the licence texts, from the installed reference data."""
    from licenselens import reference

    return reference.load().key_to_id, reference.licence_text


# --------------------------------------------------------------------------- running the tools

@dataclass
class ToolRun:
    """One tool's run over the tree."""

    tool: str
    run: str  # first | second | once
    wall_seconds: float
    peak_rss_kb: int
    returncode: int
    got: dict[str, frozenset[str]]  # path -> ids, for every path the tool reported on
    notes: dict = field(default_factory=dict)


def licenselens_ids(result: dict) -> frozenset[str]:
    """Ids of one `results[]` entry of `licenselens scan --format json`."""
    expressions = [result.get("expression")]
    expressions += [item.get("id") for item in result.get("licenses") or []]
    expressions += [item.get("expression") for item in result.get("declared") or []]
    return license_ids(e for e in expressions if e)


def run_licenselens(exe: str, tree: Path, jobs: int, workdir: Path, run: str) -> ToolRun:
    """`licenselens scan --format json` on the tree, in a fresh process."""
    out, err = workdir / f"licenselens-{run}.json", workdir / f"licenselens-{run}.err"
    print(f"licenselens: scan, {run} run, --jobs {jobs}", file=sys.stderr)
    timed = run_timed([exe, "scan", "--jobs", str(jobs), "--format", "json", str(tree)], out, err)
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
        results = data["results"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ToolError(f"licenselens scan: no JSON report (exit {timed.returncode}):\n{tail(err)}") from None
    got = {r["path"]: licenselens_ids(r) for r in results}
    summary = data.get("summary") or {}
    return ToolRun("licenselens", run, timed.wall_seconds, timed.peak_rss_kb, timed.returncode, got, {
        "version": data.get("licenselens"), "files_seen": summary.get("files_seen"),
        "licence_files": summary.get("licence_files"),
        "files_with_errors": sum(1 for r in results if r.get("errors"))})


def check_licenselens(exe: str) -> None:
    try:
        probe = subprocess.run([exe, "scan", "--help"], capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolError(f"licenselens: cannot run {exe}: {exc}") from None
    if probe.returncode != 0:
        raise ToolError(f"licenselens: `{exe} scan --help` failed (no scan command yet?): "
                        f"{(probe.stderr or probe.stdout).strip().splitlines()[-1:]}")


def run_scancode(exe: str, tree: Path, jobs: int, workdir: Path, files: int) -> ToolRun:
    """A warm-up run on tiny files (reported apart), then ScanCode once over the tree."""
    def command(target: Path, out: Path) -> list[str]:
        return [exe, "-l", "-n", str(jobs), "--json-pp", str(out), "--quiet", "--strip-root", str(target)]

    warm_dir, warm_out = workdir / "scancode-warmup", workdir / "scancode-warmup.json"
    make_warmup_tree(warm_dir, jobs)
    print(f"scancode: warm-up run on {jobs} tiny file(s) (the very first run builds its index: minutes)",
          file=sys.stderr)
    warm = run_timed(command(warm_dir, warm_out), workdir / "scancode-warmup.out", workdir / "scancode-warmup.err")
    if not warm_out.exists():
        raise ToolError(f"scancode: warm-up run failed ({warm.returncode}):\n{tail(workdir / 'scancode-warmup.err')}")
    out = workdir / "scancode.json"
    print(f"scancode: scanning {files} files with -n {jobs} (minutes)", file=sys.stderr)
    timed = run_timed(command(tree, out), workdir / "scancode.out", workdir / "scancode.err")
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ToolError(f"scancode: run failed ({timed.returncode}):\n{tail(workdir / 'scancode.err')}") from None
    entries = [f for f in data.get("files", []) if f.get("type") == "file"]
    header = (data.get("headers") or [{}])[0]
    return ToolRun("scancode", "once", timed.wall_seconds, timed.peak_rss_kb, timed.returncode,
                   {f["path"]: scancode_ids(f) for f in entries},
                   {"version": header.get("tool_version"), "files_seen": len(entries),
                    "self_reported_duration_s": header.get("duration"), "warmup_run_s": warm.wall_seconds,
                    "files_with_errors": sum(1 for f in entries if f.get("scan_errors"))})


# --------------------------------------------------------------------------- scoring and report

def agreement(run: ToolRun, plan: list[PlannedFile]) -> dict:
    """Scores of one run over the generated files, overall and per kind."""
    scored = [p for p in plan if p.licence_bearing and not p.skipped_dir]
    per_kind: dict[str, dict[str, int]] = {}
    totals = {"n": 0, "strict": 0, "spdx_strict": 0, "lenient": 0}
    for planned in scored:
        flags = score_case(frozenset(planned.expected), run.got.get(planned.path, frozenset()))
        for bucket in (totals, per_kind.setdefault(planned.kind, {"n": 0, "strict": 0, "spdx_strict": 0,
                                                                  "lenient": 0})):
            bucket["n"] += 1
            for key in ("strict", "spdx_strict", "lenient"):
                bucket[key] += flags[key]
    plain = [p for p in plan if not p.licence_bearing and not p.skipped_dir]
    skipped = [p for p in plan if p.licence_bearing and p.skipped_dir]
    return {**totals,
            "fp_files": sum(1 for p in plain if run.got.get(p.path)),
            "plain_files": len(plain),
            "skipped_dir_licence_files": len(skipped),
            "skipped_dir_reported": sum(1 for p in skipped if run.got.get(p.path)),
            "per_kind": per_kind}


def row_for(run: ToolRun, plan: list[PlannedFile], tree_files: int) -> dict:
    return {"tool": run.tool, "run": run.run, "tree_files": tree_files, "wall_s": run.wall_seconds,
            "files_per_s": tree_files / run.wall_seconds if run.wall_seconds > 0 else None,
            "peak_rss_mb": run.peak_rss_kb / 1024, "returncode": run.returncode,
            **run.notes, **agreement(run, plan)}


def share(n: int, total: int) -> str:
    return f"{n / total:.1%} ({n}/{total})" if total else "—"


def markdown_tables(rows: list[dict], target_met: bool | None, jobs: int) -> str:
    """The runs, then agreement per kind of file, then ratios and the target."""
    head = ("| tool | run | files in tree | wall s | files/s | peak RSS MB | strict | spdx-strict | lenient "
            "| FP files | node_modules/vendor licence files reported | exit |")
    lines = [head, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        version = f" {r['version']}" if r.get("version") else ""
        lines.append(
            f"| {r['tool']}{version} | {r['run']} | {r['tree_files']} | {r['wall_s']:.2f} | {r['files_per_s']:.0f} "
            f"| {r['peak_rss_mb']:.0f} | {share(r['strict'], r['n'])} | {share(r['spdx_strict'], r['n'])} "
            f"| {share(r['lenient'], r['n'])} | {r['fp_files']}/{r['plain_files']} "
            f"| {r['skipped_dir_reported']}/{r['skipped_dir_licence_files']} | {r['returncode']} |")
    firsts = {}
    for r in rows:  # one column per tool (its first run): agreement is the same on every run
        firsts.setdefault(r["tool"], r)
    lines += ["", "Agreement per kind of licence-bearing file (lenient; strict in brackets):", "",
              "| kind | files | " + " | ".join(firsts) + " |", "|---|---:|" + "---:|" * len(firsts)]
    for kind in KINDS:
        counts = [r["per_kind"].get(kind) for r in firsts.values()]
        n = next((c["n"] for c in counts if c), 0)
        if n:
            lines.append(f"| {kind} | {n} | " + " | ".join(
                f"{share(c['lenient'], c['n'])} [{c['strict']}]" for c in counts) + " |")
    ours = [r for r in rows if r["tool"] == "licenselens"]
    theirs = next((r for r in rows if r["tool"] == "scancode"), None)
    if ours and theirs:
        lines += ["", ("Speed ratio (ScanCode wall s ÷ licenselens wall s, same tree, same invocation; "
                       "> 1: licenselens faster):")]
        lines += [f"- licenselens {r['run']} run: {theirs['wall_s'] / r['wall_s']:.1f}x "
                  f"({r['wall_s']:.2f} s vs {theirs['wall_s']:.0f} s)" for r in ours]
    if target_met is not None:
        best = min(r["wall_s"] for r in ours)
        lines += ["", (f"Target (<= {TARGET_SECONDS:.0f} s wall for {TARGET_FILES:,} files, "
                       f"{TARGET_LICENCE_FILES} licence-bearing, on 2 cores): {'met' if target_met else 'NOT met'}, "
                       f"best licenselens run {best:.2f} s with --jobs {jobs} on {os.cpu_count()} CPUs")]
    return "\n".join(lines)


def note_lines(rows: list[dict], meta: dict) -> list[str]:
    lines = ["", "Notes:",
             (f"- tree: {meta['tree_files']} files ({meta['files']} + {meta['skipped_dir_files']} under "
              f"node_modules/ and vendor/), {meta['licence_files']} licence-bearing outside those, seed "
              f"{meta['seed']}, {meta['tree_mb']:.1f} MB; jobs {meta['jobs']}; {meta['cpus']} CPUs; "
              f"load average before the runs {meta['load_average_before'][0]:.2f}"),
             ("- wall s: spawn to exit, process start included; files/s = files in tree / wall s; "
              "peak RSS = largest single process (wait4)")]
    for r in rows:
        bits = [f"{r.get('files_seen')} files seen"]
        if r.get("licence_files") is not None:
            bits.append(f"{r['licence_files']} licence files")
        if r.get("files_with_errors"):
            bits.append(f"{r['files_with_errors']} files with errors")
        if r.get("warmup_run_s") is not None:
            bits.append(f"separate warm-up run on tiny files {r['warmup_run_s']:.1f} s (index load)")
        if r.get("self_reported_duration_s") is not None:
            bits.append(f"self-reported duration {r['self_reported_duration_s']:.1f} s")
        lines.append(f"- {r['tool']} {r['run']}: " + "; ".join(bits))
    return lines


def print_misses(run: ToolRun, plan: list[PlannedFile], limit: int) -> None:
    """The first lenient failures of a run, expected vs got, to stderr."""
    misses = [p for p in plan if p.licence_bearing and not p.skipped_dir
              and not score_case(frozenset(p.expected), run.got.get(p.path, frozenset()))["lenient"]]
    if not misses or limit <= 0:
        return
    print(f"\n{run.tool} ({run.run} run): first {min(limit, len(misses))} of {len(misses)} lenient failures",
          file=sys.stderr)
    for p in misses[:limit]:
        got = run.got.get(p.path)
        print(f"  {p.path} [{p.kind}: {p.spec}]\n    expected: {', '.join(spdx_only(frozenset(p.expected))) or '-'}"
              f"\n    got:      {'(not reported)' if got is None else ', '.join(sorted(got)) or '-'}",
              file=sys.stderr)


# --------------------------------------------------------------------------- command line

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks/scan.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=positive_int, default=TARGET_FILES,
                        help="files outside node_modules/ and vendor/ (default: %(default)s)")
    parser.add_argument("--licence-files", type=non_negative_int, default=TARGET_LICENCE_FILES,
                        help="licence-bearing files among them (default: %(default)s)")
    parser.add_argument("--skipped-dir-files", type=non_negative_int,
                        help="files under node_modules/ and vendor/, on top (default: 2%% of --files)")
    parser.add_argument("--seed", type=int, default=0, help="tree generator seed (default: %(default)s)")
    parser.add_argument("--jobs", type=positive_int, default=2,
                        help="licenselens scan --jobs N; ScanCode -n N (default: %(default)s)")
    parser.add_argument("--licenselens", metavar="PATH",
                        default=str(Path(sys.executable).with_name("licenselens")),
                        help="licenselens executable (default: the one beside this python)")
    parser.add_argument("--scancode", metavar="PATH", help="scancode executable (in its own venv)")
    parser.add_argument("--keep", metavar="DIR", type=Path,
                        help="generate into DIR/tree (DIR must be empty or new) and keep it, the expected ids "
                             "(DIR/expected.jsonl) and every tool's output")
    parser.add_argument("--generate-only", action="store_true", help="generate the tree (with --keep) and stop")
    parser.add_argument("--show-misses", metavar="N", type=non_negative_int, default=10,
                        help="print each tool's first N lenient failures to stderr (default: %(default)s)")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write all the numbers as JSON")
    args = parser.parse_args(argv)
    if args.scancode and not (os.path.isfile(args.scancode) and os.access(args.scancode, os.X_OK)):
        parser.error(f"--scancode: {args.scancode} is not an executable file")
    if args.keep and args.keep.exists() and (not args.keep.is_dir() or any(args.keep.iterdir())):
        parser.error(f"--keep: {args.keep} is not an empty directory")
    if args.generate_only and not args.keep:
        parser.error("--generate-only needs --keep DIR")
    if args.licence_files > args.files:
        parser.error("--licence-files must not exceed --files")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        key_to_id, licence_text = reference_data()
    except Exception as exc:  # noqa: BLE001  (missing data or package: a message, not a traceback)
        print(f"cannot read the licenselens reference data: {exc}", file=sys.stderr)
        return 1
    try:
        plan = plan_tree(args.files, args.licence_files, args.seed, key_to_id, args.skipped_dir_files)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        workdir = args.keep.resolve()
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="licenselens-scan-bench-")
        workdir = Path(cleanup.name)
    try:
        return run_benchmark(args, plan, workdir, licence_text)
    finally:
        if cleanup:
            cleanup.cleanup()


def run_benchmark(args: argparse.Namespace, plan: list[PlannedFile], workdir: Path,
                  licence_text: Callable[[str], str]) -> int:
    tree = workdir / "tree"
    started = time.perf_counter()
    write_tree(tree, plan, args.seed, licence_text)
    with open(workdir / "expected.jsonl", "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(dataclasses.asdict(planned)) + "\n" for planned in plan)
    tree_bytes = sum((tree / p.path).stat().st_size for p in plan)
    print(f"generated {len(plan)} files ({tree_bytes / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s "
          f"under {tree}", file=sys.stderr)
    if args.generate_only:
        return 0

    load_before = os.getloadavg()
    failed: list[str] = []
    runs: list[ToolRun] = []
    try:
        check_licenselens(args.licenselens)
        for run in ("first", "second"):
            runs.append(run_licenselens(args.licenselens, tree, args.jobs, workdir, run))
    except ToolError as exc:
        print(str(exc), file=sys.stderr)
        failed.append(str(exc))
    if args.scancode:
        try:
            runs.append(run_scancode(args.scancode, tree, args.jobs, workdir, len(plan)))
        except ToolError as exc:
            print(str(exc), file=sys.stderr)
            failed.append(str(exc))
    for run in runs:
        if run.run != "second":
            print_misses(run, plan, args.show_misses)

    rows = [row_for(run, plan, len(plan)) for run in runs]
    ours = [r["wall_s"] for r in rows if r["tool"] == "licenselens"]
    at_target = args.files == TARGET_FILES and args.licence_files == TARGET_LICENCE_FILES
    target_met = (min(ours) <= TARGET_SECONDS) if ours and at_target else None
    meta = {"files": args.files, "licence_files": args.licence_files, "tree_files": len(plan),
            "skipped_dir_files": sum(1 for p in plan if p.skipped_dir), "seed": args.seed, "jobs": args.jobs,
            "tree_mb": tree_bytes / 1e6, "kinds": {k: sum(1 for p in plan if p.kind == k and not p.skipped_dir)
                                                  for k in KINDS},
            "python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "load_average_before": load_before, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "target_s": TARGET_SECONDS, "target_met": target_met, "failed": failed}
    if rows:
        print(markdown_tables(rows, target_met, args.jobs))
        print("\n".join(note_lines(rows, meta)))
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # stdout piped into `head`: not an error worth a traceback
        sys.stderr.close()
        sys.exit(0)
