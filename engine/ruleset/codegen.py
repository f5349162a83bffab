"""A rule's `for each`, `where`, `when` and `require` clauses as straight-line Python source.

The generated function is the evaluator's fast path (engine.evaluation.fastpath): it reads the view's
fields directly and decides with plain Python operators when the values are plain numbers, texts or
yes/no values, calling the value domain's own functions (engine.semantics.values) for anything else
(a total that depends on electives, a range, a set). Whenever a `where`, `when` or `require` does not
come out plainly true or false (an unknown value, a verdict that differs between choices), it hands
that element to the generic evaluator, which decides it per choice and says why; so the verdicts are
the generic evaluator's by construction. It records neither a trace nor a message: those are rebuilt
on demand (engine.evaluation.deferred).

One function per rule, `def rule_N(s0, P, F, G)`:
- `s0` the subject (ProgrammeView...), `P` the parameter vector;
- `F((pos, status))` records a finding decided here, in order: `pos` the element's position in the
  rule's collection (None: the subject itself), so that the findings need no reference to the view
  (engine.evaluation.rows);
- `G(item)` evaluates that element the generic way (1 when it was checked, 0 when its `where` excluded it);
- it returns how many elements were checked, or None when the collection itself is unknown (the
  whole rule is then evaluated the generic way).
Where a condition does not come out plainly true or false, the element goes to G: nothing undecided
is ever combined further on the fast path. Inside an `and`/`or` the generated code raises _Undecided
for that (caught around the clause); a clause without one hands the element to G where it stands.
Reads of parameters and of the subject's own fields (the same for every element) are made once,
before the loop.
Rules with exceptions, and expressions with aggregates (sum, count, all...), are not generated:
the generic evaluator runs them.
"""
from __future__ import annotations

from engine.dsl import ast
from engine.semantics.values import Span
from engine.subjects.kinds import OBJECT_TYPES, ROOTS

PASS, FAIL, NA = "pass", "fail", "not_applicable"
_PYOP = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class NotGenerated(Exception):
    """The rule uses something the fast path does not generate (the generic evaluator runs it)."""


