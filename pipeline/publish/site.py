"""The static release page: ``OUT/site/index.html`` lists every release in ``OUT/releases``
(newest first, the one ``latest`` names marked) with its downloads, their sha256 and size, its
row counts and changes, the licence and citation, the data dictionary, and plots of the latest
release as inline SVG.

One self-contained file: no script, no external resource (a Content-Security-Policy says so to
the browser), links relative to ``site/`` so it works from ``file://`` and over HTTP alike. The
same releases give the same bytes: nothing depends on the clock, everything is sorted.

``write_site`` reads the folders into plain values and writes the file; everything between is
pure (values in, HTML text out), so tests can render made-up releases."""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from pipeline import data_dictionary
from pipeline.publish.bundle import (
    MANIFEST_NAME,
    SHA256SUMS,
    fsync_path,
    parse_sha256sums,
    sha256_file,
    zip_name,
)
from pipeline.publish.changes import CHANGE_TABLES
from pipeline.publish.site_plots import claimant_sides_svg, events_map_svg, figures_by_month_svg
from schemas import SCHEMA_VERSION
from schemas.changes import CHANGE_KINDS

SITE_DIR = "site"
INDEX_NAME = "index.html"
# The columns the plots read, so a release with a table missing still renders (empty plot).
PLOT_COLUMNS = {
    "figures": ["figure_id", "report_id", "incident_id", "category", "event_date", "claimant_actor_id"],
    "reports": ["report_id", "published_date"],
    "actors": ["actor_id", "name", "kind", "country_iso3", "parent_actor_id"],
    "events": [
        "incident_id",
        "date_start",
        "country_iso3",
        "location_name",
        "place_name",
        "latitude",
        "longitude",
        "killed_best",
        "n_claims",
        "side_a_actor_id",
        "side_b_actor_id",
    ],
}


@dataclass(frozen=True)
class FileInfo:
    name: str
    sha256: str
    size: int
    rows: int | None  # for tables (Parquet, CSV): from the manifest


@dataclass(frozen=True)
class Release:
    version: str  # the folder's name under releases/
    manifest: dict
    files: tuple[FileInfo, ...]  # the downloads present in the folder, in page order
    changes: pd.DataFrame  # columns table, change (empty: nothing changed, or a first release)


def download_rank(name: str, version: str) -> int | None:
    """Where a file goes in a release's download list; None for a file the page does not link."""
    fixed = ["datapackage.json", "CHANGES.md", MANIFEST_NAME, SHA256SUMS, zip_name(version)]
    if name in fixed:
        return 3 + fixed.index(name)
    for rank, suffix in enumerate((".parquet", ".duckdb", ".csv.gz")):
        if name.endswith(suffix) and not name.startswith("."):
            return rank
    return None


# Reading (disk): only write_site calls these.


def _read_files(folder: Path, manifest: dict) -> tuple[FileInfo, ...]:
    """The linked files that exist; hashes from SHA256SUMS when there is one (it covers the
    manifest too), else the manifest, else (manifest.json itself) hashed here."""
    version = folder.name  # the name links and the zip use (the same as the manifest's version)
    listed = manifest.get("files", {})
    sums_path = folder / SHA256SUMS
    sums = parse_sha256sums(sums_path.read_text(encoding="utf-8")) if sums_path.is_file() else {}
    names = [p.name for p in folder.iterdir() if p.is_file() and download_rank(p.name, version) is not None]
    out = []
    for name in sorted(names, key=lambda x: (download_rank(x, version), x)):
        path = folder / name
        digest = sums.get(name) or listed.get(name, {}).get("sha256") or sha256_file(path)
        out.append(FileInfo(name, digest, path.stat().st_size, listed.get(name, {}).get("rows")))
    return tuple(out)


def _read_changes(folder: Path) -> pd.DataFrame:
    path = folder / "changes.parquet"
    if not path.is_file():
        return pd.DataFrame(columns=["table", "change"])
    return pd.read_parquet(path, columns=["table", "change"])


