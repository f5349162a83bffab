"""Mutation fuzzing of every kind of input the engine reads (used by tests/test_fuzz.py and bench/fuzz.py).

Seeds are the bundled rule files and the example inputs of the project; hypothesis strategies mutate
them (byte flips, token deletions and duplications, line shuffles, deep nesting, splices of hostile
tokens, odd values in `key: value` lines), and `run_case` feeds the result to the library the way a user's file would be. The only
exception the library may raise is engine.errors.InputError; `run_case` returns the outcome name
("ok" or "input error") and lets anything else propagate.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from engine.api import audit
from engine.ruleset.compiled import compile_ruleset, load_ruleset
from engine.errors import InputError
from engine.subjects.cohort.files import group_table, pick_group, read_cohort
from engine.subjects.transfer.elmo import read_elmo
from engine.render import render
from engine.ruleset.compose import compose

ROOT = Path(__file__).resolve().parent.parent
RULE_SET = "ects_guide_2015"

HOSTILE = [
    "\x00", "\ufeff", "\r", "\t", "\u202e", "\udcff", "{", "}", "[", "]", "(", ")", '"', "'", "\\", "#", ":", "- ",
    "*a", "&a ", "<<: *a", "!!python/object:os.system", "!!binary", "?", "|", ">", "...", "---", "%YAML 1.1",
    "1e999", "-1e999", "nan", ".inf", "9" * 5000, "0x1F", "-0", "1_000", "2024-02-30", "9999-99-99", "~", "null",
    "not " * 300, "-" * 300, "(" * 300, "[" * 300, "{" * 300, "1 + " * 300, "..", "99999999999999999999",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "<![CDATA[", "]]>", "<x>", "</x>", 'encoding="klingon"', "&#0;",
    "ruleset", "extends", "rule", "require", "for each", "in", "sum(", "count(", "cite", "severity", "drop",
    "exception to", "scale", "step 0.000001", "in force from", "parameter", "x" * 200_000,
]

# values a well-formed file may still hold: they reach the models and the rules, not just the parsers
ODD_VALUES = [
    "0", "-1", "1e308", "-1e308", "1e-308", "0.0000001", "99999999", "4294967297", "-0.0", "0.5", '""', '" "',
    "[]", "{}", "[1, 2]", "{a: 1}", "null", "true", "false", "2024-13-01", "9999-12-31", "0001-01-01",
    "1900-02-29", "2024-02-29", "x", "A", '"\u0000"', '"\u202e"', "20", "21", "10000",
]
_VALUE = re.compile(r"(:[ \t]+)([^\s#{}\[\],][^\n#,{}\[\]]*?)(?=[ \t]*(?:[,}\]]|#|\n|$))")
_TOKEN = re.compile(r"\s+|[A-Za-z_][A-Za-z0-9_.]*|\d+(?:\.\d+)?|.", re.S)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


@st.composite
def mutated(draw, text: str) -> str:
    """`text` with one to four mutations applied."""
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete", "duplicate", "shuffle", "nest", "splice", "truncate",
                                   "value", "value"]))
        values = list(_VALUE.finditer(text)) if op == "value" else []
        if values:  # replace the value of one `key: value` line by an odd one
            m = values[draw(st.integers(0, len(values) - 1))]
            text = text[:m.start(2)] + draw(st.sampled_from(ODD_VALUES)) + text[m.end(2):]
        elif op == "flip" and text:
            data = bytearray(text.encode("utf-8", "surrogatepass"))
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
            text = data.decode("utf-8", "replace")
        elif op in ("delete", "duplicate"):
            toks = _tokens(text)
            if toks:
                i = draw(st.integers(0, len(toks) - 1))
                n = draw(st.integers(1, 8))
                toks[i:i + n] = [] if op == "delete" else toks[i:i + n] * draw(st.integers(2, 50))
                text = "".join(toks)
        elif op == "shuffle":
            lines = text.splitlines(keepends=True)
            if len(lines) > 1:
                i = draw(st.integers(0, len(lines) - 1))
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
                text = "".join(lines)
        elif op == "nest":
            depth = draw(st.integers(50, 2000))
            opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("(", ")"), ("not ", ""), ("-", ""),
                                                   ("<a>", "</a>"), ("- ", ""), ("  ", "")]))
            i = draw(st.integers(0, len(text)))
            text = text[:i] + opener * depth + "1" + closer * depth + text[i:]
        elif op == "splice":
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(st.sampled_from(HOSTILE)) + text[i:]
        elif op == "truncate" and text:
            text = text[:draw(st.integers(0, len(text) - 1))]
    return text


@dataclass(frozen=True)
class Seed:
    kind: str  # rules | programme | transfer | elmo | cohort
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def seeds() -> tuple[Seed, ...]:
    """The files mutations start from: bundled rule files and the example inputs."""
    found = [Seed("rules", p) for p in sorted((ROOT / "rules" / RULE_SET).glob("*.rules"))]
    found += [Seed("programme", p) for p in sorted((ROOT / "examples" / "programmes").glob("*.yaml"))]
    found += [Seed("transfer", p) for p in sorted((ROOT / "examples" / "transfers").glob("*.yaml"))]
    found += [Seed("elmo", p) for p in sorted((ROOT / "tests" / "data" / "elmo").glob("*.xml"))]
    found += [Seed("cohort", p) for p in sorted((ROOT / "examples" / "grades").glob("*.*"))]
    return tuple(found)


def cases(kind: str | None = None) -> st.SearchStrategy[tuple[Seed, str]]:
    """(seed, mutated text) pairs, of one kind or of all."""
    pool = [s for s in seeds() if kind is None or s.kind == kind]
    return st.sampled_from(pool).flatmap(lambda s: st.tuples(st.just(s), mutated(s.text)))


def run_case(seed: Seed, text: str, workdir: Path) -> str:
    """Feed a mutated file to the library as a user's file of its kind; 'ok' or 'input error'."""
    target = workdir / seed.kind / seed.path.name
    if seed.kind == "rules" and not target.parent.exists():
        shutil.copytree(seed.path.parent, target.parent, ignore=shutil.ignore_patterns("tests", "*.md"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        _feed(seed.kind, target)
        return "ok"
    except InputError:
        return "input error"
    finally:
        if seed.kind == "rules":
            shutil.copy(seed.path, target)


def _feed(kind: str, path: Path) -> None:
    if kind == "rules":
        compile_ruleset(compose(str(path.parent), collect=True))
    elif kind in ("programme", "transfer"):  # through the one pipeline, as the CLI audits them
        report = audit(load_ruleset(RULE_SET), path, kind=kind)
        render([report], "text")
        render([report], "json")
    elif kind == "elmo":
        read_elmo(path).skeleton("yaml")
    elif kind == "cohort":
        view = read_cohort(path)
        if view.group_count == 1:
            group_table(pick_group(view, None, path), path)