class RuleSource:
    """Generates the source of one rule's function; `consts` collects the literal values it names."""

    def __init__(self, name: str, rule, param_index: dict[str, int], param_types: dict, consts: dict):
        self.name = name
        self.rule = rule
        self.param_index = param_index
        self.param_types = param_types
        self.consts = consts
        self.lines: list[str] = []
        self.n = 0
        self.var = rule.scope_var
        self.var_type = rule.scope_type
        self.hoisted: dict[str, str] | None = None  # in a loop: text of a read made before it -> its local
        self.before: list[str] = []  # the lines of those reads

    # ---- helpers
    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)

    def temp(self) -> str:
        self.n += 1
        return f"t{self.n}"

    def const(self, value) -> str:
        for name, v in self.consts.items():
            if v is value:
                return name
        name = f"K{len(self.consts)}"
        self.consts[name] = value
        return name

    # ---- static types (only what choosing the operation needs: is it a set, a range?)
    def kind_of(self, e: ast.Expr) -> str:
        if isinstance(e, ast.SetExpr):
            return "set"
        if isinstance(e, ast.SpanLit):
            return "span"
        if isinstance(e, ast.Path):
            return self._path_type(e)[1].kind
        return "other"

    def _path_type(self, e: ast.Path):
        """(Python expression of the owner, the field's Type, the attributes to read)."""
        head, *rest = e.parts
        if head == self.var:
            owner, tname = "s1", self.var_type
        elif head in self.param_index:
            if rest:
                raise NotGenerated(e.text)
            return f"P[{self.param_index[head]}]", self.param_types[head], ()
        elif head in ROOTS:
            owner, tname = "s0", ROOTS[head]
        else:
            raise NotGenerated(e.text)
        t = None
        attrs = []
        for part in rest:
            otype = OBJECT_TYPES.get(tname or "")
            if otype is None or part not in otype.fields:
                raise NotGenerated(e.text)
            f = otype.fields[part]
            attrs.append(f.attr)
            t = f.type
            tname = t.name if t.kind == "object" else None
        if t is None:
            raise NotGenerated(e.text)  # the bare subject or element is not a value
        return owner, t, tuple(attrs)

    # ---- expressions: each returns the name of a local (or a literal) holding the generic value
    def expr(self, e: ast.Expr, d: int) -> str:
        method = getattr(self, "_" + type(e).__name__.lower(), None)
        if method is None:
            raise NotGenerated(type(e).__name__)
        return method(e, d)

    def _num(self, e: ast.Num, d: int) -> str:
        v = e.value
        return repr(v) if type(v) is int or (type(v) is float and v == v and abs(v) != float("inf")) else self.const(v)

    def _str(self, e: ast.Str, d: int) -> str:
        return repr(e.value)

    def _bool(self, e: ast.Bool, d: int) -> str:
        return "True" if e.value else "False"

    def _spanlit(self, e: ast.SpanLit, d: int) -> str:
        return self.const(Span(e.low, e.high))

    def _setexpr(self, e: ast.SetExpr, d: int) -> str:
        if not all(isinstance(i, (ast.Num, ast.Str, ast.Bool)) for i in e.items):
            raise NotGenerated("a set of computed values")
        return self.const(frozenset(i.value for i in e.items))

    def _path(self, e: ast.Path, d: int) -> str:
        owner, _, attrs = self._path_type(e)
        read = f"{owner}{'.' + attrs[0] if attrs else ''}" if len(attrs) <= 1 else f"_read({owner}, {attrs!r})"
        if self.hoisted is not None and owner != "s1":  # the same for every element: read once, before the loop
            t = self.hoisted.get(e.text)
            if t is None:
                t = self.hoisted[e.text] = self.temp()
                self.before.append(f"    {t} = {read}")
            return t
        t = self.temp()
        self.emit(d, f"{t} = {read}")
        return t

    def assign(self, d: int, target: str, e: ast.Expr) -> None:
        """`target = ` the expression's value (its last temporary renamed, where it is one)."""
        value = self.expr(e, d)
        last = "    " * d + value + " = "
        if self.lines and self.lines[-1].startswith(last) and self.n and value == f"t{self.n}":
            self.lines[-1] = "    " * d + target + " = " + self.lines[-1][len(last):]
        else:
            self.emit(d, f"{target} = {value}")

    def _arith(self, e: ast.Arith, d: int) -> str:
        a, b = self.expr(e.left, d), self.expr(e.right, d)
        t = self.temp()
        self.emit(d, f"{t} = _arith({e.op!r}, {a}, {b})")
        return t

    def _neg(self, e: ast.Neg, d: int) -> str:
        a = self.expr(e.operand, d)
        t = self.temp()
        self.emit(d, f"{t} = _negate({a})")
        return t

    # a comparison, a range test or `is whole`: plain Python when its values are plain, else the value domain's
    def splits(self, e: ast.Expr) -> bool:
        """Does the expression have a plain form (split)? (Not one with an `and`/`or` inside.)"""
        if _combines(e):
            return False
        if isinstance(e, ast.Compare):
            return not (self.kind_of(e.right) == "set" and e.op in ("==", "!="))
        return isinstance(e, ast.IsWhole) or isinstance(e, ast.In) and self.kind_of(e.right) == "span"

    def split(self, e: ast.Expr, d: int) -> tuple[str, str, str]:
        """(test, plain, generic) of an expression that splits: where `test` holds (always, when it is
        empty) its value is `plain`, True or False; elsewhere the value domain's `generic`."""
        if isinstance(e, ast.IsWhole):
            a = self.expr(e.operand, d)
            return f"type({a}) in _NUM", f"float({a}).is_integer()", f"_is_whole({a})"
        a, b = self.expr(e.left, d), self.expr(e.right, d)
        if isinstance(e, ast.In):
            test = f"type({a}) in _NUM and type({b}) is _Span"
            plain, generic = f"{b}.low <= {a} <= {b}.high", f"_in_span({a}, {b})"
            return (test, f"not ({plain})", f"_tri_not({generic})") if e.negated else (test, plain, generic)
        test = " and ".join(f"type({x}) in _PLAIN" for x, side in ((a, e.left), (b, e.right))
                            if not isinstance(side, (ast.Num, ast.Str, ast.Bool)))
        return test, f"{a} {_PYOP[e.op]} {b}", f"_compare({e.op!r}, {a}, {b})"

    def joined(self, parts: tuple[str, str, str], d: int) -> str:
        """A split expression's value in a temporary."""
        test, plain, generic = parts
        t = self.temp()
        self.emit(d, f"{t} = ({plain}) if {test} else {generic}" if test else f"{t} = ({plain})")
        return t

    def _compare(self, e: ast.Compare, d: int) -> str:
        if self.splits(e):
            return self.joined(self.split(e, d), d)
        a, b = self.expr(e.left, d), self.expr(e.right, d)
        t = self.temp()
        self.emit(d, f"{t} = _in_set({a}, {b})")
        if e.op == "!=":
            self.emit(d, f"{t} = _tri_not({t})")
        return t

    def _in(self, e: ast.In, d: int) -> str:
        kind = self.kind_of(e.right)
        if kind not in ("span", "set"):
            raise NotGenerated("in")
        if kind == "span":
            return self.joined(self.split(e, d), d)
        a, b = self.expr(e.left, d), self.expr(e.right, d)
        t = self.temp()
        self.emit(d, f"{t} = _in_set({a}, {b})")
        if e.negated:
            self.emit(d, f"{t} = _tri_not({t})")
        return t

    def _isknown(self, e: ast.IsKnown, d: int) -> str:
        a = self.expr(e.operand, d)
        t = self.temp()
        self.emit(d, f"{t} = type({a}) {'is' if e.negated else 'is not'} _Unknown")
        return t

    def _iswhole(self, e: ast.IsWhole, d: int) -> str:
        return self.joined(self.split(e, d), d)

    def _not(self, e: ast.Not, d: int) -> str:
        a = self.expr(e.operand, d)
        t = self.temp()
        self.emit(d, f"{t} = _tri_not({a})")
        return t

    def _boolop(self, e: ast.BoolOp, d: int) -> str:
        """`and`/`or`, short-circuit as the generic three-valued one; an unknown side raises _Undecided
        (the generic evaluator then decides the element, with its reason)."""
        decisive, other = ("False", "True") if e.op == "and" else ("True", "False")
        t = self.temp()
        self.assign(d, t, e.items[0])
        for item in e.items[1:]:
            self.emit(d, f"if {t} is {other}:")
            self.assign(d + 1, t, item)
            self.emit(d, f"elif {t} is not {decisive}:")
            self.emit(d + 1, "raise _Undecided")
        return t

    # ---- the rule
    def source(self) -> str:
        rule, decl = self.rule, self.rule.decl
        if rule.exceptions or rule.exception_to is not None:
            raise NotGenerated("exceptions")
        self.emit(0, f"def {self.name}(s0, P, F, G):")
        self.emit(1, f"# rule {rule.id} ({rule.decl.pos.file.rsplit('/', 1)[-1]}:{rule.decl.pos.line})")
        if decl.scope is None:
            self.decide(1, "None", ("G(None)", "return 1"), [decl.when, *decl.requires])
            self.emit(1, "return 1")
            return "\n".join(self.lines) + "\n"
        coll = decl.scope.collection
        owner, t, attrs = self._path_type(coll)
        if t.kind != "list":
            raise NotGenerated("collection")
        read = f"{owner}.{attrs[0]}" if len(attrs) == 1 else f"_read({owner}, {attrs!r})"
        self.emit(1, f"items = {read}")
        self.emit(1, "if type(items) is _Unknown:")
        self.emit(2, "return None")
        self.emit(1, "checked = 0")
        hoisted = decl.when is not None and not self.reads_var(decl.when)
        if hoisted:  # the same for every element: worked out once
            self.clause(1, "when", decl.when)
        loop = len(self.lines)
        self.hoisted = {}
        self.emit(1, "for pos, s1 in enumerate(items):")
        if decl.scope.where is not None:
            self.where(2, decl.scope.where)
        self.emit(2, "checked += 1")
        self.decide(2, "pos", ("G(s1)", "continue"), [None if hoisted else decl.when, *decl.requires],
                    when="when" if hoisted else None)
        self.lines[loop:loop] = self.before
        self.emit(1, "return checked")
        return "\n".join(self.lines) + "\n"

    def where(self, d: int, e: ast.Expr) -> None:
        """The loop's `where`: an element it leaves out is skipped, one it does not decide goes to G."""
        if not self.splits(e):
            self.clause(d, "where", e)
            self.skip(d)
            return
        test, plain, generic = self.split(e, d)
        if test:
            self.emit(d, f"if {test}:")
            d += 1
        self.emit(d, f"if not ({plain}):")
        self.emit(d + 1, "continue")
        if test:
            self.emit(d - 1, "else:")
            self.emit(d, f"where = {generic}")
            self.skip(d)

    def skip(self, d: int) -> None:
        """Skip the element the `where` leaves out; hand to G one it does not decide."""
        self.emit(d, "if where is False:")
        self.emit(d + 1, "continue")
        self.emit(d, "if where is not True:")
        self.emit(d + 1, "checked += G(s1)")
        self.emit(d + 1, "continue")

    def clause(self, d: int, name: str, e: ast.Expr) -> None:
        """`name = ` a `where` or `when` (None where an `and`/`or` in it does not come out plainly)."""
        if not _combines(e):
            self.assign(d, name, e)
            return
        self.emit(d, "try:")
        self.assign(d + 1, name, e)
        self.emit(d, "except _Undecided:")
        self.emit(d + 1, f"{name} = None")

    def decide(self, d: int, pos: str, undecided: tuple[str, str], exprs: list, when: str | None = None) -> None:
        """The finding on one element (or the subject), or the element handed to G (`undecided`): inside a
        try when an `and`/`or` in the clauses may raise _Undecided, else where it stands."""
        if not any(_combines(e) for e in exprs if e is not None):
            self.element(d, pos, undecided[1], when, undecided)
            return
        self.emit(d, "try:")
        self.element(d + 1, pos, undecided[1], when, ("raise _Undecided",))
        self.emit(d, "except _Undecided:")
        self.emit(d + 1, undecided[0])

    def reads_var(self, e) -> bool:
        """Does the expression read the element the rule goes through?"""
        if isinstance(e, ast.Path):
            return e.parts[0] == self.var
        if isinstance(e, (ast.Aggregate, ast.Count)):
            return True
        return any(self.reads_var(c) for c in _children(e))

    def element(self, d: int, pos: str, final: str, when: str | None, undecided: tuple[str, ...]) -> None:
        """The `when` and the requirements on one element (at `pos`): a finding, or the `undecided` lines."""
        decl = self.rule.decl
        if decl.when is not None:
            c = when or self.expr(decl.when, d)
            self.emit(d, f"if {c} is False:")
            self.emit(d + 1, f"F(({pos}, {NA!r}))")
            self.emit(d + 1, final)
            self.emit(d, f"if {c} is not True:")
            for line in undecided:
                self.emit(d + 1, line)
        if len(decl.requires) == 1 and self.splits(decl.requires[0]):  # plain values: passes or fails outright
            test, plain, generic = self.split(decl.requires[0], d)
            if test:
                self.emit(d, f"if {test}:")
            self.emit(d + bool(test), f"F(({pos}, {PASS!r} if {plain} else {FAIL!r}))")
            if test:
                self.emit(d, "else:")
                result = self.temp()
                self.emit(d + 1, f"{result} = {generic}")
                self.verdict(d + 1, pos, [result], undecided)
            return
        self.verdict(d, pos, [self.expr(r, d) for r in decl.requires], undecided)

    def verdict(self, d: int, pos: str, results: list[str], undecided: tuple[str, ...]) -> None:
        """The finding of the requirements' values (`results`): pass, fail, or the `undecided` lines."""
        every = " and ".join(f"{r} is True" for r in results) or "True"
        decided = f"{results[0]} is False" if len(results) == 1 else \
            " and ".join(f"({r} is True or {r} is False)" for r in results) or "True"
        self.emit(d, f"if {every}:")
        self.emit(d + 1, f"F(({pos}, {PASS!r}))")
        self.emit(d, f"elif {decided}:")
        self.emit(d + 1, f"F(({pos}, {FAIL!r}))")
        self.emit(d, "else:")
        self.emit(d + 1, undecided[0])


def _children(e) -> list:
    return [getattr(e, f) for f in ("left", "right", "operand") if hasattr(e, f)] + list(getattr(e, "items", ()))


def _combines(e) -> bool:
    """Does the expression hold an `and`/`or` (whose generated code raises _Undecided)?"""
    return isinstance(e, ast.BoolOp) or any(_combines(c) for c in _children(e))


def rule_source(name: str, rule, param_index: dict[str, int], param_types: dict, consts: dict) -> str | None:
    """The source of one rule's fast-path function, or None when the generic evaluator must run it."""
    try:
        return RuleSource(name, rule, param_index, param_types, consts).source()
    except NotGenerated:
        return None
