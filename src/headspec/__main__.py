"""`python -m headspec` runs the CLI."""

from headspec.cli import main

main()
