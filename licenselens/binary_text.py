"""Readable text inside binary files: PDF page text, printable strings.

Licences turn up in files that are not text: a licence saved as PDF, the
``--version`` banner compiled into an executable ("License GPLv3+: GNU GPL
version 3 or later"), a pickled documentation tree.  Such a file cannot be
decoded as a whole, but the words a reader would see can be pulled out of it:

* PDF: page content streams (usually zlib-compressed, ``/FlateDecode``) are
  inflated and the strings shown by the text operators (``Tj``, ``TJ``,
  ``'``, ``"``) are put back into lines, as a viewer would lay them out;
* anything else (and a PDF with no extractable page text): runs of printable
  characters, one per line, as the Unix ``strings`` tool prints them, in
  ASCII and in UTF-16LE (Windows resources).

Extraction never raises, and its cost is bounded: inflated PDF data is capped
in total (a compression bomb stops at the cap) and the text returned is at
most as long as the input.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
import zlib
from typing import Callable

__all__ = ["readable_text"]

#: A run of printable characters must be at least this long to count as text
#: (shorter runs in machine code are mostly chance).
MIN_RUN = 4
#: Inflated PDF stream data is capped at this many bytes in all.
MAX_INFLATED = 32 * 1024 * 1024
#: A decompressed stream is page content only when at most this share of its
#: bytes are control characters (fonts and images are not).
MAX_CONTENT_CONTROL_SHARE = 0.05
#: In a TJ array a shift of at least this many thousandths of an em to the
#: right is a word space (kerning inside a word is far smaller).
WORD_SPACE_SHIFT = 150

_ASCII_RUN = re.compile(rb"[\t\x20-\x7e]{%d,}" % MIN_RUN)
_UTF16_RUN = re.compile(rb"(?:[\t\x20-\x7e]\x00){%d,}" % MIN_RUN)
_PDF_MAGIC = b"%PDF-"
_STREAM = re.compile(rb"stream\r?\n")
_CONTROL = bytes(sorted(set(range(32)) - {9, 10, 12, 13}))


def readable_text(data: bytes) -> tuple[str, str]:
    """(text, method) of what a reader would see in ``data``.

    ``method`` says how it was found: ``"pdf-text"`` or ``"strings"``.  The
    text may be empty (nothing readable).
    """
    if _PDF_MAGIC in data[:1024]:
        text = pdf_text(data)
        if text.strip():
            return text, "pdf-text"
    return strings(data), "strings"


def strings(data: bytes) -> str:
    """Runs of at least MIN_RUN printable characters, one per line, in file order."""
    runs = [(m.start(), m.group().decode("ascii")) for m in _ASCII_RUN.finditer(data)]
    runs += [(m.start(), m.group().decode("utf-16-le")) for m in _UTF16_RUN.finditer(data)]
    runs.sort()
    return "\n".join(run.strip() for _, run in runs if run.strip())


# --------------------------------------------------------------------------- PDF


def pdf_text(data: bytes) -> str:
    """The text shown by the page content streams of a PDF, line by line.

    Strings are decoded with their font's ``/ToUnicode`` map when it has one
    (subset fonts number their glyphs 1, 2, 3 ... so the bytes mean nothing
    without it), else with the document's simple encoding.  Streams of a PDF
    "encrypted" with the standard handler and an empty user password (a
    document anyone may open, with printing or copying restricted; RC4,
    revisions 2 and 3) are decrypted first.
    """
    return _Pdf(data).text()


class _Pdf:
    """Just enough of a PDF's object structure to read its page text."""

    def __init__(self, data: bytes):
        self.data = data
        self.codec = "mac_roman" if b"/MacRomanEncoding" in data else "cp1252"  # else WinAnsi, the common default
        self.key = _empty_password_key(data)
        self.budget = MAX_INFLATED
        self.objects = [(m.start(), m.end(), int(m.group(1)), int(m.group(2))) for m in _OBJECT.finditer(data)]
        self.starts = [o[0] for o in self.objects]

    def text(self) -> str:
        streams = [self._stream(m.end()) for m in _STREAM.finditer(self.data)]
        fonts = self._fonts()
        pages = []
        for content in streams:
            if content is None or b"BT" not in content:
                continue
            if len(content) - len(content.translate(None, _CONTROL)) > MAX_CONTENT_CONTROL_SHARE * len(content):
                continue  # a font, an image or a cross-reference table
            page = _shown_text(content, self.codec, fonts)
            if page.strip():
                pages.append(page)
        return unicodedata.normalize("NFKC", "\n".join(pages))  # ligatures (fi, fl) back to letters

    def _stream(self, start: int) -> bytes | None:
        """The decrypted, inflated data of the stream starting at ``start``."""
        if self.budget <= 0:
            return None
        end = self.data.find(b"endstream", start)
        raw = self.data[start : end if end >= 0 else len(self.data)]
        if self.key is not None:
            owner = bisect.bisect_right(self.starts, start) - 1
            if owner < 0:
                return None
            _, _, number, generation = self.objects[owner]
            raw = _rc4(_object_key(self.key, number, generation), raw)
        try:
            out = zlib.decompressobj().decompress(raw, self.budget)
        except zlib.error:
            return None
        self.budget -= len(out)
        return out or None

    def _body(self, number: int) -> tuple[bytes, int] | None:
        """The text of object ``number`` (up to ``endobj``) and where it starts."""
        for _, body_start, n, _ in self.objects:
            if n == number:
                end = self.data.find(b"endobj", body_start)
                return self.data[body_start : end if end >= 0 else len(self.data)], body_start
        return None

    def _fonts(self) -> dict[bytes, dict[bytes, str]]:
        """Font resource name -> (character code -> text) for fonts with a /ToUnicode map."""
        maps: dict[int, dict[bytes, str]] = {}
        for _, body_start, number, _ in self.objects:
            body = self.data[body_start : body_start + 4096]
            head = body.split(b"stream", 1)[0]
            ref = _TO_UNICODE.search(head)
            if ref and _FONT_TYPE.search(head):
                target = self._body(int(ref.group(1)))
                if target is not None:
                    stream = _STREAM.search(target[0])
                    content = self._stream(target[1] + stream.end()) if stream else None
                    if content:
                        maps[number] = _cmap(content)
        if not maps:
            return {}
        names: dict[bytes, dict[bytes, str]] = {}
        for m in _NAMED_REF.finditer(self.data):
            number = int(m.group(2))
            if number in maps:
                names.setdefault(m.group(1), maps[number])
        return names


