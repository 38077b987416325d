"""CLI commands for serve (filled in by its issue)."""

from __future__ import annotations
