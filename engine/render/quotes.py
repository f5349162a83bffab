"""A citation's quotations as a report shows them: the text in the source's own language first, where the
rule file has it (`quote[sr]`), then the English `quote`, labelled in the reader's language when it renders
a text written in another language (an English rendering from a secondary source, not the official text)."""
from __future__ import annotations

from typing import Any, Callable, Mapping

UNOFFICIAL = "quote.unofficial_translation"  # the catalogue key of the label


def _part(c: Any, name: str) -> Any:
    """A part of a citation given as an object (a report's) or as data (a rule set described: a mapping)."""
    return c.get(name) if isinstance(c, Mapping) else getattr(c, name, None)


def quoted(c: Any, t: Callable[..., str]) -> list[tuple[str, str | None]]:
    """The citation's quotations as (text, label) pairs, the original first; the label is None for a quote
    in the source's own language."""
    out: list[tuple[str, str | None]] = []
    language = _part(c, "language")
    original = dict(_part(c, "quotes") or ()).get(language) if language else None
    if original:
        out.append((original, None))
    if _part(c, "quote"):
        out.append((_part(c, "quote"), quote_label(c, t)))
    return out


def quote_label(c: Any, t: Callable[..., str]) -> str | None:
    """The label of the citation's English quote in the reader's language, None when it needs none."""
    return t(UNOFFICIAL) if _part(c, "quote") and _part(c, "unofficial_translation") else None
