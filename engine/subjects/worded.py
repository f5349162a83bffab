"""Texts the engine makes about the data ('row 12', 'entry 7 of courses', 'cohort of 2 reference groups'):
a string in English, as before, that also carries the catalogue key and arguments with which a report in
another language words it (engine.render.wording)."""
from __future__ import annotations

from typing import Any


class WordedText(str):
    """An engine-made text: its English words (the string itself), `key` in the catalogues and `args`."""

    def __new__(cls, key: str, english: str, **args: Any) -> "WordedText":
        text = super().__new__(cls, english.format(**args))
        text.key, text.english, text.args = key, english, args
        return text

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Any]]:  # copied and pickled (--jobs) as made
        return (self.key, self.english), self.args


__all__ = ["WordedText"]