def _read_release(folder: Path) -> Release | None:
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # not a release (a folder left by hand, or half-copied)
    return Release(folder.name, manifest, _read_files(folder, manifest), _read_changes(folder))


def _read_plot_tables(folder: Path) -> dict[str, pd.DataFrame]:
    out = {}
    for table, columns in PLOT_COLUMNS.items():
        path = folder / f"{table}.parquet"
        out[table] = (
            pd.read_parquet(path, columns=columns) if path.is_file() else pd.DataFrame(columns=columns)
        )
    return out


def _latest_version(out_dir: Path) -> str | None:
    """The release ``latest`` links to (else the one ``LATEST`` names)."""
    link = out_dir / "latest"
    if link.is_symlink():
        return Path(os.readlink(link)).name
    marker = out_dir / "LATEST"
    return (marker.read_text(encoding="utf-8").strip() or None) if marker.is_file() else None


def write_site(out_dir: Path) -> Path:
    """Write ``out_dir/site/index.html`` from every release in ``out_dir/releases`` and return
    its path. Atomic: the page is written to a temporary file beside it, flushed, then renamed
    over the old one, so a reader sees the old page or the new one, never a part."""
    out_dir = Path(out_dir)
    releases_dir = out_dir / "releases"
    found = releases_dir.iterdir() if releases_dir.is_dir() else []
    folders = sorted(p for p in found if p.is_dir() and not p.name.startswith("."))
    releases = [r for r in map(_read_release, folders) if r is not None]
    latest = _latest_version(out_dir)
    shown = latest if any(r.version == latest for r in releases) else None
    plot_source = shown or (newest_first(releases)[0].version if releases else None)
    tables = _read_plot_tables(releases_dir / plot_source) if plot_source else None
    page = render_page(releases, shown, tables).encode("utf-8")
    site = out_dir / SITE_DIR
    site.mkdir(parents=True, exist_ok=True)
    tmp = site / f".{INDEX_NAME}.{uuid.uuid4().hex}.tmp"
    try:
        tmp.write_bytes(page)
        fsync_path(tmp)
        os.replace(tmp, site / INDEX_NAME)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_path(site)  # the rename itself reaches the disk
    return site / INDEX_NAME


# Rendering (pure): values in, HTML text out.


def newest_first(releases: list[Release]) -> list[Release]:
    return sorted(releases, key=lambda r: (r.manifest.get("built_at", ""), r.version), reverse=True)


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} B"


def file_href(version: str, name: str) -> str:
    """Relative to site/index.html, URL-quoted: works from file:// and over HTTP."""
    return f"../releases/{quote(version, safe='')}/{quote(name, safe='')}"


