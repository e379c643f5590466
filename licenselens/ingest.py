"""Turn bytes and files into text that the matchers can work on.

Two strings come out of every input. ``Document.text`` is exactly what was
decoded: every offset shown to a user indexes into it. ``Document.match_text``
has the *same length* with markup blanked out, so a matcher can search it and
report hits at the same offsets in ``text`` without any offset mapping.
Line and column numbers must be computed on ``text`` (``match_text`` may hold
an extra newline where an HTML block tag started).
"""

from __future__ import annotations

import codecs
import functools
import html
import os
import re
import sys
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from bs4.dammit import EncodingDetector

from .errors import InputError

__all__ = ["MAX_BYTES", "Document", "decode_bytes", "from_bytes", "from_text", "read_path"]

Kind = Literal["text", "html", "markdown"]

#: Inputs are read only up to this many bytes; licences are a few KiB, so anything
#: bigger is almost surely not a licence and must not exhaust memory or time.
MAX_BYTES: int = 10 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """A decoded input. Invariant: ``len(match_text) == len(text)``."""

    text: str = field(repr=False)  # exactly as decoded; user-facing offsets index into this
    match_text: str = field(repr=False)  # same length, markup blanked out for matching
    path: str | None  # as given by the caller; None or "-" for stdin
    encoding: str  # codec name used to decode ("unicode" when built from a str)
    kind: Kind  # "text" | "html" | "markdown"
    truncated: bool = False  # True when the input exceeded MAX_BYTES and was cut
    #: How the text was pulled out of a binary file ("pdf-text" or "strings", see
    #: licenselens.binary_text); None for a text file.  Offsets then index the extracted text.
    extracted: str | None = None

    def __post_init__(self) -> None:
        if len(self.match_text) != len(self.text):
            raise ValueError("Document.match_text must have the same length as Document.text")


