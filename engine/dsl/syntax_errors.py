"""One-line messages for syntax errors in rule files (Lark's exceptions in the reader's words)."""
from __future__ import annotations

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import RuleSetError, caret_excerpt


def syntax_error(e: UnexpectedInput, file: str, text: str, line_offset: int = 0, col_offset: int = 0) -> RuleSetError:
    """The RuleSetError for a Lark syntax error, with the line, column and a caret excerpt."""
    line = (e.line if isinstance(e.line, int) and e.line > 0 else None)
    col = (e.column if isinstance(e.column, int) and e.column > 0 else None)
    if isinstance(e, UnexpectedToken):
        tok = e.token
        if tok.type == "$END":
            msg = "the file ends in the middle of a declaration"
        else:
            expected = _describe_expected(e.expected)
            msg = f"unexpected '{tok}'" + (f"; expected {expected}" if expected else "")
    elif isinstance(e, UnexpectedCharacters):
        msg = f"unexpected character '{text[e.pos_in_stream]}'" if 0 <= e.pos_in_stream < len(text) else "unexpected character"
    elif isinstance(e, UnexpectedEOF):
        msg = "the file ends in the middle of a declaration"
    else:
        msg = "syntax error"
    detail = caret_excerpt(text, line, col)
    if line is not None:
        line += line_offset
        if col is not None and line_offset == 0:
            col += col_offset
    return RuleSetError(msg, file, line, col, detail)


_TOKEN_WORDS = {
    "NAME": "a name", "STRING": "a quoted text", "NUMBER": "a number", "DATE": "a date",
    "COMPARE": "a comparison", "SEVERITY": "error, warning or info", "CONFIDENCE": "a confidence level",
    "_IN": "'in'", "_EACH": "'each'", "_FOR": "'for'", "LPAR": "'('", "RPAR": "')'", "EQUAL": "'='",
}


def _describe_expected(expected) -> str:
    names = sorted({_TOKEN_WORDS.get(t, t.strip("_").lower() if t.isupper() else t) for t in expected})
    if len(names) > 6:
        return ""
    return ", ".join(names)

