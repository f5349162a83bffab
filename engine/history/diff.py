"""The differences between two audits of a subject: findings that appeared, disappeared or changed status.

Findings are matched by rule and by the subject they are about (kind and key, e.g. course PE305); a rule
that gives several findings on one subject is matched in order. A finding is a problem when it failed or
could not be decided; "fixed" counts problems of the earlier audit that are no longer problems (passed, not
applicable or gone), "new" counts problems of the later audit that were not problems before."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .store import AuditRecord, FindingRecord

PROBLEMS = ("fail", "indeterminate")


@dataclass(frozen=True)
class Change:
    """One finding that differs: absent before (appeared), absent after (disappeared), or of another status."""

    before: FindingRecord | None
    after: FindingRecord | None

    @property
    def finding(self) -> FindingRecord:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def kind(self) -> str:
        return "appeared" if self.before is None else "disappeared" if self.after is None else "changed"

    @property
    def fixed(self) -> bool:
        return _problem(self.before) and not _problem(self.after)

    @property
    def new(self) -> bool:
        return _problem(self.after) and not _problem(self.before)

    def to_dict(self) -> dict[str, Any]:
        f = self.finding
        return {"change": self.kind, "rule": f.rule,
                "subject": {"kind": f.subject_kind, "key": f.subject_key, "label": f.subject_label},
                "severity": f.severity, "status_before": self.before.status if self.before else None,
                "status_after": self.after.status if self.after else None, "message": f.message,
                "fixed": self.fixed, "new": self.new,
                "before": self.before.data if self.before else None, "after": self.after.data if self.after else None}


def _problem(f: FindingRecord | None) -> bool:
    return f is not None and f.status in PROBLEMS


@dataclass(frozen=True)
class AuditDiff:
    """Two audits (with findings) and what changed from `before` to `after`."""

    before: AuditRecord
    after: AuditRecord
    changes: tuple[Change, ...]

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def fixed(self) -> int:
        return sum(c.fixed for c in self.changes)

    @property
    def new(self) -> int:
        return sum(c.new for c in self.changes)

    @property
    def ruleset_changed(self) -> bool | None:
        """Whether the rule set's text differs (None when an audit predates the rule-set hash)."""
        a, b = self.before.ruleset_sha256, self.after.ruleset_sha256
        return None if a is None or b is None else a != b or self.before.ruleset_id != self.after.ruleset_id

    def to_dict(self) -> dict[str, Any]:
        return {"before": self.before.to_dict(), "after": self.after.to_dict(),
                "counts": {"appeared": len(self.of_kind("appeared")), "disappeared": len(self.of_kind("disappeared")),
                           "changed": len(self.of_kind("changed")), "fixed": self.fixed, "new": self.new},
                "input_changed": self.before.input_sha256 != self.after.input_sha256,
                "ruleset_changed": self.ruleset_changed, "as_of_changed": self.before.as_of != self.after.as_of,
                "changes": [c.to_dict() for c in self.changes]}


def diff_audits(before: AuditRecord, after: AuditRecord) -> AuditDiff:
    """What changed between two audits (each read with its findings)."""
    old: dict[tuple, list[FindingRecord]] = defaultdict(list)
    for f in before.findings:
        old[f.key].append(f)
    changes: list[Change] = []
    seen: dict[tuple, int] = defaultdict(int)
    for f in after.findings:
        i = seen[f.key]
        seen[f.key] += 1
        earlier = old[f.key][i] if i < len(old[f.key]) else None
        if earlier is None:
            changes.append(Change(None, f))
        elif earlier.status != f.status:
            changes.append(Change(earlier, f))
    for key, items in old.items():
        changes += [Change(f, None) for f in items[seen.get(key, 0):]]
    return AuditDiff(before, after, tuple(changes))
