"""``licenselens generate``: write a Responsible AI Licence, by wizard or by flags.

Without ``--no-input`` every answer not given as a flag is asked for, in the
order a licensor thinks about it (type, artifacts, names, restrictions,
format, output), each checked on the spot and asked again when wrong; a
summary and a confirmation come before anything is written.  With
``--no-input`` the flags are the whole answer and a missing or wrong one is a
usage error.  Prompts and messages go to stderr, so ``-o -`` leaves only the
licence on stdout.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path
from typing import Any, Callable

import click

from ..catalogue import Catalogue, load_catalogue
from ..errors import LicenselensError
from ..output import OutputExistsError, write_atomic
from ..generate import (
    TYPES, GeneratedLicence, RailSpec, SpecError, generate, model_card, parse_artifacts,
    parse_field, parse_restrictions, parse_year, regenerate, verify,
)

#: Exit status when the output exists (and --force was not given) or cannot be written.
EXIT_NOT_WRITTEN = 1
#: Exit status for usage errors: bad or missing answers in --no-input mode.
EXIT_USAGE = 2
_DEFAULT_OUTPUT = {"markdown": "LICENSE.md", "text": "LICENSE"}
_TYPE_HELP = {
    "open": "royalty-free use, modification and redistribution; the use restrictions travel along",
    "plain": "use only; modification and redistribution only if you allow them",
    "research": "use, modification and sharing for non-commercial research only",
}


@click.command("generate")
@click.option("--type", "kind", type=click.Choice(sorted(TYPES)), help="Licence type (default open).")
@click.option("--artifacts", metavar="LETTERS", help="What the licence covers: any of D (data), A (application), "
              "M (model), S (source), e.g. M or DAMS.")
@click.option("--restriction", "restriction_ids", multiple=True, metavar="ID",
              help="A catalogue restriction (repeatable); see --list-restrictions.")
@click.option("--baseline", is_flag=True, help="Include the catalogue's baseline restrictions.")
@click.option("--custom-restriction", "custom", multiple=True, metavar="TEXT",
              help="A restriction in your own words (repeatable).")
@click.option("--licensor", metavar="NAME", help="Who grants the licence (person or organisation).")
@click.option("--product", metavar="NAME", help="Name of the model, dataset, application or code released.")
@click.option("--year", metavar="YEAR", help="Copyright year (default: this year).")
@click.option("--contact", help="Where licensees can ask questions (optional).")
@click.option("--extra-terms", "extra_terms", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE",
              help="A file whose text is added as a section of additional terms.")
@click.option("--allow-derivatives", is_flag=True, default=None, help="Plain licences: allow modification.")
@click.option("--allow-redistribution", is_flag=True, default=None, help="Plain licences: allow redistribution.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "text"]), help="Output format (default markdown).")
@click.option("-o", "--output", metavar="PATH", help="Where to write the licence; '-' is stdout "
              "(default LICENSE.md, or LICENSE for text).")
@click.option("--manifest", metavar="PATH", help="Where to write the JSON manifest (default: beside the "
              "output, <name>.manifest.json; none for -o - unless given).")
@click.option("--model-card", "show_card", is_flag=True, help="Print the model-card metadata snippet.")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.option("--no-input", is_flag=True, help="Ask nothing: the flags are the whole answer.")
@click.option("--no-verify", is_flag=True, help="Skip reading the licence back with the analyzer.")
@click.option("--from-manifest", "from_manifest", type=click.Path(dir_okay=False), metavar="FILE",
              help="Regenerate the licence a manifest describes (the answers come from it).")
@click.option("--list-restrictions", is_flag=True, help="Print the restriction catalogue and exit.")
def generate_command(**options: Any) -> None:
    """Write a Responsible AI Licence (RAIL) for a model, dataset, application or code.

    The licence is named after the RAIL scheme - OpenRAIL, RAIL or
    ResearchRAIL, then the letters of what it covers in D, A, M, S order
    (OpenRAIL-M, RAIL-AMS, ResearchRAIL-DAMS) - and carries use restrictions
    from the catalogue (--list-restrictions) and your own.  Beside the licence
    a JSON manifest records the answers, the template version and the text's
    SHA-256.  The licence is then read back by the licenselens analyzer and
    any difference from what you chose is reported (--no-verify skips this).

    Without --no-input, a wizard asks for every answer not given as a flag.

    \b
    Examples:
      licenselens generate
      licenselens generate --no-input --type open --artifacts M --baseline \\
          --licensor "Orchard Labs" --product Kestrel-7 -o LICENSE.md
      licenselens generate --no-input --type research --artifacts AMS --baseline \\
          --restriction weapons --custom-restriction "Do not use it to rank job applicants." \\
          --licensor "Tanager Lab" --product Tanager --format text -o - > LICENSE
      licenselens generate --from-manifest LICENSE.manifest.json -o - | diff - LICENSE.md
      licenselens generate --list-restrictions

    Exit status: 0 written; 1 not written (the output exists and --force was
    not given, it cannot be written, or the summary was not confirmed);
    2 usage errors (a missing or invalid answer with --no-input).
    """
    catalogue = load_catalogue()
    if options["list_restrictions"]:
        click.echo(_catalogue_listing(catalogue, set()), nl=False)
        return
    try:
        if options["from_manifest"]:
            licence, fmt, output = _from_manifest(options)
        elif options["no_input"]:
            licence, fmt, output = _scripted(options)
        else:
            licence, fmt, output = _wizard(options, catalogue)
    except LicenselensError as exc:  # a bad answer (SpecError), or an unusable catalogue or model
        _fail(str(exc), EXIT_USAGE)
    _write(licence, fmt, output, options)


# --------------------------------------------------------------------------- scripted


def _scripted(options: dict[str, Any]) -> tuple[GeneratedLicence, str, str]:
    """The spec from flags alone; anything missing is a usage error."""
    missing = [flag for flag, key in (("--artifacts", "artifacts"), ("--licensor", "licensor"),
                                      ("--product", "product")) if not options[key]]
    if missing:
        raise SpecError(f"--no-input needs {', '.join(missing)}")
    if not (options["baseline"] or options["restriction_ids"] or options["custom"]):
        raise SpecError("--no-input needs restrictions: --baseline and/or --restriction ID "
                        "(see --list-restrictions) or --custom-restriction TEXT")
    catalogue = load_catalogue()
    ids = (catalogue.baseline if options["baseline"] else ()) + tuple(options["restriction_ids"])
    fmt = options["fmt"] or "markdown"
    spec = RailSpec(
        type=options["kind"] or "open", artifacts=options["artifacts"], restrictions=ids,
        custom_restrictions=tuple(options["custom"]), licensor=options["licensor"], product=options["product"],
        year=options["year"], contact=options["contact"] or "", extra_terms=_read_terms(options["extra_terms"]),
        allow_derivatives=bool(options["allow_derivatives"]),
        allow_redistribution=bool(options["allow_redistribution"]),
    )
    return generate(spec), fmt, options["output"] or _DEFAULT_OUTPUT[fmt]


def _from_manifest(options: dict[str, Any]) -> tuple[GeneratedLicence, str, str]:
    """The licence a manifest recorded; format and output default to the recorded ones."""
    path = options["from_manifest"]
    try:
        manifest = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SpecError(f"cannot read the manifest {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    licence = regenerate(manifest)
    fmt = options["fmt"] or (manifest.get("format") if manifest.get("format") in _DEFAULT_OUTPUT else "markdown")
    return licence, fmt, options["output"] or _DEFAULT_OUTPUT[fmt]


def _read_terms(path: str | None) -> str:
    if not path:
        return ""
    try:
        if path == "-":
            return sys.stdin.read()
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read the extra terms from {path}: {getattr(exc, 'strerror', None) or exc}") from exc


# --------------------------------------------------------------------------- wizard


def _ask(text: str, parse: Callable[[str], Any], default: Any = None, show: str | None = None) -> Any:
    """Prompt until ``parse`` accepts the answer; its SpecError is shown and the question asked again."""

    def proc(value: str) -> Any:
        try:
            return parse(value)
        except SpecError as exc:
            raise click.BadParameter(str(exc)) from exc

    shown = show if show is not None else default
    return click.prompt(text, default=shown, value_proc=proc, show_default=shown not in (None, ""), err=True)


def _say(text: str = "") -> None:
    click.echo(text, err=True)


def _wizard(options: dict[str, Any], catalogue: Catalogue) -> tuple[GeneratedLicence, str, str]:
    """Ask for every answer the flags left open, then show a summary and ask for confirmation."""
    _say("licenselens generate: a Responsible AI Licence in a few questions (Ctrl-C to stop).\n")
    kind = options["kind"]
    if not kind:
        for name, help_text in _TYPE_HELP.items():
            _say(f"  {name:<9} {help_text}")
        kind = click.prompt("Licence type", type=click.Choice(sorted(TYPES)), default="open", err=True)
    artifacts = parse_artifacts(options["artifacts"]) if options["artifacts"] else _ask(
        "What does it cover? Letters D (data), A (application), M (model), S (source)", parse_artifacts, "M")
    derivatives, redistribution = bool(options["allow_derivatives"]), bool(options["allow_redistribution"])
    if kind == "plain":
        if options["allow_derivatives"] is None:
            derivatives = click.confirm("Allow licensees to modify it and make derivatives?", default=False, err=True)
        if options["allow_redistribution"] is None:
            redistribution = click.confirm("Allow licensees to redistribute it?", default=False, err=True)
    product = options["product"] or _ask("Name of the product (model, dataset, application)",
                                         lambda v: parse_field("product name", v))
    licensor = options["licensor"] or _ask("Licensor (who grants the licence)", lambda v: parse_field("licensor", v))
    year = parse_year(options["year"]) if options["year"] else _ask("Copyright year", parse_year,
                                                                     datetime.date.today().year)
    contact = options["contact"] if options["contact"] is not None else _ask(
        "Contact for questions (optional)", lambda v: parse_field("contact", v, required=False), show="")
    extra_terms = _read_terms(options["extra_terms"]) if options["extra_terms"] is not None else _ask(
        "File with additional terms (optional)", _read_terms, show="")
    chosen: tuple[str, ...] | None = None
    if options["baseline"] or options["restriction_ids"]:
        chosen = parse_restrictions((catalogue.baseline if options["baseline"] else ()) + options["restriction_ids"])
    else:
        chosen = _ask_restrictions(catalogue)
    custom = tuple(options["custom"]) or _ask_custom()
    while True:  # the checks that need the whole answer: enough restriction categories
        try:
            spec = RailSpec(type=kind, artifacts=artifacts, restrictions=chosen, custom_restrictions=custom,
                            licensor=licensor, product=product, year=year, contact=contact, extra_terms=extra_terms,
                            allow_derivatives=derivatives, allow_redistribution=redistribution)
            licence = generate(spec)
            break
        except SpecError as exc:
            _say(f"Error: {exc}")
            chosen = _ask_restrictions(catalogue)
    fmt = options["fmt"] or click.prompt("Format", type=click.Choice(["markdown", "text"]), default="markdown",
                                         err=True)
    output = options["output"]
    if not output:
        output, overwrite = _ask_output(_DEFAULT_OUTPUT[fmt], options["manifest"])
        options["force"] = options["force"] or overwrite
    _say("\n" + _summary(licence, output, _manifest_path(output, options["manifest"])))
    if not click.confirm("Write the licence?", default=True, err=True):
        _fail("nothing written", EXIT_NOT_WRITTEN)
    return licence, fmt, output


def _ask_restrictions(catalogue: Catalogue) -> tuple[str, ...]:
    _say("\nUse restrictions (Attachment A of the licence); [x] = baseline:")
    _say(_catalogue_listing(catalogue, set(catalogue.baseline), numbered=True))
    _say("Answer with numbers or ids separated by commas, ranges such as 3-7, 'baseline' or 'all';\n"
         "a leading '-' removes one (e.g. 'baseline, 25, -2').")
    return _ask("Restrictions", lambda v: parse_selection(v, catalogue), show="baseline")


def parse_selection(answer: str, catalogue: Catalogue) -> tuple[str, ...]:
    """The restrictions an answer such as ``"baseline, 25-27, weapons, -2"`` selects, in catalogue order."""
    entries = catalogue.entries
    chosen: list[str] = []
    for token in (t.strip() for t in re.split(r"[,\s]+", answer.strip()) if t.strip()):
        remove = token.startswith("-") and len(token) > 1
        word = token[1:] if remove else token
        if word == "baseline":
            ids = list(catalogue.baseline)
        elif word == "all":
            ids = [e.id for e in entries]
        elif m := re.fullmatch(r"(\d+)(?:-(\d+))?", word):
            lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
            if not 1 <= lo <= hi <= len(entries):
                raise SpecError(f"{word}: numbers go from 1 to {len(entries)}")
            ids = [e.id for e in entries[lo - 1 : hi]]
        else:
            ids = list(parse_restrictions([word], catalogue))
        chosen = [i for i in chosen if i not in ids] if remove else chosen + ids
    if not chosen:
        raise SpecError("choose at least one restriction")
    return catalogue.ordered(chosen)


def _ask_custom() -> tuple[str, ...]:
    """The licensor's own restrictions, one per prompt, each classified as it is entered."""
    from ..classify import load_default

    texts: list[str] = []
    _say("\nRestrictions in your own words, one at a time (empty answer when done).")
    while True:
        text = click.prompt(f"Own restriction {len(texts) + 1}", default="", show_default=False, err=True).strip()
        if not text:
            return tuple(texts)
        model = load_default()
        found = sorted(set(model.classify([text])[0].ids) & model.categories)
        if found:
            _say(f"  read as: {', '.join(found)}")
        else:
            _say("  warning: this matches no behavioural category; the analyzer will not read it as a use restriction")
            if not click.confirm("  Keep it anyway?", default=False, err=True):
                continue
        texts.append(text)


