"""A licence badge declares the licence of the project it decorates.

READMEs show their licence as a badge: a small image (shields.io,
licensebuttons.net, a ``.svg`` or ``.png``) linked to the licence's page,
``[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](https://opensource.org/licenses/MIT)``.
The reference data has rules for the usual ones.  A badge is put there
on purpose to say "this project is under that licence", so it is a
declaration even in a text that names many licences by name: it is never
one of the names that make a file a catalogue of licences.
"""

from __future__ import annotations

import re

#: An image in a matched span: a badge service or an image file.
_BADGE_IMAGE = re.compile(
    r"(?:img\.shields\.io/badge|badgen\.net/badge|licensebuttons\.net/l/|\.svg\b|\.png\b)", re.IGNORECASE)


def is_badge(text: str, start: int, end: int) -> bool:
    """Whether the licence match at text[start:end] is a badge (its words hold an image link)."""
    return _BADGE_IMAGE.search(text, start, end) is not None
