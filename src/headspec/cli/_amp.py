"""CLI commands for amp (filled in by its issue)."""

from __future__ import annotations
