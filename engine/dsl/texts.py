"""The clauses of the rule language that give a text in one language (`title[el]`, `note[sr]`, `version`,
`because[el]`, a citation's `article[el]` and `quote[sr]`), turned into per-language texts: the plain
clause is English, mandatory wherever a translation is given, and each language is given once."""
from __future__ import annotations

import re

from lark import Token

from ..errors import RuleSetError
from ..semantics.reasons import Reason
from . import declaration_words as words


def unescape(token: str) -> str:
    """The text of a STRING token, without its quotes and with its escapes resolved."""
    body = token[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _lang(token: Token | None) -> str:
    """The language of a clause: 'el' for `[el]`, English without one."""
    return str(token)[1:-1] if token is not None else "en"


class TextClauses:
    """Transformer methods for the per-language text clauses (mixed into engine.dsl.transform.ToAst,
    which provides `file`)."""

    file: str

    def title_clause(self, items):
        return ("title", (_lang(items[0]), unescape(items[1])))

    def jurisdiction_clause(self, items):
        return ("jurisdiction", (_lang(items[0]), unescape(items[1])))

    def version_clause(self, items):
        return ("version", (_lang(items[0]), unescape(items[1])))

    def note_clause(self, items):
        return ("note", (_lang(items[0]), unescape(items[1])))

    def because_clause(self, items):
        return ("because", (_lang(items[0]), unescape(items[1])))

    def quote_clause(self, items):
        return ("quotes", _lang(items[0]), items[1])

    def article_clause(self, items):
        return ("articles", _lang(items[0]), items[1])

    def _titles(self, pairs, meta, what: Reason) -> dict[str, str]:
        return self._by_language(pairs, meta, what, "titles")

    def _by_language(self, pairs, meta, what: Reason, kind: str) -> dict[str, str]:
        texts: dict[str, str] = {}
        for lang, text in pairs:
            if lang in texts:
                raise RuleSetError(words.two_in_language(what, kind, lang), self.file, meta.line, meta.column)
            texts[lang] = text
        return texts

    def _translated(self, pairs, meta, what: Reason, clause: str) -> tuple[str | None, dict[str, str]]:
        """A text written once per language (`note "..."`, `note[el] "..."`): the English form, mandatory
        where a translation is given, and the translations."""
        texts = self._by_language(pairs, meta, what, clause + "s")
        english = texts.pop("en", None)
        if texts and english is None:
            raise RuleSetError(words.no_english(what, clause, sorted(texts)[0]), self.file, meta.line, meta.column)
        return english, texts