_BOMS = [  # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]  # fmt: skip
_CONTROL = bytes(sorted(set(range(32)) - {9, 10, 12, 13})) + b"\x7f"  # not \t \n \f \r
_CONTROL_CHARS = _CONTROL.decode("ascii")
_MAX_CONTROL_SHARE = 0.30
_MIN_PLAUSIBLE_SHARE = 0.6  # of non-ASCII characters in fallback-decoded text
_MAX_STRAY_NULS = 2  # plus one per KiB: more than that and the file is binary
# A charset detector is only worth trusting when there is plenty of non-ASCII evidence:
# on mostly-ASCII Western text it happily answers cp775 or mac_latin2 for plain latin-1.
_MIN_NON_ASCII_FOR_GUESS = 0.20
# Never taken from a declaration or a guess: they turn ordinary bytes into garbage.
_SUSPECT_CODECS = ("utf-16", "utf-32", "utf-7")


class _BinaryData(InputError):
    """Raised by the decoder for binary data: from_bytes then looks for readable text in it."""


def _fail(path: str | None, problem: str, error: type[InputError] = InputError) -> InputError:
    label = "<stdin>" if path == "-" else "<input>" if path is None else path
    return error(f"{label}: {problem}")


def _decode(data: bytes, encoding: str, truncated: bool) -> str | None:
    """Strict decode, or None. An incremental decoder with ``final=False`` drops an
    incomplete multi-byte sequence at the end, which is what cutting at MAX_BYTES leaves."""
    try:
        if encoding == "utf-8" and not truncated:  # the common case, without building a decoder
            return data.decode("utf-8")
        text = codecs.getincrementaldecoder(encoding)("strict").decode(data, final=not truncated)
    except (LookupError, ValueError, TypeError):  # UnicodeError is a ValueError
        return None
    return text if isinstance(text, str) else None  # bytes-to-bytes codecs (base64...)


def _is_binary_text(text: str) -> bool:
    controls = sum(map(text.count, _CONTROL_CHARS))
    return "\x00" in text or controls > _MAX_CONTROL_SHARE * len(text)


def _sniff_utf16(data: bytes) -> str | None:
    """ASCII-heavy UTF-16 without a BOM has NUL bytes on one side of every pair only."""
    pairs, even, odd = len(data) // 2, data[0::2].count(0), data[1::2].count(0)
    for heavy, light, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if pairs and heavy >= pairs / 4 and light * 10 <= heavy:
            return encoding
    return None


def _decode_with_bom(data: bytes, truncated: bool) -> tuple[str, str] | None:
    """(text, encoding) after a byte-order mark, None without one. A BOM is a deliberate
    marker, so bytes that do not fit it become U+FFFD instead of starting a new guess."""
    matching = [(bom, enc) for bom, enc in _BOMS if data.startswith(bom)]
    for bom, enc in matching:
        if (text := _decode(data[len(bom) :], enc.removesuffix("-sig"), truncated)) is not None:
            return text, enc
    for bom, enc in matching[:1]:
        return data[len(bom) :].decode(enc.removesuffix("-sig"), errors="replace"), enc
    return None


def decode_bytes(
    data: bytes, path: str | None = None, *, truncated: bool = False
) -> tuple[str, str]:
    """Decode ``data`` to ``(text, encoding name)``; the BOM is not part of ``text``.

    Order: BOM, BOM-less UTF-16, binary rejection, strict UTF-8, the document's own
    declaration (``<meta charset>``/XML) and - only for mostly non-ASCII data - a charset
    guess via ``bs4.dammit``, then cp1252 and latin-1 (which never fails). Pass
    ``truncated=True`` when ``data`` was cut, so a split multi-byte tail is dropped instead
    of demoting the whole file to latin-1. Raises InputError for binary data.
    """
    if (decoded := _decode_with_bom(data, truncated)) is not None:
        if _is_binary_text(decoded[0]):
            raise _fail(path, "binary file (control characters), not a licence text", _BinaryData)
        return decoded
    nuls = data.count(0)
    if nuls:  # UTF-16 without a BOM has NUL bytes
        body = data[: len(data) - len(data) % 2] if truncated else data
        enc16 = _sniff_utf16(body) if len(body) % 2 == 0 else None
        text = _decode(body, enc16, truncated) if enc16 else None
        if enc16 and text is not None and not _is_binary_text(text):
            return text, enc16
    if nuls > _MAX_STRAY_NULS + len(data) // 1000:
        raise _fail(path, "binary file (contains NUL bytes), not a licence text", _BinaryData)
    data = data.replace(b"\0", b" ")  # a stray NUL or two (editors, RTF exports) is not binary
    if len(data) - len(data.translate(None, _CONTROL)) > _MAX_CONTROL_SHARE * len(data):
        raise _fail(path, "binary file (control characters), not a licence text", _BinaryData)
    if (text := _decode(data, "utf-8", truncated)) is not None:
        return text, "utf-8"
    non_ascii = len(data.translate(None, bytes(range(128))))
    candidates: list[str | None] = []
    if non_ascii >= _MIN_NON_ASCII_FOR_GUESS * len(data):
        candidates += EncodingDetector(data, is_html=True).encodings  # declared, guessed, ...
    else:
        candidates.append(EncodingDetector.find_declared_encoding(data, is_html=True))
    for name in [*candidates, "cp1252"]:
        try:
            enc = codecs.lookup(name or "").name
        except LookupError:
            continue
        if enc == "utf-8" or enc.startswith(_SUSPECT_CODECS):  # utf-8 already failed
            continue
        if (text := _decode(data, enc, truncated)) is not None and _plausible(text):
            return text, enc
    text = data.decode("latin-1")
    if not _plausible(text):
        raise _fail(path, "not valid UTF-8, and not readable as text in any other encoding", _BinaryData)
    return text, "iso8859-1"


_TYPOGRAPHY = set("\u00a0\u00a9\u00ae\u00b0\u00b1\u00a7\u00b6\u00b7\u00ab\u00bb\u00d7\u00f7\u20ac\u00a3\u00a5\u00a2"
                  "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u2122")


def _plausible(text: str) -> bool:
    """Text decoded by a fallback encoding reads as text: it has white space,
    and most of its non-ASCII characters are letters or common typography,
    not the C1 controls and symbol soup that random bytes decode to."""
    if len(text) > 200 and sum(c.isspace() for c in text) < len(text) // 200:
        return False  # text has line breaks or spaces; random bytes hardly ever do
    odd = [c for c in text if ord(c) > 127]
    if not odd:
        return True
    fine = sum(1 for c in odd if c.isalpha() or c in _TYPOGRAPHY)
    c1_controls = sum(1 for c in odd if ord(c) < 0xA0)
    return fine >= _MIN_PLAUSIBLE_SHARE * len(odd) and c1_controls <= 2 + len(odd) // 20


_NOT_EOL = re.compile(r"[^\r\n]")
_HTML_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<raw><(?P<rawname>script|style)\b[^>]*>.*?(?:</(?P=rawname)\s*>|\Z))"
    r"|(?P<tag><(?:/?[a-z]|[!?])(?:\"[^\"]*\"|'[^']*'|[^'\"<>])*>)"
    r"|(?P<entity>&(?:#[0-9]{1,8}|#x[0-9a-f]{1,8}|[a-z][a-z0-9]{0,31});)",
    re.IGNORECASE | re.DOTALL,
)
#: The name of a start or end tag, when what follows the "<" is one.
_TAG_NAME = re.compile(r"</?([a-z][a-z0-9]*(?:[-:][a-z0-9]+)*)(?=[\s/>])", re.IGNORECASE)
#: Elements of HTML (current and obsolete ones that old pages still use).
HTML_ELEMENTS = frozenset("""
    a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink
    blockquote body br button canvas caption center cite code col colgroup data datalist dd del details
    dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3
    h4 h5 h6 head header hgroup hr html i iframe img input ins isindex kbd keygen label legend li link
    listing main map mark marquee menu menuitem meta meter nav nobr noembed noframes noscript object ol
    optgroup option output p param picture plaintext pre progress q rb rp rt rtc ruby s samp script
    search section select slot small source spacer span strike strong style sub summary sup svg math
    table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp
""".split())
_RAW_INNER = re.compile(r"<(?:!--|[^>]*>)(.*?)(?:-->|</[a-z]+\s*>)?\Z", re.IGNORECASE | re.DOTALL)
_LINK_ATTR = re.compile(r"\b(?:href|src)\s*=\s*[\"']?(?P<url>[^\"'\s>]+)", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|div|h[1-6]|tr|pre)\b", re.IGNORECASE)
_HTML_START = re.compile(
    r"[\s\ufeff]*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html)\b", re.IGNORECASE
)
_HTML_HINT = re.compile(r"<(?:body|p|br)\b[^<>]*>", re.IGNORECASE)
_MD_LINK = re.compile(  # [text](url), ![alt](src), [text][ref]
    r"!?\[([^\[\]\n]*)\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\[\]\n]*\])"
)
_MD_LINK_PUNCT = re.compile(r"[!\[\]()]")
_MD_BLANK = [  # markup with no words in it, blanked whole
    re.compile(r"^[ \t]*>(?:[ \t]*>)*", re.MULTILINE),  # quote markers
    re.compile(r"^[ \t]*#{1,6}(?=\s|$)", re.MULTILINE),  # ATX headings
    re.compile(r"^[ \t]*[-*+](?=[ \t])", re.MULTILINE),  # list bullets
    re.compile(r"\*+|`+|\|"),  # emphasis, code spans, table pipes
    re.compile(r"(?<!\w)_+|(?<=[^\W_])_+(?!\w)"),  # _emphasis_ but not snake_case
    re.compile(r"^[ \t|:+]*[-=][-=:|+ \t\r]*$", re.MULTILINE),  # rules, setext, table rows
]


