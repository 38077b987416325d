"""The CLI foundation: version, help, and errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys

from headspec import __version__


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "headspec", *args], capture_output=True, text=True,
                          timeout=60)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"headspec {__version__}"


def test_help_lists_usage() -> None:
    result = run("--help")
    assert result.returncode == 0 and "Usage" in result.stdout


def test_unknown_command_is_a_usage_error_not_a_traceback() -> None:
    result = run("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "No such command" in result.stderr
