"""The `ects` command line: a thin layer over the library (engine.api and friends).

Exit codes: 0 no failed error-severity finding; 1 at least one (with --strict, also any undecided
finding); 2 usage or input error, with the message on stderr.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli_common import (EXIT_FAIL, EXIT_INPUT, EXIT_OK, REPORT_FORMATS, _guarded, _print_error, emit,  # noqa: F401
                         explain_option, lang_option, parse_date)
from .errors import InputError, UsageError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120})
@click.version_option(package_name="ects", prog_name="ects")
def main() -> None:
    """ects: audit study programmes, transfers and grade distributions against credit regulations."""


# ---- check -------------------------------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--rules", "ruleset", required=True, help="A bundled rule set id, or a folder of *.rules files.")
@click.option("--as-of", "as_of", help="Apply the law in force on this day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True)
@click.option("-o", "--output", help="Write the report to this file (for html with several programmes: a folder).")
@click.option("--strict", is_flag=True, help="Exit 1 also when a finding is undecided.")
@lang_option
@explain_option
@_guarded
def check(paths, ruleset, as_of, fmt, output, strict, lang, explain):
    """Audit programme files (or folders of them) against a rule set.

    \b
    Exit codes: 0 no error-severity rule failed; 1 at least one did (with --strict, also when a
    finding is undecided); 2 a usage or input error (message on stderr). In a folder with a bad
    file, the good files are still audited and reported, the bad one is named (on standard error, and in
    written text, Markdown, HTML and JUnit reports), and the exit code is 2.
    """
    from .api import audit_programme, subject_files
    from .compiled import load_ruleset
    from .evaluate import Evaluator
    from .render import render

    day = parse_date(as_of)
    rs = load_ruleset(ruleset)
    evaluator = Evaluator(rs, day)
    files = subject_files(list(paths))
    if not files:
        raise UsageError("no programme files (*.yaml, *.yml, *.json) found", path=" ".join(paths))
    reports, not_audited = [], []
    for f in files:
        try:
            reports.append(audit_programme(rs, f, evaluator=evaluator))
        except InputError as e:
            not_audited.append((e.location(), e.message))
            _print_error(e)
    if reports:
        folder = output and (Path(output).is_dir() or output.endswith(("/", "\\"))
                             or (len(reports) > 1 and not output.lower().endswith((".html", ".htm"))))
        if fmt == "html" and folder:  # one page per programme and an index; `-o all.html` gives one document
            from .render.batch import write_batch
            write_batch(reports, output, lang, inputs=files, not_audited=not_audited)
        else:
            emit(render(reports, fmt, lang, not_audited, explain=explain), output, files)
    if not_audited:
        sys.exit(EXIT_INPUT)
    if any(r.has_failed_error() for r in reports) or (strict and any(r.has_indeterminate() for r in reports)):
        sys.exit(EXIT_FAIL)


# ---- rules --------------------------------------------------------------------------------------------

@main.group()
def rules() -> None:
    """List, show, check and test rule sets."""


@rules.command("list")
@_guarded
def rules_list():
    """The bundled rule sets."""
    from .compiled import load_ruleset
    from .rulesets import list_bundled

    for name in list_bundled():
        rs = load_ruleset(name)
        h = rs.composed.header
        extends = f" (extends {h.extends})" if h.extends else ""
        click.echo(f"{name:<24} {rs.composed.title}{extends}; in force {h.in_force.describe()}")


@rules.command("show")
@click.argument("ruleset")
@click.option("--as-of", "as_of", help="Show the values in force on this day.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guarded
def rules_show(ruleset, as_of, fmt):
    """Sources, parameters and rules of a rule set, with citations; weak citations are flagged."""
    from .compiled import load_ruleset
    from .describe import describe_ruleset, describe_text

    rs = load_ruleset(ruleset)
    data = describe_ruleset(rs, parse_date(as_of))
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else describe_text(data), nl=fmt == "json")


@rules.command("check")
@click.argument("target")
@_guarded
def rules_check(target):
    """Parse and type-check a rule set (id or folder) or one rule file; list every problem."""
    from .compiled import compile_ruleset
    from .rulesets import compose

    rs = compile_ruleset(compose(target, collect=True))
    n_rules = sum(1 for v in rs.rules.values() if v)
    click.echo(f"{rs.id}: OK ({len(rs.params)} parameters, {n_rules} rules, "
               f"{sum(len(r.exceptions) for v in rs.rules.values() for r in v[:1])} exceptions, "
               f"{len(rs.composed.dropped)} dropped)")


@rules.command("test")
@click.argument("ruleset", required=False)
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
@_guarded
def rules_test(ruleset, verbose):
    """Run a rule set's test cases (rules/<set>/tests/*.yaml); all bundled sets when none is named."""
    from .rulesets import list_bundled, locate
    from .ruletests import run_cases

    targets = [ruleset] if ruleset else list_bundled()
    failed = total = 0
    for t in targets:
        results = run_cases(locate(t))
        for res in results:
            total += 1
            if not res.ok:
                failed += 1
                click.echo(res.describe())
            elif verbose:
                click.echo(f"ok   {res.name}")
    click.echo(f"{total - failed} passed, {failed} failed")
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


# ---- compare --------------------------------------------------------------------------------------------

@main.command()
@click.argument("rulesets", nargs=-1, required=True)
@click.option("--programme", "programme", help="Also give each rule's verdict on this programme file under each set.")
@click.option("--as-of", "as_of", help="Compare the law in force on this day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text", show_default=True)
@click.option("-o", "--output", help="Write the comparison to this file.")
@_guarded
def compare(rulesets, programme, as_of, fmt, output):
    """Rule sets side by side: parameters, rules (added, overridden, excepted, dropped), verdicts."""
    from .compare import compare_md, compare_rulesets, compare_text
    from .render.templated import render_comparison

    data = compare_rulesets(list(rulesets), parse_date(as_of), programme)
    text = {"json": lambda d: json.dumps(d, ensure_ascii=False, indent=2) + "\n", "md": compare_md,
            "text": compare_text, "html": render_comparison}[fmt](data)
    emit(text, output, [programme] if programme else [])


# ---- schema ---------------------------------------------------------------------------------------------

@main.command()
@click.argument("kind", type=click.Choice(["programme", "transfer", "cohort", "report"]))
@_guarded
def schema(kind):
    """Print the JSON Schema of an input file format, or of the JSON report (`report`)."""
    from .schemas import json_schema

    click.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))


# ---- transfer, import (engine.cli_transfer) -----------------------------------------------------------

from .cli_transfer import register as _register_transfer  # noqa: E402

_register_transfer(main)

from .cli_grades import register as _register_grades  # noqa: E402

_register_grades(main)


def run() -> None:  # pragma: no cover - console entry
    main()


if __name__ == "__main__":  # pragma: no cover
    main()
