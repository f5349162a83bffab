"""The type errors of rule files, as catalogue entries (engine.semantics.reasons): a value or comparison of
the wrong type, a rule that mixes subjects, a chart of the wrong unit. Their English sentence is the one the
checker always printed; a command run with `--lang` words them in the reader's language. Names, the
expressions quoted from the rule file and the rule language's keywords stay as written."""
from __future__ import annotations

from engine.errors import suggestion
from engine.semantics.reasons import Listed, Reason, Unit, because, plain

# what must be a yes/no condition (ExprCompiler.compile_bool)
NOT_OPERAND = because("rules.check.what.not", "'not'")
WHERE_CONDITION = because("rules.check.what.where", "a 'where' condition")
WHEN_CONDITION = because("rules.check.what.when", "a 'when' condition")
REQUIRE_CLAUSE = because("rules.check.what.require", "a 'require' clause")


def type_words(t) -> Reason:
    """A static type (engine.ruleset.types.Type) as words: 'a number of credits', 'one of "first", "second"'."""
    if t.kind == "number":
        return because("rules.type.number_of", "a number of {unit}", unit=Unit(t.unit)) if t.unit else \
            because("rules.type.number", "a plain number")
    if t.kind == "span":
        return because("rules.type.range_of", "a range of {unit}", unit=Unit(t.unit)) if t.unit else \
            because("rules.type.range", "a range")
    if t.kind == "enum":
        return because("rules.type.enum", "one of {members}", members=Listed(f'"{m}"' for m in t.members))
    if t.kind == "object":
        return because("rules.type.object", "a {name}", name=t.name)
    if t.kind == "list":
        return because("rules.type.list_of", "a list of {item}", item=type_words(t.item)) if t.item else \
            because("rules.type.list", "a list of items")
    if t.kind == "set":
        return because("rules.type.set_of", "a set of {item}", item=type_words(t.item)) if t.item else \
            because("rules.type.set", "a set of values")
    words = {"string": ("rules.type.text", "a text"), "bool": ("rules.type.bool", "yes/no"),
             "date": ("rules.type.date", "a date")}
    return because(*words[t.kind]) if t.kind in words else plain(t.kind)


def each_side(op: str) -> Reason:
    return because("rules.check.what.each_side", "each side of '{op}'", op=op)


def not_a_condition(what: Reason, expr: str, t) -> Reason:
    return because("rules.check.not_a_condition", "{what} must be a yes/no condition, but '{expr}' is {type}",
                   what=what, expr=expr, type=type_words(t))


def set_mixes(first, other) -> Reason:
    return because("rules.check.set_mixes", "a set mixes {first} and {other}", first=type_words(first),
                   other=type_words(other))


def parameter_has_no_field(name: str, t, field: str) -> Reason:
    return because("rules.check.parameter_no_field", "parameter '{name}' is {type}; it has no field '{field}'",
                   name=name, type=type_words(t), field=field)


def value_has_no_field(path: str, t, field: str) -> Reason:
    return because("rules.check.value_no_field", "'{path}' is {type}; it has no field '{field}'", path=path,
                   type=type_words(t), field=field)


def arithmetic_needs_numbers(expr: str, t) -> Reason:
    return because("rules.check.arithmetic_needs_numbers", "'{expr}' is {type}; arithmetic needs numbers", expr=expr,
                   type=type_words(t))


def cannot_compute(op: str, left, right, expr: str) -> Reason:
    """'cannot add a number of credits and a date ('x + y')' (subtract, multiply, divide)."""
    args = {"left": type_words(left), "right": type_words(right), "expr": expr}
    if op == "+":
        return because("rules.check.cannot_add", "cannot add {left} and {right} ('{expr}')", **args)
    if op == "-":
        return because("rules.check.cannot_subtract", "cannot subtract {left} and {right} ('{expr}')", **args)
    if op == "*":
        return because("rules.check.cannot_multiply", "cannot multiply {left} and {right} ('{expr}')", **args)
    return because("rules.check.cannot_divide", "cannot divide {left} and {right} ('{expr}')", **args)


