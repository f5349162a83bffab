"""Rule files -> syntax tree (engine.dsl.ast), with positions and one-line errors for bad syntax.

A rule file read is served from the parse cache (engine.dsl.cache) when it was parsed before; the parser
itself, built with Lark from engine/dsl/grammar.lark, is in engine.dsl.grammar_parser, imported (with Lark)
on the first text actually parsed: loading Lark and building its parser is a good part of the start-up
time of a command whose rule files come from the cache.
"""
from __future__ import annotations

import importlib
from pathlib import Path as FsPath

from ..errors import RuleSetError
from ..limits import read_input_bytes
from ..semantics.reasons import because, plain
from . import ast
from .cache import cached_parse
from .known import remember

_GRAMMAR_PARSER = "engine.dsl.grammar_parser"  # imported on the first parse (see the module's doc)


def parse_expression(text: str, file: str = "<expr>", line: int = 1, column: int = 1) -> ast.Expr:
    """Parse one expression (used for message holes and tests)."""
    return importlib.import_module(_GRAMMAR_PARSER).parse_expression(text, file, line, column)


def parse_text(text: str, file: str = "<rules>") -> ast.RuleFile:
    """Parse the text of one rule file (a leading byte-order mark is ignored)."""
    return importlib.import_module(_GRAMMAR_PARSER).parse_text(text, file)


def parse_file(path: str | FsPath) -> ast.RuleFile:
    """Read and parse a rule file (at most MAX_FILE_BYTES; a byte-order mark is ignored)."""
    raw = read_input_bytes(path, RuleSetError, "rule file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RuleSetError(because("dsl.not_utf8", "rule file is not UTF-8 text ({why} at byte {at})", why=plain(e.reason),
                                  at=str(e.start)), str(path)) from None
    rule_file = cached_parse(str(path), text, parse_text)
    remember(rule_file)  # its expressions, for reports that word them (engine.dsl.known)
    return rule_file
