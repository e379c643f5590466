"""The RAIL licence generator: a specification in, a Responsible AI Licence out.

``generate(RailSpec(...))`` renders the project's own licence template
(``templates/rail/licence.md.j2``) for one licence type - open, plain or
research-only - and any non-empty set of artifacts (data, application, model,
source), with the use-based restrictions chosen from the catalogue
(:mod:`licenselens.catalogue`) plus the licensor's own.  Out come Markdown,
plain text, a JSON manifest (the specification, the template version and the
text's hash, enough to regenerate the same licence and recognise it later)
and a model-card snippet.

The licence is written to be read back by licenselens' own analyzer, which is
how the generator proves it says what the user chose (``verify``): the RAIL
name, the artifact set, exactly the chosen restriction categories, the
flow-down, and for research-only licences the non-commercial limit.  That
shapes the template's wording in two ways: definitions and grants name only
the artifacts actually licensed, and user text (names) stays out of them.

Validation errors raise :class:`SpecError` with a message meant for people.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import hashlib
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue, load_catalogue, template_dir, template_version
from .errors import LicenselensError
from .rail import ARTIFACT_ORDER, LETTER, RAIL_MIN_CATEGORIES

__all__ = [
    "GeneratedLicence",
    "RailSpec",
    "SpecError",
    "TYPES",
    "generate",
    "licence_id",
    "model_card",
    "regenerate",
    "rail_name",
    "verify",
]

#: Licence type -> (RAIL prefix, long title).
TYPES: dict[str, tuple[str, str]] = {
    "open": ("OpenRAIL", "Open Responsible AI Licence"),
    "plain": ("RAIL", "Responsible AI Licence"),
    "research": ("ResearchRAIL", "Responsible AI Licence for research use"),
}
_TYPE_ALIASES = {"openrail": "open", "rail": "plain", "researchrail": "research", "research-only": "research"}
#: Artifact id -> the defined term the licence uses for it.
TERMS = {"data": "Data", "application": "Application", "model": "Model", "source": "Source Code"}
_BY_LETTER = {letter: artifact for artifact, letter in LETTER.items()}
#: A licence year: the years in which someone could have released an AI artifact, give or take.
MIN_YEAR = 1970
#: Single-line fields (names, contact) are at most this long.
MAX_FIELD_CHARS = 200
#: A custom restriction is one item of the attachment: at most this long.
MAX_RESTRICTION_CHARS = 1000
MAX_EXTRA_TERMS_CHARS = 20_000
#: Width of the plain-text format.
TEXT_WIDTH = 78
#: SPDX LicenseRef prefix of the project's own licences.
ID_PREFIX = "LicenseRef-licenselens-"


class SpecError(LicenselensError):
    """A licence specification the generator cannot turn into a licence."""



# --------------------------------------------------------------------------- answers


def parse_type(value: str) -> str:
    """``open`` | ``plain`` | ``research`` (also ``OpenRAIL``, ``RAIL``, ``research-only``)."""
    key = str(value).strip().lower()
    key = _TYPE_ALIASES.get(key, key)
    if key not in TYPES:
        raise SpecError(f"unknown licence type {value!r}: choose open, plain or research")
    return key


def parse_artifacts(value: str | Iterable[str]) -> tuple[str, ...]:
    """Artifacts in D, A, M, S order, from letters ("DAMS", "am") or names ("data, model")."""
    if isinstance(value, str):
        words = [w for w in re.split(r"[\s,;+]+", value.strip()) if w]
        if len(words) == 1 and words[0].lower() not in TERMS and re.fullmatch(r"[A-Za-z]{1,4}", words[0]):
            words = list(words[0])
    else:
        words = [str(w).strip() for w in value]
    chosen = set()
    for word in words:
        key = word.lower()
        artifact = _BY_LETTER.get(word.upper()) if len(word) == 1 else ("source" if key == "source-code" else key)
        if artifact not in TERMS:
            raise SpecError(f"unknown artifact {word!r}: use the letters D, A, M, S "
                            "or the names data, application, model, source")
        chosen.add(artifact)
    if not chosen:
        raise SpecError("choose at least one artifact: D (data), A (application), M (model), S (source)")
    return tuple(a for a in ARTIFACT_ORDER if a in chosen)


def parse_year(value: int | str) -> int:
    """A four-digit year from MIN_YEAR to next year."""
    text = str(value).strip()
    latest = datetime.date.today().year + 1
    if not re.fullmatch(r"\d{4}", text) or not MIN_YEAR <= int(text) <= latest:
        raise SpecError(f"bad year {value!r}: give a four-digit year from {MIN_YEAR} to {latest}")
    return int(text)


def parse_field(name: str, value: str | None, required: bool = True) -> str:
    """A one-line answer (licensor, product, contact) with white space folded."""
    text = " ".join(str(value or "").split())
    if not text:
        if required:
            raise SpecError(f"the {name} must not be empty")
        return ""
    if len(text) > MAX_FIELD_CHARS:
        raise SpecError(f"the {name} is longer than {MAX_FIELD_CHARS} characters")
    if any(not c.isprintable() for c in text):
        raise SpecError(f"the {name} contains control characters")
    return text


def parse_restrictions(ids: Iterable[str], catalogue: Catalogue | None = None) -> tuple[str, ...]:
    """Catalogue ids in catalogue order; an unknown id is an error that suggests the nearest one."""
    catalogue = catalogue or load_catalogue()
    wanted = [str(i).strip() for i in ids if str(i).strip()]
    for rid in wanted:
        if rid not in catalogue.by_id:
            near = difflib.get_close_matches(rid, catalogue.by_id, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise SpecError(f"unknown restriction id {rid!r}{hint}; `licenselens generate --list-restrictions` "
                            "shows the catalogue")
    return catalogue.ordered(wanted)


def parse_custom(texts: Iterable[str]) -> tuple[str, ...]:
    """The licensor's own restrictions, white space folded, each ending with a full stop."""
    out = []
    for raw in texts:
        text = " ".join(str(raw).split())
        if not text:
            continue
        if len(text) > MAX_RESTRICTION_CHARS:
            raise SpecError(f"a custom restriction is longer than {MAX_RESTRICTION_CHARS} characters: {text[:60]!r}...")
        out.append(text if text[-1] in ".;!?" else text + ".")
    return tuple(out)


