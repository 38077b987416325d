"""Run one listing ingest and report progress on stdout (driven by test_crash_safety.py).

    python _ingest_child.py DB FEED

Prints `progress DONE TOTAL` as the ingest streams, then `summary {json}` when it has committed.
With `SMALL_CACHE=1` in the environment the page cache is cut to 256 KiB, so that the open
transaction spills pages into the WAL as it goes: a kill then leaves uncommitted frames on disk,
which recovery must ignore.
"""

from __future__ import annotations

import json
import os
import sys

from headspec.catalog import Catalog


def main() -> None:
    db, feed = sys.argv[1], sys.argv[2]

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    with Catalog(db) as cat:
        if os.environ.get("SMALL_CACHE") == "1":
            cat.store.execute("PRAGMA cache_size = -256")
        summary = cat.ingest_listings(feed, progress=progress)
    print("summary " + json.dumps(summary.model_dump(exclude={"seconds", "path"})), flush=True)


if __name__ == "__main__":
    main()
