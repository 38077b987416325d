"""Benchmark: `recommend` latency, cold and warm, the way the CLI and the web app call it.

Builds a temporary catalog from `../shared/data` (or uses `--db`), then prints the first (cold) call,
which reads, deduplicates and scores the candidate pool, and p50/p95/p99 wall and CPU time of warm
calls on one `Catalog` and on a new read-only `Catalog` per call (what each web request does), plus
`POST /api/recommend` through the FastAPI test client.

    .venv/bin/python bench/recommend_latency.py [--db PATH] [--n 50]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared" / "data").resolve()


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def timed(label: str, n: int, call: Callable[[], object]) -> None:
    wall, cpu = [], []
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    print(f"{label:<36} n={n:3d}  wall p50 {pct(wall, .5):6.1f} ms  p95 {pct(wall, .95):6.1f} ms  "
          f"p99 {pct(wall, .99):6.1f} ms  cpu p50 {pct(cpu, .5):6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path,
                        help="an existing catalog (default: build one from ../shared/data)")
    parser.add_argument("--n", type=int, default=50, help="warm calls per figure")
    args = parser.parse_args()

    from rich.progress import Progress

    from headspec.catalog import Catalog
    from headspec.recommend import NeedsProfile, recommend

    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp(prefix="headspec-bench-")) / "catalog.sqlite3"
        with Catalog(db) as cat, Progress(transient=True) as bar:
            task = bar.add_task("building the catalog", total=3)
            cat.ingest_listings(SHARED / "specs" / "listings.jsonl")
            bar.advance(task)
            cat.ingest_specs(SHARED / "specs" / "sound_library_over_ear_official.csv")
            bar.advance(task)
            cat.ingest_fr(SHARED / "fr")
            bar.advance(task)
    profile = NeedsProfile(forms=["in-ear"], preference="more-bass")
    cat = Catalog(db, read_only=True)
    print(f"catalog {db}: {cat.stats()['models']} models, {cat.stats()['measurements']} measurements")
    t = time.perf_counter()
    recommend(profile, cat)
    print(f"{'recommend, cold (first call)':<36} {(time.perf_counter() - t) * 1000:6.1f} ms")
    timed("recommend, one Catalog", args.n, lambda: recommend(profile, cat))

    def fresh() -> None:
        with Catalog(db, read_only=True) as c:
            recommend(profile, c)

    timed("recommend, new Catalog per call", args.n, fresh)
    from fastapi.testclient import TestClient

    from headspec.web import create_app

    client = TestClient(create_app(db))
    body = {"forms": ["in-ear"], "preference": "more-bass", "top": 5}

    def post() -> None:
        r = client.post("/api/recommend", json=body)
        if r.status_code != 200:
            raise SystemExit(f"POST /api/recommend answered {r.status_code}: {r.text[:200]}")

    post()
    timed("web POST /api/recommend", args.n, post)


if __name__ == "__main__":
    main()