def _ask_output(default: str, manifest_option: str | None) -> tuple[str, bool]:
    """Where to write, and whether the user agreed to overwrite what is there."""
    while True:
        output = click.prompt("Write the licence to ('-' for the screen)", default=default, err=True).strip()
        if output == "-":
            return output, False
        existing = [p for p in (output, _manifest_path(output, manifest_option)) if p and Path(p).exists()]
        if not Path(output).parent.is_dir():
            _say(f"Error: there is no folder {Path(output).parent}")
        elif Path(output).is_dir():
            _say(f"Error: {output} is a directory")
        elif not existing:
            return output, False
        elif click.confirm(f"{' and '.join(existing)} already exist{'s' if len(existing) == 1 else ''}. "
                           "Overwrite?", default=False, err=True):
            return output, True


def _summary(licence: GeneratedLicence, output: str, manifest: str | None) -> str:
    spec = licence.spec
    categories = licence.manifest["categories"]
    own = f" and {len(spec.custom_restrictions)} of your own" if spec.custom_restrictions else ""
    lines = [
        f"Licence:      {spec.name} ({TYPES[spec.type][1]})",
        f"Covers:       {', '.join(spec.artifacts)}",
        f"Product:      {spec.product}",
        f"Licensor:     {spec.licensor} ({spec.year})",
        f"Contact:      {spec.contact or '-'}",
        f"Restrictions: {len(spec.restrictions)} from the catalogue{own}, in {len(categories)} categories:",
        f"              {', '.join(categories)}",
    ]
    if spec.type == "plain":
        lines.append(f"Derivatives:  {'allowed' if spec.allow_derivatives else 'not allowed'}; "
                     f"redistribution: {'allowed' if spec.allow_redistribution else 'not allowed'}")
    if spec.extra_terms:
        lines.append(f"Extra terms:  {len(spec.extra_terms)} characters")
    lines.append(f"Output:       {'standard output' if output == '-' else output}"
                 + (f" (manifest: {manifest})" if manifest else ""))
    return "\n".join(lines)


