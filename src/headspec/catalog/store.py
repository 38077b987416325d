"""The one storage interface of the catalog, and its SQLite implementation.

Ingest and query code talk to a `Store`: plain SQL with `?` placeholders through `execute`,
`executemany` and `query`, all-or-nothing writes through `transaction()`, and the one dialect-specific
piece, full-text matching, behind `text_match`. A PostgreSQL store would translate placeholders,
implement `text_match` with `tsvector`/`websearch_to_tsquery` and `analyze` with ANALYZE, and carry
its own copy of `schema.py` (tables and indexes as here; a tsvector column in place of the FTS5 table
and its triggers).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from headspec.catalog.schema import SCHEMA_VERSION, migrate, schema_version
from headspec.errors import CatalogError, NotFoundError

Row = sqlite3.Row


class Store(Protocol):
    """What the catalog needs from a database."""

    path: str
    read_only: bool

    def transaction(self) -> Any:
        """Context manager: everything inside commits together or not at all."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def text_match(self, text: str) -> tuple[str, list[Any]]:
        """SQL selecting `id` and `rank` (lower is better) of models matching free text, and its params."""

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a large write."""

    def close(self) -> None: ...


_WORD = re.compile(r"\w+", re.UNICODE)


class SqliteStore:
    """SQLite in WAL mode; one connection guarded by a lock (safe to share across web threads)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._in_tx = False
        if read_only:
            if not Path(path).is_file():
                raise NotFoundError(
                    f"no catalog at {path}",
                    input=str(path),
                    hint="ingest something first: headspec ingest listings FILE",
                )
            uri = f"{Path(path).resolve().as_uri()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        try:
            self._configure()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise CatalogError(
                f"{path} is not a headspec catalog: {exc}",
                input=str(path),
                hint="point --db / HEADSPEC_DB at a catalog file or a new path",
            ) from exc

    def _configure(self) -> None:
        conn = self.conn
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
        conn.execute("PRAGMA temp_store = MEMORY")
        # readers map the file (fast facet scans); the writer does not, so an ingest's memory stays
        # bounded by the page cache whatever the database size
        conn.execute(f"PRAGMA mmap_size = {268435456 if self.read_only else 0}")
        if self.read_only:
            version = schema_version(conn)
            if version != SCHEMA_VERSION:
                raise CatalogError(
                    f"catalog {self.path} is at schema version {version}, this headspec "
                    f"reads {SCHEMA_VERSION}",
                    input=self.path,
                    hint="open it once read-write (e.g. headspec search --db PATH) to migrate",
                )
            return
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, self.path)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; any exception rolls everything back and re-raises."""
        if self.read_only:
            raise CatalogError(
                "the catalog is open read-only",
                input=self.path,
                hint="open Catalog(path) without read_only=True to write",
            )
        with self._lock:
            if self._in_tx:
                raise CatalogError("nested catalog transaction", input=self.path)
            self.conn.execute("BEGIN IMMEDIATE")
            self._in_tx = True
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._in_tx = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._lock:
            self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def text_match(self, text: str) -> tuple[str, list[Any]]:
        """FTS5 match: every word must appear (prefix match on the last one), ranked by bm25."""
        words = _WORD.findall(text)
        if not words:
            return "SELECT id, 0.0 AS rank FROM models WHERE 0", []
        terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
        return ("SELECT rowid AS id, rank FROM models_fts WHERE models_fts MATCH ?", [" ".join(terms)])

    def analyze(self) -> None:
        """Approximate ANALYZE (bounded work per index), cheap even after a million rows."""
        with self._lock:
            self.conn.execute("PRAGMA analysis_limit = 1000")
            self.conn.execute("ANALYZE")

    def size_bytes(self) -> int:
        """Database file size plus its WAL, in bytes."""
        total = 0
        for suffix in ("", "-wal"):
            p = Path(self.path + suffix)
            if p.exists():
                total += p.stat().st_size
        return total

    def close(self) -> None:
        with self._lock:
            self.conn.close()
