"""Specification of licenselens.ingest: bytes and files in, Documents or InputError out."""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licenselens import ingest
from licenselens.errors import InputError, LicenselensError
from licenselens.ingest import Document, decode_bytes, from_bytes, from_text, read_path

MIT = (
    "Copyright (c) 2020 Jürgen Müller and François Château\n\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this\n"
    'software and associated documentation files (the "Software"), to deal in the Software\n'
    "without restriction, including without limitation the rights to use, copy, modify.\n"
)


BOM = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    target = tmp_path / name
    target.write_bytes(data)
    return target


# --------------------------------------------------------------------------- decoding


def test_plain_utf8_is_decoded_and_match_text_is_the_text():
    doc = from_bytes(MIT.encode("utf-8"), "LICENSE")
    assert (doc.text, doc.encoding, doc.kind, doc.truncated) == (MIT, "utf-8", "text", False)
    assert doc.match_text == doc.text


def test_utf8_bom_is_stripped():
    text, encoding = decode_bytes(BOM["utf-8"] + b"MIT License")
    assert (text, encoding) == ("MIT License", "utf-8-sig")


def test_utf16_le_with_bom_is_decoded():
    text, encoding = decode_bytes(BOM["utf-16-le"] + MIT.encode("utf-16-le"))
    assert (text, encoding) == (MIT, "utf-16-le")


def test_utf16_be_with_bom_is_decoded():
    assert decode_bytes(BOM["utf-16-be"] + MIT.encode("utf-16-be")) == (MIT, "utf-16-be")


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom_is_decoded(encoding):
    assert decode_bytes(BOM[encoding] + MIT.encode(encoding)) == (MIT, encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_from_its_nul_pattern(encoding):
    assert decode_bytes(MIT.encode(encoding)) == (MIT, encoding)


def test_crlf_line_endings_are_kept_exactly():
    text = "MIT License\r\n\r\nPermission is hereby granted\r"
    assert from_bytes(text.encode()).text == text


def test_latin1_file_falls_back_without_error(tmp_path):
    doc = read_path(write(tmp_path, "LICENSE", MIT.encode("latin-1")))
    assert doc.text == MIT  # not cp775 or mac-latin2 mojibake from an over-eager detector
    assert doc.encoding == "cp1252"


def test_cp1252_smart_quotes_are_decoded():
    text, encoding = decode_bytes("the \u201cSoftware\u201d \u2014 as is".encode("cp1252"))
    assert (text, encoding) == ("the \u201cSoftware\u201d \u2014 as is", "cp1252")


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    data = b"A caf\xe9 in the old town, d\xe9j\xe0 vu for the licence reader \x81"
    assert decode_bytes(data) == (data.decode("latin-1"), "iso8859-1")


def test_random_high_bytes_are_not_taken_for_latin1_text():
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(bytes(range(0x80, 0x100)) * 4, "noise.txt")


def test_html_meta_charset_is_honoured():
    data = b'<html><head><meta charset="koi8-r"></head><body>' + "Лицензия".encode("koi8-r")
    text, encoding = decode_bytes(data)
    assert encoding == "koi8-r" and text.endswith("Лицензия")


def test_mostly_non_ascii_legacy_text_is_detected():
    russian = (
        "Настоящая лицензия разрешает лицам, получившим копию программы, использовать её. " * 3
    )
    assert decode_bytes(russian.encode("cp1251")) == (russian, "cp1251")


# --------------------------------------------------------------------------- rejection


def test_binary_file_is_rejected_with_clear_message(tmp_path):
    path = write(tmp_path, "x.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00binary")
    with pytest.raises(
        InputError, match=r"x\.bin: binary file \(contains NUL bytes\), not a licence text"
    ):
        read_path(path)


def test_control_character_soup_is_rejected_as_binary():
    with pytest.raises(InputError, match="binary file"):
        from_bytes(b"\x01\x02\x03\x04ab\x05\x06", "blob")


def test_input_errors_are_licenselens_errors():
    assert issubclass(InputError, LicenselensError)


def test_directory_is_rejected(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_path(missing)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything"
)
def test_unreadable_file_is_rejected(tmp_path):
    path = write(tmp_path, "secret.txt", b"MIT License")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
            read_path(path)
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "LICENSE: permission denied"),
        (OSError(errno.EIO, "Input/output error"), r"LICENSE: cannot read \(Input/output error\)"),
    ],
)
def test_os_errors_never_escape(monkeypatch, error, message):
    def failing_open(*args, **kwargs):
        raise error

    monkeypatch.setattr(ingest, "open", failing_open, raising=False)  # shadows the builtin
    with pytest.raises(InputError, match=message):
        read_path("LICENSE")


