"""Lines of text wrapped as `textwrap.wrap` wraps them, quicker for the plain text reports are made of.

A text whose words are parted by single spaces (no other whitespace, no space at either end) and that has
no hyphen (where textwrap may break a word) is filled greedily, each line up to its last space that fits,
exactly as textwrap fills it; any other text (and a word too long for a line) goes to textwrap itself.
"""
from __future__ import annotations

import re
import textwrap

_SPECIAL = re.compile(r"[^\S ]|-|  ")  # other whitespace, a hyphen or a run of spaces: textwrap's own rules apply


def wrap(text: str, width: int, indent: str, subsequent_indent: str) -> list[str]:
    """`textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=subsequent_indent)`."""
    if not text or text[0] == " " or text[-1] == " " or _SPECIAL.search(text):
        return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=subsequent_indent)
    lines: list[str] = []
    start, end, prefix = 0, len(text), indent
    while end - start > width - len(prefix):
        room = width - len(prefix)
        cut = text.rfind(" ", start, start + room + 1)  # the last space at most `room` characters in
        if cut < start:  # the first word is longer than a line: textwrap breaks it
            return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=subsequent_indent)
        lines.append(prefix + text[start:cut])
        start, prefix = cut + 1, subsequent_indent
    lines.append(prefix + text[start:])
    return lines


__all__ = ["wrap"]
