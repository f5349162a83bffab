"""What `ects serve` is started with, and the rule sets it may use: the bundled ones and the folders named at
start-up, compiled once. A request names a rule set by id; it never gives a path."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from engine.ruleset.compiled import CompiledRuleSet, load_ruleset
from ..errors import UsageError, suggestion
from engine.semantics.reasons import Listed, because
from ..render.i18n import available_languages
from engine.ruleset.compose import bundled_rules_dir, list_bundled
from engine.subjects.kinds import KINDS
from engine.whatif_options import check_assignments

MB = 1024 * 1024


@dataclass(frozen=True)
class WebConfig:
    """Start-up settings: rule folders beyond the bundled sets, the upload limit (bytes, per request), the
    time limit of one request's work (seconds), the memory limit of a worker process (bytes; 0: none), and the
    bounds on a zip of many files."""

    rules_dirs: tuple[str, ...] = ()
    max_upload_bytes: int = 20 * MB
    timeout: float = 60.0
    memory_limit: int = 2048 * MB  # a project choice (docs/limits.md): a zip of some 800 example programmes
    zip_max_members: int = 1000
    zip_max_bytes: int = 100 * MB  # uncompressed, all members together
    kept_results: int = 64  # recent audits kept in memory for their pages and download links
    workers: int = 2  # worker processes that run audits and comparisons (each compiles the rule sets once)
    store: Any = None  # an open audit store (engine.history.store.Store) that records every audit, or None


@dataclass
class Catalog:
    """The rule sets a server offers, by id: compiled at start-up (a bad folder stops the start, with the
    CLI's error), then only looked up."""

    targets: dict[str, str] = field(default_factory=dict)  # id -> what load_ruleset takes (id or folder)
    compiled: dict[str, CompiledRuleSet] = field(default_factory=dict)

    @classmethod
    def build(cls, rules_dirs: tuple[str, ...] = ()) -> "Catalog":
        bundled_root = bundled_rules_dir()
        return cls.of_targets([*(str(bundled_root / name) for name in list_bundled()),
                               *(str(Path(folder).resolve()) for folder in rules_dirs)])

    @classmethod
    def of_targets(cls, targets: Iterable[str]) -> "Catalog":
        """The rule sets of these folders (or bundled ids), each compiled once."""
        cat = cls()
        for target in targets:
            cat._add(target)
        return cat

    def _add(self, target: str) -> None:
        rs = load_ruleset(target)
        if rs.id in self.targets and self.targets[rs.id] != target:
            raise UsageError(f"two rule folders hold the rule set '{rs.id}'", path=target)
        self.targets[rs.id] = target
        self.compiled[rs.id] = rs

    def ids(self) -> list[str]:
        return sorted(self.compiled)

    def get(self, ruleset_id: str) -> CompiledRuleSet:
        """The compiled rule set of that id; UsageError naming the offered ones otherwise."""
        if ruleset_id not in self.compiled:
            raise UsageError(because("web.unknown_ruleset", "unknown rule set '{name}'{hint}; rule sets offered: "
                                     "{known}", name=ruleset_id, hint=suggestion(ruleset_id, self.compiled),
                                     known=", ".join(self.ids())))
        return self.compiled[ruleset_id]

    def target(self, ruleset_id: str) -> str:
        self.get(ruleset_id)
        return self.targets[ruleset_id]


def parse_day(value: str | None) -> dt.date:
    """An as-of date from a form or query ('' or None: today); UsageError as the CLI's --as-of."""
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(because("web.bad_as_of", "as-of '{value}' is not a date (YYYY-MM-DD)", value=value)) from None


def check_lang(value: str | None) -> str:
    lang = value or "en"
    if lang not in available_languages():
        raise UsageError(because("web.unknown_language", "unknown language '{lang}'; available: {known}", lang=lang,
                                 known=Listed(available_languages())))
    return lang


def check_kind(value: str | None) -> str | None:
    """A subject kind from a request: one of KINDS, or None ('' or 'auto': detected per file)."""
    if not value or value == "auto":
        return None
    if value not in KINDS:
        raise UsageError(because("web.unknown_kind", "unknown kind of subject '{value}' (known: auto, {known})",
                                 value=value, known=Listed(sorted(KINDS))))
    return value


def check_what_ifs(catalog: Catalog, request: Any) -> None:
    """The request's what-if values (`sets`) checked against each of its rule sets, as `--set` is: the CLI's
    one-line UsageError for an unknown parameter or a value of another type or unit."""
    check_assignments([catalog.get(i) for i in request.rulesets], list(request.sets), request.as_of)