def files_table(release: Release) -> str:
    rows = []
    for f in release.files:
        rows.append(
            "<tr>"
            f'<td><a class="download" href="{escape(file_href(release.version, f.name))}">'
            f"{escape(f.name)}</a></td>"
            f'<td class="num">{"" if f.rows is None else f"{f.rows:,}"}</td>'
            f'<td class="num" title="{f.size:,} bytes">{human_size(f.size)}</td>'
            f'<td><code class="sha">{escape(f.sha256)}</code></td>'
            "</tr>"
        )
    return (
        '<table class="files"><thead><tr><th>file</th><th class="num">rows</th>'
        '<th class="num">size</th><th>sha256</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )


def changes_table(changes: pd.DataFrame, has_older: bool) -> str:
    if changes.empty:
        text = (
            "No figure, incident, actor or place changed since the release before it."
            if has_older
            else "The first release of this output folder: every row is new."
        )
        return f'<p class="changes">{text}</p>'
    counts = Counter(zip(changes["table"], changes["change"], strict=True))
    tables = [*CHANGE_TABLES, *sorted(set(changes["table"]) - set(CHANGE_TABLES))]
    head = "".join(f'<th class="num">{k}</th>' for k in CHANGE_KINDS)
    body = "".join(
        f"<tr><td>{escape(str(t))}</td>"
        + "".join(f'<td class="num">{counts[(t, k)]}</td>' for k in CHANGE_KINDS)
        + "</tr>"
        for t in tables
    )
    return (
        f'<table class="changes"><thead><tr><th>changes</th>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def release_section(release: Release, is_latest: bool, has_older: bool) -> str:
    m = release.manifest
    badge = ' <span class="badge">latest</span>' if is_latest else ""
    facts = [
        ("built", m.get("built_at", "")),
        ("schema", m.get("schema_version", "")),
        ("extractor", m.get("extractor_version", "")),
        ("content fingerprint", m.get("content_fingerprint", "")),
    ]
    dl = "".join(f"<dt>{k}</dt><dd>{escape(str(v))}</dd>" for k, v in facts if v)
    cls = "release latest" if is_latest else "release"
    return (
        f'<section class="{cls}" id="release-{escape(quote(release.version, safe=""))}">'
        f"<h3>{escape(release.version)}{badge}</h3><dl>{dl}</dl>"
        + changes_table(release.changes, has_older)
        + files_table(release)
        + "</section>"
    )


def licence_section(manifest: dict) -> str:
    lic = manifest.get("license", {})
    title = escape(lic.get("title") or lic.get("name") or "")
    path = lic.get("path", "")
    licence = f'<a href="{escape(path)}">{title}</a>' if path.startswith("https://") else title
    sources = "".join(
        "<tr>"
        f"<td>{_maybe_link(s.get('title', ''), s.get('path', ''))}</td>"
        f"<td>{escape(s.get('license', ''))}</td><td>{escape(s.get('used_for', ''))}</td>"
        "</tr>"
        for s in manifest.get("sources", [])
    )
    cite = f"conflict-claims, release {manifest.get('version', '')}, content fingerprint " + str(
        manifest.get("content_fingerprint", "")
    )
    return (
        '<section id="licence"><h2>Licence and citation</h2>'
        f"<p>The data are published under {licence} ({escape(lic.get('name', ''))}).</p>"
        f"<p>{escape(manifest.get('license_note', ''))}</p>"
        f"<p>Citation: {escape(manifest.get('citation', ''))}. For the latest release:</p>"
        f'<pre class="cite">{escape(cite)}</pre>'
        '<table class="sources"><thead><tr><th>source</th><th>licence</th><th>used for</th></tr></thead>'
        f"<tbody>{sources}</tbody></table></section>"
    )


def _maybe_link(text: str, path: str) -> str:
    """A source's title, a link when its path is a web address (others are repository paths)."""
    if path.startswith(("https://", "http://")):
        return f'<a href="{escape(path)}">{escape(text)}</a>'
    return f"{escape(text)} <code>{escape(path)}</code>" if path else escape(text)


def dictionary_section() -> str:
    parts = [
        '<section id="dictionary"><h2>Data dictionary</h2>'
        f"<p>Generated from the schemas (schema version {escape(SCHEMA_VERSION)}).</p>"
    ]
    for t in data_dictionary.tables():
        rows = "".join(
            f"<tr><td><code>{escape(c.name)}</code></td><td>{escape(c.arrow_type)}</td>"
            f"<td>{'yes' if c.nullable else 'no'}</td><td>{escape(c.meaning)}</td></tr>"
            for c in t.columns
        )
        parts.append(
            f"<details><summary><code>{escape(t.name)}</code> ({len(t.columns)} columns)</summary>"
            f"<p>{escape(t.doc)}</p>"
            '<table class="dict"><thead><tr><th>column</th><th>type</th><th>null</th><th>meaning</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></details>"
        )
    for column, vocab in data_dictionary.vocabularies():
        items = "".join(f"<dt><code>{escape(k)}</code></dt><dd>{escape(v)}</dd>" for k, v in vocab.items())
        parts.append(
            f"<details><summary>Values of <code>{escape(column)}</code></summary>"
            f'<dl class="vocab">{items}</dl></details>'
        )
    return "".join(parts) + "</section>"


def plots_section(version: str, tables: dict[str, pd.DataFrame]) -> str:
    return (
        f'<section id="plots"><h2>The latest release at a glance</h2><p>Release {escape(version)}.</p>'
        + figures_by_month_svg(tables["figures"], tables["reports"])
        + claimant_sides_svg(tables["figures"], tables["actors"], tables["events"])
        + events_map_svg(tables["events"])
        + "</section>"
    )


def render_page(releases: list[Release], latest: str | None, tables: dict[str, pd.DataFrame] | None) -> str:
    """The whole page. ``latest``: the version ``latest`` names (marked), or None; ``tables``:
    the plotted release's figures, reports, actors and events (PLOT_COLUMNS), or None."""
    ordered = newest_first(releases)
    main = next((r for r in ordered if r.version == latest), ordered[0] if ordered else None)
    parts = []
    if main is not None and tables is not None:
        parts.append(plots_section(main.version, tables))
    parts.append(f'<section id="releases"><h2>Releases ({len(ordered)})</h2>')
    parts += [
        release_section(r, r.version == latest, has_older=i + 1 < len(ordered)) for i, r in enumerate(ordered)
    ]
    if not ordered:
        parts.append("<p>No release has been built yet.</p>")
    parts.append("</section>")
    if main is not None:
        parts.append(licence_section(main.manifest))
    parts.append(dictionary_section())
    return _document("".join(parts), len(ordered) > 0)


def _document(body: str, any_release: bool) -> str:
    nav = [("#plots", "plots"), ("#releases", "releases"), ("#licence", "licence")] if any_release else []
    nav.append(("#dictionary", "data dictionary"))
    links = " · ".join(f'<a href="{h}">{t}</a>' for h, t in nav)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # nothing but this file and same-origin downloads; data: icon so no favicon request fails
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; connect-src 'self'\">"
        '<link rel="icon" href="data:,">'
        "<title>conflict-claims releases</title>"
        f"<style>{CSS}</style></head><body>"
        "<header><h1>conflict-claims</h1><p>An open dataset of armed-conflict figures, each with "
        f"its claimant and the exact words of its report.</p><nav>{links}</nav></header>"
        f"<main>{body}</main></body></html>\n"
    )


CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d232a;background:#fff;"
    "margin:0;line-height:1.45}"
    "header{background:#17324d;color:#fff;padding:1.2rem 1.5rem}"
    "header h1{margin:0;font-size:1.6rem}header p{margin:.3rem 0 .6rem;color:#d6e2ee}"
    "header a{color:#fff}"
    "main{max-width:62rem;margin:0 auto;padding:0 1.5rem 3rem}"
    "h2{margin-top:2.2rem;border-bottom:2px solid #17324d;padding-bottom:.2rem}"
    ".release h3{margin:0 0 .4rem;font-family:ui-monospace,monospace;font-size:1.05rem}"
    "figure h3{margin:0 0 .4rem;font-size:1.05rem}"
    "figure{margin:1.2rem 0 1.8rem}svg.plot{width:100%;height:auto;display:block}"
    "figcaption{font-size:.85rem;color:#4a5560;margin-top:.3rem}"
    "table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;width:100%}"
    "th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e3e7eb;vertical-align:top}"
    "thead th{background:#eef2f6}.num{text-align:right;white-space:nowrap}"
    "table.changes{width:auto}"
    "code{font-family:ui-monospace,'DejaVu Sans Mono',monospace}"
    "code.sha{font-size:.72rem;color:#4a5560;word-break:break-all}"
    ".release{border:1px solid #d5dce3;border-radius:6px;padding:1rem;margin:1rem 0}"
    ".release.latest{border:2px solid #0072B2;background:#f7fbfe}"
    ".badge{background:#0072B2;color:#fff;border-radius:3px;padding:0 .4rem;font-size:.8rem;"
    "font-family:system-ui,sans-serif;vertical-align:middle}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.4rem 0;"
    "font-size:.85rem}dt{color:#4a5560}dd{margin:0;word-break:break-all}"
    "details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}"
    "pre.cite{background:#eef2f6;padding:.6rem;white-space:pre-wrap;word-break:break-all}"
    "a{color:#0b5ea8}"
)
