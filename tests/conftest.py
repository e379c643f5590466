"""Shared helpers for the identification specs.

Licence texts are never pasted into the tests: full reference texts are read at
test time from the installed ScanCode data (``licensedcode-data``).
"""

from __future__ import annotations

import functools
import re

import pytest

from licenselens.reference import data_dir

_WORD_CHAR = re.compile(r"[^\W_]")


@functools.lru_cache(maxsize=None)
def read_licence_text(key: str) -> str:
    """The body of ``licenses/<key>.LICENSE``: what follows the YAML front matter."""
    raw = (data_dir() / "licenses" / f"{key}.LICENSE").read_text(encoding="utf-8")
    lines = raw.splitlines(keepends=True)
    assert lines and lines[0].strip() == "---", f"{key}: no front matter"
    closing = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    body = "".join(lines[closing + 1 :])
    assert body.strip(), f"{key}: empty licence text"
    return body


@pytest.fixture(scope="session", autouse=True)
def licence_index():
    """Build (or load) the licence index once, before any test: the CLI tells
    the user on stderr when it builds the index, which specs of a warm run
    must not see."""
    from licenselens.reference import load

    return load()


@pytest.fixture(scope="session")
def licence_text():
    """``licence_text(key)`` -> the full reference text of a ScanCode licence key."""
    return read_licence_text


def word_span(text: str) -> tuple[int, int]:
    """Offsets of the first word character and just past the last one."""
    chars = [m.start() for m in _WORD_CHAR.finditer(text)]
    assert chars, "text has no words"
    return chars[0], chars[-1] + 1


def first_word(text: str) -> str:
    return re.search(r"[^\W_]+", text).group()


def last_word(text: str) -> str:
    return re.findall(r"[^\W_]+", text)[-1]


def assert_span_covers(document: str, match, licence: str) -> None:
    """``match`` spans ``licence`` as it appears (possibly reformatted) in ``document``:
    it starts at the licence's first word and ends with its last word."""
    assert 0 <= match.start < match.end <= len(document)
    assert document[match.start :].startswith(first_word(licence)), document[match.start : match.start + 40]
    assert document[: match.end].endswith(last_word(licence)), document[match.end - 40 : match.end]
