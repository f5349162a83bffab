"""Syntax highlighting of rule-language text for HTML reports, on the server (Pygments), no script.

`RulesLexer` is a Pygments lexer for `.rules` files (the same token classes as the TextMate grammar
in editors/vscode/syntaxes/); `highlight_html` gives escaped HTML with Pygments' short CSS classes
(`k` keyword, `s2` string, `c1` comment, `m` number, `o` operator...), styled by reports/report.css.
Pygments is loaded when a report first highlights something (or `RulesLexer` is first asked for), so
the commands that write no HTML start without it.
"""
from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

DECLARATIONS = ("ruleset", "source", "parameter", "rule", "drop", "scale")
CLAUSES = ("extends", "title", "jurisdiction", "version", "note", "url", "confidence", "cite", "quote", "severity",
           "message", "exception", "to", "because", "article", "preset", "step", "pass", "letters", "from", "until",
           "override", "chart", "language")
CONTROL = ("for", "each", "in", "where", "when", "require")
LOGICAL = ("and", "or", "not", "is", "known", "missing", "whole")
AGGREGATES = ("sum", "min", "max", "all", "any", "count")
CONSTANTS = ("error", "warning", "info", "target", "minimum", "band", "primary", "secondary", "seed_only", "unverified", "derived")
UNITS = ("credits", "credit", "hours", "hour", "weeks", "week", "students", "student", "years", "year", "months",
         "month", "days", "day", "semesters", "semester", "terms", "term", "points", "point", "per")


@lru_cache(maxsize=None)
def rules_lexer() -> type:
    """The Pygments lexer class of the rule language (built once, on first use)."""
    from pygments.lexer import RegexLexer, bygroups, words  # noqa: PLC0415 - Pygments only where HTML is made
    from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text  # noqa: PLC0415

    class RulesLexer(RegexLexer):
        """Pygments lexer for the ects rule language."""

        name = "ECTS rules"
        aliases = ["ects-rules"]
        filenames = ["*.rules"]

        tokens = {
            "root": [
                (r"#.*$", Comment.Single),
                (r'"', String.Double, "string"),
                (r"^((?:override\s+)?(?:%s))(\s+)([A-Za-z_]\w*)" % "|".join(DECLARATIONS), bygroups(Keyword.Declaration, Text, Name.Class)),
                (r"\bin[ \t]+force\b", Keyword),
                (r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+", Name.Variable),  # a path: programme.years, c.title
                (r"\b(%s)(?=\s*\()" % "|".join(AGGREGATES), Name.Builtin),
                (words(CLAUSES + CONTROL, prefix=r"\b", suffix=r"\b"), Keyword),
                (words(LOGICAL, prefix=r"\b", suffix=r"\b"), Operator.Word),
                (words(("true", "false"), prefix=r"\b", suffix=r"\b"), Keyword.Constant),
                (words(CONSTANTS, prefix=r"\b", suffix=r"\b"), Name.Constant),
                (r"\[[a-z]{2}\]", Name.Attribute),
                (r"\d{4}-\d{2}-\d{2}", Number.Integer),
                (r"(\d+(?:\.\d+)?)(\s*)(%s)\b" % "|".join(UNITS[:-1]), bygroups(Number, Text, Keyword.Type)),
                (r"\b(per)(\s+)(%s)\b" % "|".join(UNITS[:-1]), bygroups(Keyword.Type, Text, Keyword.Type)),
                (r"\d+(\.\d+)?", Number),
                (r"==|!=|<=|>=|<|>|\.\.|[-+*/=%]", Operator),
                (r"[(){},.]", Punctuation),
                (r"[A-Za-z_]\w*", Name),
                (r"\s+", Text),
            ],
            "string": [
                (r"\\.", String.Escape),
                (r"\{[^{}\"\n]*\}", String.Interpol),
                (r'"', String.Double, "#pop"),
                (r"\n", Text, "#pop"),
                (r'[^"\\{\n]+|\{', String.Double),
            ],
        }

    return RulesLexer


@lru_cache(maxsize=None)
def _formatter():
    from pygments.formatters import HtmlFormatter  # noqa: PLC0415
    return HtmlFormatter(nowrap=True)


def __getattr__(name: str):
    if name == "RulesLexer":  # the lexer class, as `from engine.dsl.highlight import RulesLexer` names it
        return rules_lexer()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def highlight_html(text: str) -> Markup:
    """Rule-language text as escaped HTML with highlighting spans (no trailing newline added)."""
    from pygments import highlight  # noqa: PLC0415
    html = highlight(text, rules_lexer()(), _formatter())
    return Markup(html[:-1] if html.endswith("\n") and not text.endswith("\n") else html)