_FONT_TYPE = re.compile(rb"/Type\s*/Font\b")
_TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+\d+\s+R")
_NAMED_REF = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+(\d+)\s+\d+\s+R")
_BF_BLOCK = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.DOTALL)
_HEX_OR_ARRAY = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[([^\]]*)\]")


def _utf16(hex_digits: bytes) -> str:
    raw = _hex(hex_digits)
    return raw.decode("utf-16-be", errors="replace") if len(raw) % 2 == 0 else raw.decode("latin-1")


def _hex(digits: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", digits)
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


#: Entries of one bfrange are capped (a range is at most 256 codes in a valid map).
MAX_RANGE = 65536


def _cmap(content: bytes) -> dict[bytes, str]:
    """Character code -> text of a /ToUnicode CMap (its bfchar and bfrange entries)."""
    table: dict[bytes, str] = {}
    for kind, block in _BF_BLOCK.findall(content):
        items = _HEX_OR_ARRAY.findall(block)
        try:
            if kind == b"bfchar":
                for (src, _), (dst, _) in zip(items[0::2], items[1::2]):
                    table[_hex(src)] = _utf16(dst)
                continue
            for (lo, _), (hi, _), (dst, array) in zip(items[0::3], items[1::3], items[2::3]):
                low, high = _hex(lo), _hex(hi)
                first, last = int.from_bytes(low, "big"), int.from_bytes(high, "big")
                targets = [_utf16(t) for t in re.findall(rb"<([0-9A-Fa-f\s]*)>", array)] if array else None
                base = _hex(dst) if not array else b""
                for offset in range(min(last - first + 1, MAX_RANGE)):
                    code = (first + offset).to_bytes(len(low), "big")
                    if targets is not None:
                        if offset < len(targets):
                            table[code] = targets[offset]
                    elif base:
                        value = int.from_bytes(base, "big") + offset
                        table[code] = value.to_bytes(len(base), "big").decode("utf-16-be", errors="replace")
        except ValueError:  # malformed hex: keep what was read
            continue
    return table


# --------------------------------------------------------------------------- PDF encryption

_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_ENCRYPT_REF = re.compile(rb"/Encrypt\s+(\d+)\s+(\d+)\s+R")
_FIRST_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f\s]*)>")
#: The padding string of the PDF standard security handler (PDF 1.7, 7.6.3.3).
_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _empty_password_key(data: bytes) -> bytes | None:
    """The file key of a PDF encrypted for an empty user password, else None.

    Only the RC4 revisions (2 and 3) of the standard handler: that is what
    "no password, restricted permissions" PDFs mostly use; AES needs a
    cipher the standard library does not have.
    """
    ref = _ENCRYPT_REF.search(data)
    first_id = _FIRST_ID.search(data)
    if not ref or not first_id:
        return None
    header = re.search(rb"\b%s\s+%s\s+obj\b" % (ref.group(1), ref.group(2)), data)
    if not header:
        return None
    body = data[header.end() : header.end() + 4096]
    fields = {name: re.search(rb"/%s\s*(-?\d+)" % name, body) for name in (b"V", b"R", b"P", b"Length")}
    owner = re.search(rb"/O\s*\(", body)
    if b"/Standard" not in body or not owner or not fields[b"R"] or not fields[b"P"]:
        return None
    revision = int(fields[b"R"].group(1))
    if revision not in (2, 3):
        return None
    length = int(fields[b"Length"].group(1)) // 8 if revision == 3 and fields[b"Length"] else 5
    owner_entry = _literal(body, owner.end())[0][:32]
    permissions = int(fields[b"P"].group(1)) & 0xFFFFFFFF
    identifier = bytes.fromhex(re.sub(rb"\s", b"", first_id.group(1)).decode("ascii").ljust(2, "0")[: 2 * 64])
    digest = hashlib.md5(_PASSWORD_PAD + owner_entry + permissions.to_bytes(4, "little") + identifier).digest()
    if revision == 3:
        for _ in range(50):
            digest = hashlib.md5(digest[:length]).digest()
    return digest[:length]