def _blank(s: str) -> str:
    """Spaces of the same length, keeping line breaks so line structure survives."""
    return _NOT_EOL.sub(" ", s)


def _html_token(m: re.Match[str], closed: frozenset[str] = frozenset()) -> str:
    """The markup of ``m`` blanked (same length), its words kept; ``closed``:
    the names of the elements the document closes somewhere (see _is_markup)."""
    s = m.group()
    if m.group("entity") is not None:
        char = html.unescape(s)
        return char.ljust(len(s)) if len(char) <= len(s) else s
    if m.group("comment") is not None or m.group("raw") is not None:
        # Licence notices live in comments and at the top of scripts and
        # style sheets: keep their words, blank only the markup around them.
        inner = _RAW_INNER.match(s)
        if inner:
            a, b = inner.span(1)
            return _blank(s[:a]) + s[a:b] + _blank(s[b:])
    if m.group("tag") is not None and not _is_markup(s, closed):
        return s  # a placeholder written in angle brackets: "<year>", "<copyright holders>"
    blank = _blank(s)
    if m.group("tag") is not None:
        # Link targets name licences ("/legal/gplv2+ce.html", badge URLs): keep them.
        for link in _LINK_ATTR.finditer(s):
            a, b = link.span("url")
            blank = blank[:a] + s[a:b] + blank[b:]
        if _BLOCK_TAG.match(s):
            return "\n" + blank[1:]  # keep paragraphs apart for sentence-level analysis
    return blank