def test_nul_in_path_is_an_input_error_not_a_value_error():
    with pytest.raises(InputError, match="cannot read"):
        read_path("bad\0name.txt")


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n ", codecs.BOM_UTF8])
def test_empty_file(tmp_path, data):
    with pytest.raises(InputError, match=r"LICENSE: empty file"):
        read_path(write(tmp_path, "LICENSE", data))


def test_error_messages_name_stdin_and_anonymous_input():
    with pytest.raises(InputError, match=r"^<stdin>: empty file"):
        from_bytes(b"", "-")
    with pytest.raises(InputError, match=r"^<input>: empty file"):
        from_text("   ")


# --------------------------------------------------------------------------- reading limits


def test_read_path_accepts_pathlike_and_keeps_the_path_as_given(tmp_path):
    path = write(tmp_path, "COPYING", b"GPL")
    assert read_path(path).path == str(path)
    assert read_path(str(path)).path == str(path)


def test_dash_reads_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(b"MIT License")))
    doc = read_path("-")
    assert (doc.text, doc.path) == ("MIT License", "-")


def test_large_input_is_cut_at_max_bytes_and_flagged(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 8)
    doc = read_path(write(tmp_path, "big.txt", b"0123456789abcdef"))
    assert (doc.text, doc.truncated) == ("01234567", True)
    assert from_bytes(b"01234567").truncated is False


def test_a_file_of_exactly_max_bytes_is_read_whole_and_not_flagged(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 8)
    doc = read_path(write(tmp_path, "edge.txt", b"01234567"))
    assert (doc.text, doc.truncated) == ("01234567", False)


def test_a_file_that_grew_after_its_size_was_taken_is_still_read_up_to_max_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 8)
    path = write(tmp_path, "growing.txt", b"0123456789abcdef")
    real_fstat = os.fstat
    monkeypatch.setattr(ingest.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 3, *real_fstat(fd)[7:])))
    doc = read_path(path)  # told 3 bytes, finds more: reads on to the limit
    assert (doc.text, doc.truncated) == ("01234567", True)
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    assert read_path(path).text == "0123456789abcdef"


def test_truncated_utf8_tail_not_latin1(tmp_path, monkeypatch):
    data = "Müller © ünïcödé".encode()
    cut = data.index("©".encode()) + 1  # in the middle of the two-byte ©
    monkeypatch.setattr(ingest, "MAX_BYTES", cut)
    doc = read_path(write(tmp_path, "LICENSE", data))
    assert (doc.encoding, doc.text, doc.truncated) == ("utf-8", "Müller ", True)


def test_truncated_utf16_keeps_whole_characters(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 2 + 2 * 3 + 1)  # BOM, 3 chars, half a char
    doc = from_bytes(BOM["utf-16-le"] + "MIT License".encode("utf-16-le"))
    assert (doc.text, doc.encoding, doc.truncated) == ("MIT", "utf-16-le", True)


# --------------------------------------------------------------------------- kinds and match_text


@pytest.mark.parametrize(
    ("path", "text", "kind"),
    [
        ("a.html", "MIT", "html"),
        ("a.HTM", "MIT", "html"),
        ("a.xhtml", "MIT", "html"),
        ("README.md", "MIT", "markdown"),
        ("README.markdown", "MIT", "markdown"),
        ("README.rst", "MIT", "text"),
        (None, "  <!DOCTYPE html><p>MIT", "html"),
        ("-", "<html lang=en>MIT", "html"),
        (None, "a<br>b<br/>c<p>d", "html"),
        (None, "Use <p> for paragraphs.", "text"),
        ("README.md", "<p>a<p>b<p>c<br>", "markdown"),
    ],
)
def test_kind_comes_from_extension_then_content(path, text, kind):
    assert from_text(text, path).kind == kind


def test_plain_text_match_text_is_identical():
    text = "# not markdown <b>not html</b> &amp;"
    assert from_text(text, "LICENSE.txt").match_text == text