def _object_key(key: bytes, number: int, generation: int) -> bytes:
    extended = key + (number & 0xFFFFFF).to_bytes(3, "little") + (generation & 0xFFFF).to_bytes(2, "little")
    return hashlib.md5(extended).digest()[: min(len(key) + 5, 16)]


def _rc4(key: bytes, data: bytes) -> bytes:
    """RC4, which older PDFs are encrypted with (a plain implementation)."""
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) & 0xFF
        state[i], state[j] = state[j], state[i]
    out = bytearray(len(data))
    i = j = 0
    for n, byte in enumerate(data):
        i = (i + 1) & 0xFF
        j = (j + state[i]) & 0xFF
        state[i], state[j] = state[j], state[i]
        out[n] = byte ^ state[(state[i] + state[j]) & 0xFF]
    return bytes(out)


_TOKEN = re.compile(
    rb"(?P<string>\()"
    rb"|<(?P<hex>[0-9A-Fa-f\s]*)>"
    rb"|(?P<number>[+-]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<operator>[A-Za-z'\"*]+)"
    rb"|/(?P<name>[^\s/\[\]()<>{}%]*)|<<|>>|\[|\]|%[^\r\n]*"
)
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}


def _literal(content: bytes, start: int) -> tuple[bytes, int]:
    """The literal string whose "(" is at ``start - 1``, and the index after its ")"."""
    out = bytearray()
    depth = 1
    i = start
    n = len(content)
    while i < n:
        c = content[i]
        if c == 0x5C and i + 1 < n:  # backslash
            nxt = content[i + 1]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
            elif 0x30 <= nxt <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", content[i + 1 : i + 4])
                out.append(int(digits.group(), 8) & 0xFF)  # type: ignore[union-attr]
                i += 1 + len(digits.group())  # type: ignore[union-attr]
            elif nxt in (0x0A, 0x0D):  # a line continuation
                i += 2 + (nxt == 0x0D and i + 2 < n and content[i + 2] == 0x0A)
            else:
                out.append(nxt)
                i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if not depth:
                return bytes(out), i + 1
        out.append(c)
        i += 1
    return bytes(out), n


