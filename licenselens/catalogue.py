"""The RAIL generator's restriction catalogue and template files.

The catalogue (``templates/rail/catalogue.yaml``, shipped as
``licenselens.templates``) lists the use-based restrictions a generated
licence can carry, grouped in domains, each tagged with the one behavioural
category of the taxonomy it expresses.  The category is what makes a licence
checkable: the analyzer must read back exactly the categories chosen.

The template files and the catalogue together are the generator's *version*:
their SHA-256 goes into every manifest, so a licence can be regenerated with
the same wording and a changed template is noticed.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from .errors import LicenselensError

__all__ = [
    "Catalogue",
    "CatalogueError",
    "CatalogueEntry",
    "Domain",
    "load_catalogue",
    "template_dir",
    "template_version",
]

#: Restriction ids: lower case words joined by hyphens (they are typed on command lines).
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class CatalogueError(LicenselensError):
    """The restriction catalogue or a template file is missing or malformed."""


@dataclass(frozen=True)
class CatalogueEntry:
    """One restriction: an item of the licence's Attachment A."""

    id: str
    category: str  # behavioural-use category of corpus/taxonomy.yaml
    text: str  # completes "You must not use the Licensed Artifacts ..."
    baseline: bool  # preselected
    domain: str  # id of its domain


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    restrictions: tuple[CatalogueEntry, ...]


@dataclass(frozen=True)
class Catalogue:
    """Domains of restrictions, in the order the wizard shows them."""

    version: int
    domains: tuple[Domain, ...]

    @property
    def entries(self) -> tuple[CatalogueEntry, ...]:
        """Every restriction, in catalogue order."""
        return tuple(r for d in self.domains for r in d.restrictions)

    @functools.cached_property
    def by_id(self) -> dict[str, CatalogueEntry]:
        return {r.id: r for r in self.entries}

    @property
    def baseline(self) -> tuple[str, ...]:
        """Ids of the preselected restrictions, in catalogue order."""
        return tuple(r.id for r in self.entries if r.baseline)

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(r.category for r in self.entries)

    def ordered(self, ids: "tuple[str, ...] | list[str] | set[str] | frozenset[str]") -> tuple[str, ...]:
        """``ids`` in catalogue order, without repeats (unknown ids are the caller's to check)."""
        wanted = set(ids)
        return tuple(r.id for r in self.entries if r.id in wanted)


def template_dir() -> Traversable:
    """The RAIL templates inside the installed package (``templates/rail`` in the source tree)."""
    return files("licenselens.templates") / "rail"


def _template_files() -> list[Traversable]:
    """The files whose bytes make the generator's output: templates and catalogue."""
    folder = template_dir()
    chosen = [f for f in folder.iterdir() if f.name.endswith(".j2") or f.name == "catalogue.yaml"]
    return sorted(chosen, key=lambda f: f.name)


@functools.lru_cache(maxsize=1)
def template_version() -> str:
    """SHA-256 over the template files and the catalogue (names and bytes, sorted by name)."""
    digest = hashlib.sha256()
    found = _template_files()
    if not found:
        raise CatalogueError(f"no RAIL templates in {template_dir()}")
    for f in found:
        data = f.read_bytes()
        digest.update(f"{f.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The shipped catalogue, read and checked once per process."""
    import yaml

    source = template_dir() / "catalogue.yaml"
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"cannot read the restriction catalogue {source}: {exc}") from exc
    return parse_catalogue(raw, str(source))


def parse_catalogue(raw: object, where: str = "catalogue") -> Catalogue:
    """Check and convert the YAML structure; every problem names the entry at fault."""
    if not isinstance(raw, dict) or not isinstance(raw.get("domains"), list):
        raise CatalogueError(f"{where}: expected a mapping with a 'domains' list")
    seen: set[str] = set()
    domains = []
    for d in raw["domains"]:
        if not isinstance(d, dict) or not _is_id(d.get("id")) or not isinstance(d.get("title"), str):
            raise CatalogueError(f"{where}: every domain needs an id and a title (got {d!r:.80})")
        entries = []
        for r in d.get("restrictions") or []:
            label = f"{where}: restriction {r.get('id') if isinstance(r, dict) else r!r}"
            if not isinstance(r, dict) or not _is_id(r.get("id")) or not _is_id(r.get("category")):
                raise CatalogueError(f"{label}: needs an id and a category (lower-case, hyphenated)")
            if not isinstance(r.get("text"), str) or not r["text"].strip():
                raise CatalogueError(f"{label}: needs a text")
            if not isinstance(r.get("baseline"), bool):
                raise CatalogueError(f"{label}: baseline must be true or false")
            if r["id"] in seen:
                raise CatalogueError(f"{label}: the id is used twice")
            seen.add(r["id"])
            entries.append(CatalogueEntry(r["id"], r["category"], " ".join(r["text"].split()), r["baseline"], d["id"]))
        if not entries:
            raise CatalogueError(f"{where}: domain {d['id']} has no restrictions")
        domains.append(Domain(d["id"], d["title"], tuple(entries)))
    return Catalogue(int(raw.get("version", 1)), tuple(domains))


def _is_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None
