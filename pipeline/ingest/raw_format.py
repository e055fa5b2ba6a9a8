"""The raw report format, parsed strictly.

A report file is text that starts with a header on the same line as the text:
a space, the word ``date``, a space, the publication date as YYYY-MM-DD, a space, and
optionally ``key value`` pairs for the known keys below, then the report body.
Paragraphs of the body are separated by blank lines.

Decoding (``decode``)
    * UTF-8, with or without a byte-order mark (the mark is dropped).
    * UTF-16 LE or BE *with* its byte-order mark (FF FE or FE FF): decoded strictly; bytes that are
      not valid UTF-16 are refused (``is_utf16``). Without a mark UTF-16 cannot be told from binary
      and is refused as binary, with a hint.
    * Everything else is refused with a reason: a file holding NUL bytes is binary (``is_text``;
      UTF-32 is named as such), a file that is not valid UTF-8 (Latin-1, Windows-1252, ...) is
      ``is_utf8`` with the position of the first bad byte. Encodings are never guessed: a wrong
      guess would publish wrong text and quotes, so such a file must be saved again as UTF-8.

Normalisation (``normalize``), applied to the whole file before the header is read; the published
body and every figure quote (a slice of the body) are in this form:
    1. line endings CRLF and CR become LF;
    2. Unicode NFC (composed accents);
    3. format characters (category Cf: zero-width space and joiners, word joiner, soft hyphen,
       BOM, bidi marks and embeddings) are removed: they are invisible, and left in they split
       "1<ZWSP>0" into the figure 1 or "kil<SHY>led" into two words;
    4. every space separator (category Zs: no-break, narrow no-break, thin, ideographic space ...)
       becomes an ASCII space; the line and paragraph separators U+2028 and U+2029 become LF;
    5. every decimal digit (category Nd: Arabic-Indic, Devanagari, fullwidth ...) becomes its ASCII
       digit, so the number reader sees it;
    6. characters of the Halfwidth and Fullwidth Forms block (U+FF00-U+FFEF) become their NFKC form
       (fullwidth "Ｋｅｌｌ，" is "Kell,");
    7. other control characters (category Cc except LF and tab) become a space. They are not
       worth refusing a report for (a stray form feed or vertical tab from a word processor), and a
       space keeps the words on either side apart. NUL bytes never get here: they are refused as
       binary by ``decode``;
    8. NFC again, since removing an invisible character can bring a letter and its accent together.
NFKC is deliberately not applied to the whole text: it would turn "…" into "...", superscripts
into digits and ligatures into letters, changing bodies (and so report ids) of reports that hold
nothing invisible. Text that holds none of the characters of steps 3-7 keeps exactly the body it
had with steps 1-2 alone. ``normalize`` is idempotent.

Rejection reasons never quote the file: a file that is not a report may be anything (a symlink to
a system file, a saved web page), and reasons are published. The header rule says how long the
first line is, and whether the file looks like HTML or lacks the leading space.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

# Header keys a publisher may put after the date; each value is one token.
HEADER_KEYS = ("url", "publisher", "lang")

_HEADER = re.compile(r" date (?P<date>\S+) ")
_KEY_VALUE = re.compile(r"(?P<key>[a-z]+) (?P<value>\S+) ")


class ReportFormatError(ValueError):
    """A raw file that is not a report; ``check`` names the rule it broke."""

    def __init__(self, check: str, reason: str) -> None:
        super().__init__(reason)
        self.check = check
        self.reason = reason


@dataclass(frozen=True)
class ParsedReport:
    published_date: dt.date
    body: str
    header: dict[str, str]
    text_sha256: str  # hash of the normalized header date + body: the report's identity


_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # checked first: FF FE also opens UTF-16 LE


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (BOM optional) or UTF-16 with a BOM; refuse anything else."""
    if not raw.strip():
        raise ReportFormatError("not_empty", "the file is empty")
    if raw.startswith(_UTF32_BOMS):
        raise ReportFormatError("is_text", "the file is UTF-32 text, which is not accepted: save it as UTF-8")
    codec = _UTF16_BOMS.get(raw[:2])
    text = _decode_utf16(raw[2:], codec) if codec else _decode_utf8(raw)
    if "\x00" in text:
        raise ReportFormatError("is_text", "the file is binary (it holds NUL characters), not text")
    if not text.strip():
        raise ReportFormatError("not_empty", "the file holds no text")
    return text