def _catalogue_listing(catalogue: Catalogue, checked: set[str], numbered: bool = False) -> str:
    lines = []
    number = 0
    for domain in catalogue.domains:
        lines.append(f"{domain.title}:")
        for entry in domain.restrictions:
            number += 1
            mark = f"[{'x' if entry.id in checked else ' '}] {number:>2}. " if numbered else \
                ("* " if entry.baseline else "  ")
            lines.append(f"  {mark}{entry.id} ({entry.category})")
    if not numbered:
        lines.append("* = baseline (--baseline)")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- output


def _manifest_path(output: str, given: str | None) -> str | None:
    if given:
        return given
    if output == "-":
        return None
    path = Path(output)
    return str(path.with_name(f"{path.stem}.manifest.json"))


def _write(licence: GeneratedLicence, fmt: str, output: str, options: dict[str, Any]) -> None:
    """Write the licence and its manifest (refusing to overwrite without --force), then verify."""
    manifest_path = _manifest_path(output, options["manifest"])
    if manifest_path and manifest_path == output:
        _fail("the manifest and the licence would be the same file; use --manifest", EXIT_USAGE)
    link = "LICENSE" if output == "-" else Path(output).name
    manifest = dict(licence.manifest, format=fmt, file=None if output == "-" else link,
                    model_card=model_card(licence.name, link))
    force = options["force"]
    try:
        targets = [p for p in (output, manifest_path) if p and p != "-"]
        if not force:
            for path in targets:
                if Path(path).exists():
                    raise OutputExistsError(f"{path}: already exists (use --force to overwrite)")
        if output == "-":
            click.echo(licence.render(fmt), nl=False)
        else:
            write_atomic(output, licence.render(fmt), force=force)
        if manifest_path:
            write_atomic(manifest_path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", force=force)
    except LicenselensError as exc:
        _fail(str(exc), EXIT_NOT_WRITTEN)
    for warning in licence.warnings:
        _say(f"licenselens: warning: {warning}")
    if output != "-":
        _say(f"wrote {licence.name} licence to {output}" + (f", manifest to {manifest_path}" if manifest_path else ""))
    if options["show_card"]:
        click.echo(model_card(licence.name, link), nl=False, err=output == "-")
    if not options["no_verify"]:
        try:
            problems = verify(licence, fmt)
        except LicenselensError as exc:
            problems = [f"could not read the licence back: {exc}"]
        for problem in problems:
            _say(f"licenselens: warning: {problem}")
        if not problems:
            _say(f"verified: licenselens reads it back as {licence.name} with the chosen restrictions")


def _fail(message: str, code: int) -> None:
    click.echo(f"licenselens: {message}", err=True)
    sys.exit(code)
