"""Dump the parser's JSON for every shared listing, to prove a refactor changes nothing.

    .venv/bin/python scripts/parse_dump.py > /tmp/before.jsonl   # on the old code
    .venv/bin/python scripts/parse_dump.py > /tmp/after.jsonl    # on the new code
    cmp /tmp/before.jsonl /tmp/after.jsonl                      # silent when identical

Every listing and page excerpt of ../shared/data/specs is parsed with no country and with
country="US" (the "$" rule); a refused text is written as its error. Speed work on
`headspec.parse` was checked this way after every step.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SPECS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "specs").resolve()


def main() -> int:
    from headspec.errors import HeadspecError
    from headspec.parse import parse_spec

    texts = [json.loads(line)["raw_text"] for line in (SPECS / "listings.jsonl").open(encoding="utf-8")]
    texts += [json.loads(line)["text"] for line in (SPECS / "page_excerpts.jsonl").open(encoding="utf-8")]
    out = sys.stdout
    for text in texts:
        for country in (None, "US"):
            try:
                out.write(parse_spec(text, country=country).model_dump_json() + "\n")
            except HeadspecError as exc:
                out.write(f"ERR {type(exc).__name__}: {exc}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
