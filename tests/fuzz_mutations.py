"""Mutation fuzzing of every kind of input the engine reads (used by tests/test_fuzz.py and bench/fuzz.py).

Seeds are the bundled rule files and the example inputs of the project (programmes, transfers, ELMO
transcripts, EWP Online Learning Agreements, cohorts, CSV course tables, and .xlsx workbooks made with
openpyxl from the table samples); hypothesis strategies mutate them (byte flips, token deletions and
duplications, line shuffles, deep nesting, splices of hostile tokens, odd values in `key: value` lines;
for a workbook, one of its XML parts mutated so, or its zip bytes flipped, cut or repeated), and
`run_case` feeds the result to the library the way a user's file would be. Kind "web" uploads a mutated
file of any kind to the web application (Starlette's TestClient). The only exception the library may
raise is engine.errors.InputError, and the only answers the web application may give are 200 and 4xx;
`run_case` returns the outcome name ("ok" or "input error") and lets anything else propagate.
"""
from __future__ import annotations

import atexit
import io
import re
import shutil
import tempfile
import zipfile
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
from engine.subjects.kinds import LoadOptions
from engine.subjects.programme.table_programme import TableOptions
from engine.subjects.transfer.ola import read_ola

from table_samples import GREEK_MERGES, GREEK_ROWS, POLISH_ROWS, SERBIAN_ROWS, SPANISH_ROWS, write_xlsx
from web_helpers import client

ROOT = Path(__file__).resolve().parent.parent
RULE_SET = "ects_guide_2015"
TABLE_OPTIONS = LoadOptions(table=TableOptions(fields={"cycle": "first", "years": 1}))  # as --field gives them

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


@st.composite
def mutated_workbook(draw, data: bytes) -> bytes:
    """An .xlsx workbook with one XML part mutated as text (`mutated`), or its zip bytes flipped, cut or
    repeated."""
    op = draw(st.sampled_from(["part", "part", "part", "flip", "truncate", "repeat"]))
    if op == "part":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = {m.filename: z.read(m) for m in z.infolist()}
        name = draw(st.sampled_from(sorted(n for n in parts if n.endswith(".xml"))))
        parts[name] = draw(mutated(parts[name].decode("utf-8"))).encode("utf-8", "surrogatepass")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for member, body in parts.items():
                z.writestr(member, body)
        return out.getvalue()
    i = draw(st.integers(0, len(data) - 1))
    if op == "flip":
        return data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1:]
    if op == "truncate":
        return data[:i]
    return data[:i] + data[i:i + 64] * draw(st.integers(2, 200)) + data[i:]


@dataclass(frozen=True)
class Seed:
    kind: str  # rules | programme | transfer | elmo | ola | cohort | table | xlsx | web
    path: Path
    sub: str = ""  # for kind web: the kind of the file uploaded

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def is_binary(self) -> bool:
        return self.path.suffix == ".xlsx"


