"""Parser throughput: every shared listing, replicated to >= 100,000 records, parsed in one process.

Prints records/s, MB/s (UTF-8 bytes of the texts), per-record latency percentiles,
and peak memory (max RSS from getrusage). Run from the repo root:

    .venv/bin/python bench/parse_throughput.py            # 100,000 records
    .venv/bin/python bench/parse_throughput.py --records 20000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LISTINGS = (REPO / ".." / "shared" / "data" / "specs" / "listings.jsonl").resolve()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="records to parse (default 100,000)")
    args = parser.parse_args()

    from headspec.parse import parse_spec

    texts = [json.loads(line)["raw_text"] for line in LISTINGS.open(encoding="utf-8")]
    copies = -(-args.records // len(texts))
    work = (texts * copies)[:args.records]
    total_bytes = sum(len(t.encode("utf-8")) for t in work)

    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress

        progress = Progress(transient=True)
        progress.start()
        task = progress.add_task("parsing", total=len(work))
    parse_spec(texts[0])  # warm regex compilation and imports outside the timing
    lat: list[float] = []
    clock = time.perf_counter
    cpu_start = time.process_time()
    start = clock()
    for i, text in enumerate(work):
        t0 = clock()
        parse_spec(text)
        lat.append(clock() - t0)
        if progress is not None and i % 2000 == 0:
            progress.update(task, completed=i)
    elapsed = clock() - start
    cpu = time.process_time() - cpu_start
    if progress is not None:
        progress.stop()

    lat.sort()
    q = statistics.quantiles(lat, n=100)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"listings: {len(texts):,} distinct texts from {LISTINGS.name}, replicated x{copies}")
    print(f"records:  {len(work):,}   text: {total_bytes / 1e6:.1f} MB   time: {elapsed:.2f} s")
    print(f"throughput (wall): {len(work) / elapsed:,.0f} records/s   {total_bytes / 1e6 / elapsed:.2f} MB/s")
    print(f"throughput (CPU time of this process, robust to a busy machine): {len(work) / cpu:,.0f} records/s"
          f"   {total_bytes / 1e6 / cpu:.2f} MB/s   load average {os.getloadavg()[0]:.1f}")
    print(f"latency per record: p50 {q[49] * 1e6:.0f} us   p95 {q[94] * 1e6:.0f} us   "
          f"p99 {q[98] * 1e6:.0f} us   max {lat[-1] * 1e3:.1f} ms")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