def _decode_utf16(raw: bytes, codec: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        # +2: count positions in the file, byte-order mark included
        raise ReportFormatError(
            "is_utf16",
            f"the file starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
            f"(byte {exc.start + 2} cannot be decoded)",
        ) from None


def _decode_utf8(raw: bytes) -> str:
    if b"\x00" in raw:
        raise ReportFormatError(
            "is_text",
            "the file is binary (it holds NUL bytes), not UTF-8 text "
            "(UTF-16 is accepted only with its byte-order mark)",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportFormatError(
            "is_utf8",
            f"the file is not UTF-8 text (byte {exc.start} cannot be decoded; "
            "Latin-1 or Windows-1252 files must be saved as UTF-8)",
        ) from None
    return text.removeprefix("\ufeff")


_LINE_SEPARATORS = ("\u2028", "\u2029")
_KEPT_CONTROLS = ("\n", "\t")


def _normal_form(ch: str) -> str:
    """What one character becomes (steps 3-7 of the module docstring)."""
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if ch in _LINE_SEPARATORS:
        return "\n"
    if category == "Zs":
        return " "
    if category == "Cc":
        return ch if ch in _KEPT_CONTROLS else " "
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    if "\uff00" <= ch <= "\uffef":
        return unicodedata.normalize("NFKC", ch)
    return ch


class _NormalTable(dict[int, str]):
    """A str.translate table filled on first sight of each code point: fast, and complete."""

    def __missing__(self, code: int) -> str:
        self[code] = _normal_form(chr(code))
        return self[code]


_TABLE = _NormalTable()


def normalize(text: str) -> str:
    """The published form of a report's text: see the module docstring for the rules."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():  # the common case, and the only change ASCII can need is other controls
        return text.translate(_TABLE)
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    return unicodedata.normalize("NFC", text)


# a doctype, comment, XML declaration or any opening tag first: a page saved as .txt, or a fragment
_HTML_START = re.compile(r"\s*<(!doctype\s|!--|\?xml\s|[a-z][a-z0-9]*[\s>/])", re.IGNORECASE)


def _no_header_reason(text: str) -> str:
    """Why the text has no header, described without quoting any of it."""
    rule = "no header: a report starts with ' date YYYY-MM-DD ' on its first line"
    if _HTML_START.match(text):
        return f"{rule}, this file looks like HTML (it opens with a markup tag), not a plain-text report"
    if text.startswith("date "):
        return f"{rule}, this one lacks the leading space before 'date'"
    first_line = text.split("\n", 1)[0]
    return f"{rule}, this one's first line is {len(first_line)} characters long and is not a header"


def parse_report(raw: bytes, build_date: dt.date) -> ParsedReport:
    """Parse one raw file; raise ReportFormatError saying exactly what is wrong."""
    text = normalize(decode(raw))
    match = _HEADER.match(text)
    if match is None:
        raise ReportFormatError("has_header", _no_header_reason(text))
    date_text = match["date"]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_text):
        # a date-sized token is quoted so the user can fix it; a longer one may be anything
        shown = repr(date_text) if len(date_text) <= 12 else f"of {len(date_text)} characters"
        raise ReportFormatError("date_format", f"header date {shown} is not in the form YYYY-MM-DD")
    try:
        published = dt.date.fromisoformat(date_text)
    except ValueError as exc:
        raise ReportFormatError(
            "date_valid", f"header date {date_text!r} is not a real date: {exc}"
        ) from None
    if published > build_date:
        raise ReportFormatError(
            "date_not_future",
            f"header date {published} is after the build date {build_date}",
        )
    pos = match.end()
    header: dict[str, str] = {}
    while (kv := _KEY_VALUE.match(text, pos)) and kv["key"] in HEADER_KEYS:
        header[kv["key"]] = kv["value"]
        pos = kv.end()
    body = text[pos:].rstrip()
    if not body.strip():
        raise ReportFormatError("has_body", "the header is followed by no text")
    identity = f"{published.isoformat()}\n{body}"
    return ParsedReport(
        published_date=published,
        body=body,
        header=header,
        text_sha256=hashlib.sha256(identity.encode("utf-8")).hexdigest(),
    )
