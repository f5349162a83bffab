"""The rarer errors of a rule file's declarations, as catalogue entries (engine.semantics.reasons): a clause
given twice, a text given twice in one language, an English text missing or misplaced, a scale without a pass
mark. Their English sentence is the one the parser always printed; a command run with `--lang` words them in
the reader's language. Names, clauses and the rule language's keywords stay as written."""
from __future__ import annotations

from ..semantics.reasons import Reason, because

THE_RULESET = because("rules.what.the_ruleset", "the ruleset")
# the texts a declaration gives once per language: the plural its errors name them by
_TEXTS = {"titles": because("dsl.texts.titles", "titles"), "notes": because("dsl.texts.notes", "notes"),
          "versions": because("dsl.texts.versions", "versions"),
          "jurisdictions": because("dsl.texts.jurisdictions", "jurisdictions"),
          "reasons": because("dsl.texts.reasons", "reasons"), "messages": because("dsl.texts.messages", "messages"),
          "quotes": because("dsl.texts.quotes", "quotes"), "articles": because("dsl.texts.articles", "articles")}


def declaration(kind: str, name: str) -> Reason:
    """"source 'md'", "the drop of 'x'": a declaration as its errors name it."""
    if kind == "source":
        return because("rules.what.source", "source '{name}'", name=name)
    if kind == "parameter":
        return because("rules.what.parameter", "parameter '{name}'", name=name)
    if kind == "rule":
        return because("rules.what.rule", "rule '{name}'", name=name)
    if kind == "scale":
        return because("rules.what.scale", "scale '{name}'", name=name)
    return because("rules.what.drop", "the drop of '{name}'", name=name)


def clause_twice(what: Reason, clause: str) -> Reason:
    return because("dsl.clause_twice", "{what} has more than one '{clause}' clause", what=what, clause=clause)


def two_in_language(what: Reason, texts: str, lang: str) -> Reason:
    return because("dsl.two_in_language", "{what} has two {texts} in language '{lang}'", what=what,
                   texts=_TEXTS.get(texts, texts), lang=lang)


def citation_two_in_language(texts: str, lang: str) -> Reason:
    return because("dsl.citation_two_in_language", "the citation has two {texts} in language '{lang}'",
                   texts=_TEXTS.get(texts, texts), lang=lang)


CITATION_TWO_ENGLISH_ARTICLES = because("dsl.citation_two_english_articles", "the citation has two articles in "
                                        "language 'en': the text after the source is the English one")


def no_english(what: Reason, clause: str, lang: str) -> Reason:
    return because("dsl.no_english", "{what} has {clause}[{lang}] but no English {clause}: write {clause} \"...\" "
                   "too", what=what, clause=clause, lang=lang)


def english_title_after_name(what: Reason) -> Reason:
    return because("dsl.english_title_after_name", "{what} has its English title after its name; a 'title' clause "
                   "gives it in another language: title[el] \"...\"", what=what)


def needs_pass_mark(what: Reason) -> Reason:
    return because("dsl.needs_pass_mark", "{what} needs a pass mark: add 'pass NUMBER'", what=what)


def two_english_reasons(what: Reason) -> Reason:
    return because("dsl.two_english_reasons", "{what} has two reasons in language 'en': the text after 'because' is "
                   "the English one", what=what)
