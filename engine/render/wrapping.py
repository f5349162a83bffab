"""Lines of text wrapped as `textwrap.wrap` wraps them, quicker for the plain text reports are made of.

A text whose only whitespace is plain spaces and that has no hyphen (where textwrap may break a
word) is cut into words at its spaces and filled greedily, exactly as textwrap does; any other text (and a
word too long for a line) goes to textwrap itself.
"""
from __future__ import annotations

import re
import textwrap

_SPACES = re.compile(r"( +)")
_SPECIAL = re.compile(r"[^\S ]|-")  # whitespace other than a space, or a hyphen: textwrap's own rules apply


def wrap(text: str, width: int, indent: str, subsequent_indent: str) -> list[str]:
    """`textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=subsequent_indent)`."""
    if not text or text[0] == " " or _SPECIAL.search(text):
        return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=subsequent_indent)
    chunks = _SPACES.split(text)  # words at even places, runs of spaces at odd ones
    if chunks[-1] == "":
        chunks.pop()  # the text ends in spaces: no empty word after them
    lines: list[str] = []
    i, n = 0, len(chunks)
    while i < n:
        if lines:
            room = width - len(subsequent_indent)
            if chunks[i][0] == " ":
                i += 1  # a line does not begin with the spaces the previous one ended at
                if i == n:
                    break
        else:
            room = width - len(indent)
        start, used = i, 0
        while i < n and used + len(chunks[i]) <= room:
            used += len(chunks[i])
            i += 1
        if i < n and len(chunks[i]) > room:  # a word longer than a line: textwrap breaks it
            return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=subsequent_indent)
        end = i - 1 if i - 1 >= start and chunks[i - 1][0] == " " else i  # no spaces at a line's end
        if end > start:
            lines.append((subsequent_indent if lines else indent) + "".join(chunks[start:end]))
    return lines


__all__ = ["wrap"]
