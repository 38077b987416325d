"""The `headspec` command line.

Each concept registers its commands from its own module (`cli/_parse.py`,
`cli/_amp.py`, ...) on the one Typer app defined in `cli/_app.py`, so adding a
command never means editing a central file beyond the import list below.
"""

from __future__ import annotations

import sys

# Importing a command module registers its commands on `app`.
from headspec.cli import _amp, _catalog, _explain, _fr, _parse, _serve, _verdict  # noqa: E402,F401,I001
from headspec.cli._app import app, run_app


def main() -> None:
    """Console-script entry point."""
    sys.exit(run_app(app))


__all__ = ["app", "main"]
