"""The raw report format, parsed strictly.

A report file is UTF-8 text that starts with a header on the same line as the text:
a space, the word ``date``, a space, the publication date as YYYY-MM-DD, a space, and
optionally ``key value`` pairs for the known keys below, then the report body.
Paragraphs of the body are separated by blank lines.
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


def decode(raw: bytes) -> str:
    """Bytes to text, refusing what is not UTF-8 text."""
    if not raw.strip():
        raise ReportFormatError("not_empty", "the file is empty")
    if b"\x00" in raw:
        raise ReportFormatError("is_text", "the file is binary (it holds NUL bytes), not UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportFormatError(
            "is_utf8", f"the file is not UTF-8 text (byte {exc.start} cannot be decoded)"
        ) from None
    return text.removeprefix("\ufeff")


def normalize(text: str) -> str:
    """Line endings to \\n and Unicode to NFC, nothing else: quotes must stay exact."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_report(raw: bytes, build_date: dt.date) -> ParsedReport:
    """Parse one raw file; raise ReportFormatError saying exactly what is wrong."""
    text = normalize(decode(raw))
    match = _HEADER.match(text)
    if match is None:
        start = text[:40].replace("\n", "\\n")
        raise ReportFormatError(
            "has_header",
            "no header: a report starts with ' date YYYY-MM-DD ' on its first line, "
            f"this one starts {start!r}",
        )
    date_text = match["date"]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_text):
        raise ReportFormatError("date_format", f"header date {date_text!r} is not in the form YYYY-MM-DD")
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
