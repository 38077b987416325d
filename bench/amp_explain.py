"""Benchmark: amp checks and spec explanations over real maker specs.

Runs `amp_check` for every (headphone, source) pair — the 356-row official
sensitivity table (Sound-Library) against every known source device — and
`explain` for every headphone, then prints throughput, per-call latency
percentiles (p50/p95/p99), peak memory, and the wall time of a cold
`headspec amp --all-sources` process.

    .venv/bin/python bench/amp_explain.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from rich.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
TABLE = (ROOT / ".." / "shared" / "data" / "specs" / "sound_library_over_ear_official.csv").resolve()


def headphones() -> list:  # type: ignore[type-arg]
    from headspec.spec import Spec

    out = []
    with TABLE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["impedance"] or not (row["db/mw"] or row["db/vrms"]):
                continue
            basis = "mW" if row["db/mw"] else "V"
            value = float(row["db/mw"] or row["db/vrms"])
            back = row["back"] if row["back"] in ("open", "closed", "semi-open") else None
            out.append(Spec(brand=row["brand"], model=row["model"], impedance_ohm=float(row["impedance"]),
                            sensitivity_db=value, sensitivity_basis=basis, back=back, form_factor="over-ear"))
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from headspec.amp import amp_check
    from headspec.explain import explain
    from headspec.sources import list_sources

    hps, sources = headphones(), list_sources()
    pairs = [(h, s) for h in hps for s in sources]
    print(f"{len(hps)} headphones x {len(sources)} sources = {len(pairs)} amp checks per pass, "
          f"{args.repeat} passes")
    amp_lat: list[float] = []
    exp_lat: list[float] = []
    with Progress(transient=True) as progress:
        task = progress.add_task("amp checks", total=len(pairs) * args.repeat)
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for h, s in pairs:
                a = time.perf_counter()
                amp_check(h, s)
                amp_lat.append(time.perf_counter() - a)
                progress.advance(task)
        amp_wall = time.perf_counter() - t0
        task = progress.add_task("explanations", total=len(hps) * args.repeat)
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for h in hps:
                a = time.perf_counter()
                explain(h)
                exp_lat.append(time.perf_counter() - a)
                progress.advance(task)
        exp_wall = time.perf_counter() - t0
    # memory in a separate pass: tracemalloc slows every allocation and would skew the timings
    tracemalloc.start()
    for h, s in pairs:
        amp_check(h, s)
    for h in hps:
        explain(h)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    for name, lat, wall in (("amp_check", amp_lat, amp_wall), ("explain", exp_lat, exp_wall)):
        us = [x * 1e6 for x in lat]
        print(f"{name:10} {len(lat) / wall:10.0f} calls/s   p50 {pct(us, .5):7.1f} µs   "
              f"p95 {pct(us, .95):7.1f} µs   p99 {pct(us, .99):7.1f} µs   "
              f"mean {statistics.fmean(us):7.1f} µs")
    print(f"peak traced memory over one pass: {peak / 1024:.0f} KiB")

    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "headspec", "amp", "--impedance", "300", "--sensitivity", "97 dB/mW",
           "--all-sources", "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    print(f"cold `headspec amp --all-sources --json`: {time.perf_counter() - t0:.2f} s (exit "
          f"{proc.returncode})")


if __name__ == "__main__":
    main()