def _is_markup(tag: str, closed: frozenset[str]) -> bool:
    """Whether ``tag`` (a "<...>" that looks like a tag) is markup rather than words.

    Licence templates write their placeholders in angle brackets ("<year>",
    "<copyright holders>", "<Reserved Font Name>", "<https://fsf.org/>"), and a
    Markdown or HTML licence file keeps them: those words are part of the
    licence text as written.  Markup names an HTML element, is namespaced or
    custom ("<o:p>", "<my-widget>"), has an attribute with a value, or names
    an element the document closes somewhere (XML: "<PLAY>" ... "</PLAY>");
    a placeholder is none of these.
    """
    name = _TAG_NAME.match(tag)
    if name is None:
        return tag.startswith(("<!", "<?"))  # a declaration or processing instruction
    word = name.group(1).lower()
    return word in HTML_ELEMENTS or "-" in word or ":" in word or "=" in tag or word in closed


_END_TAG = re.compile(r"</([a-z][a-z0-9]*(?:[-:][a-z0-9]+)*)", re.IGNORECASE)


def _markup_blanked(text: str) -> str:
    """``text`` with HTML comments, tags and entities blanked or decoded (see _html_token)."""
    closed = frozenset(name.lower() for name in _END_TAG.findall(text))
    return _HTML_TOKEN.sub(functools.partial(_html_token, closed=closed), text)


def _md_link(m: re.Match[str]) -> str:
    """Link text *and* target stay: a licence is often named only by its URL
    (badges, "[License](https://opensource.org/licenses/MIT)")."""
    return _MD_LINK_PUNCT.sub(" ", m.group())


def _mask_markdown(text: str) -> str:
    masked = _markup_blanked(text)  # inline HTML is valid Markdown
    masked = _MD_LINK.sub(_md_link, masked)
    for pattern in _MD_BLANK:
        masked = pattern.sub(lambda m: _blank(m.group()), masked)
    return masked


def _kind(text: str, path: str | None) -> Kind:
    """An explicit extension wins (Markdown may contain a few HTML tags); otherwise sniff."""
    suffix = os.path.splitext(path or "")[1].lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if "<" not in text:  # no tag at all: most texts, told apart in C
        return "text"
    if _HTML_START.match(text) or len(list(islice(_HTML_HINT.finditer(text), 3))) == 3:
        return "html"
    return "text"


def _build(text: str, path: str | None, encoding: str, truncated: bool, extracted: str | None = None) -> Document:
    if not text.strip():
        raise _fail(path, "empty file" if not text else "empty file (only whitespace)")
    kind = _kind(text, path) if extracted is None else "text"
    if kind == "html":
        match_text = _markup_blanked(text)
    else:
        match_text = _mask_markdown(text) if kind == "markdown" else text
    return Document(text, match_text, path, encoding, kind, truncated, extracted)


