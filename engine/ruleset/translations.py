"""Which texts of a rule set lack a language: the rule set's header (version, jurisdiction, note),
sources (title, note), parameters and scales (title, note), drops (reason) and citations (article
text). Rules themselves (title, message, note) are checked by CompiledRule.missing_languages.

A bundled rule set is written in every language of BUNDLED_LANGUAGES (`ects rules check` warns about
each gap, the test suite fails); a user's folder may write English only, and reports then show the
English text marked as such.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from engine.dsl import ast
from engine.dsl.declaration_words import declaration
from engine.ruleset.compose import ComposedRuleSet
from engine.semantics.reasons import Reason, because

WORDS = re.compile(r"[^\W\d_]")  # an article text with a letter in it ("art. 14", "p.36"; not "14", "§3") needs translating


@dataclass(frozen=True)
class Gap:
    """A text of a rule file missing in some languages: where it is, what it is, the clauses it lacks."""

    pos: ast.Pos
    what: Reason  # "source 'md'", "the drop of 'x'", "a citation of 'zvo' in rule 'y'" (worded in the reader's language)
    missing: tuple[str, ...]  # e.g. ("note[el]", "note[sr]")


def rule_named(name: str) -> Reason:
    """"rule 'x'", as a catalogue entry."""
    return declaration("rule", name)


def _missing(clause: str, english: str | None, others: dict[str, str], langs: tuple[str, ...]) -> list[str]:
    if english is None:
        return []
    return [f"{clause}[{lang}]" for lang in langs if lang != "en" and lang not in others]


def _missing_titles(titles: dict[str, str], langs: tuple[str, ...]) -> list[str]:
    return [f"title[{lang}]" for lang in langs if titles and lang not in titles]


def _citation_gaps(cites, owner: Reason, langs: tuple[str, ...]) -> Iterator[Gap]:
    for c in cites:
        if WORDS.search(c.ref):
            missing = _missing("article", c.ref, c.refs, langs)
            if missing:
                yield Gap(c.pos, because("rules.what.citation", "a citation of '{source}' in {owner}", source=c.source,
                                         owner=owner), tuple(missing))


def _headers(rs: ComposedRuleSet) -> Iterator[ast.RuleSetDecl]:
    node: ComposedRuleSet | None = rs
    while node is not None:
        yield node.header
        node = node.parent


def untranslated_texts(rs: ComposedRuleSet, langs: tuple[str, ...]) -> list[Gap]:
    """Every text of the composed rule set (its ancestors' included) missing in one of `langs`."""
    gaps: list[Gap] = []

    def add(pos: ast.Pos, what: Reason, missing: list[str]) -> None:
        if missing:
            gaps.append(Gap(pos, what, tuple(missing)))

    for h in _headers(rs):
        add(h.pos, because("rules.what.ruleset", "rule set '{name}'", name=h.name), _missing_titles(h.titles, langs)
            + _missing("version", h.version, h.versions, langs)
            + _missing("jurisdiction", h.jurisdiction, h.jurisdictions, langs) + _missing("note", h.note, h.notes, langs))
    for name, (s, _origin) in rs.sources.items():
        add(s.pos, declaration("source", name), _missing("title", s.title, s.titles, langs) + _missing("note", s.note, s.notes, langs))
    for name, entry in rs.parameters.items():
        for p in entry.versions:
            parameter = declaration("parameter", name)
            add(p.pos, parameter, _missing_titles(p.titles, langs) + _missing("note", p.note, p.notes, langs))
            gaps += _citation_gaps(p.citations, parameter, langs)
    for name, entry in rs.rules.items():
        for r in (*entry.versions, *(d for d, _ in entry.exceptions)):
            gaps += _citation_gaps(r.citations, rule_named(r.name), langs)
    for name, d in rs.dropped.items():
        drop = declaration("drop", name)
        add(d.decl.pos, drop, _missing("because", d.decl.reason, d.decl.reasons, langs))
        gaps += _citation_gaps(d.decl.citations, drop, langs)
    for name, sc in rs.scales.items():
        scale = declaration("scale", name)
        add(sc.decl.pos, scale, _missing_titles(sc.decl.titles, langs) + _missing("note", sc.decl.note, sc.decl.notes, langs))
        gaps += _citation_gaps(sc.decl.citations, scale, langs)
    return sorted(gaps, key=lambda g: (g.pos.file, g.pos.line, g.pos.column))
