"""``licenselens analyze``: restrictions, conditions and the four freedoms of licences."""

from __future__ import annotations

import sys

import click

from ..errors import LicenselensError
from ..formats import render
from .options import files_argument, format_option
from .progress import index_progress


@click.command("analyze")
@files_argument
@format_option
def analyze_command(files: tuple[str, ...], fmt: str) -> None:
    """Read the licences in FILES clause by clause ('-' reads standard input).

    Reports the licences found (as `identify` does), the artifacts covered
    (data, application, model, source), the RAIL name when the licence is a
    Responsible AI Licence, every behavioural-use restriction with its
    category and quoted clause, every other condition (non-commercial, user
    thresholds with their number, flow-down, copyleft ...), and the status of
    the four freedoms - use, study, modify, share - with the clauses that
    decided it, plus whether the terms are compatible with the OSI Open
    Source AI Definition.

    Exit status: 0 when every input was read, 1 when some could not be,
    2 on usage errors.
    """
    from ..analysis import analyze_file

    try:
        with index_progress():
            results = [analyze_file(path) for path in files]
    except LicenselensError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(render(results, fmt), nl=False)
    for result in results:
        for error in result.errors:
            click.echo(f"licenselens: {error}", err=True)
    if any(r.errors and not r.licenses and not r.restrictions for r in results):
        sys.exit(1)
