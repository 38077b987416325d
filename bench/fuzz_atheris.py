"""Coverage-guided fuzzing of headspec's readers of untrusted text with atheris (libFuzzer).

Not part of CI or `make bench` by default: atheris is an optional tool. Install it into the venv
(`.venv/bin/pip install atheris`), then run a bounded session per target:

    .venv/bin/python bench/fuzz_atheris.py spec   -runs=200000
    .venv/bin/python bench/fuzz_atheris.py source -max_total_time=120
    .venv/bin/python bench/fuzz_atheris.py fr     -max_total_time=120
    .venv/bin/python bench/fuzz_atheris.py jsonl  -max_total_time=120

Each target feeds the fuzzer's bytes to one reader; a `HeadspecError` is the expected answer to bad
input, and any other exception is a finding (libFuzzer stops and writes the crashing input to
`crash-*`). Without arguments after the target, a session is capped at 60 s.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

TARGETS = ("spec", "source", "fr", "jsonl")


def main() -> None:
    if len(sys.argv) < 2:  # `make bench` runs every script bare: this one is opt-in
        print(f"fuzz_atheris: skipped (give a target: {', '.join(TARGETS)}; see the docstring)")
        return
    if sys.argv[1] not in TARGETS:
        raise SystemExit(f"usage: fuzz_atheris.py {{{','.join(TARGETS)}}} [libFuzzer flags]")
    target = sys.argv.pop(1)
    try:
        import atheris
    except ImportError:
        raise SystemExit("atheris is not installed: .venv/bin/pip install atheris") from None

    with atheris.instrument_imports():
        # the modules the library imports lazily, named here so that they are instrumented too
        import headspec.catalog._records  # noqa: F401
        import headspec.catalog.ingest  # noqa: F401
        import headspec.fr.readers  # noqa: F401
        import headspec.parse._core  # noqa: F401
        from headspec.catalog import Catalog
        from headspec.errors import HeadspecError
        from headspec.fr import read as read_fr
        from headspec.parse import parse_spec
        from headspec.sources import parse_source

    tmp = Path(tempfile.mkdtemp(prefix="headspec-atheris-"))
    catalog = Catalog(tmp / "fuzz.sqlite3") if target == "jsonl" else None
    counter = [0]

    def one(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        try:
            if target == "spec":
                parse_spec(fdp.ConsumeUnicodeNoSurrogates(len(data)))
            elif target == "source":
                parse_source(fdp.ConsumeUnicodeNoSurrogates(len(data)))
            elif target == "fr":
                path = tmp / "Fuzz Phone.csv"
                path.write_bytes(data)
                read_fr(path)
            else:
                counter[0] += 1  # a new file name each time: the ingest skips a file it has seen
                path = tmp / f"feed{counter[0] % 1000}.jsonl"
                path.write_bytes(data)
                assert catalog is not None
                catalog.ingest_listings(path)
        except HeadspecError as exc:
            if exc.input is None and exc.field is None:
                raise AssertionError(f"{type(exc).__name__} names no input: {exc}") from exc

    args = sys.argv if len(sys.argv) > 1 else [sys.argv[0], "-max_total_time=60"]
    atheris.Setup(args, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
