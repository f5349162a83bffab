"""`ects history` and `ects diff`: the audits recorded with --store, and what changed between two of them.

    ects history [SUBJECT] [--rules SET] [--kind KIND] [--format text|json] [--lang LANG] [--store PATH_OR_URL]
    ects diff AUDIT_ID AUDIT_ID [--format text|json|md|html] [--lang LANG] [-o FILE] [--store PATH_OR_URL]
    ects diff SUBJECT --since DATE [--rules SET] [...]

The store defaults to audits.db in the current folder (or $ECTS_STORE); reading never creates one.
Exit codes: 0 done; 2 a usage error (unknown audit or subject, no store), with a one-line message.
"""
from __future__ import annotations

import datetime as dt

import click

from engine.cli.common import _guarded, emit, lang_option
from engine.errors import UsageError, suggestion
from engine.history.diff import diff_audits
from engine.history.output import DIFF_FORMATS, history_json, history_text, render_diff, when
from engine.history.recording import DEFAULT_STORE, open_store
from engine.history.store import AuditRecord, Store
from engine.semantics.reasons import Listed, because
from engine.subjects.kinds import KINDS

read_store_option = click.option("--store", "store", envvar="ECTS_STORE", default=DEFAULT_STORE, show_default=True,
                                 metavar="PATH_OR_URL", help="The audit store: a SQLite file or a postgresql:// URL.")


@click.command("history")
@click.argument("subject", required=False)
@click.option("--rules", "ruleset", help="Only audits under this rule set id.")
@click.option("--kind", type=click.Choice(sorted(KINDS)), help="Only audits of this kind of subject.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
@read_store_option
@_guarded
def history(subject, ruleset, kind, fmt, lang, store):
    """List the recorded audits (of one subject id, when given), oldest first, with their ids for `ects diff`."""
    with open_store(store, create=False) as s:
        audits = s.audits(subject=subject, ruleset=ruleset, kind=kind)
        if subject and not audits:
            _unknown_subject(s, subject)
    click.echo(history_json(audits) if fmt == "json" else history_text(audits, lang), nl=False)


@click.command("diff")
@click.argument("first")
@click.argument("second", required=False)
@click.option("--since", help="With a SUBJECT: compare its last audit recorded before this day (YYYY-MM-DD) "
                              "with its latest audit.")
@click.option("--rules", "ruleset", help="With --since: the rule set, when the subject was audited under several.")
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True)
@click.option("-o", "--output", help="Write the differences to this file.")
@lang_option
@read_store_option
@_guarded
def diff(first, second, since, ruleset, fmt, output, lang, store):
    """Findings that appeared, disappeared or changed status between two audits (`ects diff 3 7`), or in one
    subject's audits since a day (`ects diff SUBJECT --since 2026-01-01`)."""
    with open_store(store, create=False) as s:
        if since is not None:
            if second is not None:
                raise UsageError(because("history.since_and_two", "give two audit ids, or one subject with --since"))
            before, after = _since(s, first, _day(since), ruleset)
        else:
            if second is None:
                raise UsageError(because("history.two_ids", "give two audit ids (see `ects history`), or a subject with --since "
                                          "DATE"))
            before, after = _audit(s, first), _audit(s, second)
    emit(render_diff(diff_audits(before, after), fmt, lang), output, [])


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(because("history.bad_since", "--since '{value}' is not a date (YYYY-MM-DD)", value=value)) from None


def _audit(s: Store, audit_id: str) -> AuditRecord:
    found = s.get(int(audit_id)) if audit_id.isdigit() and len(audit_id) <= 18 else None  # a 64-bit key
    if found is None:
        raise UsageError(because("history.no_audit", "no audit {id} in the store (`ects history` lists them)",
                                 id=repr(audit_id)), path=s.location)
    return found


def _unknown_subject(s: Store, subject: str) -> None:
    known = {a.subject_id for a in s.audits()}
    raise UsageError(because("history.no_subject", "no audit of '{subject}' recorded{hint}", subject=subject,
                             hint=suggestion(subject, known)), path=s.location)


def _since(s: Store, subject: str, day: dt.date, ruleset: str | None) -> tuple[AuditRecord, AuditRecord]:
    """The last audit of `subject` recorded before `day` and its latest audit (under one rule set)."""
    audits = s.audits(subject=subject, ruleset=ruleset)
    if not audits:
        _unknown_subject(s, subject)
    sets = sorted({a.ruleset_id for a in audits})
    if len(sets) > 1:
        raise UsageError(because("history.several_rulesets", "'{subject}' was audited under several rule sets ({sets}); "
                                 "give --rules", subject=subject, sets=Listed(sets)))
    earlier = [a for a in audits if a.recorded_at < day.isoformat()]
    if not earlier:
        raise UsageError(because("history.none_before", "no audit of '{subject}' was recorded before {day} (the first: "
                                 "{first})", subject=subject, day=day, first=when(audits[0].recorded_at)))
    return _audit(s, str(earlier[-1].id)), _audit(s, str(audits[-1].id))
