"""CLI commands for fr (filled in by its issue)."""

from __future__ import annotations
