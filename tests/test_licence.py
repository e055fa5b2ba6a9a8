"""Licence and citation: one licence for the data, said the same everywhere, with its sources."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

import pipeline
from pipeline.publish.licence import CODE_LICENSE, DATA_LICENSE, SOURCES

ROOT = Path(__file__).resolve().parents[1]


def test_code_licence_file_matches_the_package_metadata():
    assert (ROOT / "LICENSE").read_text().startswith(f"{CODE_LICENSE} License")
    assert f'license = "{CODE_LICENSE}"' in (ROOT / "pyproject.toml").read_text()


def test_citation_file_names_this_version_and_the_data_licence():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == pipeline.__version__
    assert cff["license"] == DATA_LICENSE["name"]
    assert "content_fingerprint" in cff["message"]
    assert any(r["title"] == "GeoNames" for r in cff["references"])


def test_release_says_its_licence_and_credits_its_sources(built):
    _, out, manifest = built
    package = json.loads((out / "latest" / "datapackage.json").read_text())
    assert manifest["license"]["name"] == package["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("GeoNames" in s["title"] for s in manifest["sources"])
    assert [s["title"] for s in package["sources"]] == [s["title"] for s in SOURCES]


def test_readme_states_the_same_licences():
    readme = (ROOT / "README.md").read_text()
    assert "CC BY 4.0" in readme and "MIT" in readme and "GeoNames" in readme
    assert "CITATION.cff" in readme
