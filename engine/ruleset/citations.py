"""Citations as compiled: each names its source (title, confidence, language) and carries its quote,
and the original-language texts where the rule file has them (`quote[el]`, `quote[sr]`); the source's
title and the article text also in the other languages the rule file gives (`title[el]`, `article[el]`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.evaluation.findings import Citation
from engine.ruleset.compose import ComposedRuleSet


@dataclass(frozen=True, slots=True)
class SourcedCitation(Citation):
    """A citation with the language of its source: `quotes` holds the original-language texts
    (`quote[el]`, `quote[sr]`) as (language, text) pairs; `unofficial_translation` says that `quote` is an
    English rendering of a text in another language (the report labels it so and shows the original first)."""

    quotes: tuple[tuple[str, str], ...] = ()
    language: str | None = None  # the source's own language; None: English
    unofficial_translation: bool = False
    source_titles: tuple[tuple[str, str], ...] = ()  # the source's title in other languages (language, text)
    refs: tuple[tuple[str, str], ...] = ()  # the article text in other languages (`article[el]`)

    def original(self, lang: str) -> str | None:
        """The quote in the source's own language `lang`, where the rule file carries it."""
        return dict(self.quotes).get(lang)

    def to_dict(self) -> dict[str, Any]:
        d = Citation.to_dict(self)
        if self.quotes:
            d["quotes"] = dict(self.quotes)
        if self.language:
            d["language"] = self.language
        if self.unofficial_translation:
            d["unofficial_translation"] = True
        if self.source_titles:
            d["source_titles"] = {"en": self.source_title, **dict(self.source_titles)}
        if self.refs:
            d["refs"] = {"en": self.ref, **dict(self.refs)}
        return d


def compile_citations(decls, rs: ComposedRuleSet, source_conf_default=None) -> tuple[Citation, ...]:
    """The citations a rule or parameter declares, with their sources' titles, confidence and language."""
    out = []
    for c in decls:
        if c.source not in rs.sources:
            continue  # reported as an unknown source by composition
        src, _origin = rs.sources[c.source]
        foreign = src.language not in (None, "en")
        out.append(SourcedCitation(c.source, src.title, c.ref, c.quote,
                                   c.confidence or src.confidence or source_conf_default,
                                   tuple(sorted(c.quotes.items())), src.language, foreign and c.quote is not None,
                                   tuple(sorted(src.titles.items())), tuple(sorted(c.refs.items()))))
    return tuple(out)