def test_html_match_text_keeps_offsets():
    text = (
        "<!DOCTYPE html>\n<html><head><style>p { color: red }</style>\n"
        "<script>var x = '<p>Apache License</p>';</script></head>\n"
        "<body><!-- MIT License\n--><p class='x>y'>Permission is <b>hereby</b> granted</p>"
        "</body></html>"
    )
    doc = from_text(text, "LICENSE.html")
    assert len(doc.match_text) == len(doc.text)
    for word in ("Permission", "hereby", "granted"):
        i = doc.match_text.index(word)
        assert doc.text[i : i + len(word)] == word
    for hidden in ("class", "body", "DOCTYPE", "<!--", "<script", "</style"):
        assert hidden not in doc.match_text
    # licence notices live in comments and script headers: their words stay
    for kept in ("Apache License", "MIT License"):
        i = doc.match_text.index(kept)
        assert doc.text[i : i + len(kept)] == kept
    assert [i for i, c in enumerate(text) if c == "\n"] == [
        i for i, c in enumerate(doc.match_text) if c == "\n" and text[i] == "\n"
    ]  # every original line break survives at its place


def test_html_block_tags_start_a_new_line():
    doc = from_text("<p>one</p><div>two<br>three</div>", "a.html")
    assert doc.match_text.split() == ["one", "two", "three"]
    assert doc.match_text.count("\n") == 5


def test_html_entities_decoded_in_match_text():
    text = "Copyright &copy; 2020 A&amp;B &lt;x&gt; &#169;&#x2014;&nbsp;&quot;q&quot; &bogus;"
    doc = from_text(text, "a.html")
    assert len(doc.match_text) == len(text)
    assert doc.match_text.index("©") == text.index("&copy;")
    assert doc.match_text.split() == [
        "Copyright", "©", "2020", "A&", "B", "<", "x>", "©", "—", '"', 'q"', "&bogus;"
    ]  # fmt: skip


def test_markdown_link_text_and_target_kept():
    # A licence is often named only by its URL (badges), so targets stay too.
    text = "See [the MIT License](https://opensource.org/mit_(x)) and ![logo](a.png) [ref][1]\n"
    doc = from_text(text, "README.md")
    assert len(doc.match_text) == len(text)
    assert doc.match_text.split() == [
        "See", "the", "MIT", "License", "https://opensource.org/mit", "x", "and", "logo", "a.png", "ref", "1",
    ]  # fmt: skip
    i = doc.match_text.index("MIT License")
    assert text[i : i + 11] == "MIT License"


def test_markdown_markup_is_blanked_but_words_stay():
    text = (
        "# MIT License\n"
        "> **Note:** keep __this__ and snake_case\n"
        "- item `code`\n"
        "* star item\n"
        "+ plus item\n"
        "| a | b |\n"
        "|---|:--:|\n"
        "[1]: https://example.com\n"
        "***\n"
    )
    doc = from_text(text, "README.md")
    assert len(doc.match_text) == len(text)
    assert doc.match_text.split() == [
        "MIT", "License", "Note:", "keep", "this", "and", "snake_case",
        "item", "code", "star", "item", "plus", "item", "a", "b", "[1]:", "https://example.com",
    ]  # fmt: skip
    assert doc.match_text.count("\n") == text.count("\n")


def test_markdown_inline_html_and_entities_are_handled():
    doc = from_text("Copyright &copy; 2020<br>Jane", "README.md")
    assert doc.match_text.split() == ["Copyright", "©", "2020", "Jane"]


def test_document_refuses_mismatched_lengths():
    with pytest.raises(ValueError):
        Document("abc", "ab", None, "utf-8", "text")


def test_document_repr_does_not_dump_the_text():
    assert "Permission" not in repr(from_text(MIT))


# --------------------------------------------------------------------------- properties

_MARKUP = st.text(st.sampled_from(list("<>!-/&#;x0[]()*_`|#+= \n\r\tapbrsciptyle\"'")), max_size=80)
_PATHS = st.sampled_from([None, "-", "a.txt", "a.html", "a.md"])


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=100).map(lambda s: s.encode("utf-16-le")),
        _MARKUP.map(lambda s: s.encode("cp1252", "replace")),
        st.binary(max_size=50).map(lambda b: b"\xff\xfe" + b),
    ),
    path=_PATHS,
)
def test_any_bytes_give_a_document_or_an_input_error(data, path):
    try:
        doc = from_bytes(data, path)
    except InputError:
        return
    assert len(doc.match_text) == len(doc.text)
    assert doc.text.strip()


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=200), _MARKUP), path=_PATHS)
def test_any_text_gives_same_length_match_text_with_line_breaks_in_place(text, path):
    if not text.strip():
        with pytest.raises(InputError):
            from_text(text, path)
        return
    doc = from_text(text, path)
    assert len(doc.match_text) == len(doc.text) and doc.text == text
    assert all(doc.match_text[i] == c for i, c in enumerate(text) if c in "\r\n")
    if doc.kind == "text":
        assert doc.match_text == text
