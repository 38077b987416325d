"""Benchmark: memory stays bounded while a very large listing feed is ingested (streamed).

Writes a synthetic feed of 1,000,000 listings with `bench/catalog_scale.py`'s generator (the real
shared feed first, then colour/bundle/condition/pack/region variants, typos and price changes) to a
temporary folder, ingests it in a child process, and samples the child's resident memory (RSS) as
the ingest streams. It prints RSS at every tenth of the feed, the peak RSS (`ru_maxrss`), the
throughput, and whether memory is bounded: the RSS growth over the second half of the feed (when
nearly every model and variant already exists) compared with the whole run.

    .venv/bin/python bench/ingest_memory.py                  # 1,000,000 listings (about 15 minutes)
    .venv/bin/python bench/ingest_memory.py --listings 100000

Note: the catalog maps up to 256 MB of the database file (`PRAGMA mmap_size`) and keeps a 64 MB page
cache; pages of the mapped file count in RSS once touched, so they are part of the figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(db: str, feed: str) -> None:
    """Ingest `feed` into `db`, printing `rss FRACTION MB` at each 5 % of the feed's bytes."""
    from headspec.catalog import Catalog

    marks = iter(i / 20 for i in range(1, 21))
    state = {"next": next(marks)}

    def progress(done: int, total: int) -> None:
        while total and done / total >= state["next"]:
            print(f"rss {state['next']:.2f} {_rss_mb():.1f}", flush=True)
            state["next"] = next(marks, 2.0)

    print(f"rss 0.00 {_rss_mb():.1f}", flush=True)
    with Catalog(db) as cat:
        start = time.perf_counter()
        summary = cat.ingest_listings(feed, progress=progress)
        seconds = time.perf_counter() - start
        stats = cat.stats()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("result " + json.dumps({"seconds": seconds, "summary": summary.model_dump(exclude={"errors"}),
                                  "stats": stats, "peak_mb": peak_mb, "final_mb": _rss_mb()}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, default=1_000_000)
    parser.add_argument("--_child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._child:
        child(*args._child)
        return
    spec = importlib.util.spec_from_file_location("catalog_scale", ROOT / "bench" / "catalog_scale.py")
    scale = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(scale)  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory(prefix="headspec-ingest-mem-") as tmp:
        feed = Path(tmp) / "feed.jsonl"
        db = Path(tmp) / "catalog.sqlite3"
        t = time.perf_counter()
        scale.generate(feed, args.listings)
        size_mb = feed.stat().st_size / 1e6
        gen_s = time.perf_counter() - t
        print(f"feed: {args.listings:,} listings, {size_mb:,.0f} MB, generated in {gen_s:.0f} s", flush=True)
        proc = subprocess.Popen([sys.executable, __file__, "--_child", str(db), str(feed)],
                                stdout=subprocess.PIPE, text=True)
        samples: dict[float, float] = {}
        result = None
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("rss "):
                fraction, mb = map(float, line.split()[1:])
                samples[fraction] = mb
                if round(fraction * 100) % 10 == 0:
                    print(f"  {fraction:>4.0%} of the feed read: RSS {mb:,.0f} MB", flush=True)
            elif line.startswith("result "):
                result = json.loads(line.removeprefix("result "))
        proc.wait()
        if proc.returncode != 0 or result is None:
            raise SystemExit(f"the ingest failed (exit status {proc.returncode})")
        s = result["summary"]
        db_mb = sum(p.stat().st_size for p in Path(tmp).glob("catalog.sqlite3*")) / 1e6
        print(f"ingest: {s['read']:,} read in {result['seconds']:.0f} s "
              f"({s['read'] / result['seconds']:,.0f} listings/s); added {s['added']:,}, merged "
              f"{s['merged']:,}, rejected {s['rejected']:,}, unchanged {s['unchanged']:,}; "
              f"catalog {result['stats']['models']:,} models, DB {db_mb:,.0f} MB")
        half, full = samples.get(0.5, float("nan")), samples.get(1.0, float("nan"))
        start = samples.get(0.0, float("nan"))
        print(f"peak RSS of the ingesting process: {result['peak_mb']:,.0f} MB for a {size_mb:,.0f} MB feed "
              f"(RSS at start {start:,.0f} MB, at 50 % {half:,.0f} MB, at 100 % {full:,.0f} MB; "
              f"second-half growth {full - half:+,.0f} MB)")


if __name__ == "__main__":
    main()
