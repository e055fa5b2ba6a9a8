from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest.raw_format import ReportFormatError, decode, normalize, parse_report
from tests.conftest import SHARED_EVAL

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


# --- decoding: which byte encodings are text -------------------------------------------------


def test_utf8_with_bom_is_read():
    r = parse_report(b"\xef\xbb\xbf date 2025-05-02 Kell was shelled.", TODAY)
    assert r.body == "Kell was shelled."


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom_is_decoded(codec, bom):
    text = " date 2025-05-02 Twelve died in Dorn \u2013 officials.\r\n\r\nMore later."
    r = parse_report(bom + text.encode(codec), TODAY)
    assert r.body == "Twelve died in Dorn \u2013 officials.\n\nMore later."
    assert r.text_sha256 == parse_report(text.encode("utf-8"), TODAY).text_sha256


@pytest.mark.parametrize(
    "raw, check, words",
    [
        (" date 2025-05-02 Kell.".encode("utf-16-le"), "is_text", ["byte-order mark"]),  # no BOM
        (b"\xff\xfe" + " date 2025-05-02 Kell.".encode("utf-16-le") + b"\x00", "is_utf16", []),  # broken
        (" date 2025-05-02 Kell.".encode("utf-32"), "is_text", ["UTF-32"]),
        (" date 2025-05-02 Varda caf\u00e9 bombed".encode("latin-1"), "is_utf8", ["not UTF-8", "byte 26"]),
    ],
    ids=["utf16-without-bom", "utf16-broken", "utf32", "latin1-byte-position"],
)
def test_other_encodings_are_refused_with_the_reason(raw, check, words):
    with pytest.raises(ReportFormatError) as err:
        parse_report(raw, TODAY)
    assert err.value.check == check
    assert all(w in err.value.reason for w in words)


def test_crlf_and_lone_cr_become_lf():
    r = parse_report(b" date 2025-05-02 One.\r\n\r\nTwo.\rThree.", TODAY)
    assert r.body == "One.\n\nTwo.\nThree."


# --- the header rule never quotes the file ---------------------------------------------------

SECRET = "root:x:0:0:topsecret-Vennick-4471"


def test_no_header_reason_does_not_quote_the_file():
    with pytest.raises(ReportFormatError) as err:
        parse_report(f"{SECRET}\nsecond line\n".encode(), TODAY)
    reason = err.value.reason
    assert err.value.check == "has_header" and "no header" in reason
    assert f"{len(SECRET)} characters" in reason
    for piece in ("root", "topsecret", "Vennick", "4471", "second"):
        assert piece not in reason


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html>\n<html><head><title>Vennick secret</title></head><body>5 killed</body></html>",
        "  <html lang='en'><body><p>Marovia secret</p></body></html>",
        "\ufeff<HTML><BODY>Marovia secret</BODY></HTML>",
        "<div class='story'><p>Marovia secret</p></div>",
        "<!-- saved page -->\n<p>Marovia secret</p>",
    ],
)
def test_html_saved_as_txt_is_refused_as_html_without_quoting_it(page):
    with pytest.raises(ReportFormatError) as err:
        parse_report(page.encode(), TODAY)
    reason = err.value.reason
    assert err.value.check == "has_header" and "HTML" in reason
    for piece in ("Vennick", "Marovia", "secret", "title", "body", "div", "saved", "<"):
        assert piece not in reason


def test_missing_leading_space_is_named():
    with pytest.raises(ReportFormatError) as err:
        parse_report(b"date 2025-05-02 Kell.", TODAY)
    assert err.value.check == "has_header" and "space" in err.value.reason


# --- normalisation: invisible and look-alike characters --------------------------------------


