"""Binary inputs: the text a reader would see in them is matched; without licensing words they stay errors."""

from __future__ import annotations

import zlib

import pytest

from licenselens import identify_bytes
from licenselens.errors import InputError
from licenselens.ingest import from_bytes, read_path

BANNER = b"License GPLv3+: GNU GPL version 3 or later."


def executable(*texts: bytes) -> bytes:
    """Bytes shaped like a compiled program: machine code around NUL-terminated strings."""
    code = bytes(range(1, 32)) * 4 + b"\x00" * 16
    return b"\x7fELF\x02\x01\x01\x00" + code + b"\x00".join(texts) + b"\x00" + code


def test_an_executable_with_a_licence_banner_is_read_as_its_printable_strings():
    document = from_bytes(executable(b"widget 1.0", BANNER), "widget")
    assert document.extracted == "strings" and document.encoding == "binary"
    assert "GNU GPL version 3 or later" in document.text
    assert len(document.match_text) == len(document.text)


def test_the_licence_in_an_executable_banner_is_identified():
    result = identify_bytes(executable(b"Usage: widget [FILE]", BANNER), "widget")
    assert result.expression == "GPL-3.0-or-later" and not result.errors


def test_a_binary_without_licensing_words_is_still_rejected_as_binary(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(executable(b"Usage: widget [FILE]", b"out of memory"))
    with pytest.raises(InputError, match=r"blob\.bin: binary file"):
        read_path(path)


def test_a_licence_saved_as_pdf_is_identified_from_its_page_text():
    lines = [
        "Permission to use, copy, modify, and/or distribute this software for any",
        "purpose with or without fee is hereby granted, provided that the above",
        "copyright notice and this permission notice appear in all copies.",
    ]  # the grant of a short permissive licence, laid out as a PDF page would
    content = b"BT /F1 11 Tf 72 720 Td " + b" 0 -13 Td ".join(
        b"(" + line.encode() + b") Tj" for line in lines) + b" ET"
    packed = zlib.compress(content)
    data = (b"%PDF-1.4\n" + b"1 0 obj\n<</Length %d/Filter/FlateDecode>>\nstream\n" % len(packed)
            + packed + b"\nendstream\nendobj\ntrailer\n<<>>\n%%EOF\n")
    document = from_bytes(data, "TERMS.pdf")
    assert document.extracted == "pdf-text"
    assert "appear in all copies." in document.text
