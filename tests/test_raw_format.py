from __future__ import annotations

import datetime as dt

import pytest

from pipeline.ingest.raw_format import ReportFormatError, parse_report

TODAY = dt.date(2026, 1, 1)


def test_header_date_and_body():
    r = parse_report(b" date 2025-05-02 First paragraph.\n\nSecond paragraph.\n", TODAY)
    assert r.published_date == dt.date(2025, 5, 2)
    assert r.body == "First paragraph.\n\nSecond paragraph."
    assert r.header == {}


def test_known_header_keys_are_read_before_the_text():
    r = parse_report(b" date 2025-05-02 url https://x.org/a publisher Wire Three were hurt.", TODAY)
    assert r.header == {"url": "https://x.org/a", "publisher": "Wire"}
    assert r.body == "Three were hurt."


def test_unknown_word_after_date_is_text():
    r = parse_report(b" date 2025-05-02 title of a story", TODAY)
    assert r.body == "title of a story"


def test_identity_ignores_line_endings_and_bom():
    a = parse_report(b" date 2025-05-02 One.\n\nTwo.\n", TODAY)
    b = parse_report("\ufeff date 2025-05-02 One.\r\n\r\nTwo.\r\n".encode(), TODAY)
    assert a.text_sha256 == b.text_sha256 and a.body == b.body


@pytest.mark.parametrize(
    "raw, check",
    [
        (b"", "not_empty"),
        (b"   \n", "not_empty"),
        (b"\x00\x01abc", "is_text"),
        (b" date 2025-05-02 caf\xe9", "is_utf8"),
        (b"date 2025-05-02 no leading space", "has_header"),
        (b"Some text without header", "has_header"),
        (b" date 2025/05/02 text", "date_format"),
        (b" date 2025-13-01 text", "date_valid"),
        (b" date 2026-02-29 text", "date_valid"),
        (b" date 2027-01-01 text", "date_not_future"),
        (b" date 2025-05-02 ", "has_body"),
        (b" date 2025-05-02    \n\n", "has_body"),
    ],
)
def test_bad_input_names_the_rule(raw, check):
    with pytest.raises(ReportFormatError) as err:
        parse_report(raw, TODAY)
    assert err.value.check == check
    assert err.value.reason
