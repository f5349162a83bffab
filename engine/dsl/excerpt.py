"""The text of one declaration of a rule file, for showing a rule as it is written (the web application's
rule browser shows it highlighted by engine.dsl.highlight)."""
from __future__ import annotations

from pathlib import Path

from ..errors import RuleSetError
from ..limits import read_input_bytes

MAX_EXCERPT_LINES = 80  # a longer declaration is cut, and the cut is marked


def declaration_text(path: str | Path, line: int) -> str | None:
    """The declaration starting at 1-based `line` of a rule file: that line and the indented (or blank)
    lines below it, without trailing blank lines or comments; None when the file cannot be read."""
    try:
        lines = read_input_bytes(path, RuleSetError, "rule file").decode("utf-8-sig").splitlines()
    except (RuleSetError, UnicodeDecodeError):
        return None
    if not 1 <= line <= len(lines):
        return None
    out = [lines[line - 1]]
    for text in lines[line:]:
        if text.strip() and not text[:1].isspace():
            break  # the next top-level declaration or comment
        out.append(text)
    while len(out) > 1 and (not out[-1].strip() or out[-1].lstrip().startswith("#")):
        out.pop()
    if len(out) > MAX_EXCERPT_LINES:
        out = out[:MAX_EXCERPT_LINES] + ["  # ... (cut; see the rule file)"]
    return "\n".join(out)