def cannot_negate(t) -> Reason:
    return because("rules.check.cannot_negate", "cannot negate {type}", type=type_words(t))


def cannot_compare(left, right, expr: str) -> Reason:
    return because("rules.check.cannot_compare", "cannot compare {left} with {right} ('{expr}')",
                   left=type_words(left), right=type_words(right), expr=expr)


def range_needs_in(expr: str, op: str) -> Reason:
    return because("rules.check.range_needs_in", "'{expr}' is a range: use 'in' or '==' with it, not '{op}'",
                   expr=expr, op=op)


def texts_compared_with(op: str) -> Reason:
    return because("rules.check.texts_compared_with", "texts can only be compared with == or !=, not '{op}'", op=op)


def yes_no_compared_with(op: str) -> Reason:
    return because("rules.check.yes_no_compared_with", "yes/no values can only be compared with == or !=, not '{op}'",
                   op=op)


def not_a_member(value: str, t) -> Reason:
    return because("rules.check.not_a_member", "\"{value}\" is not {type}{hint}", value=value, type=type_words(t),
                   hint=suggestion(value, t.members))


def cannot_test_in(left, right) -> Reason:
    return because("rules.check.cannot_test_in", "cannot test whether {left} is in {right}", left=type_words(left),
                   right=type_words(right))


def in_needs_range_or_set(t) -> Reason:
    return because("rules.check.in_needs", "'in' needs a range (25..30 hours) or a set ({{...}}), not {type}",
                   type=type_words(t))


def is_whole_needs_number(expr: str, t) -> Reason:
    return because("rules.check.is_whole_needs_number", "'is whole' needs a number, but '{expr}' is {type}",
                   expr=expr, type=type_words(t))


def not_a_list(path: str, t) -> Reason:
    return because("rules.check.not_a_list", "'{path}' is {type}, not a list to go through", path=path,
                   type=type_words(t))


def aggregate_needs(fn: str, expr: str, t) -> Reason:
    """all(...)/any(...) need a yes/no condition, sum(...) and the others numbers."""
    if fn in ("all", "any"):
        return because("rules.check.aggregate_needs_condition", "{fn}(...) needs a yes/no condition, but '{expr}' is "
                       "{type}", fn=fn, expr=expr, type=type_words(t))
    return because("rules.check.aggregate_needs_numbers", "{fn}(...) needs numbers, but '{expr}' is {type}", fn=fn,
                   expr=expr, type=type_words(t))


def parameter_type_differs(name: str, t, other) -> Reason:
    return because("rules.check.parameter_type_differs", "parameter '{name}' is {type} here but {other} in its other "
                   "version", name=name, type=type_words(t), other=type_words(other))


def exception_scope(scope: str) -> Reason:
    return because("rules.check.exception_scope", "an exception goes through the same things as the rule it changes: "
                   "'{scope}'", scope=scope)


def mixes_subjects(name: str, roots) -> Reason:
    return because("rules.check.mixes_subjects", "rule '{name}' mixes subjects ({roots}); a rule looks at one kind",
                   name=name, roots=", ".join(sorted(roots)))


def no_subject(name: str, roots) -> Reason:
    return because("rules.check.no_subject", "rule '{name}' does not look at any subject ({roots}): start its "
                   "'for each' or 'require' from one", name=name, roots=", ".join(sorted(roots)))


def chart_names_no_field(var: str, expr: str) -> Reason:
    return because("rules.check.chart_field", "a chart names a field of what the rule goes through ('{var}.FIELD' "
                   "after 'for each {var} in ...'), not '{expr}'", var=var, expr=expr)


def chart_of_wrong_type(role: str, quantity: str, field_type, want, t) -> Reason:
    return because("rules.check.chart_type", "a chart {role} for {quantity} ({field_type}) must be {want}, not {type}",
                   role=role, quantity=quantity, field_type=type_words(field_type), want=type_words(want),
                   type=type_words(t))
