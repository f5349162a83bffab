"""Editor support: the TextMate grammar (VS Code extension) and the Pygments lexer used by HTML reports."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from pygments.token import Comment, Error, Keyword, Name, String

from engine.dsl.highlight import RulesLexer, highlight_html
from engine.ruleset.compose import bundled_rules_dir

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "editors" / "vscode"
GRAMMAR = json.loads((EXTENSION / "syntaxes" / "ects-rules.tmLanguage.json").read_text(encoding="utf-8"))
BUNDLED = sorted(bundled_rules_dir().glob("*/*.rules"))
LANGUAGE_WORDS = sorted(set(re.findall(r'"([a-z_]+)"',
                                       resources.files("engine.dsl").joinpath("grammar.lark").read_text(encoding="utf-8"))))
UNIT_WORDS = {w for w in LANGUAGE_WORDS if re.fullmatch(r"(credit|hour|week|student|year|month|day|semester|term|point)s?", w)}


# ---- a small TextMate tokeniser: leftmost match wins, the earlier pattern on a tie -----------------------

def _flatten(patterns: list[dict]) -> list[dict]:
    out = []
    for p in patterns:
        if "include" in p:
            out += _flatten([GRAMMAR["repository"][p["include"][1:]]])
        elif "patterns" in p and "match" not in p and "begin" not in p:
            out += _flatten(p["patterns"])
        else:
            out.append(p)
    return out


TOP = _flatten(GRAMMAR["patterns"])


def tokenise_line(line: str) -> list[tuple[str, str]]:
    """(text, scope) pieces of one line; unscoped text has scope ''."""
    out, pos = [], 0
    while pos < len(line):
        best = None
        for p in TOP:
            m = re.compile(p.get("match") or p["begin"], re.M).search(line, pos)
            if m and m.end() > m.start() and (best is None or m.start() < best[1].start()):
                best = (p, m)
        if best is None:
            out.append((line[pos:], ""))
            break
        p, m = best
        if m.start() > pos:
            out.append((line[pos:m.start()], ""))
        if "begin" in p:  # a string: up to the end pattern, escapes skipped
            end = re.compile(r'(?:\\.|[^"\\])*' + p["end"]).match(line, m.end())
            stop = end.end() if end else len(line)
            out.append((line[m.start():stop], p["name"]))
            pos = stop
            continue
        groups = p.get("captures")
        if groups:
            out += [(m.group(int(i)), c["name"]) for i, c in sorted(groups.items()) if m.group(int(i))]
        else:
            out.append((m.group(0), p["name"]))
        pos = m.end()
    return [(t, s) for t, s in out if t.strip()]


def scope_of(text: str) -> str:
    return tokenise_line(text)[0][1]


# ---- the grammar and the manifest -----------------------------------------------------------------------------

def test_manifest_points_at_the_grammar():
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    grammar = manifest["contributes"]["grammars"][0]
    assert (EXTENSION / grammar["path"]).is_file() and grammar["scopeName"] == GRAMMAR["scopeName"]
    assert manifest["contributes"]["languages"][0]["extensions"] == [".rules"]
    assert json.loads((EXTENSION / "language-configuration.json").read_text())["comments"]["lineComment"] == "#"


def test_every_regex_compiles_in_python():
    for p in _flatten(GRAMMAR["patterns"]) + _flatten(GRAMMAR["repository"]["string"]["patterns"]):
        for key in ("match", "begin", "end"):
            if key in p:
                re.compile(p[key])


@pytest.mark.parametrize("word", LANGUAGE_WORDS)
def test_every_word_of_the_language_is_scoped(word):
    contexts = {**{w: f"1 {w}" for w in UNIT_WORDS}, **{w: f"{w}(x)" for w in ("sum", "min", "max", "all", "any", "count")},
                **{w: f"{w} x" for w in ("ruleset", "source", "parameter", "rule", "drop", "scale")},
                "per": "1 hour per credit"}
    tokens = tokenise_line(contexts.get(word, word))
    scope = next(s for t, s in tokens if word in t)
    assert scope not in ("", "variable.other.ects-rules"), (word, tokens)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_files_tokenise_sensibly(path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        tokens = tokenise_line(line)
        if not tokens:
            continue
        first_text, first_scope = tokens[0]
        if line.startswith("#"):
            assert first_scope.startswith("comment."), (n, line)
        elif not line[0].isspace():
            assert first_scope.startswith("storage.type."), (n, tokens[:2])
        elif line.lstrip()[0].isalpha():
            assert first_scope.startswith("keyword."), (n, tokens[:2])
        for text, scope in tokens:
            if text.startswith('"'):
                assert scope.startswith("string."), (n, text)
            if "#" in text and not scope.startswith("string."):
                assert scope.startswith("comment."), (n, text)


def test_a_hash_in_a_string_is_not_a_comment():
    assert [s for _, s in tokenise_line('note "see #3" # real')] == \
        ["keyword.other.clause.ects-rules", "string.quoted.double.ects-rules", "comment.line.number-sign.ects-rules"]


# ---- Pygments: the same reading, for HTML reports ---------------------------------------------------------------

@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pygments_lexer_reads_bundled_files_without_errors(path):
    text = path.read_text(encoding="utf-8")
    tokens = list(RulesLexer().get_tokens(text))
    assert "".join(v for _, v in tokens) == text
    assert not [v for t, v in tokens if t in Error]
    kinds = {t for t, _ in tokens}
    assert any(t in Keyword for t in kinds) and any(t in String for t in kinds)
    assert any(t in Comment for t in kinds) == ("#" in text)


def test_highlighted_html_is_escaped_and_marks_keywords():
    html = highlight_html('c.title == "<b>" and count(x in p.items) > 2 credits')
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<span class="ow">and</span>' in html and '<span class="nb">count</span>' in html
    assert '<span class="kt">credits</span>' in html and '<span class="nv">c.title</span>' in html
    assert [t for t, v in RulesLexer().get_tokens("severity warning") if v == "warning"] == [Name.Constant]
