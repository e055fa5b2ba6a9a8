"""Where UI runs keep the tables between assets, and what path the UI shows for each.

A UI run's intermediate tables are pickles under the Dagster instance's storage, one folder
per output folder (so one asset can be re-run alone, and UIs building other folders never
share them). The ``path`` an asset shows is not that pickle: for a published table it is the
file users open, ``OUT/latest/<table>.parquet``, which the run's release asset writes (or
keeps, when the content is unchanged) at the end of the same run."""

from __future__ import annotations

import hashlib
import os
import pickle
import uuid
from pathlib import Path

import dagster as dg

from schemas import REJECTED_TABLES, TABLES

PUBLISHED_TABLES = frozenset(TABLES) | frozenset(REJECTED_TABLES)


class UiTableIOManager(dg.ConfigurableIOManager):
    """Pickles intermediate tables under ``base_dir``; shows published tables' released path."""

    base_dir: str
    out_dir: str

    def _pickle(self, key: dg.AssetKey) -> Path:
        return Path(self.base_dir, *key.path[:-1], f"{key.path[-1]}.pickle")

    def published_path(self, key: dg.AssetKey) -> Path | None:
        name = key.path[-1]
        return Path(self.out_dir) / "latest" / f"{name}.parquet" if name in PUBLISHED_TABLES else None

    def handle_output(self, context: dg.OutputContext, obj: object) -> None:
        path = self._pickle(context.asset_key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        with tmp.open("wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # a run that dies mid-write never leaves half a table
        if (published := self.published_path(context.asset_key)) is not None:
            context.add_output_metadata({"path": dg.MetadataValue.path(str(published))})

    def load_input(self, context: dg.InputContext) -> object:
        with self._pickle(context.asset_key).open("rb") as fh:
            return pickle.load(fh)


def ui_io_manager(out_path: Path, dagster_home: Path) -> UiTableIOManager:
    key = hashlib.sha256(str(out_path).encode()).hexdigest()[:16]
    return UiTableIOManager(base_dir=str(dagster_home / "storage" / f"out-{key}"), out_dir=str(out_path))
