"""Dagster resources: where to read and write, and the curated knowledge."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dagster as dg

from pipeline.extract_cache import CACHE_DIR_NAME, ExtractionCache, directory_fingerprint
from pipeline.knowledge.actors import DATA_DIR, ActorDictionary, load_actor_dictionary
from pipeline.knowledge.gazetteer import Gazetteer, load_gazetteer
from pipeline.learn.kind_model import ENV_KIND_CV, cv_from_env

ENV_RAW, ENV_OUT, ENV_BUILD_DATE = "CONFLICT_CLAIMS_RAW", "CONFLICT_CLAIMS_OUT", "CONFLICT_CLAIMS_BUILD_DATE"
ENV_CACHE = "CONFLICT_CLAIMS_CACHE"  # a folder for the extraction cache, or "off"
# CONFLICT_CLAIMS_KIND_CV=1: the counted-kind model refines each report with the model trained
# without that report's fold (cross-validated scores; make eval). Read by the extraction step
# (pipeline.tables.extract_all) when it runs; `conflict-claims build --kind-cv` sets it.
__all__ = ["ENV_KIND_CV", "BuildSettings", "Knowledge", "kind_cv"]


def kind_cv() -> bool:
    """Whether this process builds in CV mode ($CONFLICT_CLAIMS_KIND_CV)."""
    return cv_from_env()


class BuildSettings(dg.ConfigurableResource):
    """Folders of one build. Relative paths are taken from the working directory."""

    raw_dir: str = "raw"
    out_dir: str = "output"
    build_date: str = ""  # YYYY-MM-DD; empty means today (UTC). Reports dated later are rejected.
    cache_dir: str = ""  # the extraction cache: empty means OUT/.cache/extract; "off" keeps none

    @classmethod
    def from_env(cls) -> BuildSettings:
        return cls(
            raw_dir=os.environ.get(ENV_RAW, "raw"),
            out_dir=os.environ.get(ENV_OUT, "output"),
            build_date=os.environ.get(ENV_BUILD_DATE, ""),
            cache_dir=os.environ.get(ENV_CACHE, ""),
        )

    def raw_path(self) -> Path:
        return Path(self.raw_dir).expanduser().resolve()

    def out_path(self) -> Path:
        return Path(self.out_dir).expanduser().resolve()

    def extraction_cache(self, knowledge: Knowledge) -> ExtractionCache | None:
        """The content cache of extraction results (pipeline/extract_cache.py), or None when off."""
        if self.cache_dir == "off":
            return None
        root = (
            Path(self.cache_dir).expanduser().resolve()
            if self.cache_dir
            else self.out_path() / CACHE_DIR_NAME
        )
        return ExtractionCache(root / "extract", {"knowledge": knowledge.fingerprint()})

    def build_day(self) -> dt.date:
        if self.build_date:
            try:
                return dt.date.fromisoformat(self.build_date)
            except ValueError:
                raise ValueError(f"build date {self.build_date!r} is not a date (YYYY-MM-DD)") from None
        return dt.datetime.now(dt.UTC).date()


class Knowledge(dg.ConfigurableResource):
    """The curated knowledge: the actor dictionary (countries, armed groups, organisations,
    state bodies) and the gazetteer (GeoNames towns, ISO 3166 countries and subdivisions,
    curated spellings)."""

    data_dir: str = ""  # empty: the files shipped in pipeline/knowledge/data

    def actors(self) -> ActorDictionary:
        return load_actor_dictionary(self.data_path())

    def gazetteer(self) -> Gazetteer:
        return load_gazetteer(self.data_path())

    def data_path(self) -> Path:
        return Path(self.data_dir) if self.data_dir else DATA_DIR

    def fingerprint(self) -> str:
        """The knowledge files' names and bytes (what a cached extraction was read with)."""
        return directory_fingerprint(self.data_path())
