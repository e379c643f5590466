"""``licenselens identify``: name every licence in files, as SPDX expressions."""

from __future__ import annotations

import sys

import click

from ..errors import LicenselensError
from ..formats import render
from ..identify import identify_file
from .options import files_argument, format_option
from .progress import index_progress


@click.command("identify")
@files_argument
@format_option
def identify_command(files: tuple[str, ...], fmt: str) -> None:
    """Identify the licences in FILES ('-' reads standard input).

    Every licence found is reported with its SPDX id (or
    LicenseRef-scancode-<key> when SPDX has none), name, OSI-approved and
    FSF-libre flags, score and character span; together they form one SPDX
    expression.  Licence-like text that matches nothing well is reported as
    unknown, with the closest known licences.

    The first run builds a licence index from the installed reference data
    (a few seconds) and caches it; later runs start at once.

    Exit status: 0 when every input was read, 1 when some could not be
    (each is reported in its result's errors), 2 on usage errors.
    """
    try:
        with index_progress():
            results = [identify_file(path) for path in files]  # "-" is standard input
    except LicenselensError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(render(results, fmt), nl=False)
    failed = [r for r in results if r.errors and not r.licenses]
    for result in results:
        for error in result.errors:
            click.echo(f"licenselens: {error}", err=True)
    if failed:
        sys.exit(1)

