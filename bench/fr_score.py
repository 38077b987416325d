"""Benchmark: headspec vs AutoEq 4.1.2 preference scoring of every shared FR curve.

Prints curves/s of each, both end to end (read every CSV file from disk, parse
it, score it: the same work on both sides, best of --repeat passes, targets
loaded beforehand on both sides) and scoring only (curves already in memory:
interpolate onto the grid, set 0 dB at 1 kHz, subtract the target, score), the
two ratios, the largest score difference, per-curve latency percentiles, peak
memory, and the wall time of a cold `headspec fr score` process on one file.
headspec reads with `read_many` (clean files parsed in vectorized batches) and
scores with `score_many`; AutoEq reads each file with `FrequencyResponse.read_csv`
and scores it with its own methods, one curve at a time, as AutoEq does.

AutoEq needs Python 3.11 and numpy 1.24, so it runs in its own virtual
environment, `bench/.venv-autoeq`, created with pip on first use. If that cannot
be created, the AutoEq half is skipped with a message.

    .venv/bin/python bench/fr_score.py [--repeat 5] [--no-autoeq]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FR = (ROOT / ".." / "shared" / "data" / "fr").resolve()
VENV = ROOT / "bench" / ".venv-autoeq"
VENV_PY = VENV / "bin" / "python"

AUTOEQ_SCRIPT = r"""
import csv, json, sys, time
from pathlib import Path
from autoeq.frequency_response import FrequencyResponse
root = Path(sys.argv[1]); repeat = int(sys.argv[2])
rows = list(csv.DictReader(open(root / 'expected_scores.csv', encoding='utf-8')))
targets = {}
for r in rows:
    if r['target'] not in targets:
        targets[r['target']] = FrequencyResponse.read_csv(str(root / 'targets' / r['target']))
def read_all():
    paths = [root / r['source'] / r['form'] / (r['name'] + '.csv') for r in rows]
    return [FrequencyResponse.read_csv(str(p)) for p in paths]
def score_all(frs):
    out = []
    for r, fr in zip(rows, frs):
        fr.interpolate(); fr.center()
        fr.compensate(targets[r['target']], bass_boost_gain=float(r['bass_boost_db']))
        if r['model'] == 'over-ear':
            out.append(fr.harman_overear_preference_score()[0])
        else:
            out.append(fr.harman_inear_preference_score()[0])
    return out
best = best_score = None
for _ in range(repeat):
    t0 = time.perf_counter()
    scores = score_all(read_all())
    dt = time.perf_counter() - t0
    best = dt if best is None else min(best, dt)
    frs = read_all()
    t0 = time.perf_counter()
    score_all(frs)
    dt = time.perf_counter() - t0
    best_score = dt if best_score is None else min(best_score, dt)
