"""`ects rules new NAME --extends SET`: a rule folder to start from.

The folder holds the header, one source, one parameter override (a parameter of the parent in
credits, declared again with the parent's value), one rule reading it, two test cases (one passing,
one failing) and a README. It passes `rules check`, `rules test` and `rules fmt --check` as created;
every text to replace says so.
"""
from __future__ import annotations

import re
from pathlib import Path

from engine.ruleset.compiled import CompiledRuleSet, load_ruleset
from engine.dsl.format import format_text
from engine.dsl.unparse import unparse
from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.ruleset.compose import bundled_rules_dir

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _credits_parameter(parent: CompiledRuleSet) -> tuple[str, str, bool]:
    """(name, value text, is an override): a parent parameter in credits, or a new one."""
    for name, p in parent.params.items():
        if p.type.kind == "number" and p.type.unit == "credits":
            return name, unparse(p.versions[-1][3].value), True
    return "max_course_credits", "60 credits", False


def _rules_text(name: str, parent: CompiledRuleSet) -> str:
    param, value, override = _credits_parameter(parent)
    start = parent.composed.header.in_force.start
    why = (f"# Declared again, so it overrides {parent.id}'s value (the same value for now): change it where\n"
           f"# your regulation differs." if override else
           f"# {parent.id} has no parameter in credits to override: this one is new.")
    return format_text(f'''# Rule set {name}: a starting point. It extends {parent.id}: every rule and parameter of {parent.id}
# applies unless this folder declares a parameter again, adds a rule, declares an exception to a rule
# or drops a rule. Replace every text that says "replace"; then `ects rules check`, `ects rules test`
# and `ects rules fmt --check` on this folder must still pass.

ruleset {name} extends {parent.id}
  title "{name} (replace with the regulation's title)"
  jurisdiction "replace with the institution or country"
  version "draft"
  {f"in force from {start}" if start else ""}

source regulation "replace with the regulation's title, number and date"
  confidence unverified

{why}
parameter {param} = {value}
  cite regulation "art. ? (replace with the article)"
    quote "replace with the article's words"

rule {name}_course_credits
  title "No course carries more than {param.replace("_", " ")}"
  severity error
  cite regulation "art. ? (replace with the article)"
    quote "replace with the article's words"
  for each course in programme.courses
  require course.credits <= {param}
  message "Course {{course.code}} carries {{course.credits}}; at most {{{param}}}."
''', f"{name}.rules")


def _tests_text(name: str, parent: CompiledRuleSet) -> str:
    param, value, _ = _credits_parameter(parent)
    limit = float(value.split()[0])
    good, bad = int(limit) if limit >= 1 else limit, int(limit) + 1
    return f'''# Test cases of {name}: each rule needs at least one passing and one failing case.
# `ects rules test <folder> --coverage` shows what the cases exercise.

programme: &example
  id: example
  title: Example programme (replace)
  cycle: first
  years: 1
  courses:
    - {{code: C1, title: Course 1, year: 1, credits: {good}}}

cases:
  - name: a course within {param} passes
    programme: *example
    expect:
      {name}_course_credits: pass
  - name: a course above {param} fails
    programme:
      id: example-too-big
      cycle: first
      years: 1
      courses:
        - {{code: C1, title: Course 1, year: 1, credits: {bad}}}
    expect:
      {name}_course_credits: fail
'''


def new_ruleset(name: str, extends: str, out_dir: str | Path = ".") -> Path:
    """Create <out_dir>/<name>/ extending `extends`; return the folder. Never writes over anything."""
    if not _NAME.match(name):
        raise UsageError(because("tools.new.bad_name", "'{name}' is not a rule set name: use letters, digits and _, not "
                                 "starting with a digit", name=name))
    parent = load_ruleset(extends)
    folder = Path(out_dir) / name
    if folder.exists():
        raise UsageError(because("tools.new.exists", "already exists; choose another name or folder"), path=str(folder))
    bundled = (bundled_rules_dir() / parent.id).resolve() == parent.composed.folder.resolve()
    sibling = parent.composed.folder.resolve() == (Path(out_dir) / parent.id).resolve()
    if not (bundled or sibling):
        raise UsageError(because("tools.new.not_found_by_extends", "rule set '{id}' is found by 'extends' only when "
                                 "bundled or in the same folder as the new set: use -o {folder}", id=parent.id,
                                 folder=str(parent.composed.folder.parent)))
    if not Path(out_dir).is_dir():
        raise UsageError(because("tools.new.no_folder", "the output folder does not exist"), path=str(out_dir))
    (folder / "tests").mkdir(parents=True)
    (folder / f"{name}.rules").write_text(_rules_text(name, parent), encoding="utf-8")
    (folder / "tests" / f"{name}.yaml").write_text(_tests_text(name, parent), encoding="utf-8")
    (folder / "README.md").write_text(
        f"# {name}\n\nExtends `{parent.id}`. Replace this text with what the rule set encodes, its sources "
        f"and the project choices it makes (see docs/authoring.md).\n", encoding="utf-8")
    return folder
