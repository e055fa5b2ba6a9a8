"""A hostile inbox, written by the tests: every kind of entry a user or a busy server leaves in
a raw folder, with the fate each must get (published, or rejected by a named check)."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.ingest.inbox import MAX_REPORT_BYTES

HEADER = " date 2025-05-02 "
ARTICLE = (
    "Dorn clashes leave 12 dead\n\nVARDA, May 2 -- Twelve soldiers were killed and 7 others were "
    "injured when fighters attacked an army post near Kell on Friday, the Marovian army said.\n\n"
    "A spokesman for the Vennick Front said its fighters had killed 30 soldiers in the raid."
)
SECRET = "SECRET-SYSTEM-FILE-CONTENT-0451"


def _report(body: str, date: str = "2025-05-02") -> str:
    return f" date {date} {body}"


def write_bad_inbox(tmp: Path) -> tuple[Path, dict[str, str | None]]:
    """(raw folder, {entry name: expected rejection check, or None when it is published})."""
    raw = tmp / "raw"
    raw.mkdir()
    outside = tmp / "outside.txt"
    outside.write_text(SECRET + _report(ARTICLE))
    expect: dict[str, str | None] = {}

    def put(name: str, data: str | bytes, fate: str | None) -> None:
        path = raw / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = fate

    put("plain.txt", _report(ARTICLE), None)
    put(
        "huge number.txt",
        _report("100000000000000000000 soldiers were killed in Kell, officials said."),
        None,
    )
    put("many-digits.txt", _report("1" * 5000 + " soldiers were killed in Dorn, the army said."), None)
    put("crlf.txt", _report(ARTICLE.replace("\n", "\r\n"), "2025-05-03"), None)
    put("bom.txt", b"\xef\xbb\xbf" + _report(ARTICLE, "2025-05-04").encode(), None)
    put("utf16.txt", _report(ARTICLE, "2025-05-05").encode("utf-16"), None)
    put(
        "latin1.txt",
        _report("Caf\xe9 owners said 3 people were killed in Kell.").encode("latin-1"),
        "is_utf8",
    )
    put("page-saved.txt", "<!DOCTYPE html><html><body><p>5 killed</p></body></html>", "has_header")
    put(
        "zero width.txt",
        _report("1\u200b0 soldiers were killed in Dorn on Monday, the army said.", "2025-05-06"),
        None,
    )
    put("soft-hyphen.txt", _report("Police said 4 people were kil\u00adled in Varda.", "2025-05-07"), None)
    put(
        "Kéll-ñews 報告.txt", _report("Rebels said they had killed 9 soldiers near Kell.", "2025-05-08"), None
    )
    put("second-name.txt", _report(ARTICLE), "unique_text")  # plain.txt under another name
    put("plain_one_char_changed.txt", _report(ARTICLE.replace("Friday", "Fridav")), "near_duplicate")
    put(
        "long-line.txt",
        _report(" ".join([ARTICLE.replace("\n", " ")] * 2500)[:1_000_000], "2025-05-09"),
        None,
    )
    put("too-big.txt", _report("x" * (MAX_REPORT_BYTES + 10)), "size_limit")
    put("no-numbers.txt", _report("Talks between Dorn and Varda resumed on Friday.", "2025-05-10"), None)
    put("notes.md", "not a report", "is_report_file")
    put(".hidden.txt", _report(ARTICLE, "2025-05-11"), "not_hidden")
    (raw / "sub").mkdir()
    (raw / "sub" / "inner.txt").write_text(_report(ARTICLE, "2025-05-12"))
    expect["sub"] = "is_regular_file"
    (raw / "folder.txt").mkdir()
    expect["folder.txt"] = "is_regular_file"
    os.mkfifo(raw / "pipe.txt")
    expect["pipe.txt"] = "is_regular_file"
    os.symlink(tmp / "nowhere.txt", raw / "dangling.txt")
    expect["dangling.txt"] = "link_resolves"
    os.symlink(outside, raw / "escape.txt")
    expect["escape.txt"] = "link_inside_inbox"
    os.symlink("plain.txt", raw / "inside-link.txt")
    expect["inside-link.txt"] = "unique_text"  # read, and the same text as plain.txt
    put("sources.tsv", b"file\tpublisher\n\xff\xfe bad", "sidecar_readable")
    return raw, expect
