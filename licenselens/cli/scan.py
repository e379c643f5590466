"""``licenselens scan``: every licence in a repository, judged per component, with a CI policy."""

from __future__ import annotations

import os
import sys

import click

from ..errors import LicenselensError
from ..formats import ScanFormat, render_scan
from .progress import index_progress


def _policies(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    from ..scan import POLICIES

    rules = [r.strip() for value in values for r in value.split(",") if r.strip()]
    wrong = [r for r in rules if r not in POLICIES]
    if wrong:
        raise click.BadParameter(f"{', '.join(wrong)} (choose from {', '.join(POLICIES)}; combine with commas)")
    return rules


@click.command("scan")
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=True, dir_okay=True))
@click.option("--format", "fmt", type=click.Choice([f.value for f in ScanFormat]), default=ScanFormat.TEXT.value,
              show_default=True, help="text for people, json (the contract + summary), html (one self-contained "
              "page), sarif (2.1.0, for code scanning in CI).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True,
              help="Write the report here ('-' = standard output); written atomically.")
@click.option("--force", is_flag=True, help="Overwrite the output file when it exists.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: all cores].")
@click.option("--include-vendored", is_flag=True,
              help="Also scan node_modules, vendor, third_party, build output ... (.git is never scanned).")
@click.option("--fail-on", "fail_on", multiple=True, callback=_policies, metavar="RULES",
              help="Exit 1 when the scan finds any of: not-osi, not-osaid, restricted-use, unknown, conflict "
              "(comma-separated or repeated).")
@click.option("--strict", is_flag=True, help="Exit 1 when any file could not be read or analysed.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on standard error [default: only on a terminal].")
def scan_command(path: str, fmt: str, output: str, force: bool, jobs: int | None, include_vendored: bool,
                 fail_on: list[str], strict: bool, progress: bool | None) -> None:
    """Find every licence-bearing file under PATH (default: the current folder) and
    say what the repository lets you do with its code, model, data and docs.

    Looks at LICENSE / COPYING / NOTICE files, model-licence and use-policy
    files, model and dataset cards (README.md YAML front matter), package
    metadata (pyproject.toml, setup.cfg, package.json, Cargo.toml) and
    SPDX-License-Identifier headers; identifies each licence, reads licence
    texts clause by clause, and gives each component the four freedoms of
    the OSI Open Source AI Definition, with the clauses that decided them,
    plus conflicts between what files declare and what licences say.

    \b
    Examples:
      licenselens scan
      licenselens scan path/to/model --format html -o report.html
      licenselens scan --format sarif -o licenselens.sarif --fail-on restricted-use,unknown
      licenselens scan --format json | jq .summary

    \b
    Exit status: 0 the scan ran and no --fail-on rule is violated;
    1 a --fail-on rule is violated (the reason is printed on standard error),
    or --strict and some file could not be read; 2 usage errors (bad
    options, missing PATH, an output file that exists without --force).
    """
    from ..output import write_atomic
    from ..scan import check_policy, scan

    show_progress = sys.stderr.isatty() if progress is None else progress
    try:
        if output != "-" and os.path.lexists(output) and not force:
            raise LicenselensError(f"{output}: already exists (use --force to overwrite it)")
        with index_progress():
            if show_progress:
                report = _scan_with_bar(path, jobs, include_vendored)
            else:
                report = scan(path, jobs=jobs, include_vendored=include_vendored)
        violations = check_policy(report, fail_on)
        text = render_scan(report.to_dict(), fmt)
        if output == "-":
            click.echo(text, nl=False)
        else:
            write_atomic(output, text, force=force)
    except LicenselensError as exc:  # exit 1 is the policy's: domain errors are 2
        click.echo(f"licenselens: {exc}", err=True)
        sys.exit(2)
    for violation in violations:
        click.echo(f"licenselens: policy violated: {violation}", err=True)
    if violations:
        sys.exit(1)
    if strict and report.error_count:
        click.echo(f"licenselens: {report.error_count} file(s) could not be read or analysed (--strict)", err=True)
        sys.exit(1)


def _scan_with_bar(path: str, jobs: int | None, include_vendored: bool):
    from ..scan import analyse
    from ..discover import discover

    discovery = discover(path, include_vendored=include_vendored)
    with click.progressbar(length=1, label=f"Analysing {len(discovery.found)} licence-bearing files",
                           file=sys.stderr, show_pos=True) as bar:
        def step(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        return analyse(discovery, jobs=jobs, progress=step)
