"""Find the licence-bearing files of a repository, and what each one covers.

A scan reads only what this module points at, so it must be cheap (one
``os.scandir`` per folder, names judged without reading; only cards, package
metadata and the first ``max_header_bytes`` of source files are read) and it
must never stop on anything a tree can hold: every problem becomes a
:class:`FileError` and the walk goes on.

What counts, by file name (case-insensitive):

* ``licence``: names starting LICENSE, LICENCE, COPYING, COPYRIGHT, UNLICENSE,
  names with a word "license"/"licenses" in them (MODEL_LICENSE, LICENSE-MIT,
  APACHE_LICENSE.txt), and text files in a REUSE ``LICENSES/`` folder;
  also files that package metadata names as its licence file;
* ``notice``: NOTICE*, and third-party notices (THIRD_PARTY_NOTICES.txt);
* ``use-policy``: USE_POLICY*, *ACCEPTABLE_USE*, and AUP as a whole word;
* ``model-card`` / ``dataset-card``: README.md (or MODEL_CARD.md,
  DATASET_CARD.md ...) whose YAML front matter has ``license``,
  ``license_name`` or ``license_link``;
* ``package-metadata``: pyproject.toml, setup.cfg, setup.py, package.json,
  Cargo.toml that declare a licence;
* ``source-header``: a code or text file whose head holds an
  ``SPDX-License-Identifier:`` tag with a value (binary files never do).

A name with a code, data, image or archive extension is never a licence
file (``license.py`` is code; it may still be a source-header).

What each licence covers (``Found.components``), first rule that applies:

1. the name says it: LICENSE-MODEL, MODEL_LICENSE, WEIGHTS_LICENSE -> model;
   LICENSE-DATA, DATASET_LICENSE -> data; LICENSE-CODE -> code;
   LICENSE-DOCS -> docs;
2. anything inside a vendored folder -> code (it is someone else's code);
3. model cards -> model, dataset cards -> data; a card whose front matter
   tells neither (a Space, a plain README) is judged by its name
   (MODEL_CARD.md), its folder (data/), then what the repository holds:
   model, else data, else it is a "model-card" that covers the code;
4. a use policy -> model when the repository holds one, else data when it
   holds data, else code;
5. package metadata and source headers -> code;
6. licence and notice files under doc/ or docs/ -> docs; under data/ or
   dataset(s)/ -> data;
7. any other licence or notice -> code; a *root* licence file (not a notice)
   also covers the model, and the data, when the repository holds them and
   no licence file names them (rule 1, or a licence file under data/).

Rule 7 counts licence *files* only, not cards: a Hub model repository usually
has both a card naming its licence and a LICENSE holding its text, and both
describe the weights (a scan compares them; a card that says apache-2.0
beside a restrictive LICENSE is a conflict worth reporting).

What a repository holds (``Discovery.repo_kinds``): "model" with weight files
(.safetensors, .gguf, .onnx, .pt, .ckpt, pytorch_model.bin ...) or a model
card; "data" with a dataset card, columnar data files (.parquet, .arrow ...)
or data files under a data/ folder; "code" with source files or package
metadata.

Folders: ``.git``, ``.hg``, ``.svn`` are never entered; vendored and build
folders (node_modules, vendor, third_party, virtual environments, build,
dist, target, caches ...) only with ``include_vendored``.  Symbolic links to
files are followed; links to folders are not (no loops, no walking outside
the tree).  A dangling link or a link loop is a FileError.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Literal, cast

from .declared import (
    PACKAGE_METADATA_NAMES,
    Declared,
    from_card,
    from_package_metadata,
    map_value,
    mentions_licence,
)
from .errors import InputError
from .matchers.spdx_tag import TAG, normalise_expression

__all__ = ["Component", "Discovery", "FileError", "Found", "Kind", "discover"]

Kind = Literal["licence", "notice", "use-policy", "model-card", "dataset-card", "package-metadata", "source-header"]
Component = Literal["code", "model", "data", "docs"]


@dataclass(frozen=True)
class Found:
    """One licence-bearing file."""

    path: str  # filesystem path (root joined)
    relpath: str  # POSIX path relative to the root
    kind: Kind
    components: tuple[str, ...]  # what this file's licence applies to (module docstring)
    declared: tuple[Declared, ...] = ()  # cards, package metadata, SPDX tags: already read
    errors: tuple[str, ...] = ()  # e.g. broken YAML front matter
    vendored: bool = False  # inside a vendored folder (only with include_vendored)


@dataclass(frozen=True)
class FileError:
    """A file or folder the walk could not look at, and why (one line)."""

    relpath: str
    message: str


@dataclass
class Discovery:
    """Everything a walk found."""

    root: str
    found: list[Found]
    errors: list[FileError]
    files_seen: int  # regular files looked at
    repo_kinds: set[str] = field(default_factory=set)  # "model", "data", "code"


# --------------------------------------------------------------------------- name tables

ALWAYS_SKIPPED = frozenset({".git", ".hg", ".svn"})
#: Folders of other people's code, build output and caches (lower case).
VENDORED = frozenset({
    "node_modules", "bower_components", "jspm_packages", "vendor", "vendors", "third_party", "third-party",
    "thirdparty", "3rdparty", "site-packages", "dist-packages", ".venv", "venv", "__pycache__", "build",
    "dist", "target", ".tox", ".nox", ".eggs", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cache",
    ".gradle", ".bundle", "pods", "carthage", ".terraform", ".ipynb_checkpoints",
})
DOCS_DIRS = frozenset({"doc", "docs", "documentation"})
DATA_DIRS = frozenset({"data", "dataset", "datasets"})
LICENCE_DIRS = frozenset({"licenses", "licences", "license", "licence"})

#: Programs: a source file by extension, and evidence that the repository holds code.
CODE_EXTENSIONS = frozenset(
    ".py .pyi .pyx .pxd .ipynb .c .h .cc .cpp .cxx .c++ .hpp .hh .hxx .inl .cu .cuh .m .mm .java .kt .kts "
    ".scala .groovy .gradle .go .rs .js .mjs .cjs .jsx .ts .mts .cts .tsx .vue .svelte .rb .php .pl .pm .t "
    ".sh .bash .zsh .fish .ps1 .psm1 .bat .cmd .swift .cs .fs .fsx .vb .lua .r .jl .dart .ex .exs .erl .hrl "
    ".hs .lhs .ml .mli .clj .cljs .cljc .el .lisp .lsp .scm .ss .rkt .sql .asm .s .f .f90 .f95 .f03 .for "
    ".ada .adb .ads .pas .pp .d .nim .zig .v .sv .svh .vhd .vhdl .tcl .cmake .mk .mak .proto .thrift .bzl "
    ".star .nix .sol .cob .cbl .awk .sed .vim .coffee .elm .purs .idr .agda .lean .scss .sass .less .css "
    ".wgsl .glsl .hlsl .metal".split()
)
#: Text formats that carry SPDX tags too (read for a header, not evidence of code).
TEXT_EXTENSIONS = frozenset(
    ".md .markdown .rst .txt .adoc .org .html .htm .xhtml .xml .xsl .svg .yaml .yml .toml .ini .cfg .conf "
    ".json .jsonc .json5 .properties .in .ac .am .tex .sty .cls .bib .dts .dtsi .ld .lds .def .cmakein "
    ".dockerfile .containerfile .j2 .jinja .tmpl .tpl .mustache .hbs .ejs .erb .haml .pug .editorconfig "
    ".gitignore .gitattributes .gitmodules .license".split()
)
#: Extension-less names that are source files.
SOURCE_NAMES = frozenset({
    "makefile", "gnumakefile", "dockerfile", "containerfile", "jenkinsfile", "vagrantfile", "rakefile",
    "gemfile", "kconfig", "kbuild", "build", "workspace", "sconstruct", "sconscript", "cmakelists.txt",
    "meson.build", "justfile", "procfile", "brewfile", "podfile",
})
#: Extensions that make a LICENSE-like name something else (code, data, images, archives).
NOT_LICENCE_EXTENSIONS = CODE_EXTENSIONS | frozenset(
    ".json .jsonc .yaml .yml .toml .xml .csv .tsv .lock .ini .cfg .properties .png .jpg .jpeg .gif .svg "
    ".ico .webp .bmp .zip .gz .tgz .bz2 .xz .zst .7z .tar .jar .war .whl .egg .class .o .a .so .dylib .dll "
    ".exe .pyc .pyo .bak .orig .rej .swp .tmp".split()
)
CARD_NAMES = frozenset({
    "readme.md", "readme.markdown", "model_card.md", "modelcard.md", "model-card.md", "dataset_card.md",
    "datasetcard.md", "dataset-card.md", "data_card.md", "datacard.md", "data-card.md",
})
#: Weight files: their extension alone says "model" ...
WEIGHT_EXTENSIONS = frozenset(
    ".safetensors .gguf .ggml .ggla .onnx .ort .pt .pth .ckpt .keras .tflite .mlmodel .pdparams .nemo .llamafile "
    ".engine .caffemodel .mar".split()
)
#: ... or their name does (the frameworks' own file names).
WEIGHT_NAME = re.compile(
    r"(?:pytorch_model|adapter_model|consolidated|model|diffusion_pytorch_model)(?:[-.][\w.-]*)?\.bin$"
    r"|^(?:tf_model\.h5|flax_model\.msgpack|saved_model\.pbtxt?|model\.h5)$"
)
#: Columnar data formats say "data" anywhere; other data files only under a data folder.
DATA_EXTENSIONS = frozenset(".parquet .arrow .feather .avro .orc .tfrecord .tfrecords .lance".split())
DATA_FOLDER_EXTENSIONS = DATA_EXTENSIONS | frozenset(
    ".csv .tsv .json .jsonl .ndjson .txt .xml .npy .npz .h5 .hdf5 .zip .gz .bz2 .xz .zst .tar .wav .flac .mp3 "
    ".ogg .jpg .jpeg .png .webp .tif .tiff .mp4 .sqlite .db .pkl".split()
)

_WORDS = re.compile(r"[-_.\s]+")
_LICENCE_START = re.compile(r"^(?:un)?licen[cs]e|^copying|^copyright")
_LICENCE_WORDS = frozenset({"license", "licence", "licenses", "licences"})
_NOTICE = re.compile(r"^notice|(?:^|[-_.\s]|party)notices?(?:[-_.\s]|$)")
_USE_POLICY = re.compile(r"(?:^|[-_.\s])(?:use[-_\s]?polic(?:y|ies)|acceptable[-_\s]?use)|(?:^|[-_.\s])aup(?:[-_.\s]|$)")
_COMPONENT_WORDS = {
    "model": "model", "models": "model", "weights": "model", "weight": "model", "checkpoint": "model",
    "checkpoints": "model", "data": "data", "dataset": "data", "datasets": "data", "code": "code",
    "source": "code", "software": "code", "docs": "docs", "documentation": "docs",
}
_TAG = b"spdx-license-identifier"
_COMMENT_END = re.compile(r"\s*(?:\*/|-->|\*\)|#\}|%>|-\})\s*$")
#: Cards and package metadata are read up to this many bytes.
MAX_METADATA_BYTES = 1024 * 1024

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _extension(lower: str) -> str:
    dot = lower.rfind(".")
    return lower[dot:] if dot > 0 else ""


def name_kind(name: str, in_licence_folder: bool = False) -> tuple[Kind, str | None] | None:
    """(kind, component the name names) of a licence, notice or use-policy file name, or None.

    Only names: cards, package metadata and source headers need their content.
    """
    lower = name.lower()
    ext = _extension(lower)
    if ext in NOT_LICENCE_EXTENSIONS or (ext == ".license" and "." in lower[: -len(ext)]):
        return None  # code, data ... or a REUSE sidecar "logo.png.license" (read as a header)
    words = _WORDS.split(lower)
    component = next((_COMPONENT_WORDS[w] for w in words if w in _COMPONENT_WORDS), None)
    if _USE_POLICY.search(lower):
        return "use-policy", component
    if _NOTICE.search(lower) and not _LICENCE_START.match(lower):
        return "notice", None
    if _LICENCE_START.match(lower) or _LICENCE_WORDS.intersection(words):
        return "licence", component
    if in_licence_folder and ext in ("", ".txt", ".md", ".rst", ".html", ".htm"):
        return "licence", None
    return None


# --------------------------------------------------------------------------- the walk


@dataclass
class _Candidate:
    path: str
    relpath: str
    kind: str  # a Kind, or "card" for a card whose front matter names neither model nor dataset
    named: str | None = None  # the component the file name names
    place: str = "other"  # "root" | "vendored" | "docs" | "data" | "other"
    declared: tuple[Declared, ...] = ()
    errors: tuple[str, ...] = ()
    hint: str | None = None  # for cards: "model" / "data" when the file name says

    @property
    def vendored(self) -> bool:
        return self.place == "vendored"


@dataclass(frozen=True)
class _Folder:
    path: str
    relpath: str  # "" for the root
    place: str  # as _Candidate.place for files directly inside (root -> "root")
    licences: bool = False  # a REUSE LICENSES/ folder


class _Walk:
    def __init__(self, root: str, include_vendored: bool, max_header_bytes: int):
        self.root = root
        self.include_vendored = include_vendored
        self.max_header_bytes = max(0, int(max_header_bytes))
        self.candidates: list[_Candidate] = []
        self.errors: list[FileError] = []
        self.files_seen = 0
        self.kinds: set[str] = set()

    # ------------------------------------------------------------------ helpers

    def error(self, relpath: str, message: str) -> None:
        self.errors.append(FileError(relpath or ".", message))

    def read(self, path: str, relpath: str, limit: int) -> bytes | None:
        """Up to ``limit`` bytes of a regular file; None (after noting why) when it cannot be read."""
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except OSError as exc:
            self.error(relpath, _problem(exc))
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a pipe or device since listing
                return None
            return os.read(fd, limit) if limit else b""
        except OSError as exc:
            self.error(relpath, _problem(exc))
            return None
        finally:
            os.close(fd)

    # ------------------------------------------------------------------ folders

    def run(self) -> None:
        stack = [_Folder(self.root, "", "root")]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder.path) as listing:
                    entries = list(listing)
            except OSError as exc:
                self.error(folder.relpath, _problem(exc))
                continue
            place = folder.place
            if folder.relpath and any(e.name == "pyvenv.cfg" for e in entries):  # a virtual environment
                if not self.include_vendored:
                    continue
                place = "vendored"
            prefix = folder.relpath + "/" if folder.relpath else ""
            for entry in entries:
                relpath = prefix + entry.name
                is_dir = self.entry_is_dir(entry, relpath)
                if is_dir is None:
                    continue
                if is_dir:
                    sub = self.subfolder(entry, relpath, place)
                    if sub is not None:
                        stack.append(sub)
                else:
                    self.files_seen += 1
                    self.file(entry.path, relpath, entry.name, place, folder.licences)

    def entry_is_dir(self, entry: os.DirEntry, relpath: str) -> bool | None:
        """True for a folder to enter, False for a regular file (or a link to one), None to pass."""
        try:
            if entry.is_symlink():
                try:
                    mode = os.stat(entry.path).st_mode
                except OSError as exc:
                    self.error(relpath, _link_problem(exc))
                    return None
                return False if stat.S_ISREG(mode) else None  # links to folders are not followed
            if entry.is_dir(follow_symlinks=False):
                return True
            return False if entry.is_file(follow_symlinks=False) else None
        except OSError as exc:
            self.error(relpath, _problem(exc))
            return None

    def subfolder(self, entry: os.DirEntry, relpath: str, place: str) -> _Folder | None:
        lower = entry.name.lower()
        if lower in ALWAYS_SKIPPED or (_is_vendored(lower) and not self.include_vendored):
            return None
        return _Folder(entry.path, relpath, _inner_place(place, lower), lower in LICENCE_DIRS)

    # ------------------------------------------------------------------ files

    def file(self, path: str, relpath: str, name: str, place: str, in_licence_folder: bool) -> None:
        lower = name.lower()
        ext = _extension(lower)
        self.note_contents(lower, ext, place)
        head: bytes | None = None
        if lower in PACKAGE_METADATA_NAMES:
            head = self.metadata(path, relpath, name, place)
        elif lower in CARD_NAMES:
            head = self.card(path, relpath, lower, place)
        else:
            named = name_kind(name, in_licence_folder)
            if named is not None:
                self.candidates.append(_Candidate(path, relpath, named[0], named[1], place))
                return
        if head is None and (lower in PACKAGE_METADATA_NAMES or lower in CARD_NAMES):
            return  # found, or unreadable (noted)
        if self.max_header_bytes and (ext in CODE_EXTENSIONS or ext in TEXT_EXTENSIONS or lower in SOURCE_NAMES):
            self.header(path, relpath, place, head)

    def note_contents(self, lower: str, ext: str, place: str) -> None:
        """What the repository holds (not its vendored dependencies), judged from one file name."""
        if place == "vendored":
            return
        if ext in CODE_EXTENSIONS or lower in PACKAGE_METADATA_NAMES:
            self.kinds.add("code")
        elif ext in WEIGHT_EXTENSIONS or (ext in (".bin", ".h5", ".msgpack", ".pb", ".pbtxt") and WEIGHT_NAME.search(lower)):
            self.kinds.add("model")
        elif ext in DATA_EXTENSIONS or (place == "data" and ext in DATA_FOLDER_EXTENSIONS):
            self.kinds.add("data")

    # metadata() and card() return the bytes read when the file turned out not to be
    # licence-bearing (so that a header check needs no second read), None otherwise.

    def metadata(self, path: str, relpath: str, name: str, place: str) -> bytes | None:
        data = self.read(path, relpath, MAX_METADATA_BYTES)
        if data is None:
            return None
        text = data.decode("utf-8", errors="replace")
        declared, errors = from_package_metadata(name, text)
        if not declared and not (errors and "licen" in text.lower()):
            return data
        self.candidates.append(_Candidate(path, relpath, "package-metadata", None, place,
                                          tuple(declared), tuple(errors)))
        return None

    def card(self, path: str, relpath: str, lower: str, place: str) -> bytes | None:
        data = self.read(path, relpath, MAX_METADATA_BYTES)
        if data is None or not data.removeprefix(b"\xef\xbb\xbf").startswith(b"---"):
            return data
        text = data.decode("utf-8", errors="replace")
        declared, kind, errors = from_card(text)
        if kind is not None and place != "vendored":
            self.kinds.add("model" if kind == "model-card" else "data")
        if not declared and not (errors and mentions_licence(text)):
            return data
        hint = "model" if "model" in lower else "data" if "data" in lower else None
        self.candidates.append(_Candidate(path, relpath, kind or "card", None, place, tuple(declared),
                                          tuple(errors), hint))
        return None

    def header(self, path: str, relpath: str, place: str, data: bytes | None = None) -> None:
        head = self.read(path, relpath, self.max_header_bytes) if data is None else data[: self.max_header_bytes]
        if not head or b"\0" in head:  # empty, unreadable or binary: no header to read
            return
        if _TAG not in head.lower():
            return
        text = head.decode("utf-8", errors="replace")
        declared = []
        for m in TAG.finditer(text):  # the tag with its colon: a mere mention is no tag
            value = _COMMENT_END.sub("", m.group("value")).strip()
            if not value:
                continue
            expression = map_value(value) or normalise_expression(value)
            declared.append(Declared(value, expression, "SPDX-License-Identifier", text.count("\n", 0, m.start()) + 1))
        if declared:
            self.candidates.append(_Candidate(path, relpath, "source-header", None, place, tuple(declared)))

    # ------------------------------------------------------------------ files named by metadata

    def referenced_files(self) -> None:
        """Licence files package metadata names (``license-file``, ``{file = ...}``, globs)."""
        known = {c.relpath for c in self.candidates}
        for candidate in list(self.candidates):
            if candidate.kind != "package-metadata":
                continue
            base = candidate.relpath.rpartition("/")[0]
            folder = os.path.dirname(candidate.path)
            for declared in candidate.declared:
                link = declared.link
                if declared.expression is not None or not link or "://" in link or os.path.isabs(link):
                    continue
                try:
                    paths = sorted(glob.glob(os.path.join(glob.escape(folder), link))) if glob.has_magic(link) else [
                        os.path.join(folder, link)]
                except (OSError, ValueError, re.error):
                    continue
                if not any(os.path.isfile(target) for target in paths):
                    # the licence is said to be in a file that is not there: say so
                    # (the pointer itself names no licence, so it is no unknown text)
                    candidate.errors += (f"{declared.source} names {link}, which is not in the scanned tree",)
                    continue
                for target in paths:
                    relpath = os.path.normpath(os.path.join(base, os.path.relpath(target, folder))).replace(os.sep, "/")
                    if relpath in known or relpath.startswith("../") or relpath == ".." or not os.path.isfile(target):
                        continue
                    known.add(relpath)
                    self.candidates.append(_Candidate(target, relpath, "licence", None, _place_of(relpath)))

    # ------------------------------------------------------------------ components

    def finish(self, single: bool = False) -> Discovery:
        if not single:
            self.referenced_files()
        licences = [c for c in self.candidates if c.kind == "licence" and not c.vendored]
        named = {c.named for c in licences if c.named} | {"data" for c in licences if c.place == "data"}
        found = [
            Found(c.path, c.relpath, cast(Kind, _open_card(c, self.kinds)[0] if c.kind == "card" else c.kind),
                  _components(c, self.kinds, named), c.declared, c.errors, c.vendored)
            for c in self.candidates
        ]
        found.sort(key=lambda f: f.relpath)
        self.errors.sort(key=lambda e: (e.relpath, e.message))
        return Discovery(self.root, found, self.errors, self.files_seen, set(self.kinds))


def _is_vendored(lower: str) -> bool:
    return lower in VENDORED or lower.endswith(".egg-info")


def _inner_place(place: str, lower: str) -> str:
    """The place of files in folder ``lower`` inside a folder whose files are at ``place``."""
    if place == "vendored" or _is_vendored(lower):
        return "vendored"
    if lower in DOCS_DIRS or lower in DATA_DIRS:
        return "docs" if lower in DOCS_DIRS else "data"
    return place if place in ("docs", "data") else "other"


def _place_of(relpath: str) -> str:
    place = "root"
    for folder in relpath.split("/")[:-1]:
        place = _inner_place(place, folder.lower())
    return place


def _open_card(c: _Candidate, kinds: set[str]) -> tuple[str, str]:
    """(kind, component) of a card whose front matter names neither a model nor a dataset:
    its file name, its folder, then what the repository holds; in a repository of code
    alone (a Space, a plain README) the card speaks for the code."""
    if c.hint == "model":
        return "model-card", "model"
    if c.hint == "data" or c.place == "data":
        return "dataset-card", "data"
    if "model" in kinds:
        return "model-card", "model"
    if "data" in kinds:
        return "dataset-card", "data"
    return "model-card", "code"


def _components(c: _Candidate, kinds: set[str], named: set[str]) -> tuple[str, ...]:
    """The rules of the module docstring, in order (``named``: components a licence file names)."""
    if c.kind in ("licence", "notice", "use-policy") and c.named:
        return (c.named,)
    if c.place == "vendored":
        return ("code",)
    if c.kind == "card":
        return (_open_card(c, kinds)[1],)
    if c.kind == "model-card":
        return ("model",)
    if c.kind == "dataset-card":
        return ("data",)
    if c.kind == "use-policy":
        return ("model",) if "model" in kinds else ("data",) if "data" in kinds else ("code",)
    if c.kind in ("package-metadata", "source-header"):
        return ("code",)
    if c.place in ("docs", "data"):
        return (c.place,)
    if c.place == "root" and c.kind == "licence":
        extra = [k for k in ("model", "data") if k in kinds and k not in named]
        return ("code", *extra)
    return ("code",)


# --------------------------------------------------------------------------- errors


def _problem(exc: OSError) -> str:
    """One line for an OS error on a path that was listed a moment ago."""
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOTDIR:
        return "vanished during the scan"
    if isinstance(exc, PermissionError):
        return "unreadable: permission denied"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"unreadable: {(exc.strerror or str(exc)).lower()}"


def _link_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, FileNotFoundError):
        return "dangling symbolic link"
    return _problem(exc)


# --------------------------------------------------------------------------- entry point


def discover(root: str | os.PathLike, *, include_vendored: bool = False, max_header_bytes: int = 8192) -> Discovery:
    """Walk ``root`` and return its licence-bearing files (sorted by relpath) and every problem met.

    A file given as root is the whole tree: it is a card or package metadata
    when it reads as one, a source-header when it is code, otherwise a licence
    (the user pointed at it).  Raises InputError only when root itself cannot
    be used; nothing inside the tree raises.
    """
    name = os.fsdecode(root)
    try:
        mode = os.stat(name).st_mode
    except OSError as exc:
        problem = "no such file or directory" if isinstance(exc, FileNotFoundError) else _link_problem(exc)
        raise InputError(f"{name}: {problem}") from exc
    except ValueError as exc:  # NUL in the path
        raise InputError(f"{name!r}: not a usable path") from exc
    walk = _Walk(name, include_vendored, max_header_bytes)
    if stat.S_ISDIR(mode):
        walk.run()
    elif stat.S_ISREG(mode):
        _single_file(walk, name)
    else:
        raise InputError(f"{name}: not a file or a folder")
    return walk.finish(single=not stat.S_ISDIR(mode))


def _single_file(walk: _Walk, path: str) -> None:
    """A file given as the root: always one Found (see :func:`discover`)."""
    base = os.path.basename(path.rstrip("/\\")) or path
    lower, ext = base.lower(), _extension(base.lower())
    walk.files_seen = 1
    walk.note_contents(lower, ext, "root")
    if lower in PACKAGE_METADATA_NAMES:
        walk.metadata(path, base, base, "root")
    elif lower in CARD_NAMES or ext in (".md", ".markdown"):
        walk.card(path, base, lower, "root")
    if not walk.candidates and not walk.errors and (ext in CODE_EXTENSIONS or lower in SOURCE_NAMES):
        walk.header(path, base, "root")
        if not walk.candidates and not walk.errors:
            walk.candidates.append(_Candidate(path, base, "source-header", None, "root"))
    if walk.errors:  # the one file asked for cannot be read: that is the caller's input error
        raise InputError(f"{path}: {walk.errors[0].message}")
    if not walk.candidates:
        named = name_kind(base)
        walk.candidates.append(_Candidate(path, base, "licence", named[1] if named else None, "root"))
