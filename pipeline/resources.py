"""Dagster resources: where to read and write, and the curated knowledge."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dagster as dg

from pipeline.extract_cache import CACHE_DIR_NAME, ExtractionCache, directory_fingerprint
from pipeline.ingest.partitions import inbox_partitions
from pipeline.knowledge.actors import DATA_DIR, ActorDictionary, load_actor_dictionary
from pipeline.knowledge.gazetteer import Gazetteer, load_gazetteer
from pipeline.learn.kind_model import ENV_KIND_CV, cv_from_env
from pipeline.partition_store import PartitionStore, is_uri, store_root

ENV_RAW, ENV_OUT, ENV_BUILD_DATE = "CONFLICT_CLAIMS_RAW", "CONFLICT_CLAIMS_OUT", "CONFLICT_CLAIMS_BUILD_DATE"
ENV_CACHE = "CONFLICT_CLAIMS_CACHE"  # a folder for the extraction cache, or "off"
# where month partitions are kept: a folder or an fsspec URI (s3://bucket/prefix); empty means
# OUT/.store/raw-<key>; CONFLICT_CLAIMS_STORE_OPTIONS is JSON of fsspec options for a URI
ENV_STORE, ENV_STORE_OPTIONS = "CONFLICT_CLAIMS_STORE", "CONFLICT_CLAIMS_STORE_OPTIONS"
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
    store_dir: str = ""  # the month partitions: empty means OUT/.store/raw-<key>; a folder or a URI
    store_options: str = "{}"  # JSON: fsspec options for a store URI (endpoint, credentials)

    @classmethod
    def from_env(cls) -> BuildSettings:
        return cls(
            raw_dir=os.environ.get(ENV_RAW, "raw"),
            out_dir=os.environ.get(ENV_OUT, "output"),
            build_date=os.environ.get(ENV_BUILD_DATE, ""),
            cache_dir=os.environ.get(ENV_CACHE, ""),
            store_dir=os.environ.get(ENV_STORE, ""),
            store_options=os.environ.get(ENV_STORE_OPTIONS, "{}"),
        )

    def raw_path(self) -> Path:
        return Path(self.raw_dir).expanduser().resolve()

    def out_path(self) -> Path:
        return Path(self.out_dir).expanduser().resolve()

    def store_location(self) -> str:
        """This raw folder's month partitions, under OUT or the store folder or URI set."""
        base = self.store_dir or str(self.out_path())
        return store_root(base if is_uri(base) else Path(base).expanduser().resolve(), self.raw_path())

    def partition_store(self) -> PartitionStore:
        return PartitionStore(base_dir=self.store_location(), storage_options=self.store_options)

    def entry_partitions(self) -> dict[str, str]:
        """Every raw entry's month partition (pipeline/ingest/partitions.py), the months of
        entries seen before kept in a memo beside this raw folder's local store."""
        memo = Path(store_root(self.out_path(), self.raw_path())) / "entry_months.json"
        return inbox_partitions(self.raw_path(), memo)

    def month_entries(self, month: str) -> list[str]:
        return sorted(name for name, m in self.entry_partitions().items() if m == month)

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