# --------------------------------------------------------------------------- spec


@dataclass(frozen=True, kw_only=True)
class RailSpec:
    """What the licence should say.  Every field is checked and normalised on creation.

    ``restrictions`` are catalogue ids (``None``: the catalogue's baseline);
    ``artifacts`` letters ("DAMS") or names; ``allow_derivatives`` and
    ``allow_redistribution`` widen a *plain* licence (open licences grant both,
    research-only licences grant both for research).
    """

    type: str = "open"
    artifacts: tuple[str, ...] | str
    restrictions: tuple[str, ...] | None = None
    custom_restrictions: tuple[str, ...] = ()
    licensor: str
    product: str
    year: int | None = None  # None: this year
    contact: str = ""
    extra_terms: str = ""
    allow_derivatives: bool = False
    allow_redistribution: bool = False

    def __post_init__(self) -> None:
        catalogue = load_catalogue()
        kind = parse_type(self.type)
        if kind != "plain" and (self.allow_derivatives or self.allow_redistribution):
            raise SpecError(f"derivatives and redistribution are options of plain licences; "
                            f"a {kind} licence already {'grants' if kind == 'open' else 'limits'} them")
        extra = str(self.extra_terms or "").strip()
        if len(extra) > MAX_EXTRA_TERMS_CHARS:
            raise SpecError(f"the extra terms are longer than {MAX_EXTRA_TERMS_CHARS} characters")
        values = {
            "type": kind,
            "artifacts": parse_artifacts(self.artifacts),
            "restrictions": catalogue.baseline if self.restrictions is None
            else parse_restrictions(self.restrictions, catalogue),
            "custom_restrictions": parse_custom(self.custom_restrictions),
            "licensor": parse_field("licensor", self.licensor),
            "product": parse_field("product name", self.product),
            "year": parse_year(self.year if self.year is not None else datetime.date.today().year),
            "contact": parse_field("contact", self.contact, required=False),
            "extra_terms": extra,
            "allow_derivatives": bool(self.allow_derivatives),
            "allow_redistribution": bool(self.allow_redistribution),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @property
    def name(self) -> str:
        """The RAIL name, e.g. ``OpenRAIL-DAMS``."""
        return rail_name(self.type, self.artifacts)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v
                for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RailSpec:
        """The spec a manifest recorded; unknown keys are an error (they would be silently lost)."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise SpecError(f"unknown specification keys: {', '.join(sorted(unknown))}")
        values = dict(data)
        for key in ("restrictions", "custom_restrictions"):
            if isinstance(values.get(key), list):
                values[key] = tuple(values[key])
        try:
            return cls(**values)
        except TypeError as exc:  # a required key is missing
            raise SpecError(f"incomplete specification: {exc}") from exc


def rail_name(kind: str, artifacts: Iterable[str]) -> str:
    """``[Open|Research]RAIL-<letters in DAMS order>``."""
    letters = "".join(LETTER[a] for a in ARTIFACT_ORDER if a in set(artifacts))
    return f"{TYPES[parse_type(kind)][0]}-{letters}"


def licence_id(name: str) -> str:
    """The SPDX LicenseRef of one member of the family, e.g. ``LicenseRef-licenselens-OpenRAIL-M``."""
    return ID_PREFIX + name


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class GeneratedLicence:
    """A rendered licence with what is needed to check it, regenerate it and cite it."""

    name: str  # e.g. "OpenRAIL-DAMS"
    id: str  # LicenseRef-licenselens-OpenRAIL-DAMS
    spec: RailSpec
    markdown: str
    text: str  # plain text
    manifest: dict[str, Any]
    model_card: str  # YAML front matter lines for a model card, linking to "LICENSE"
    warnings: tuple[str, ...] = field(default=())

    def render(self, fmt: str) -> str:
        """The licence in ``markdown`` or ``text``."""
        if fmt not in ("markdown", "text"):
            raise SpecError(f"unknown format {fmt!r}: choose markdown or text")
        return self.markdown if fmt == "markdown" else self.text


def generate(spec: RailSpec, *, verify_text: bool = False) -> GeneratedLicence:
    """Render the licence ``spec`` describes.

    Custom restrictions are classified by the shipped clause model; one that
    falls in no behavioural category is kept but warned about (the analyzer
    will not count it as a use restriction).  A RAIL restricts uses in at
    least ``RAIL_MIN_CATEGORIES`` categories, so fewer is an error.  With
    ``verify_text`` the licence is also analysed and every difference from
    the specification becomes a warning (slower: it loads the analyzer).
    """
    catalogue = load_catalogue()
    warnings: list[str] = []
    categories = {catalogue.by_id[r].category for r in spec.restrictions}
    custom = _classify_custom(spec.custom_restrictions)
    for text, found in zip(spec.custom_restrictions, custom):
        if not found:
            warnings.append(f"custom restriction {_short(text)!r} matches no behavioural category; "
                            "the analyzer will not read it as a use restriction")
        categories |= found
    named = categories - {"other-use-restriction"}
    if len(named) < RAIL_MIN_CATEGORIES:
        raise SpecError(f"a RAIL licence restricts uses in at least {RAIL_MIN_CATEGORIES} behavioural categories; "
                        f"the restrictions chosen cover {len(named)} ({', '.join(sorted(named)) or 'none'}). "
                        "Add restrictions (the baseline covers "
                        f"{len({catalogue.by_id[r].category for r in catalogue.baseline})})")
    markdown = render_markdown(spec, catalogue)
    text = markdown_to_text(markdown)
    name = spec.name
    manifest = {
        "generator": "licenselens-rail",
        "licenselens": _version(),
        "name": name,
        "id": licence_id(name),
        "spec": spec.to_dict(),
        "categories": sorted(categories),
        "template": {"version": template_version(), "catalogue": catalogue.version},
        "sha256": {"markdown": _sha256(markdown), "text": _sha256(text)},
    }
    result = GeneratedLicence(name, licence_id(name), spec, markdown, text, manifest, model_card(name), tuple(warnings))
    if verify_text:
        result = dataclasses.replace(result, warnings=result.warnings + tuple(verify(result, "text")))
    return result


def regenerate(manifest: dict[str, Any]) -> GeneratedLicence:
    """The licence a manifest describes, generated again from its ``spec``.

    When the template or the text changed since the manifest was written the
    licence is still returned (with today's template), and a warning says so.
    """
    if not isinstance(manifest, dict) or not isinstance(manifest.get("spec"), dict):
        raise SpecError("not a licenselens licence manifest (no 'spec')")
    licence = generate(RailSpec.from_dict(manifest["spec"]))
    warnings = []
    recorded = (manifest.get("template") or {}).get("version")
    if recorded != licence.manifest["template"]["version"]:
        warnings.append(f"the manifest was written with template {str(recorded)[:12]}, this is "
                        f"{licence.manifest['template']['version'][:12]}: the wording may differ")
    elif manifest.get("sha256") != licence.manifest["sha256"]:
        warnings.append("the regenerated text differs from the one the manifest recorded")
    return dataclasses.replace(licence, warnings=licence.warnings + tuple(warnings))


def _classify_custom(texts: tuple[str, ...]) -> list[set[str]]:
    """Behavioural categories the shipped clause model reads in each custom restriction."""
    if not texts:
        return []
    from .classify import load_default

    model = load_default()
    return [set(p.ids) & model.categories for p in model.classify(list(texts))]


def verify(licence: GeneratedLicence, fmt: str = "text") -> list[str]:
    """Differences between what the analyzer reads in the licence (in format ``fmt``) and
    what it was asked to say: RAIL name, artifacts, restriction categories."""
    from .analysis import analyze

    report = analyze(licence.render(fmt))
    wanted = set(licence.manifest["categories"])
    found = {r.category for r in report.restrictions}
    problems = []
    if report.rail_name != licence.name:
        problems.append(f"the analyzer names the licence {report.rail_name or 'no RAIL'}, not {licence.name}")
    if report.artifacts != list(licence.spec.artifacts):
        problems.append(f"the analyzer reads the artifacts {', '.join(report.artifacts) or 'none'}")
    if found - wanted:
        problems.append("the analyzer reads restrictions the specification did not ask for: "
                        + ", ".join(sorted(found - wanted)))
    if wanted - found:
        problems.append(f"the analyzer misses restrictions: {', '.join(sorted(wanted - found))}")
    return problems


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _version() -> str:
    from . import __version__

    return __version__


# --------------------------------------------------------------------------- rendering


def render_markdown(spec: RailSpec, catalogue: Catalogue | None = None) -> str:
    """The licence in Markdown: the template filled in for ``spec``."""
    catalogue = catalogue or load_catalogue()
    items = [catalogue.by_id[r].text.rstrip(";. ") for r in spec.restrictions]
    items = [t + (";" if i < len(items) - 1 else ".") for i, t in enumerate(items)]
    return _render(spec.type, spec.artifacts, product=spec.product, licensor=spec.licensor, year=spec.year,
                   contact=spec.contact, extra_terms=spec.extra_terms, restrictions=items,
                   custom=list(spec.custom_restrictions), allow_derivatives=spec.allow_derivatives,
                   allow_redistribution=spec.allow_redistribution)


#: Stands for every value a user supplies when the template's fixed wording is rendered.
PLACEHOLDER = "zzlicenselensvaluezz"


def template_wording(kind: str, artifacts: Iterable[str], *, allow_derivatives: bool = False,
                     allow_redistribution: bool = False, optional: bool = False) -> str:
    """The template's wording for one family member with every user value replaced by
    :data:`PLACEHOLDER` (what identification compares a text with).

    ``optional=False`` gives the wording every such licence has (no contact, no extra
    terms, no restrictions); ``optional=True`` adds what a licence may have besides: the
    contact and extra-terms sections, the custom-restriction lead-in and every item of
    the catalogue.
    """
    extra = PLACEHOLDER if optional else ""
    return _render(parse_type(kind), parse_artifacts(list(artifacts)), product=PLACEHOLDER, licensor=PLACEHOLDER,
                   year=PLACEHOLDER, contact=extra, extra_terms=extra,
                   restrictions=[e.text for e in load_catalogue().entries] if optional else [],
                   custom=[PLACEHOLDER] if optional else [], allow_derivatives=allow_derivatives,
                   allow_redistribution=allow_redistribution)


def _join(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _render(kind: str, artifacts: tuple[str, ...], **values: Any) -> str:
    """The template for a licence type and artifact set; ``values`` are the user's answers."""
    template = _environment().get_template("licence.md.j2")
    text = template.render(
        name=rail_name(kind, artifacts), kind=kind, title=TYPES[kind][1],
        has={a: a in artifacts for a in ARTIFACT_ORDER}, covered=_join([f"the {TERMS[a]}" for a in artifacts]),
        runs="model" in artifacts or "application" in artifacts, **values,
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _environment():
    """The jinja2 environment over the packaged templates (strict: a missing value is a bug)."""
    import jinja2

    folder = template_dir()

    def load(name: str) -> str:
        try:
            return (folder / name).read_text(encoding="utf-8")
        except OSError as exc:
            raise jinja2.TemplateNotFound(name) from exc

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(load), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
    )


_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_ITEM = re.compile(r"((?:\d{1,3}\.|[-*])\s+)(.*)")


def markdown_to_text(markdown: str, width: int = TEXT_WIDTH) -> str:
    """Plain text: the title underlined with "=", section headings in capitals on a line
    of their own (the way plain-text licences set them), paragraphs and list items
    wrapped at ``width`` with items' continuation lines indented."""
    out: list[str] = []
    for line in markdown.splitlines():
        if heading := _HEADING.fullmatch(line):
            title = heading.group(2).strip()
            out += [title, "=" * len(title)] if len(heading.group(1)) == 1 else [title.upper()]
        elif item := _ITEM.fullmatch(line):
            indent = " " * len(item.group(1))
            out.append(textwrap.fill(item.group(2), width, initial_indent=item.group(1), subsequent_indent=indent,
                                     break_long_words=False, break_on_hyphens=False))
        elif line.strip():
            out.append(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False))
        else:
            out.append("")
    return "\n".join(out).strip() + "\n"


# --------------------------------------------------------------------------- outputs


def model_card(name: str, link: str = "LICENSE") -> str:
    """YAML lines for a Hugging Face style model card's front matter."""
    return f"license: other\nlicense_name: {licence_slug(name)}\nlicense_link: {link}\n"


def licence_slug(name: str) -> str:
    """The family member as a model-card licence name, e.g. ``licenselens-openrail-m``."""
    return f"licenselens-{name.lower()}"


