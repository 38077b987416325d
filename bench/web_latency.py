"""Benchmark: web latency over the real shared catalog, end to end through HTTP.

Builds a catalog from ../shared/data in a temporary directory, serves it with uvicorn on a free
loopback port (the way `headspec serve` does), then requests each page and API route a number of
times with one client and prints per-route p50/p95/p99 latency and requests per second, plus the
peak resident memory of the process (build, server and client together).

    .venv/bin/python bench/web_latency.py [--n 40]
"""

from __future__ import annotations

import argparse
import resource
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()
SHEET = "Sennheiser HD 600\nImpedance: 300 Ω\nSensitivity: 97 dB SPL/mW\nFrequency response: 12 - 40,500 Hz"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="requests per route")
    args = parser.parse_args()

    import uvicorn

    from headspec.cli._serve import build_catalog
    from headspec.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "catalog.sqlite3"
        t0 = time.perf_counter()
        build_catalog(db, DATA)
        print(f"catalog build: {time.perf_counter() - t0:.1f} s")

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as client:
            best = {"measured": "true", "sort": "score", "limit": 2}
            measured = client.get("/api/search", params=best).json()
            a, b = (str(i["id"]) for i in measured["items"])
            routes = [
                ("GET /catalog", lambda: client.get("/catalog")),
                ("GET /catalog?form=in-ear&sort=score",
                 lambda: client.get("/catalog", params={"form": "in-ear", "sort": "score"})),
                ("GET /api/search?q=sennheiser", lambda: client.get("/api/search?q=sennheiser")),
                (f"GET /models/{a}", lambda: client.get(f"/models/{a}")),
                (f"GET /api/models/{a}", lambda: client.get(f"/api/models/{a}")),
                ("GET /compare (2 models)", lambda: client.get("/compare", params=[("ids", a), ("ids", b)])),
                ("POST /decode", lambda: client.post("/decode", data={"text": SHEET})),
                ("POST /api/parse", lambda: client.post("/api/parse", json={"text": SHEET})),
                ("POST /api/amp", lambda: client.post("/api/amp", json={
                    "headphone": {"impedance_ohm": 300, "sensitivity_db": 97, "sensitivity_basis": "mW"},
                    "source": "typical phone"})),
                ("POST /api/recommend", lambda: client.post("/api/recommend", json={"forms": ["in-ear"]})),
            ]
            print(f"{'route':<40} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8}")
            for name, call in routes:
                call()  # warm caches
                times = []
                for _ in range(args.n):
                    t = time.perf_counter()
                    r = call()
                    times.append((time.perf_counter() - t) * 1000)
                    if r.status_code >= 400:
                        raise SystemExit(f"{name}: HTTP {r.status_code}")
                print(f"{name:<40} {pct(times, 50):8.1f} {pct(times, 95):8.1f} {pct(times, 99):8.1f} "
                      f"{1000 / statistics.mean(times):8.1f}")
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak RSS of this process (catalog build + server + client): {peak_kb / 1024:.0f} MB")
        server.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    main()
