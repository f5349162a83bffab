"""The compiled evaluation: a rule set's rules as one Python module, generated once and cached.

engine.ruleset.codegen writes one function per rule; this module puts them together with the value
domain's functions they call, compiles the source once per rule set (kept on the CompiledRuleSet,
like its closures; the compiled code is cached on disk like the parse, engine.dsl.cache) and hands the
evaluator each rule's function. `fast_source(ruleset)` gives the
generated source, for a developer to read.
"""
from __future__ import annotations

from engine.dsl.cache import cached_compile
from engine.ruleset.codegen import rule_source
from engine.ruleset.compiled import CompiledRule, CompiledRuleSet
from engine.semantics.values import (
    Span,
    Unknown,
    arith,
    compare,
    in_set,
    in_span,
    is_whole,
    negate,
    tri_not,
)

_HEADER = '''"""Rule set {id}: the evaluator's fast path, generated from its rule files (engine.ruleset.codegen).

Each function decides a rule on plain values and hands anything else to the generic evaluator (G)."""
'''


class Undecided(Exception):
    """Raised by generated code where a condition is neither plainly true nor false: the element is
    handed to the generic evaluator."""


def _read(owner, attrs: tuple[str, ...]):
    """owner.a.b...: an unknown part on the way is the value (as the generic path reads it)."""
    for a in attrs[:-1]:
        owner = getattr(owner, a)
        if type(owner) is Unknown:
            return owner
    return getattr(owner, attrs[-1])


HELPERS = {
    "_NUM": frozenset({int, float}), "_PLAIN": frozenset({int, float, str, bool}), "_Span": Span, "_Unknown": Unknown, "_Undecided": Undecided,
    "_read": _read, "_arith": arith, "_compare": compare, "_in_set": in_set, "_in_span": in_span,
    "_is_whole": is_whole, "_negate": negate, "_tri_not": tri_not,
}


class FastPath:
    """The generated functions of one compiled rule set, by rule version."""

    def __init__(self, ruleset: CompiledRuleSet, generate: bool = True):
        consts: dict = {}
        names: dict[int, str] = {}
        chunks = [_HEADER.format(id=ruleset.id)]
        for versions in ruleset.rules.values() if generate else ():
            for rule in versions:
                name = f"rule_{len(names)}_{rule.id}"
                src = rule_source(name, rule, ruleset.param_index, {n: p.type for n, p in ruleset.params.items()},
                                  consts)
                if src is not None:
                    names[id(rule)] = name
                    chunks.append(src)
        self.source = "\n\n".join(chunks)
        self.constants = consts
        namespace = {**HELPERS, **consts}
        exec(cached_compile(self.source, f"<rule set {ruleset.id}, generated>"), namespace)  # noqa: S102
        self._functions = {rid: namespace[name] for rid, name in names.items()}

    def function(self, rule: CompiledRule):
        """The rule's generated function, or None when the generic evaluator runs it."""
        return self._functions.get(id(rule))


def fast_path(ruleset: CompiledRuleSet) -> FastPath:
    """The rule set's fast path, generated on first use and kept with the compiled set (an empty one for
    a set compiled by an instrumented compiler, which must see every evaluation)."""
    fp = ruleset.fast_path
    if fp is None or fp is False:
        fp = ruleset.fast_path = FastPath(ruleset, generate=fp is None)
    return fp


def fast_source(ruleset: CompiledRuleSet) -> str:
    """The generated Python source of a rule set's fast path (the constants it names are listed at
    the end), for reading."""
    fp = fast_path(ruleset)
    consts = "\n".join(f"# {name} = {value!r}" for name, value in fp.constants.items())
    return fp.source + ("\n\n# constants\n" + consts + "\n" if consts else "")


__all__ = ["FastPath", "fast_path", "fast_source"]
