"""The release page's pure parts, without a browser: empty releases, hostile names, the same
bytes twice, and links to exactly the files a release folder holds."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from pipeline.publish.bundle import zip_name
from pipeline.publish.site import (
    PLOT_COLUMNS,
    FileInfo,
    Release,
    download_rank,
    render_page,
    write_site,
)
from pipeline.publish.site_plots import map_extent

HOSTILE = '<img src=x onerror="alert(1)">'


def empty_tables() -> dict[str, pd.DataFrame]:
    return {t: pd.DataFrame(columns=c) for t, c in PLOT_COLUMNS.items()}


def manifest(version: str, files: dict[str, dict] | None = None) -> dict:
    return {
        "version": version,
        "built_at": f"{version[:4]}-01-01T00:00:00Z",
        "content_fingerprint": "0" * 64,
        "license": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International"},
        "sources": [{"title": "GeoNames", "path": "https://www.geonames.org/", "license": "CC-BY-4.0"}],
        "citation": "cite the release version",
        "files": files or {},
    }


def write_release(out: Path, version: str, files: dict[str, bytes], tables: dict | None = None) -> Path:
    """A release folder by hand: the given files, Parquet tables, and a manifest listing them."""
    folder = out / "releases" / version
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for name, frame in (tables or {}).items():
        frame.to_parquet(folder / f"{name}.parquet")
    listed = {
        p.name: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "bytes": p.stat().st_size}
        for p in sorted(folder.iterdir())
    }
    (folder / "manifest.json").write_text(json.dumps(manifest(version, listed)))
    return folder


def point_latest(out: Path, version: str) -> None:
    os.symlink(f"releases/{version}", out / "latest")


def hostile_tables() -> dict[str, pd.DataFrame]:
    t = empty_tables()
    t["actors"] = pd.DataFrame(
        [{"actor_id": "x-evil", "name": HOSTILE, "kind": "armed_group", "country_iso3": None}]
    ).reindex(columns=PLOT_COLUMNS["actors"])
    t["figures"] = pd.DataFrame(
        [
            {
                "figure_id": "fig-1",
                "report_id": "r",
                "incident_id": "inc-1",
                "category": "killed",
                "claimant_actor_id": "x-evil",
            }
        ]
    ).reindex(columns=PLOT_COLUMNS["figures"])
    t["reports"] = pd.DataFrame([{"report_id": "r", "published_date": pd.Timestamp("2025-03-01").date()}])
    t["events"] = pd.DataFrame(
        [
            {
                "incident_id": "inc-1",
                "location_name": HOSTILE,
                "country_iso3": "AFG",
                "latitude": 34.5,
                "longitude": 69.2,
                "killed_best": 3,
                "n_claims": 1,
                "side_a_actor_id": "x-evil",
            }
        ]
    ).reindex(columns=PLOT_COLUMNS["events"])
    return t


def test_an_empty_release_renders_every_part():
    version = "20250101T000000Z-00000000"
    release = Release(version, manifest(version), (), pd.DataFrame(columns=["table", "change"]))
    page = render_page([release], release.version, empty_tables())
    for plot in ("plot-months", "plot-sides", "plot-map"):
        assert f'id="{plot}"' in page
    assert "No figures in this release." in page
    assert '<span class="badge">latest</span>' in page
    assert "Data dictionary" in page


def test_no_release_at_all(tmp_path):
    page = write_site(tmp_path).read_text()
    assert "No release has been built yet." in page
    assert "<svg" not in page


def test_a_release_folder_with_no_tables(tmp_path):
    write_release(tmp_path, "20250101T000000Z-aaaaaaaa", {"CHANGES.md": b"# Changes\n"})
    point_latest(tmp_path, "20250101T000000Z-aaaaaaaa")
    page = write_site(tmp_path).read_text()
    assert page.count("<svg") == 3
    assert "0 incidents with coordinates" in page


def test_every_text_from_data_is_escaped(tmp_path):
    version = '20250101T000000Z-"><script>x'
    write_release(tmp_path, version, {f"{HOSTILE}.parquet": b"PAR1", "CHANGES.md": b""}, hostile_tables())
    point_latest(tmp_path, version)
    page = write_site(tmp_path).read_text()
    assert "<img" not in page and "<script" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page  # the actor, place and file
    assert "%3Cimg%20src%3Dx%20onerror%3D%22alert%281%29%22%3E.parquet" in page  # the link, quoted


def test_the_same_releases_give_the_same_bytes(tmp_path):
    for version in ("20250101T000000Z-aaaaaaaa", "20250201T000000Z-bbbbbbbb"):
        write_release(tmp_path, version, {"CHANGES.md": b"x"}, hostile_tables())
    point_latest(tmp_path, "20250101T000000Z-aaaaaaaa")
    first = write_site(tmp_path).read_bytes()
    assert write_site(tmp_path).read_bytes() == first
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]  # no temp file left
    # rows in another order give the same plots
    tables = hostile_tables()
    shuffled = {k: v.iloc[::-1] for k, v in tables.items()}
    release = Release("v", manifest("v"), (), pd.DataFrame(columns=["table", "change"]))
    assert render_page([release], "v", tables) == render_page([release], "v", shuffled)


def test_releases_newest_first_with_latest_marked(tmp_path):
    for version in ("20250101T000000Z-aaaaaaaa", "20250201T000000Z-bbbbbbbb"):
        write_release(tmp_path, version, {"CHANGES.md": b"x"})
    point_latest(tmp_path, "20250101T000000Z-aaaaaaaa")  # latest need not be the newest
    page = write_site(tmp_path).read_text()
    assert page.index("<h3>20250201T000000Z-bbbbbbbb</h3>") < page.index("<h3>20250101T000000Z-aaaaaaaa")
    assert "<h3>20250101T000000Z-aaaaaaaa <span" in page


def test_links_are_the_files_the_folder_holds(tmp_path):
    version = "20250101T000000Z-aaaaaaaa"
    folder = write_release(
        tmp_path,
        version,
        {
            "incidents.parquet": b"i",
            "figures.csv.gz": b"c",
            "conflict_claims.duckdb": b"d",
            "datapackage.json": b"{}",
            "CHANGES.md": b"#",
            zip_name(version): b"PK",
            "notes.txt": b"not a download",
            ".partial.parquet": b"a temporary file",
        },
    )
    # the manifest names a file the folder lacks: no link to it
    m = json.loads((folder / "manifest.json").read_text())
    m["files"]["gone.parquet"] = {"sha256": "1" * 64, "bytes": 1}
    (folder / "manifest.json").write_text(json.dumps(m))
    names = sorted(p.name for p in folder.iterdir() if download_rank(p.name, version) is not None)
    sums = "".join(f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n" for n in names)
    (folder / "SHA256SUMS").write_text(sums)
    point_latest(tmp_path, version)
    page = write_site(tmp_path).read_text()
    linked = [h.split('"')[0] for h in page.split('class="download" href="')[1:]]
    prefix = f"../releases/{version}/"
    assert sorted(linked) == sorted(prefix + n for n in [*names, "SHA256SUMS"])
    assert linked[0] == prefix + "incidents.parquet"  # tables first, the zip last
    assert linked[-1] == prefix + zip_name(version)
    # every hash shown is the one SHA256SUMS (which covers manifest.json) gives
    for name in names:
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() in page


def test_file_rows_and_sizes():
    release = Release(
        "v",
        manifest("v"),
        (FileInfo("figures.parquet", "a" * 64, 2_371_584, 12),),
        pd.DataFrame(columns=["table", "change"]),
    )
    page = render_page([release], None, None)
    assert '<td class="num">12</td>' in page and "2.4 MB" in page and 'title="2,371,584 bytes"' in page


def test_map_of_incidents_around_the_world():
    # Mexico, Nigeria and Fiji: over 240 degrees of longitude, past every graticule but the widest
    west, east, south, north, step = map_extent([-99.1, 7.5, 178.4], [19.4, 9.1, -18.1])
    assert step == 30
    assert west <= -99.1 and east >= 178.4 and south <= -18.1 and north >= 19.4
