"""Parser throughput: every shared listing, replicated to >= 100,000 records, parsed in one process.

Prints records/s, MB/s (UTF-8 bytes of the texts), per-record latency percentiles,
and peak memory (max RSS from getrusage). Run from the repo root:

    .venv/bin/python bench/parse_throughput.py               # 100,000 records, one pass
    .venv/bin/python bench/parse_throughput.py --repeat 3    # best and median of three passes
    .venv/bin/python bench/parse_throughput.py --records 20000 --no-freeze

Like `headspec parse --jsonl`, the run calls gc.freeze() once its imports are loaded (the
collector then never walks the long-lived modules, regexes and schemas); --no-freeze
measures the library with the interpreter's default collector instead. This machine is a
shared VM whose speed drifts by tens of percent from minute to minute: the CPU-time figure
and the best of several passes are the steadier readings.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LISTINGS = (REPO / ".." / "shared" / "data" / "specs" / "listings.jsonl").resolve()


def _pass(parse_spec, work: list[str], progress=None, task=None) -> tuple[float, float, list[float]]:
    """(wall seconds, CPU seconds, per-record latencies) of one pass over `work`."""
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
    return clock() - start, time.process_time() - cpu_start, lat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="records to parse (default 100,000)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the records (default 1)")
    parser.add_argument("--no-freeze", action="store_true", help="keep the default garbage collector")
    args = parser.parse_args()

    from headspec.parse import parse_spec

    texts = [json.loads(line)["raw_text"] for line in LISTINGS.open(encoding="utf-8")]
    copies = -(-args.records // len(texts))
    work = (texts * copies)[:args.records]
    total_mb = sum(len(t.encode("utf-8")) for t in work) / 1e6

    for text in texts[::50]:
        parse_spec(text)  # warm: regexes and their ASCII twins compiled outside the timing
    if not args.no_freeze:
        gc.freeze()

    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress

        progress = Progress(transient=True)
        progress.start()
    passes = []
    for n in range(args.repeat):
        task = progress.add_task(f"pass {n + 1}", total=len(work)) if progress is not None else None
        passes.append(_pass(parse_spec, work, progress, task))
    if progress is not None:
        progress.stop()

    wall, cpu, lat = min(passes, key=lambda p: p[1])
    lat.sort()
    q = statistics.quantiles(lat, n=100)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    n = len(work)
    print(f"listings: {len(texts):,} distinct texts from {LISTINGS.name}, replicated x{copies}")
    print(f"records:  {n:,} per pass, {args.repeat} pass(es)   text: {total_mb:.1f} MB   "
          f"garbage collector: {'default' if args.no_freeze else 'gc.freeze() after imports, as the CLI'}")
    print(f"throughput (wall, best pass): {n / wall:,.0f} records/s   {total_mb / wall:.2f} MB/s")
    print(f"throughput (CPU time of this process, best pass; robust to other processes): {n / cpu:,.0f} "
          f"records/s   {total_mb / cpu:.2f} MB/s   load average {os.getloadavg()[0]:.1f}")
    if args.repeat > 1:
        cpus = sorted(n / p[1] for p in passes)
        print(f"CPU-time throughput of all passes: {', '.join(f'{c:,.0f}' for c in cpus)} records/s "
              f"(median {statistics.median(cpus):,.0f})")
    print(f"latency per record (best pass): p50 {q[49] * 1e6:.0f} us   p95 {q[94] * 1e6:.0f} us   "
          f"p99 {q[98] * 1e6:.0f} us   max {lat[-1] * 1e3:.1f} ms")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    print(f"interpreter: Python {platform.python_version()} ({platform.python_compiler()}) at "
          f"{os.path.realpath(sys.executable)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