@lru_cache(maxsize=1)
def _workbooks() -> tuple[Path, ...]:
    """Course tables as .xlsx workbooks made with openpyxl (kept for the life of the process, removed at its
    end)."""
    folder = Path(tempfile.mkdtemp(prefix="ects-fuzz-seeds-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return (write_xlsx(folder / "greek.xlsx", {"Πρόγραμμα": GREEK_ROWS}, {"Πρόγραμμα": GREEK_MERGES}),
            write_xlsx(folder / "serbian.xlsx", {"Courses": SERBIAN_ROWS}),
            write_xlsx(folder / "polish.xlsx", {"Plan": POLISH_ROWS}),
            write_xlsx(folder / "spanish.xlsx", {"Plan": SPANISH_ROWS}))


@lru_cache(maxsize=1)
def seeds() -> tuple[Seed, ...]:
    """The files mutations start from: bundled rule files and the example inputs."""
    found = [Seed("rules", p) for p in sorted((ROOT / "rules" / RULE_SET).glob("*.rules"))]
    found += [Seed("programme", p) for p in sorted((ROOT / "examples" / "programmes").glob("*.yaml"))]
    found += [Seed("transfer", p) for p in sorted((ROOT / "examples" / "transfers").glob("*.yaml"))]
    found += [Seed("elmo", p) for p in sorted((ROOT / "tests" / "data" / "elmo").glob("*.xml"))]
    found += [Seed("cohort", p) for p in sorted((ROOT / "examples" / "grades").glob("*.*"))]
    ewp = ROOT / "tests" / "data" / "ewp" / "omobility-las"
    found += [Seed("ola", p) for p in [ewp / "get-response-example.xml", *sorted(ewp.glob("*/*.xml"))]]
    found += [Seed("table", p) for p in sorted((ROOT / "examples" / "tables").glob("*.csv"))]
    found += [Seed("xlsx", p) for p in _workbooks()]
    found += [Seed("web", s.path, s.kind) for s in list(found) if s.kind != "rules"]
    return tuple(found)


def cases(kind: str | None = None) -> st.SearchStrategy[tuple[Seed, str]]:
    """(seed, mutated text) pairs, of one kind or of all."""
    pool = [s for s in seeds() if kind is None or s.kind == kind]
    return st.sampled_from(pool).flatmap(lambda s: st.tuples(
        st.just(s), mutated_workbook(s.path.read_bytes()) if s.is_binary else mutated(s.text)))


def run_case(seed: Seed, text: str | bytes, workdir: Path) -> str:
    """Feed a mutated file to the library as a user's file of its kind; 'ok' or 'input error'."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    if seed.kind == "web":
        return _upload(seed, data)
    target = workdir / seed.kind / seed.path.name
    if seed.kind == "rules" and not target.parent.exists():
        shutil.copytree(seed.path.parent, target.parent, ignore=shutil.ignore_patterns("tests", "*.md"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
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
    elif kind in ("programme", "transfer", "ola", "table", "xlsx"):  # through the one pipeline, as the CLI audits
        subject_kind = "transfer" if kind == "ola" else "programme" if kind in ("table", "xlsx") else kind
        report = audit(load_ruleset(RULE_SET), path, kind=subject_kind, options=TABLE_OPTIONS)
        render([report], "text")
        render([report], "json")
        if kind == "ola":
            read_ola(path)[0].skeleton("yaml")
    elif kind == "elmo":
        read_elmo(path).skeleton("yaml")
    elif kind == "cohort":
        view = read_cohort(path)
        if view.group_count == 1:
            group_table(pick_group(view, None, path), path)


@lru_cache(maxsize=1)
def _web_client():
    return client()  # one application for every upload of the run


def _upload(seed: Seed, data: bytes) -> str:
    """Upload a mutated file to the web application's API; 200 is 'ok', a 4xx 'input error'; a 5xx (or an
    exception the application lets through) is a crash."""
    files = [("files", (seed.path.name, data, "application/octet-stream"))]
    kind = {"ola": "transfer", "table": "programme", "xlsx": "programme"}.get(seed.sub, seed.sub)
    form = {"rules": RULE_SET, "kind": kind, "fields": "cycle=first\nyears=1"}
    if seed.sub == "elmo":  # an ELMO transcript goes with a transfer file
        transfer = ROOT / "examples" / "transfers" / "clean_mobility.yaml"
        files = [("files", (transfer.name, transfer.read_bytes(), "application/x-yaml")),
                 ("transcript", (seed.path.name, data, "application/xml"))]
        form["kind"] = "transfer"
    response = _web_client().post("/api/audit", files=files, data=form)
    if response.status_code == 200:
        return "ok"
    if 400 <= response.status_code < 500 and "error" in response.json():
        return "input error"
    raise AssertionError(f"the web application answered {response.status_code}: {response.text[:300]}")