print(json.dumps({'seconds': best, 'score_seconds': best_score, 'scores': [float(s) for s in scores]}))
"""


def ensure_autoeq_venv() -> str | None:
    """Create bench/.venv-autoeq with autoeq 4.1.2 if needed; return a reason string when impossible."""
    if VENV_PY.exists():
        probe = subprocess.run(
            [str(VENV_PY), "-c", "import autoeq, numpy; print(numpy.__version__)"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0:
            return None
    py311 = shutil.which("python3.11")
    if py311 is None:
        return "python3.11 not found"
    print("creating bench/.venv-autoeq (autoeq 4.1.2, numpy 1.24) with pip; first run only ...", flush=True)
    steps = [
        [py311, "-m", "venv", str(VENV)],
        [str(VENV_PY), "-m", "pip", "install", "--quiet", "autoeq==4.1.2", "numpy==1.24.*"],
    ]
    for cmd in steps:
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            return f"{' '.join(cmd[:4])} failed: {(r.stderr or r.stdout).strip().splitlines()[-1:]}"
    return None


def run_autoeq(repeat: int) -> dict | None:
    reason = ensure_autoeq_venv()
    if reason:
        print(f"AutoEq half skipped: {reason}")
        return None
    from rich.console import Console

    with Console(stderr=True).status(f"scoring with AutoEq 4.1.2 ({repeat} passes) ..."):
        r = subprocess.run(
            [str(VENV_PY), "-c", AUTOEQ_SCRIPT, str(FR), str(repeat)],
            capture_output=True,
            text=True,
            cwd=str(ROOT / "bench"),
        )
    if r.returncode != 0:
        print(f"AutoEq half failed: {r.stderr.strip().splitlines()[-1:]}")
        return None
    return json.loads(r.stdout.strip().splitlines()[-1])


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="passes; the best is reported (default 5)")
    ap.add_argument("--no-autoeq", action="store_true", help="skip the AutoEq half")
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    import numpy as np

    from headspec.fr import read, read_many, score, score_many

    with open(FR / "expected_scores.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    paths = [FR / r["source"] / r["form"] / f"{r['name']}.csv" for r in rows]
    n = len(paths)
    print(f"{n} curves from {FR}")

    # Warm-up pass (imports, targets, caches), like AutoEq's targets read before its timing.
    curves = read_many(paths)
    score_many(curves)
    best = float("inf")
    ours: list[float] = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        curves = read_many(paths)
        ours = [s.score for s in score_many(curves)]
        best = min(best, time.perf_counter() - t0)
    one_by_one = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        singles = [score(read(p)) for p in paths]
        one_by_one = min(one_by_one, time.perf_counter() - t0)
    # Batched and single scoring differ only by float rounding order (matrix product of many rows vs one).
    batch_vs_single = max(abs(a.score - b) for a, b in zip(singles, ours, strict=True))
    score_only = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        score_many(curves)
        score_only = min(score_only, time.perf_counter() - t0)
    lat = []
    for c in curves:
        t0 = time.perf_counter()
        score(c)
        lat.append((time.perf_counter() - t0) * 1000)
    expected = np.array([float(r["autoeq_preference_score"]) for r in rows])
    dev_expected = float(np.abs(np.array(ours) - expected).max())
    rate = n / best
    print(
        f"headspec  read+score: {rate:10.0f} curves/s  ({best * 1000:.1f} ms for {n}, best of {args.repeat}; "
        "read_many: read + parse every file, then score_many)"
    )
    print(
        f"headspec  read+score: {n / one_by_one:10.0f} curves/s  (one file at a time: score(read(path)), "
        "for comparison)"
    )
    print(
        f"headspec  score only: {n / score_only:10.0f} curves/s  (curves already in memory, one 2-D batch, "
        f"best of {args.repeat})"
    )
    print(
        f"headspec  one-curve score() latency: p50 {pct(lat, 50):.3f} ms, p95 {pct(lat, 95):.3f} ms, "
        f"p99 {pct(lat, 99):.3f} ms"
    )
    print(f"headspec  peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"max |headspec - expected_scores.csv|: {dev_expected:.5f} points over {n} curves")
    print(f"max |read_many + score_many - score(read(path))|: {batch_vs_single:.1e} points")

    if not args.no_autoeq:
        res = run_autoeq(args.repeat)
        if res is not None:
            a_rate = n / res["seconds"]
            dev = float(np.abs(np.array(ours) - np.array(res["scores"])).max())
            print(
                f"AutoEq    read+score: {a_rate:10.0f} curves/s  ({res['seconds'] * 1000:.1f} ms for {n}, "
                f"best of {args.repeat}; FrequencyResponse.read_csv per file, then its scoring)"
            )
            a_score = n / res["score_seconds"]
            print(
                f"AutoEq    score only: {a_score:10.0f} curves/s  (curves in memory: interpolate, center, "
                f"compensate, score; best of {args.repeat})"
            )
            print(f"ratio headspec / AutoEq, score only (curves in memory): {n / score_only / a_score:.1f}x")
            print(
                f"ratio headspec / AutoEq, read + score end to end (files parsed): {rate / a_rate:.1f}x"
                f"   (goal >= 20x; one file at a time: {(n / one_by_one) / a_rate:.1f}x)"
            )
            print(f"max |headspec - AutoEq| in this run: {dev:.2e} points")

    one = paths[[r["source"] for r in rows].index("oratory1990")]
    exe = ROOT / ".venv" / "bin" / "headspec"
    cmd = [
        str(exe) if exe.exists() else sys.executable,
        *([] if exe.exists() else ["-m", "headspec"]),
        "fr",
        "score",
        str(one),
        "--json",
    ]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    walls = []
    for _ in range(5):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        walls.append(time.perf_counter() - t0)
        if r.returncode != 0:
            print(f"cold CLI failed: {r.stderr.strip()}")
            break
    print(
        f"cold `headspec fr score` one file: first {walls[0]:.3f} s, "
        f"median {statistics.median(walls):.3f} s, "
        f"min {min(walls):.3f} s over {len(walls)} runs (goal < 0.5 s)"
    )


if __name__ == "__main__":
    main()