#: Readable text of a binary file is worth matching only when it speaks of licensing.
_LICENSING_HINT = re.compile(r"licen[cs]|copyright|copyleft|warrant|public[ -]domain", re.IGNORECASE)


def _from_binary(data: bytes, path: str | None, truncated: bool, error: InputError) -> Document:
    """A Document of the readable text inside binary ``data`` (PDF page text,
    printable strings), or ``error`` again when none of it speaks of licensing:
    a binary file without a licence in it is still reported as binary."""
    from .binary_text import readable_text

    text, method = readable_text(data)
    if not _LICENSING_HINT.search(text):
        raise error
    return _build(text, path, "binary", truncated, method)


def from_text(text: str, path: str | None = None) -> Document:
    """Wrap already-decoded text (``encoding`` is reported as "unicode"); nothing is stripped,
    so offsets stay valid for the caller's own string. Raises InputError when blank."""
    return _build(text, path, "unicode", False)


def from_bytes(data: bytes, path: str | None = None) -> Document:
    """Decode raw bytes (a file's or stdin's) into a Document.

    Data longer than MAX_BYTES is cut there and ``truncated`` is set, so callers that read
    ``MAX_BYTES + 1`` bytes learn that the input was larger. Binary data (a PDF, an
    executable) is read for the text a person would see in it (``extracted`` says how);
    when that text does not speak of licensing at all, it is rejected as binary.
    Raises InputError only.
    """
    truncated = len(data) > MAX_BYTES
    if truncated:
        data = data[:MAX_BYTES]
    if not data:
        raise _fail(path, "empty file")
    try:
        text, encoding = decode_bytes(data, path, truncated=truncated)
    except _BinaryData as exc:
        return _from_binary(data, path, truncated, exc)
    return _build(text, path, encoding, truncated)


#: Bytes asked for by each read after the first (see _read_capped).
_READ_CHUNK = 1 << 16


def _read_capped(handle, limit: int) -> bytes:
    """At most ``limit`` bytes of a file opened unbuffered.

    For a licence of a few KiB, setting up a buffered reader (a buffer, an
    isatty() system call) costs much of what reading it does, so files are
    opened raw: each read() is one system call and may return less than
    asked.  A regular file says its size, so the first read asks for one
    byte more than that (``read(limit)`` would allocate ``limit`` bytes
    first), which also notices a file that grew meanwhile; pipes, devices
    and /proc files report no size.  Reads go on in chunks until the end of
    the file or the limit.
    """
    try:
        size = os.fstat(handle.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        size = 0
    ask = size + 1 if 0 < size < limit else _READ_CHUNK
    parts: list[bytes] = []
    total = 0
    while total < limit:
        part = handle.read(min(ask, limit - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
        ask = _READ_CHUNK
    return b"".join(parts)


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read a file (or stdin for ``"-"``) into a Document; every OS failure becomes InputError.

    Reads at most ``MAX_BYTES + 1`` bytes so that huge or endless inputs cost bounded
    memory while still telling us whether the cap was hit.
    """
    name = os.fsdecode(path)
    limit = MAX_BYTES + 1
    try:
        if name == "-":
            data = sys.stdin.buffer.read(limit)
        else:
            with open(name, "rb", buffering=0) as handle:
                data = _read_capped(handle, limit)
    except FileNotFoundError as exc:
        raise _fail(name, "no such file") from exc
    except IsADirectoryError as exc:
        raise _fail(name, "is a directory, not a file") from exc
    except PermissionError as exc:  # Windows reports directories this way
        is_dir = os.path.isdir(name)
        raise _fail(name, "is a directory, not a file" if is_dir else "permission denied") from exc
    except OSError as exc:
        raise _fail(name, f"cannot read ({exc.strerror or exc})") from exc
    except (ValueError, AttributeError) as exc:  # NUL in the path; stdin closed or replaced
        raise _fail(name.replace("\0", "\\0"), f"cannot read ({exc})") from exc
    return from_bytes(data, name)
