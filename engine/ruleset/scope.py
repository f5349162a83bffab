"""What compiled expressions run with (Env) and what the compiler knows of names (Scope, ParamInfo)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from engine.errors import RuleSetError
from engine.ruleset.types import Type

Fn = Callable[["Env"], Any]


class Env:
    """Run-time state of one evaluation: variable slots, parameter values, the trace being recorded."""

    __slots__ = ("slots", "params", "trace")

    def __init__(self, nslots: int, params: list):
        self.slots = [None] * nslots
        self.params = params
        self.trace: list | None = None


@dataclass
class ParamInfo:
    """What the compiler knows of a parameter: its type and its slot in the parameter vector."""

    name: str
    type: Type
    index: int


@dataclass
class Scope:
    """Names visible in an expression: variables (slot, type name) and parameters."""

    variables: dict[str, tuple[int, str]]
    params: dict[str, ParamInfo]
    nslots: int = 1
    roots_used: set[str] = field(default_factory=set)
    params_used: set[str] = field(default_factory=set)

    def bind(self, name: str, type_name: str) -> int:
        self.nslots += 1
        self.variables = {**self.variables, name: (self.nslots - 1, type_name)}
        return self.nslots - 1


class CompileErrors(Exception):
    def __init__(self, errors: list[RuleSetError]):
        super().__init__("; ".join(e.format() for e in errors))
        self.errors = errors
