"""Debian machine-readable copyright files (DEP-5): licences declared per file, not listed.

A ``debian/copyright`` file in the machine-readable format assigns each group
of files its licence with RFC 822 style fields::

    Files: src/*
    Copyright: 2020 Jane Doe
    License: BSD-2-clause

Big packages name ten, twenty licences this way, which makes them look like
a catalogue of licences (an SPDX list, trove classifiers) to a count of
names; but each ``License:`` field declares the licence of real files in the
package.  A text with both a ``Files:`` field naming files and a
``License:`` field, each at the start of a line, is such a file.
"""

from __future__ import annotations

import re

_FILES_FIELD = re.compile(r"^Files:[ \t]*\S", re.MULTILINE)
_LICENSE_FIELD = re.compile(r"^License:[ \t]*\S", re.MULTILINE)


def is_machine_readable(text: str) -> bool:
    """Whether ``text`` assigns licences to files with ``Files:`` and ``License:`` fields."""
    return _FILES_FIELD.search(text) is not None and _LICENSE_FIELD.search(text) is not None
