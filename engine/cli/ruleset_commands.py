"""`ects rules`: list, show, check and test rule sets; fmt, explain and new come from engine.cli.rules. Loaded
only when the command is run (engine.cli.main), so that `ects check` does not load the rule-set tools."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from engine.cli.common import EXIT_FAIL, EXIT_OK, REPORT_LANGUAGES, _guarded, messages_lang_option, parse_date
from engine.cli.rules import register as register_rules_commands, report_time_problems, test_with_coverage
from engine.ruleset import compose as rulesets
from engine.ruleset.compiled import compile_ruleset, load_ruleset
from engine.ruleset.compose import compose, list_bundled, locate
from engine.tools.describe import describe_ruleset, describe_text
from engine.ruleset.translations import rule_named
from engine.render.wording import Wording, wording
from engine.tools.ruletests import run_cases


@click.group()
def rules() -> None:
    """List, show, check and test rule sets."""


@rules.command("list")
@messages_lang_option
@_guarded
def rules_list(lang):
    """The bundled rule sets."""
    w = wording(lang)
    for name in list_bundled():
        rs = load_ruleset(name)
        h = rs.composed.header
        extends = w.t("tools.list.extends", parent=h.extends) if h.extends else ""
        period = h.in_force.describe() if lang == "en" else w.period(h.in_force)
        click.echo(w.t("tools.list.line", name=f"{name:<24}", title=w.rule_text(h.titles) or rs.composed.title,
                       extends=extends, period=period))


@rules.command("show")
@click.argument("ruleset")
@click.option("--as-of", "as_of", help="Show the values in force on this day.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="en", show_default=True,
              help="Language of the rule files' texts (titles, notes, sources, articles); the headings stay English.")
@_guarded
def rules_show(ruleset, as_of, fmt, lang):
    """Sources, parameters and rules of a rule set, with citations; weak citations are flagged."""
    rs = load_ruleset(ruleset)
    data = describe_ruleset(rs, parse_date(as_of), lang)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else describe_text(data, lang), nl=fmt == "json")


@rules.command("check")
@click.argument("target")
@messages_lang_option
@_guarded
def rules_check(target, lang):
    """Parse and type-check a rule set (id or folder) or one rule file; list every problem."""
    w = wording(lang)
    rs = compile_ruleset(compose(target, collect=True))
    _warn_untranslated(rs, w)
    report_time_problems(rs, w)
    n_rules = sum(1 for v in rs.rules.values() if v)
    click.echo(w.t("tools.check.ok", id=rs.id, params=len(rs.params), rules=n_rules,
                   exceptions=sum(len(r.exceptions) for v in rs.rules.values() for r in v[:1]),
                   dropped=len(rs.composed.dropped)))


def _warn_untranslated(rs, w: Wording) -> None:
    """Bundled rules are written in English, Greek and Serbian: warn for each gap (a rule's title, message
    or note; the set's other texts: version, sources, notes, drop reasons, article texts). A user's own
    rules may be English only (reports fall back to English and say so): one note."""
    bundled = rulesets.bundled_rules_dir().resolve()
    gaps = [(r.decl.pos, rule_named(r.id), missing) for r, missing in rs.untranslated()]
    gaps += [(g.pos, g.what, g.missing) for g in rs.untranslated_texts()]
    own = 0
    for pos, what, missing in sorted(gaps, key=lambda x: (x[0].file, x[0].line, x[0].column)):
        if bundled in Path(pos.file).resolve().parents:
            click.echo(w.t("tools.check.bundled_lacks", pos=pos, what=w.reason(what), missing=", ".join(missing)))
        else:
            own += 1
    if own:
        click.echo(w.t("tools.check.own_untranslated", n=own))


@rules.command("test")
@click.argument("ruleset", required=False)
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
@click.option("--coverage", is_flag=True, help="Also report the rules, statuses and conditions the cases exercise.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="With --coverage: the coverage as a table or as JSON.")
@messages_lang_option
@_guarded
def rules_test(ruleset, verbose, coverage, fmt, lang):
    """Run a rule set's test cases (rules/<set>/tests/*.yaml); all bundled sets when none is named."""
    w = wording(lang)
    targets = [ruleset] if ruleset else list_bundled()
    if coverage:
        sys.exit(test_with_coverage(targets, fmt, verbose, w))
    failed = total = 0
    for t in targets:
        results = run_cases(locate(t))
        for res in results:
            total += 1
            if not res.ok:
                failed += 1
                click.echo(res.describe(w))
            elif verbose:
                click.echo(w.t("tools.test.ok", name=res.name))
    click.echo(w.t("tools.test.summary", passed=total - failed, failed=failed))
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


register_rules_commands(rules)  # fmt, explain, new (engine.cli.rules)
