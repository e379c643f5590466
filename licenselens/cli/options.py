"""Options shared by several commands."""

from __future__ import annotations

import click

from ..formats import Format

#: ``--format text|json``: text for people, JSON (the documented contract) for machines.
format_option = click.option(
    "--format", "fmt", type=click.Choice([f.value for f in Format]), default=Format.TEXT.value,
    show_default=True, help="text for people, json for machines (the documented contract).",
)

#: ``FILES...``: files to read, '-' for standard input.
files_argument = click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
