"""Rule-set test cases: a small subject plus the expected status of named rules, in YAML.

    name: a year of 58 credits
    as_of: 2020-01-01                 # optional; default today
    programme: {...}                  # inline subject (or transfer: / cohort:), or
    programme_file: ../../../examples/programmes/x.yaml
    expect:
      year_credits: fail              # the rule's overall status: the worst of its findings
      year_credits[year 2]: fail      # the finding for one subject
      whole_credits: absent           # the rule produced no finding (dropped, not in force)

A file may hold one case, or `cases:` with a list of them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from engine.api import audit
from engine.ruleset.compiled import CompiledRuleSet, load_ruleset
from engine.errors import InputError, SubjectFileError
from engine.render.wording import Wording, finding_text, wording
from engine.semantics.reasons import Listed, Reason, because, plain
from engine.evaluation.findings import Finding
from engine.subjects.load import line_of, read_document
from engine.subjects.kinds import KINDS, load_subject, subject_from_data

RANK = {"fail": 3, "indeterminate": 2, "pass": 1, "not_applicable": 0}
EXPECTABLE = set(RANK) | {"absent"}
_KEY = re.compile(r"^(?P<rule>[A-Za-z_][A-Za-z0-9_]*)(\[(?P<subject>[^\]]+)\])?$")


@dataclass
class CaseResult:
    name: str
    file: str
    line: int | None
    ok: bool
    mismatches: list["Mismatch"] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: Reason | None = None
    expected: dict = field(default_factory=dict)  # rule or rule[subject] -> expected status

    def describe(self, w: Wording | None = None) -> str:
        """'FAIL name (file:line)' and each mismatch, or 'ERROR name (file:line): error', in the language of `w`."""
        w = w or wording("en")
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.error:
            return w.t("tools.test.error", name=self.name, where=where, error=w.reason(self.error))
        lines = [w.t("tools.test.fail", name=self.name, where=where)]
        for m in self.mismatches:
            lines.append(f"    {w.reason(m.why)}")
            lines += [f"    {line}" for line in _trace_lines(m.findings, w.lang)]
        return "\n".join(lines)


def overall_status(findings: list[Finding]) -> str:
    """The worst status among findings: fail > indeterminate > pass > not_applicable."""
    if not findings:
        return "absent"
    return max((f.status for f in findings), key=RANK.__getitem__)


@dataclass(frozen=True)
class Mismatch:
    """A rule (or rule[subject]) whose status is not the one expected: why, and its findings (their traces)."""

    why: Reason
    findings: tuple[Finding, ...] = ()


def _trace_lines(findings, lang: str = "en") -> list[str]:
    out = []
    for f in findings:
        text = finding_text(f, lang)
        out.append(f"  [{f.status}] {text.subject}: {text.message}")
        out += [f"      {s.label + ': ' if s.label else ''}{s.expr} = {s.value}" for s in text.trace]
    return out


def _located(e: InputError) -> Reason:
    """The error's one line, 'file:line: message', its message worded in the reader's language."""
    if e.reason is None:
        return plain(e.format())
    where = e.format(lambda _reason: "")  # 'file:line: ' (nothing when the error names no place)
    return because("tools.test.located", "{where}{why}", where=where, why=e.reason)


def check_expectations(findings: list[Finding], expect: dict) -> list[Mismatch]:
    """Differences between expected and actual statuses, with the trace of each wrong one."""
    problems = []
    for key, want in expect.items():
        m = _KEY.match(str(key))
        rule, subject = m.group("rule"), m.group("subject")
        chosen = [f for f in findings if f.rule == rule]
        if subject:
            chosen = [f for f in chosen if f.subject == subject]
        got = overall_status(chosen)
        if got != want:
            problems.append(Mismatch(because("tools.test.expected", "{case}: expected {want}, got {got}", case=str(key),
                                             want=want, got=got), tuple(chosen)))
    return problems


def _cases(path: Path):
    data, lines, _ = read_document(path)
    if isinstance(data, dict) and "cases" in data:
        if not isinstance(data["cases"], list):
            raise SubjectFileError(because("tools.test.cases_not_list", "'cases' must be a list"), str(path),
                                   line_of(lines, ("cases",)))
        for i, case in enumerate(data["cases"]):
            yield case, ("cases", i), lines
    else:
        yield data, (), lines


def run_case(rs: CompiledRuleSet, path: Path, case, at: tuple, lines: dict) -> CaseResult:
    name = case.get("name") if isinstance(case, dict) else None
    name = name or f"{path.stem}{'' if not at else f' #{at[-1] + 1}'}"
    line = line_of(lines, at) if at else 1
    try:
        if not isinstance(case, dict):
            raise SubjectFileError(because("tools.test.case_not_mapping", "a test case must be a mapping"), str(path),
                                   line)
        expect = case.get("expect")
        if not isinstance(expect, dict) or not expect:
            raise SubjectFileError(because("tools.test.no_expect", "a test case needs 'expect:' with rule: status lines"),
                                   str(path), line)
        for key, want in expect.items():
            if not _KEY.match(str(key)):
                raise SubjectFileError(because("tools.test.bad_key", "'{case}' is not 'rule' or 'rule[subject]'",
                                                case=str(key)), str(path), line_of(lines, at + ("expect", key)))
            if want not in EXPECTABLE:
                raise SubjectFileError(because("tools.test.bad_status", "'{want}' is not one of {statuses}",
                                               want=str(want), statuses=Listed(sorted(EXPECTABLE))), str(path),
                                       line_of(lines, at + ("expect", key)))
            rule = _KEY.match(str(key)).group("rule")
            if rule not in rs.rules and not any(e.id == rule for v in rs.rules.values() for r in v for e in r.exceptions) \
                    and rule not in rs.composed.dropped:
                raise SubjectFileError(because("tools.test.no_rule", "no rule '{rule}' in rule set {ruleset}", rule=rule,
                                                ruleset=rs.id), str(path), line_of(lines, at + ("expect", key)))
        as_of = case.get("as_of")
        day = dt.date.fromisoformat(str(as_of)) if as_of else None
        subject = None
        for k in KINDS:
            if k in case:
                subject = subject_from_data(k, case[k], lines, str(path), at + (k,))
            elif f"{k}_file" in case:
                subject = load_subject(k, path.parent / str(case[f"{k}_file"]), ruleset=rs)
        if subject is None:
            raise SubjectFileError(because("tools.test.no_subject", "a test case needs one of: {kinds} (inline) or <kind>_file",
                                            kinds=Listed(sorted(KINDS))),
                                   str(path), line)
        report = audit(rs, subject, as_of=day)
        problems = check_expectations(report.findings, expect)
        return CaseResult(name, str(path), line, not problems, problems, report.findings, expected=dict(expect))
    except InputError as e:
        return CaseResult(name, str(path), line, False, error=_located(e))
    except ValueError as e:
        return CaseResult(name, str(path), line, False, error=plain(str(e)))


def run_cases(folder: Path, rs: CompiledRuleSet | None = None) -> list[CaseResult]:
    """Run every case under <rule set folder>/tests/ against that rule set (or `rs`, the same set
    compiled another way, e.g. instrumented for coverage)."""
    rs = rs or load_ruleset(str(folder))
    results = []
    for path in sorted((folder / "tests").glob("*.y*ml")):
        try:
            for case, at, lines in _cases(path):
                results.append(run_case(rs, path, case, at, lines))
        except InputError as e:
            results.append(CaseResult(path.stem, str(path), e.line, False, error=e.format()))
    return results
