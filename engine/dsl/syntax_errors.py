"""One-line messages for syntax errors in rule files (Lark's exceptions in the reader's words)."""
from __future__ import annotations

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import RuleSetError, caret_excerpt
from ..semantics.reasons import Listed, because, plain


def syntax_error(e: UnexpectedInput, file: str, text: str, line_offset: int = 0, col_offset: int = 0) -> RuleSetError:
    """The RuleSetError for a Lark syntax error, with the line, column and a caret excerpt."""
    line = (e.line if isinstance(e.line, int) and e.line > 0 else None)
    col = (e.column if isinstance(e.column, int) and e.column > 0 else None)
    if isinstance(e, UnexpectedToken):
        tok = e.token
        if tok.type == "$END":
            msg = _ENDS
        else:
            expected = _describe_expected(e.expected)
            msg = because("dsl.unexpected", "unexpected '{token}'{expected}", token=str(tok),
                          expected=because("dsl.expected", "; expected {names}", names=expected) if expected else plain(""))
    elif isinstance(e, UnexpectedCharacters):
        msg = because("dsl.unexpected_character", "unexpected character '{char}'", char=text[e.pos_in_stream]) \
            if 0 <= e.pos_in_stream < len(text) else because("dsl.unexpected_character_bare", "unexpected character")
    elif isinstance(e, UnexpectedEOF):
        msg = _ENDS
    else:
        msg = because("dsl.syntax_error", "syntax error")
    detail = caret_excerpt(text, line, col)
    if line is not None:
        line += line_offset
        if col is not None and line_offset == 0:
            col += col_offset
    return RuleSetError(msg, file, line, col, detail)


_ENDS = because("dsl.ends_in_declaration", "the file ends in the middle of a declaration")
_TOKEN_WORDS = {
    "NAME": because("dsl.token.name", "a name"), "STRING": because("dsl.token.string", "a quoted text"),
    "NUMBER": because("dsl.token.number", "a number"), "DATE": because("dsl.token.date", "a date"),
    "COMPARE": because("dsl.token.compare", "a comparison"),
    "SEVERITY": because("dsl.token.severity", "error, warning or info"),
    "CONFIDENCE": because("dsl.token.confidence", "a confidence level"),
    "_IN": "'in'", "_EACH": "'each'", "_FOR": "'for'", "LPAR": "'('", "RPAR": "')'", "EQUAL": "'='",
}


def _describe_expected(expected) -> Listed | None:
    """The tokens expected, in the order of their English words (keywords as written), or None for more than 6."""
    names = {_TOKEN_WORDS.get(t, t.strip("_").lower() if t.isupper() else t) for t in expected}
    if len(names) > 6:
        return None
    return Listed(sorted(names, key=str))

