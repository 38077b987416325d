"""Benchmark: verdicts, recommendations and "sounds similar" over a catalog built from the real shared data.

Builds a temporary catalog from `../shared/data` (listings, spec table, measurements), then prints:
verdicts per second over every measured model, latency p50/p95/p99 of `verdict`, `recommend` (a mix of
profiles) and `similar` (every measured model), the number of self-contradicting verdicts (must be 0),
peak memory, and the wall time of a cold `headspec similar` process.

    .venv/bin/python bench/verdict_recommend.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from rich.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared" / "data").resolve()


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def show(label: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(f"{label:<28} n={len(ms):4d}  p50 {pct(ms, .5):7.1f} ms  p95 {pct(ms, .95):7.1f} ms  "
          f"p99 {pct(ms, .99):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the recommend profiles")
    args = parser.parse_args()

    from headspec.catalog import Catalog
    from headspec.recommend import NeedsProfile, recommend, similar
    from headspec.verdict import contradictions, verdict

    tmp = Path(tempfile.mkdtemp(prefix="headspec-bench-"))
    db = tmp / "catalog.sqlite3"
    t0 = time.perf_counter()
    cat = Catalog(db)
    cat.ingest_listings(SHARED / "specs" / "listings.jsonl")
    cat.ingest_specs(SHARED / "specs" / "sound_library_over_ear_official.csv")
    cat.ingest_fr(SHARED / "fr")
    print(f"catalog built in {time.perf_counter() - t0:.1f} s: {cat.stats()}")
    ids = [r[0] for r in cat.store.query("SELECT id FROM models WHERE n_measurements > 0 ORDER BY id")]

    v_times: list[float] = []
    bad = 0
    with Progress(transient=True) as progress:
        task = progress.add_task("verdicts", total=len(ids))
        start = time.perf_counter()
        for model_id in ids:
            t = time.perf_counter()
            v = verdict(model_id, catalog=cat)
            v_times.append(time.perf_counter() - t)
            bad += bool(contradictions(v))
            progress.advance(task)
        total = time.perf_counter() - start
    print(f"verdicts: {len(ids)} measured models in {total:.2f} s = {len(ids) / total:.0f} verdicts/s; "
          f"self-contradicting: {bad}")
    show("verdict latency", v_times)

    profiles = [NeedsProfile(forms=["in-ear"]), NeedsProfile(forms=["in-ear"], preference="more-bass"),
                NeedsProfile(forms=["over-ear"], source="typical phone", uses=["home"]),
                NeedsProfile(budget=100, currency="USD", uses=["commute"], isolation=True),
                NeedsProfile(wireless=False, forms=["over-ear"], budget=30, currency="USD",
                             source="typical phone")]
    r_times: list[float] = []
    for _ in range(args.repeat):
        for p in profiles:
            t = time.perf_counter()
            recommend(p, cat, top=5)
            r_times.append(time.perf_counter() - t)
    show("recommend latency", r_times)

    s_times: list[float] = []
    for model_id in ids:
        t = time.perf_counter()
        similar(model_id, cat, top=5)
        s_times.append(time.perf_counter() - t)
    show("similar latency", s_times)
    # Peak memory in a separate pass, so tracing does not slow the timed ones.
    tracemalloc.start()
    for model_id in ids:
        verdict(model_id, catalog=cat)
        similar(model_id, cat, top=5)
    recommend(profiles[0], cat)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory (all verdicts, similar, one recommend): {peak / 1e6:.1f} MB")
    cat.close()

    env = {**os.environ, "HEADSPEC_DB": str(db)}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "headspec", "similar", "Apple EarPods", "--json"], check=True,
                   capture_output=True, env=env)
    print(f"cold `headspec similar 'Apple EarPods' --json`: {time.perf_counter() - t:.2f} s wall")


if __name__ == "__main__":
    main()
