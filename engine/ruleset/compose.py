"""Finding rule sets (bundled, or a user's folder) and composing them along `extends`.

A rule set is a folder of `*.rules` files, exactly one of which holds the `ruleset` header. A child
set overrides parent parameters by declaring them again, adds rules, declares `exception to` a
parent rule, or drops a parent rule with a reason. The result is a ComposedRuleSet: still syntax,
not yet compiled (see engine.compiled).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from engine.dsl import ast
from engine.dsl.parser import parse_file
from engine.dsl.unparse import unparse
from engine.errors import RuleSetError, UsageError, caret_excerpt, suggestion
from engine.semantics.reasons import Reason, because
from engine.ruleset import problem_words as words
from engine.ruleset.digest import ruleset_digest


# the grading package, imported by name when a rule file declares a grading scale (most rule sets do not, and
# checking a programme against them does not load it)
DECLARED_SCALES = "engine.grades.declared"


def bundled_rules_dir() -> Path:
    """Where the bundled rule sets live (inside the installed package, or the source checkout)."""
    here = Path(__file__).resolve().parents[1]  # the engine package
    installed = here / "_bundled" / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def bundled_reports_dir() -> Path:
    here = Path(__file__).resolve().parents[1]  # the engine package
    installed = here / "_bundled" / "reports"
    return installed if installed.is_dir() else here.parent / "reports"


def list_bundled() -> list[str]:
    """Ids of the bundled rule sets."""
    root = bundled_rules_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.rules"))) if root.is_dir() else []


def locate(name_or_path: str) -> Path:
    """A bundled rule set id or a path to a folder of rule files -> that folder."""
    try:
        return _locate(name_or_path)
    except (OSError, ValueError) as e:  # a name too long, a NUL byte in it...
        raise UsageError(words.not_a_rule_set(str(getattr(e, 'strerror', None) or e)), path=name_or_path[:200]) from None


def _locate(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.is_dir() and any(p.glob("*.rules")):
        return p.resolve()
    if p.is_file() and p.suffix == ".rules":
        return p.resolve().parent
    bundled = bundled_rules_dir() / name_or_path
    if "/" not in name_or_path and bundled.is_dir():
        return bundled.resolve()
    if p.is_dir():
        raise UsageError(because("ruleset.no_rule_files", "folder holds no *.rules files"), path=str(p))
    if _looks_like_path(name_or_path):
        raise UsageError(because("ruleset.folder_not_found", "folder not found") if not p.exists() else
                         because("ruleset.not_a_folder", "is not a folder of *.rules files"), path=name_or_path)
    known = list_bundled()
    raise UsageError(because("ruleset.unknown", "unknown rule set '{name}'{hint}; bundled rule sets: {known}; or give a "
                             "folder of *.rules files", name=name_or_path, hint=suggestion(name_or_path, known),
                             known=", ".join(known)))


def _looks_like_path(name: str) -> bool:
    """A rule set named by a path (has a separator, starts with '.' or '~') rather than a bundled id."""
    return any(sep in name for sep in ("/", "\\")) or name.startswith((".", "~"))


@dataclass
class ParamEntry:
    name: str
    versions: list[ast.ParameterDecl]
    origin: str  # id of the rule set that declared the versions in force here
    overrides: str | None = None  # id of the parent set whose value this replaces


@dataclass
class RuleEntry:
    name: str
    versions: list[ast.RuleDecl]
    origin: str
    overrides: str | None = None
    exceptions: list[tuple[ast.RuleDecl, str]] = field(default_factory=list)


@dataclass
class DropEntry:
    decl: ast.DropDecl
    origin: str  # the set that dropped it
    rule_origin: str  # the set the dropped rule came from
    rule: ast.RuleDecl


@dataclass
class ComposedRuleSet:
    """A rule set with everything it inherits, before compilation."""

    id: str
    header: ast.RuleSetDecl
    folder: Path
    texts: dict[str, str]  # rule file path -> text
    chain: list[str]  # ids from the root ancestor to this set
    sources: dict[str, tuple[ast.SourceDecl, str]]
    parameters: dict[str, ParamEntry]
    rules: dict[str, RuleEntry]
    dropped: dict[str, DropEntry]
    parent: "ComposedRuleSet | None" = None
    problems: list[RuleSetError] = field(default_factory=list)  # structural errors found while composing
    scales: dict = field(default_factory=dict)  # name -> engine.grades.declared.DeclaredScale
    content_hash: str = ""  # SHA-256 of the rule files' texts in composition order (engine.ruleset.digest)

    @property
    def title(self) -> str:
        return self.header.titles.get("en") or next(iter(self.header.titles.values()), self.id)

    def text_of(self, file: str) -> str:
        node: ComposedRuleSet | None = self
        while node is not None:
            if file in node.texts:
                return node.texts[file]
            node = node.parent
        return ""


class _Errors:
    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self.items: list[RuleSetError] = []

    def add(self, pos: ast.Pos, message: str | Reason) -> None:
        self.items.append(RuleSetError(message, pos.file, pos.line, pos.column,
                                       caret_excerpt(self.texts.get(pos.file, ""), pos.line, pos.column)))

    def raise_if_any(self) -> None:
        if self.items:
            raise RuleSetErrors(self.items)


class RuleSetErrors(RuleSetError):
    """Several problems in a rule set; `errors` lists them, the message is the first."""

    def __init__(self, errors: list[RuleSetError]):
        first = errors[0]
        super().__init__(first.message, first.path, first.line, first.column, first.detail)
        self.errors = errors


def read_folder(folder: Path) -> tuple[ast.RuleSetDecl, list[ast.RuleFile]]:
    """Parse every *.rules file of a folder; exactly one must declare the rule set."""
    files, problems = [], []
    for path in sorted(folder.glob("*.rules")):
        if not path.is_file():  # a folder, FIFO, device or broken link named *.rules: never wait on it
            problems.append(RuleSetError(words.NOT_A_REGULAR_FILE, str(path)))
            continue
        try:
            files.append(parse_file(path))
        except RuleSetError as e:  # go on: every file's syntax errors are reported together
            problems.append(e)
    if problems:
        raise RuleSetErrors(problems)
    if not files:
        raise RuleSetError(words.NO_RULE_FILES, str(folder))
    headers = [d for f in files for d in f.declarations if isinstance(d, ast.RuleSetDecl)]
    if not headers:
        raise RuleSetError(words.NO_RULESET_DECLARATION, str(folder))
    if len(headers) > 1:
        h = headers[1]
        raise RuleSetError(words.second_declaration(headers[0].pos), h.pos.file,
                           h.pos.line, h.pos.column)
    return headers[0], files


def compose(name_or_path: str, _seen: tuple[tuple[str, Path], ...] = (), *, collect: bool = False) -> ComposedRuleSet:
    """Load a rule set and its ancestors and merge them (see module doc).

    Problems in this set raise RuleSetErrors, or with `collect` are kept in `problems` so that the
    type checker can report them together with its own. A problem in an ancestor always raises.
    `_seen` holds the (name, folder) of every set below this one in the chain, to report cycles.
    """
    folder = locate(name_or_path)
    header, files = read_folder(folder)
    texts = {f.path: f.text for f in files}
    errors = _Errors(texts)
    parent = None
    if header.extends:
        names = tuple(n for n, _ in _seen)

        def cycle_error() -> RuleSetError:
            cycle = " -> ".join(names + (header.name, header.extends))
            return RuleSetError(words.extends_cycle(cycle), header.pos.file, header.pos.line,
                                header.pos.column, caret_excerpt(texts[header.pos.file], header.pos.line, header.pos.column))

        if header.extends in names or header.extends == header.name:
            raise cycle_error()
        try:
            sibling = folder.parent / header.extends  # a user's sets side by side in one folder
            parent_folder = sibling.resolve() if sibling.is_dir() and any(sibling.glob("*.rules")) \
                else locate(header.extends)
        except UsageError as e:
            raise RuleSetError(words.extends_unknown(e.reason or e.message), header.pos.file, header.pos.line,
                               header.pos.column, caret_excerpt(texts[header.pos.file], header.pos.line, header.pos.column)) from None
        if parent_folder == folder:
            raise RuleSetError(words.EXTENDS_ITSELF, header.pos.file, header.pos.line, header.pos.column)
        if any(parent_folder == f for _, f in _seen):
            raise cycle_error()
        parent = compose(str(parent_folder), _seen + ((header.name, folder),))
    rs = ComposedRuleSet(
        id=header.name, header=header, folder=folder, texts=texts,
        chain=(parent.chain if parent else []) + [header.name],
        sources=dict(parent.sources) if parent else {},
        parameters={k: ParamEntry(v.name, list(v.versions), v.origin, v.overrides) for k, v in parent.parameters.items()} if parent else {},
        rules={k: RuleEntry(v.name, list(v.versions), v.origin, v.overrides, list(v.exceptions)) for k, v in parent.rules.items()} if parent else {},
        dropped=dict(parent.dropped) if parent else {},
        parent=parent,
        scales=dict(parent.scales) if parent else {},
        content_hash=ruleset_digest(header.name, texts, parent.content_hash if parent else ""),
    )
    decls = [d for f in files for d in f.declarations]
    _add_sources(rs, decls, errors)
    _add_parameters(rs, decls, errors)
    _add_scales(rs, decls, errors)
    _add_rules(rs, decls, errors)
    _apply_drops(rs, decls, errors)
    _check_citations(rs, decls, errors)
    if not collect:
        errors.raise_if_any()
    rs.problems = errors.items  # reported together with the type checker's (engine.compiled)
    return rs


def _add_sources(rs: ComposedRuleSet, decls, errors: _Errors) -> None:
    own: dict[str, ast.SourceDecl] = {}
    for d in decls:
        if isinstance(d, ast.SourceDecl):
            if d.name in own:
                errors.add(d.pos, words.source_twice(d.name, own[d.name].pos.line))
            own[d.name] = d
            rs.sources[d.name] = (d, rs.id)


def _overlapping(versions, errors: _Errors, what: str) -> None:
    for i, a in enumerate(versions):
        for b in versions[:i]:
            if a.in_force.overlaps(b.in_force):
                errors.add(a.pos, words.overlapping(what, a.name, a.pos, b.pos))


def _add_parameters(rs: ComposedRuleSet, decls, errors: _Errors) -> None:
    own: dict[str, list[ast.ParameterDecl]] = {}
    for d in decls:
        if isinstance(d, ast.ParameterDecl):
            own.setdefault(d.name, []).append(d)
    for name, versions in own.items():
        _overlapping(versions, errors, "parameter")
        inherited = rs.parameters.get(name)
        rs.parameters[name] = ParamEntry(name, versions, rs.id, inherited.origin if inherited else None)


def _add_scales(rs: ComposedRuleSet, decls, errors: _Errors) -> None:
    """Grading scales: a child's scale of the same name replaces the parent's; bad presets are errors."""
    own: dict[str, ast.ScaleDecl] = {}
    for d in decls:
        if not isinstance(d, ast.ScaleDecl):
            continue
        if d.name in own:
            errors.add(d.pos, words.scale_twice(d.name, own[d.name].pos.line))
            continue
        own[d.name] = d
        if not d.citations:
            errors.add(d.pos, words.scale_without_citation(d.name))
        declared = importlib.import_module(DECLARED_SCALES)
        try:
            rs.scales[d.name] = declared.DeclaredScale(d.name, declared.scale_from_decl(d), d.letters, rs.id, d)
        except declared.GradeError as e:
            errors.add(d.pos, e.reason or str(e))


def _add_rules(rs: ComposedRuleSet, decls, errors: _Errors) -> None:
    own: dict[str, list[ast.RuleDecl]] = {}
    exceptions: list[ast.RuleDecl] = []
    for d in decls:
        if isinstance(d, ast.RuleDecl):
            if d.exception_to:
                exceptions.append(d)
            else:
                own.setdefault(d.name, []).append(d)
    for name, versions in own.items():
        _overlapping(versions, errors, "rule")
        inherited = rs.rules.get(name)
        _check_override(name, versions, inherited, rs, errors)
        rs.rules[name] = RuleEntry(name, versions, rs.id, inherited.origin if inherited else None,
                                   list(inherited.exceptions) if inherited else [])
    for d in exceptions:
        target = rs.rules.get(d.exception_to)
        if target is None:
            errors.add(d.pos, words.exception_to_unknown(d.exception_to, rs.rules))
            continue
        if d.name in rs.rules:
            errors.add(d.pos, words.exception_named_as_rule(d.name))
            continue
        if any(e.name == d.name for _, entry in rs.rules.items() for e, _o in entry.exceptions):
            errors.add(d.pos, words.exception_twice(d.name))
            continue
        if d.when is None:
            errors.add(d.pos, words.exception_without_when(d.name, d.exception_to))
        else:
            _check_exception_conflict(d, target, errors)
        target.exceptions.append((d, rs.id))


def _check_override(name: str, versions: list[ast.RuleDecl], inherited: RuleEntry | None, rs: ComposedRuleSet,
                    errors: _Errors) -> None:
    """A rule that takes the name of an ancestor's rule must say `override rule`; one that says so must have one."""
    for d in versions:
        if inherited is not None and not d.override:
            errors.add(d.pos, words.needs_override(name, inherited.origin))
        elif inherited is None and d.override:
            errors.add(d.pos, words.overrides_nothing(name, rs.rules))


