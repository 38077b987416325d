"""Benchmark: the web app under concurrent load, over a marketplace-sized catalog.

Builds a catalog of the real curves and spec table plus 65,935 listings made by
`bench/catalog_scale.py`'s generator (the real feed first, then synthetic variants), starts
`headspec serve` on a free loopback port in its own process, and drives a bounded mix of
requests from THIS process (a second one) at 1, 8 and 32 concurrent clients, a fixed number of
requests per level, each client on its own keep-alive connection:

    40 %  text search            /api/search?q=<brand or model word>
    25 %  facet search           /api/search?form=...&wireless=...&sort=... (with facet counts)
    25 %  one model              /api/models/<id>
    10 %  compare two models     /api/compare?ids=<a>&ids=<b>

For each level it prints throughput (requests/s), p50/p95/p99 latency and the error count (any
status other than 200, or a failed connection). Errors must be zero (exit status 1 otherwise).
Goal: p95 under 100 ms at 8 concurrent clients on a 2-core machine.

    .venv/bin/python bench/web_load.py                 # 65,935 listings, 1,000 requests per level
    .venv/bin/python bench/web_load.py --requests 300 --listings 20000   # a quicker look
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared" / "data").resolve()
LEVELS = (1, 8, 32)
TIMEOUT_S = 30.0


def _catalog_scale():
    spec = importlib.util.spec_from_file_location("catalog_scale", ROOT / "bench" / "catalog_scale.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def build(db: Path, feed: Path, n: int) -> dict[str, int]:
    from headspec.catalog import Catalog

    t = time.perf_counter()
    _catalog_scale().generate(feed, n)
    print(f"feed: {n:,} listings generated in {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    with Catalog(db) as cat:
        cat.ingest_fr(SHARED / "fr")
        cat.ingest_specs(SHARED / "specs" / "sound_library_over_ear_official.csv")
        cat.ingest_listings(feed)
        stats = cat.stats()
    print(f"catalog: {stats['models']:,} models, {stats['listings']:,} listings, "
          f"{stats['measurements']:,} measurements, built in {time.perf_counter() - t:.1f} s", flush=True)
    return stats


def request_mix(db: Path, k: int, seed: int = 5) -> list[str]:
    """`k` request paths in a fixed random order (the same for every level)."""
    rng = random.Random(seed)
    con = sqlite3.connect(db)
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM models ORDER BY n_listings DESC LIMIT 2000")]
        measured = [r[0] for r in con.execute("SELECT id FROM models WHERE n_measurements > 0")]
        brands = [r[0] for r in con.execute("SELECT DISTINCT brand FROM models WHERE brand IS NOT NULL")]
        names = [r[0] for r in con.execute("SELECT name FROM models ORDER BY n_listings DESC LIMIT 500")]
    finally:
        con.close()
    words = [w for name in names for w in name.split() if len(w) >= 3 and w.isalnum()]
    paths = []
    for _ in range(k):
        roll = rng.random()
        if roll < 0.40:
            q = rng.choice(brands) if rng.random() < 0.5 else rng.choice(words)
            paths.append("/api/search?" + urlencode({"q": q}))
        elif roll < 0.65:
            params = {"form": rng.choice(["over-ear", "in-ear", "on-ear", "earbud"])}
            if rng.random() < 0.5:
                params["wireless"] = rng.choice(["true", "false"])
            if rng.random() < 0.3:
                params["measured"] = "true"
            if rng.random() < 0.3:
                params["impedance_max"] = rng.choice(["32", "64", "300"])
            params["sort"] = rng.choice(["relevance", "name", "price", "score"])
            params["page"] = str(rng.randint(1, 5))
            paths.append("/api/search?" + urlencode(params))
        elif roll < 0.90:
            paths.append(f"/api/models/{rng.choice(ids)}")
        else:
            a, b = rng.sample(measured if len(measured) >= 2 else ids, 2)
            paths.append("/api/compare?" + urlencode([("ids", a), ("ids", b)]))
    return paths


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "headspec", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def run_level(port: int, paths: list[str], clients: int) -> dict[str, float]:
    """Send every path once, `clients` at a time; latency of each request in ms."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    next_index = iter(range(len(paths)))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
        try:
            while True:
                with lock:
                    i = next(next_index, None)
                if i is None:
                    return
                t = time.perf_counter()
                try:
                    conn.request("GET", paths[i], headers={"accept": "application/json"})
                    response = conn.getresponse()
                    body = response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException) as exc:
                    ok, body = False, str(exc).encode()
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    latencies.append(ms)
                    if not ok:
                        errors.append(f"{paths[i]}: {body[:200]!r}")
        finally:
            conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=TIMEOUT_S * len(paths))
    wall = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    for e in errors[:5]:
        print(f"  error: {e}", file=sys.stderr)
    return {"clients": clients, "n": len(latencies), "rps": len(latencies) / wall, "p50": q[49],
            "p95": q[94], "p99": q[98], "errors": len(errors) + (len(paths) - len(latencies))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, default=65_935, help="listings in the catalog (>= 65,935)")
    parser.add_argument("--requests", type=int, default=1000, help="requests per concurrency level")
    parser.add_argument("--warmup", type=int, default=100, help="untimed requests first (page cache)")
    parser.add_argument("--db", type=Path, help="serve this existing catalog instead of building one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="headspec-load-") as tmp:
        db = args.db or Path(tmp) / "catalog.sqlite3"
        if args.db is None:
            build(db, Path(tmp) / "feed.jsonl", args.listings)
        else:
            with sqlite3.connect(db) as con:
                args.listings = con.execute("SELECT count(*) FROM listings").fetchone()[0]
            print(f"catalog: {db} with {args.listings:,} listings", flush=True)
        paths = request_mix(db, args.requests + args.warmup)
        port = _free_port()
        server = start_server(db, port)
        results = []
        try:
            run_level(port, paths[: args.warmup], 4)
            timed = paths[args.warmup :]
            for clients in LEVELS:
                r = run_level(port, timed, clients)
                results.append(r)
                print(f"{clients:>2} clients: {r['n']:,} requests, {r['rps']:,.0f} req/s, "
                      f"p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms, "
                      f"errors {r['errors']}", flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            if server.stderr is not None:
                server.stderr.close()
        eight = next(r for r in results if r["clients"] == 8)
        verdict = "met" if eight["p95"] < 100 else "NOT met"
        print(f"goal p95 < 100 ms at 8 clients: {verdict} ({eight['p95']:.1f} ms)")
        print(json.dumps({"listings": args.listings, "levels": results}))
        if any(r["errors"] for r in results):
            raise SystemExit("errors under load (must be zero)")


if __name__ == "__main__":
    main()