@pytest.mark.parametrize(
    "written, read",
    [
        ("1\u200b0 soldiers were killed", "10 soldiers were killed"),  # zero-width space
        ("1\u200d0 and 2\u2060 0", "10 and 2 0"),  # zero-width joiner, word joiner
        ("were kil\u00adled", "were killed"),  # soft hyphen
        ("\u200eKell\u200f \u202aDorn\u202c", "Kell Dorn"),  # bidi marks and embeddings
        ("a\ufeffb", "ab"),  # a BOM inside the text
        ("12\u00a0killed", "12 killed"),  # no-break space
        ("12\u202fkilled\u2009in\u3000Varda", "12 killed in Varda"),  # narrow, thin, ideographic
        ("\u0661\u0662 killed", "12 killed"),  # Arabic-Indic digits
        ("\u06f3\u06f4 and \u0967\u0968", "34 and 12"),  # Persian and Devanagari digits
        ("\uff11\uff12 killed", "12 killed"),  # fullwidth digits
        ("\uff2b\uff45\uff4c\uff4c\uff0c\uff08x\uff09", "Kell,(x)"),  # fullwidth letters, punctuation
        ("\uff76\uff9e", "\u30ac"),  # halfwidth katakana ka + voiced mark compose
        ("One.\u2028Two.\u2029Three.", "One.\nTwo.\nThree."),  # line and paragraph separators
        ("a\x0bb\x0cc\x1bd\x85e", "a b c d e"),  # other control characters become spaces
        ("tab\tstays", "tab\tstays"),
    ],
)
def test_normalize_rules(written, read):
    assert normalize(written) == read


@pytest.mark.parametrize(
    "kept",
    [
        "Wait\u2026 then",  # ellipsis is not expanded to three dots
        "km\u00b2 and x\u00b9",  # superscripts stay
        "\ufb01re",  # the fi ligature outside the fullwidth block stays
        "\u201cKell\u201d \u2013 Dorn\u2019s \u2014",  # curly quotes and dashes
        "Caf\u00e9 \u015e\u0131rnak \u0410\u041c\u0425",
        "\u00bd of 10",  # vulgar fraction is not a digit
    ],
)
def test_normalize_keeps_what_is_not_invisible_or_look_alike(kept):
    assert normalize(kept) == kept


def test_normalize_composes_after_removing_invisible_characters():
    # 'e', a zero-width space, then a combining acute accent: one composed letter at the end
    assert normalize("caf" + "e\u200b\u0301") == "caf\u00e9"


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_parse_report_publishes_the_normalised_body():
    raw = " date 2025-05-02 1\u200b0 soldiers were kil\u00adled in\u00a0Kell.".encode()
    assert parse_report(raw, TODAY).body == "10 soldiers were killed in Kell."


def test_engine_reads_ten_through_a_zero_width_space():
    from tests.engine_helpers import FRIDAY, one

    parsed = parse_report(f" date {FRIDAY} 1\u200b0 soldiers were killed.".encode(), TODAY)
    fig = one(parsed.body, parsed.published_date)
    assert (fig.value_low, fig.value_high) == (10, 10)
    assert parsed.body[fig.char_start : fig.char_end] == fig.quote


def test_engine_reads_killed_through_a_soft_hyphen():
    from tests.engine_helpers import FRIDAY, one

    parsed = parse_report(f" date {FRIDAY} Seven villagers were kil\u00adled in Dorn.".encode(), TODAY)
    fig = one(parsed.body, parsed.published_date)
    assert (fig.value_low, fig.value_high) == (7, 7)


# --- the real eval reports are untouched by the new rules ------------------------------------


def _eval_texts():
    return sorted(SHARED_EVAL.glob("*/*.txt")) if SHARED_EVAL.is_dir() else []


@pytest.mark.eval
@pytest.mark.skipif(not _eval_texts(), reason="needs ../shared/eval")
def test_normalize_changes_nothing_in_the_eval_reports():
    # the eval bodies were published with only line endings and NFC: any further change would move
    # their report ids and every figure quote downstream
    for path in _eval_texts():
        text = decode(path.read_bytes())
        before = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        assert normalize(text) == before, path.name


def test_a_long_date_token_is_not_quoted():
    secret = "root:x:0:0:root:/root:/bin/bash"
    with pytest.raises(ReportFormatError) as err:
        parse_report(f" date {secret} text".encode(), dt.date(2025, 6, 1))
    assert err.value.check == "date_format" and secret not in err.value.reason
