"""The rule language's syntax tree: frozen dataclasses, each carrying its source position."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pos:
    """A place in a rule file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


# ---- expressions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Expr:
    """An expression of the rule language (the base of the expression nodes)."""

    pos: Pos


@dataclass(frozen=True)
class Num(Expr):
    """A number literal with its unit: `30 credits`, `1.5`."""

    value: float
    unit: str | None  # canonical unit, e.g. "credits", "hours/credit", "%"; None = a plain number


@dataclass(frozen=True)
class SpanLit(Expr):
    """An inclusive range of acceptable values: `25..30 hours`."""

    low: float
    high: float
    unit: str | None


@dataclass(frozen=True)
class Str(Expr):
    """A text literal: `"second"`."""

    value: str


@dataclass(frozen=True)
class Bool(Expr):
    """`true` or `false`."""

    value: bool


@dataclass(frozen=True)
class SetExpr(Expr):
    """A set of literals or expressions: `{"first", "second"}`."""

    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Path(Expr):
    """A name, or a field of a name: `year_credits`, `programme.cycle`, `year.credits`."""

    parts: tuple[str, ...]

    @property
    def text(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class Arith(Expr):
    """Arithmetic on two operands: `year.total_hours / year.share`."""

    op: str  # + - * /
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Neg(Expr):
    """A negated operand: `-x`."""

    operand: Expr


@dataclass(frozen=True)
class Compare(Expr):
    """A comparison: `year.credits >= year_credits`."""

    op: str  # == != < <= > >=
    left: Expr
    right: Expr


@dataclass(frozen=True)
class In(Expr):
    """Membership in a set or a range: `programme.credits in first_cycle_credits` (or `not in`)."""

    left: Expr
    right: Expr
    negated: bool = False


@dataclass(frozen=True)
class IsKnown(Expr):
    """`x is known`, or `x is missing` (negated)."""

    operand: Expr
    negated: bool = False  # `is missing`


@dataclass(frozen=True)
class IsWhole(Expr):
    """`x is whole`: a whole number (for every choice of electives)."""

    operand: Expr


@dataclass(frozen=True)
class Not(Expr):
    """`not x`."""

    operand: Expr


@dataclass(frozen=True)
class BoolOp(Expr):
    """Conditions joined by `and` or by `or`."""

    op: str  # and | or
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Aggregate(Expr):
    """`sum(c.credits for c in year.courses where ...)`; also min, max, all, any."""

    fn: str
    body: Expr
    var: str
    collection: Path
    where: Expr | None


@dataclass(frozen=True)
class Count(Expr):
    """`count(c in year.courses where ...)` or `count(year.courses)` (var is None)."""

    var: str | None
    collection: Path
    where: Expr | None


# ---- declarations -----------------------------------------------------------------------------

def in_languages(english: str | None, others: dict[str, str]) -> dict[str, str]:
    """A text of the rule file by language: the English form (the plain clause) and its translations
    (`note[el]`, `because[sr]`...); empty when there is no English form."""
    return {"en": english, **others} if english is not None else {}


@dataclass(frozen=True)
class InForce:
    """The days a declaration applies: from `start` (inclusive) to `end` (exclusive); None is open."""

    start: dt.date | None = None
    end: dt.date | None = None  # exclusive: the first day it no longer applies

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def overlaps(self, other: "InForce") -> bool:
        lo = max(self.start or dt.date.min, other.start or dt.date.min)
        hi = min(self.end or dt.date.max, other.end or dt.date.max)
        return lo < hi

    def describe(self) -> str:
        if self.start and self.end:
            return f"from {self.start} until {self.end}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"until {self.end}"
        return "always"


@dataclass(frozen=True)
class CitationDecl:
    """`cite SOURCE "article" article[el] "..." quote "..." quote[sr] "..."`: `ref` is the article text in
    English and `refs` in other languages (`article[el]`); `quote` is the English text, `quotes` the
    original-language texts by language code (`el`, `sr`)."""

    source: str
    ref: str
    quote: str | None
    confidence: str | None
    pos: Pos
    quotes: dict[str, str] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    """A message: literal text and `{expression}` holes."""

    parts: tuple[str | Expr, ...]
    pos: Pos


@dataclass(frozen=True)
class RuleSetDecl:
    """The `ruleset NAME` header of a rule set: its titles, parent, jurisdiction, version, dates."""

    name: str
    extends: str | None
    titles: dict[str, str]
    jurisdiction: str | None
    version: str | None
    in_force: InForce
    note: str | None
    pos: Pos
    # the same texts in other languages (`version[el]`, `jurisdiction[el]`, `note[el]`); English is the plain clause
    versions: dict[str, str] = field(default_factory=dict)
    jurisdictions: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceDecl:
    """A `source`: a document rules cite, with its title, address and confidence."""

    name: str
    title: str
    confidence: str | None
    url: str | None
    note: str | None
    pos: Pos
    language: str | None = None  # the language of the source's own text (`language el`); None: English
    titles: dict[str, str] = field(default_factory=dict)  # the title in other languages (`title[el]`)
    notes: dict[str, str] = field(default_factory=dict)  # the note in other languages (`note[el]`)


@dataclass(frozen=True)
class ParameterDecl:
    """A `parameter`: a named value with its citations and the days it is in force."""

    name: str
    value: Expr  # Num | SpanLit | Str | Bool | SetExpr
    citations: tuple[CitationDecl, ...]
    in_force: InForce
    titles: dict[str, str]
    note: str | None
    pos: Pos
    notes: dict[str, str] = field(default_factory=dict)  # the note in other languages (`note[el]`)


@dataclass(frozen=True)
class Scope:
    """A rule's `for each VAR in COLLECTION [where ...]`."""

    var: str
    collection: Path
    where: Expr | None
    pos: Pos


@dataclass(frozen=True)
class RuleDecl:
    """A `rule` (or an exception to one, `exception to NAME`): its scope, conditions, requirements, messages."""

    name: str
    titles: dict[str, str]
    severity: str | None
    citations: tuple[CitationDecl, ...]
    scope: Scope | None
    when: Expr | None
    requires: tuple[Expr, ...]
    messages: dict[str, Template]
    in_force: InForce
    exception_to: str | None
    note: str | None
    pos: Pos
    override: bool = False  # `override rule NAME`: replaces an ancestor's rule of the same name, on purpose
    charts: tuple["ChartDecl", ...] = ()
    notes: dict[str, str] = field(default_factory=dict)  # the note in other languages (`note[el]`)


@dataclass(frozen=True)
class ChartDecl:
    """`chart year.credits target full_time_year_credits`: the quantity a rule bounds, how (target, minimum
    or band), and the value, for the line a report's chart draws."""

    quantity: Expr  # a path: the rule's scope variable and a field
    role: str  # target | minimum | band
    value: Expr
    pos: Pos


@dataclass(frozen=True)
class DropDecl:
    """A `drop NAME because "..."`: an ancestor's rule this set does not apply."""

    name: str
    reason: str
    citations: tuple[CitationDecl, ...]
    pos: Pos
    reasons: dict[str, str] = field(default_factory=dict)  # the reason in other languages (`because[el]`)


@dataclass(frozen=True)
class ScaleDecl:
    """`scale NAME preset "rs-5-10" [pass 6]` or `scale NAME from 0 to 10 step 0.5 pass 5`, with citations.

    `letters` names the policy for ECTS A-E letters ("midpoint" or "majority") when the rule set gives them.
    """

    name: str
    preset: str | None
    lowest: float | None
    highest: float | None
    step: float | None
    pass_mark: float | None
    letters: str | None
    citations: tuple[CitationDecl, ...]
    titles: dict[str, str]
    note: str | None
    pos: Pos
    notes: dict[str, str] = field(default_factory=dict)  # the note in other languages (`note[el]`)


Declaration = RuleSetDecl | SourceDecl | ParameterDecl | RuleDecl | DropDecl | ScaleDecl


@dataclass(frozen=True)
class RuleFile:
    """One parsed rule file: its path, its text and its declarations."""

    path: str
    text: str
    declarations: tuple[Declaration, ...] = field(default_factory=tuple)
