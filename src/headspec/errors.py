"""One error tree for the whole product.

Every error carries the offending input (`input`), the field or place it
concerns (`field`), and a hint on what to give instead. The CLI turns these into
a one-line message and exit status 2; the web app maps `status` to an HTTP code.
"""

from __future__ import annotations

import math


class HeadspecError(ValueError):
    """Base of every error headspec raises on purpose."""

    status: int = 400

    def __init__(self, message: str, *, input: object = None, field: str | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.input = input
        self.field = field
        self.hint = hint

    def __str__(self) -> str:
        text = self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form for the web API and `--json` CLI output."""
        shown = self.input
        if isinstance(shown, float) and not math.isfinite(shown):
            shown = str(shown)  # JSON has no NaN/Infinity: keep the bad value readable, not a 500
        elif shown is not None and not isinstance(shown, int | float | bool):
            shown = str(shown)
            if len(shown) > 200:
                shown = shown[:200] + "…"
        return {"error": type(self).__name__, "message": self.message, "field": self.field,
                "input": shown, "hint": self.hint}


class SpecParseError(HeadspecError):
    """Spec text that cannot be read at all (empty, binary, too large)."""


class SourceSpecError(HeadspecError):
    """A source device given by name or figures that cannot be understood."""


class AmpInputError(HeadspecError):
    """A headphone figure the amp check cannot use (negative impedance, 'abc dB')."""


class FrReadError(HeadspecError):
    """A frequency-response file that cannot be read; names file and line."""

    def __init__(self, message: str, *, path: object = None, line: int | None = None,
                 hint: str | None = None) -> None:
        where = f"{path}" + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if path is not None else message,
                         input=path, field="line" if line is not None else None, hint=hint)
        self.path = path
        self.line = line


class CatalogError(HeadspecError):
    """The catalog cannot do what was asked (bad filter, broken database)."""


class NotFoundError(HeadspecError):
    """A model, source, target or record that does not exist."""

    status = 404


class InputTooLargeError(HeadspecError):
    """Input over the size the product accepts."""

    status = 413
