"""Progress for the one slow thing a command may do: building the index on first use."""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator

import click

from .. import reference


@contextlib.contextmanager
def index_progress() -> Iterator[None]:
    """Load the reference index, telling the user (on stderr) when it must be built."""
    if not (reference.cache_dir() / "meta.json").exists():
        click.echo(f"licenselens: building the licence index (first run) in {reference.cache_dir()} ...", err=True)

        def note(step: str) -> None:
            if sys.stderr.isatty():
                click.echo(f"  {step}", err=True)

        reference.load(note)
        click.echo("licenselens: index ready", err=True)
    yield
