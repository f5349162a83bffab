"""A citation's quotations as a report shows them: the text in the source's own language first, where the
rule file has it (`quote[sr]`), then the English `quote`, labelled in the reader's language when it renders
a text written in another language (an English rendering from a secondary source, not the official text)."""
from __future__ import annotations

from typing import Any, Callable

UNOFFICIAL = "quote.unofficial_translation"  # the catalogue key of the label


def quoted(c: Any, t: Callable[..., str]) -> list[tuple[str, str | None]]:
    """The citation's quotations as (text, label) pairs, the original first; the label is None for a quote
    in the source's own language."""
    out: list[tuple[str, str | None]] = []
    language = getattr(c, "language", None)
    original = dict(getattr(c, "quotes", ())).get(language) if language else None
    if original:
        out.append((original, None))
    if c.quote:
        out.append((c.quote, t(UNOFFICIAL) if getattr(c, "unofficial_translation", False) else None))
    return out


def quote_label(c: Any, t: Callable[..., str]) -> str | None:
    """The label of the citation's English quote in the reader's language, None when it needs none."""
    return t(UNOFFICIAL) if c.quote and getattr(c, "unofficial_translation", False) else None
