"""The ``licenselens`` command: a thin click layer over the library.

One module per command; domain errors (:class:`LicenselensError`) become
one-line messages on stderr and exit code 2 here, and only here.
Exit codes: 0 all inputs processed; 1 some input could not be read (the
others are still reported); 2 usage errors or unusable reference data.
"""

from __future__ import annotations

import sys

import click

from ..errors import LicenselensError
from .analyze import analyze_command
from .generate import generate_command
from .identify import identify_command
from .scan import scan_command
from .train import train_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="licenselens", message="licenselens %(version)s")
def cli() -> None:
    """Read software and AI licences: SPDX identification, use restrictions, the four freedoms.

    \b
    Examples:
      licenselens identify LICENSE
      licenselens identify --format json LICENSE NOTICE src/main.c
      cat LICENSE | licenselens identify -
      licenselens analyze MODEL_LICENSE
      licenselens scan path/to/repo --fail-on restricted-use
    """


cli.add_command(identify_command)
cli.add_command(analyze_command)
cli.add_command(generate_command)
cli.add_command(train_command)
cli.add_command(scan_command)


def main() -> None:
    try:
        cli.main(standalone_mode=True)
    except LicenselensError as exc:  # pragma: no cover - commands handle their own
        click.echo(f"licenselens: {exc}", err=True)
        sys.exit(2)
