"""Readable text inside binary files: PDF page text and printable strings."""

from __future__ import annotations

import hashlib
import random
import zlib

import pytest

from licenselens import binary_text
from licenselens.binary_text import pdf_text, readable_text, strings


def pdf(objects: dict[int, bytes], trailer: bytes = b"") -> bytes:
    """A small PDF: numbered objects (bodies given whole), then a trailer."""
    out = bytearray(b"%PDF-1.4\n")
    for number, body in objects.items():
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    return bytes(out + b"trailer\n<<" + trailer + b">>\n%%EOF\n")


def stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return b"<</Length %d/Filter/FlateDecode%s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


# --------------------------------------------------------------------------- PDF page text


def test_pdf_text_joins_kerned_pieces_and_breaks_lines_where_the_page_moves_down():
    content = (b"BT /F1 12 Tf 72 700 Td [(Widg)20(et may be)-300(shared)]TJ\n"
               b"0 -14 Td (freely by anyone.)Tj ET")
    text = pdf_text(pdf({1: stream(content)}))
    assert [line.strip() for line in text.splitlines() if line.strip()] == ["Widget may be shared", "freely by anyone."]


def test_pdf_literal_strings_keep_escaped_parentheses_and_octal_characters():
    content = b"BT (Terms \\(see below\\) apply \\050twice\\051) Tj ET"
    assert "Terms (see below) apply (twice)" in pdf_text(pdf({1: stream(content)}))


def test_pdf_strings_of_a_subset_font_are_read_through_its_to_unicode_map():
    cmap = (b"begincmap 1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfchar <01> <0047> <02> <0072> endbfchar\n"
            b"1 beginbfrange <03> <05> <0061> endbfrange endcmap")  # 03..05 -> a, b, c
    objects = {
        1: b"<</Type/Page/Resources<</Font<</F7 2 0 R>>>>/Contents 4 0 R>>",
        2: b"<</Type/Font/Subtype/TrueType/BaseFont/ABCDEF+Serif/ToUnicode 3 0 R>>",
        3: stream(cmap),
        4: stream(b"BT /F7 1 Tf <0102030405> Tj ET"),
    }
    assert "Grabc" in pdf_text(pdf(objects))


def test_pdf_ligature_glyphs_become_plain_letters():
    content = b"BT (Modi\xdeed copies) Tj ET"  # 0xDE is the fi ligature in MacRoman
    text = pdf_text(pdf({1: stream(content), 2: b"<</Type/Font/Encoding/MacRomanEncoding>>"}))
    assert "Modified copies" in text


def _rc4(key: bytes, data: bytes) -> bytes:
    return binary_text._rc4(key, data)


def test_rc4_matches_the_published_test_vector():
    assert _rc4(b"Key", b"Plaintext").hex() == "bbf316e8d940af0ad3"


def test_a_pdf_encrypted_for_an_empty_user_password_is_decrypted():
    # File key per the PDF standard security handler, revision 3, computed here
    # independently of the module: MD5(pad + O + P + ID[0]), re-hashed 50 times.
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    owner_entry = bytes(range(97, 129))  # 32 bytes without parentheses or backslashes: no escaping needed
    permissions = -1028
    first_id = bytes.fromhex("00112233445566778899aabbccddeeff")
    key = hashlib.md5(pad + owner_entry + (permissions & 0xFFFFFFFF).to_bytes(4, "little") + first_id).digest()
    for _ in range(50):
        key = hashlib.md5(key).digest()
    object_key = hashlib.md5(key + (5).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()
    packed = _rc4(object_key, zlib.compress(b"BT (Anyone may read this page.) Tj ET"))
    objects = {
        5: b"<</Length %d/Filter/FlateDecode>>\nstream\n" % len(packed) + packed + b"\nendstream",
        9: b"<</Filter/Standard/V 2/R 3/Length 128/O(" + owner_entry + b")/U(x)/P %d>>" % permissions,
    }
    trailer = b"/Encrypt 9 0 R/ID[<" + first_id.hex().encode() + b"><" + first_id.hex().encode() + b">]"
    assert "Anyone may read this page." in pdf_text(pdf(objects, trailer))


def test_inflating_stops_at_the_budget(monkeypatch):
    monkeypatch.setattr(binary_text, "MAX_INFLATED", 1000)
    content = b"BT " + b"(word) Tj " * 100_000 + b"ET"
    text = pdf_text(pdf({1: stream(content)}))
    assert 0 < text.count("word") < 200


@pytest.mark.parametrize("seed", range(20))
def test_damaged_pdfs_never_raise(seed):
    rng = random.Random(seed)
    good = pdf({1: stream(b"BT [(Some)-250(words)] TJ (and \\(more) Tj <4142> Tj ET"),
                2: b"<</Type/Font/ToUnicode 1 0 R>>"}, b"/Encrypt 2 0 R/ID[<00>]")
    cut = bytearray(good[: rng.randrange(len(good))])
    for _ in range(rng.randrange(8)):
        if cut:
            cut[rng.randrange(len(cut))] = rng.randrange(256)
    text, method = readable_text(bytes(cut))
    assert isinstance(text, str) and method in ("pdf-text", "strings")


# --------------------------------------------------------------------------- strings


def test_strings_keeps_printable_runs_in_file_order_and_skips_short_ones():
    blob = b"\x7fELF\x00\x01abc\x00Usage: widget [OPTION]\x00\x02\x03" + "Licence terms".encode("utf-16-le") + b"\x00\x00"
    assert strings(blob).splitlines() == ["Usage: widget [OPTION]", "Licence terms"]


def test_a_pdf_without_page_text_falls_back_to_strings():
    text, method = readable_text(b"%PDF-1.4\n\x00\x01<</Title (Widget terms)>>\x00\x02")
    assert method == "strings" and "Widget terms" in text