def _conjuncts(expr: ast.Expr) -> frozenset[str]:
    """The parts of an `a and b and c` condition, as text (one part for any other condition)."""
    if isinstance(expr, ast.BoolOp) and expr.op == "and":
        return frozenset().union(*(_conjuncts(e) for e in expr.items))
    return frozenset({unparse(expr)})


def _check_exception_conflict(d: ast.RuleDecl, target: RuleEntry, errors: _Errors) -> None:
    """Two exceptions to one rule whose conditions visibly hold together (the same condition, or one that
    contains every part of the other) and whose periods overlap: which one prevails is not said."""
    mine = _conjuncts(d.when)
    for other, _origin in target.exceptions:
        if other.when is None or not d.in_force.overlaps(other.in_force):
            continue
        theirs = _conjuncts(other.when)
        if mine <= theirs or theirs <= mine:
            errors.add(d.pos, words.exceptions_conflict(other, d, d.exception_to,
                                                        unparse(other.when if theirs >= mine else d.when)))


def _apply_drops(rs: ComposedRuleSet, decls, errors: _Errors) -> None:
    for d in decls:
        if not isinstance(d, ast.DropDecl):
            continue
        entry = rs.rules.get(d.name)
        if entry is None:
            errors.add(d.pos, words.drops_unknown(d.name, rs.dropped, rs.rules))
            continue
        if entry.origin == rs.id and entry.overrides is None:
            errors.add(d.pos, words.drops_own_rule(d.name))
            continue
        rs.dropped[d.name] = DropEntry(d, rs.id, entry.origin, entry.versions[0])
        del rs.rules[d.name]


def _check_citations(rs: ComposedRuleSet, decls, errors: _Errors) -> None:
    for d in decls:
        cites = getattr(d, "citations", ())
        for c in cites:
            if c.source not in rs.sources:
                errors.add(c.pos, words.cites_unknown(c.source, rs.sources))
            elif set(c.quotes) - {rs.sources[c.source][0].language}:
                lang = sorted(set(c.quotes) - {rs.sources[c.source][0].language})[0]
                errors.add(c.pos, words.quote_not_in_source_language(lang, c.source))
        if isinstance(d, ast.ParameterDecl) and not cites:
            errors.add(d.pos, words.parameter_without_citation(d.name))
        if isinstance(d, ast.RuleDecl):
            if not cites and not d.exception_to:
                errors.add(d.pos, words.rule_without(d.name, "citation"))
            if not d.requires:
                errors.add(d.pos, words.rule_without(d.name, "require"))
            if d.severity is None and not d.exception_to:
                errors.add(d.pos, words.rule_without(d.name, "severity"))
            if not d.titles and not d.exception_to:
                errors.add(d.pos, words.rule_without(d.name, "title"))
            if d.exception_to and not d.citations:
                errors.add(d.pos, words.exception_without_citation(d.name))
