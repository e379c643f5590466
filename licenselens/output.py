"""Writing result files: atomically, and never over an existing file unless asked.

A report or licence half-written when the disk fills or the user presses
Ctrl-C is worse than none: the text goes to a temporary file in the target's
folder and replaces the target in one ``os.replace``.
"""

from __future__ import annotations

import os
import tempfile

from .errors import LicenselensError

__all__ = ["OutputExistsError", "write_atomic"]


class OutputExistsError(LicenselensError):
    """The output file exists and overwriting was not asked for."""


def write_atomic(path: str | os.PathLike, text: str, *, force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path``; refuse an existing file unless ``force``."""
    target = os.fspath(path)
    if os.path.isdir(target):
        raise LicenselensError(f"{target}: is a directory")
    if os.path.lexists(target) and not force:
        raise OutputExistsError(f"{target}: already exists (use --force to overwrite it)")
    folder = os.path.dirname(os.path.abspath(target))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".licenselens-", suffix=".tmp")
    except OSError as exc:
        raise LicenselensError(f"{target}: cannot write here ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise LicenselensError(f"{target}: cannot write ({exc.strerror or exc})") from exc
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
