"""Benchmark: listing identity and classification throughput on the real listing titles.

Every title in ../shared/data/specs/listings.jsonl (first line of raw_text) goes through
`identify` and `classify` uncached, several times; prints titles/s, per-title latency
p50/p95/p99 (CPU time, so other load on the machine counts less), the cost of a million
titles, peak memory, and the same_model throughput on the gold pairs.

    .venv/bin/python bench/identity_classify.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LISTINGS = (ROOT / ".." / "shared" / "data" / "specs" / "listings.jsonl").resolve()
PAIRS = ROOT / "tests" / "golden" / "pairs.jsonl"


def _percentiles(samples: list[float]) -> str:
    qs = statistics.quantiles(samples, n=100)
    return f"p50 {qs[49]:.1f} us, p95 {qs[94]:.1f} us, p99 {qs[98]:.1f} us"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the titles (default 5)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from headspec.classify import classify
    from headspec.identity import identify, same_model

    titles = []
    with LISTINGS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["kind"] != "structured_table_row":
                titles.append(record["raw_text"].split("\n", 1)[0])
    ident, cls = identify.__wrapped__, classify.__wrapped__  # uncached
    for fn in (ident, cls):  # warm the lazy tables
        fn(titles[0])
    print(f"{len(titles)} real listing titles x {args.repeat} passes (uncached)")
    for name, fn in (("identify", ident), ("classify", cls), ("identify+classify", None)):
        samples: list[float] = []
        start = time.process_time()
        for _ in range(args.repeat):
            for title in titles:
                t0 = time.process_time_ns()
                if fn is None:
                    ident(title)
                    cls(title)
                else:
                    fn(title)
                samples.append((time.process_time_ns() - t0) / 1000)
        cpu = time.process_time() - start
        per = cpu / len(samples)
        print(f"{name:18s} {1 / per:10.0f} titles/s  mean {per * 1e6:.1f} us  {_percentiles(samples)}"
              f"  -> 1,000,000 titles in {per * 1e6 / 60:.1f} min of CPU")
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    identify.cache_clear()
    start = time.process_time()
    for _ in range(args.repeat):
        identify.cache_clear()
        for p in pairs:
            same_model(p["a_title"], p["b_title"])
    per = (time.process_time() - start) / (len(pairs) * args.repeat)
    print(f"same_model         {1 / per:10.0f} pairs/s   mean {per * 1e6:.1f} us (both titles identified)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
