"""The headspec web app: server-rendered pages and a JSON API over a read-only catalog.

>>> from headspec.web import create_app
>>> app = create_app("catalog.db")  # then serve it with uvicorn, or `headspec serve`
"""

from __future__ import annotations

from headspec.web.app import create_app

__all__ = ["create_app"]
