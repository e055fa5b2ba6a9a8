"""Compare two builds of the same inbox file by file (make crosspy).

python -m pipeline.publish.compare_releases OUT_A OUT_B

Each argument is a build's output folder (its ``latest`` release is read) or a release folder.
Release folder names hold a timestamp, so files are matched by their path inside the release.
Every Parquet file must have the same sha256 on both sides: the exit status is 1, naming the
files, when one differs or exists on one side only. Other files (manifest, DuckDB, JSON) are
listed as same/differs for information; they may carry build times or engine-internal bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.publish.release import sha256_file


def release_dir(path: Path) -> Path:
    """``path/latest`` when ``path`` is an output folder, else ``path`` itself."""
    latest = path / "latest"
    return latest.resolve() if latest.is_dir() else path


def file_hashes(release: Path) -> dict[str, str]:
    files = (p for p in sorted(release.rglob("*")) if p.is_file())
    return {p.relative_to(release).as_posix(): sha256_file(p) for p in files}


def compare(a: Path, b: Path) -> tuple[list[str], list[str], int]:
    """(report lines, differing Parquet files, Parquet files compared) for two releases."""
    ha, hb = file_hashes(a), file_hashes(b)
    lines, bad = [], []
    for name in sorted(ha.keys() | hb.keys()):
        x, y = ha.get(name), hb.get(name)
        state = "same" if x == y else ("only in A" if y is None else "only in B" if x is None else "DIFFERS")
        lines.append(f"  {state:<9} {name}  {x or '-'}" + ("" if x == y else f"  {y or '-'}"))
        if name.endswith(".parquet") and x != y:
            bad.append(name)
    return lines, bad, sum(name.endswith(".parquet") for name in ha.keys() | hb.keys())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.publish.compare_releases", description=__doc__)
    ap.add_argument("a", type=Path, help="first build's output folder or release folder")
    ap.add_argument("b", type=Path, help="second build's output folder or release folder")
    args = ap.parse_args(argv)
    a, b = release_dir(args.a), release_dir(args.b)
    for p in (a, b):
        if not p.is_dir():
            print(f"no release at {p}", file=sys.stderr)
            return 2
    lines, bad, n = compare(a, b)
    print(f"A: {a}\nB: {b}")
    print("\n".join(lines))
    if bad:
        print(f"Parquet files differ: {', '.join(bad)}", file=sys.stderr)
        return 1
    print(f"all {n} Parquet files identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
