"""Writing result files: atomically, and never over an existing file unless asked.

A report or licence half-written when the disk fills or the user presses
Ctrl-C is worse than none: the text goes to a temporary file in the target's
folder and replaces the target in one ``os.replace``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import LicenselensError

__all__ = ["OutputExistsError", "write_atomic"]


class OutputExistsError(LicenselensError):
    """The output file exists and overwriting was not asked for."""


def _file_mode(target: Path) -> int:
    """The mode the file should end up with: the replaced file's, or what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], data: str, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``:
    readers see the old file or the whole new one, never part of it.  An existing file is
    only replaced with ``force``."""
    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: already exists (use --force to overwrite)")
    if target.is_dir():
        raise OutputExistsError(f"{target}: is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="\n", dir=folder,
                                             prefix=f".{target.name}.", suffix=".tmp", delete=False)
    except OSError as exc:
        raise LicenselensError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _file_mode(target))  # temporary files are private (0600); a licence is not
        os.replace(handle.name, target)
    except BaseException as exc:
        try:
            os.unlink(handle.name)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise LicenselensError(f"{target}: cannot write ({exc.strerror or exc})") from exc
        raise
