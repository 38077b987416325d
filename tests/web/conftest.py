"""Web test fixtures: a catalog built once per session from the real shared data, a TestClient over it,
and a live uvicorn server for the browser tests."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    # starlette warns at import that its TestClient will move to `httpx2`; the httpx client works.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient  # noqa: F401