class _Name(bytes):
    """A PDF name operand (a font resource, for ``Tf``)."""


def _shown_text(content: bytes, codec: str, fonts: dict[bytes, dict[bytes, str]] | None = None) -> str:
    """Text of one content stream: strings shown by text operators, laid out in lines."""
    fonts = fonts or {}
    out: list[str] = []
    operands: list[object] = []
    array: list[object] | None = None
    font: dict[bytes, str] | None = None
    pos = 0
    while True:
        m = _TOKEN.search(content, pos)
        if not m:
            break
        pos = m.end()
        value: object
        if m.group("string") is not None:
            value, pos = _literal(content, pos)
        elif m.group("hex") is not None:
            value = _hex(m.group("hex"))
        elif m.group("number") is not None:
            value = float(m.group("number"))
        elif m.group("name") is not None:
            value = _Name(m.group("name"))
        elif m.group("operator") is not None:
            if m.group("operator") == b"Tf":
                names = [o for o in operands if isinstance(o, _Name)]
                font = fonts.get(names[-1]) if names else None
            else:
                _apply(m.group("operator"), operands, out, lambda raw: _decode(raw, font, codec))
            operands = []
            continue
        elif m.group() == b"[":
            array = []
            continue
        elif m.group() == b"]":
            if array is not None:
                operands.append(array)
            array = None
            continue
        else:
            continue
        (array if array is not None else operands).append(value)
    return "".join(out)


def _decode(raw: bytes, font: dict[bytes, str] | None, codec: str) -> str:
    """The text of a shown string: through the font's /ToUnicode map, else the simple encoding."""
    if not font:
        return raw.decode(codec, errors="replace")
    width = len(next(iter(font)))
    out = []
    for i in range(0, len(raw), width):
        code = raw[i : i + width]
        out.append(font.get(code) or (code.decode(codec, errors="replace") if width == 1 else ""))
    return "".join(out)


def _apply(operator: bytes, operands: list[object], out: list[str], decode: Callable[[bytes], str]) -> None:
    """Add what one text operator shows (or the line break it makes) to ``out``."""
    def show(value: object) -> None:
        if isinstance(value, bytes) and not isinstance(value, _Name):
            out.append(decode(value))

    if operator in (b"Tj", b"'", b'"'):
        if operator != b"Tj":
            out.append("\n")
        if operands:
            show(operands[-1])
    elif operator == b"TJ":
        for item in operands[-1] if operands and isinstance(operands[-1], list) else []:
            if isinstance(item, float):
                if item <= -WORD_SPACE_SHIFT:
                    out.append(" ")
            else:
                show(item)
    elif operator in (b"Td", b"TD"):
        moves_down = len(operands) >= 2 and isinstance(operands[-1], float) and operands[-1] != 0
        out.append("\n" if moves_down else " ")
    elif operator in (b"T*", b"Tm", b"ET"):
        out.append("\n")
