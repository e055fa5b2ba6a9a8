"""Writing releases: Parquet, DuckDB, manifest; atomically, immutably."""
