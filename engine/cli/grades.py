"""`ects grades`: grading tables of cohort files, audits of cohorts against a rule set, grade conversion.

    ects grades table COHORT [--rules SET] [--group ID] [--years Y] [--pass MARK] [--format text|json|md]
    ects grades check COHORT... --rules SET [--format ...] [-o FILE|FOLDER/] [--as-of DATE] [--jobs N] [--dask ADDRESS]
                      [--matrix FILE] [--show ...] [--explain] [--quiet] [--set NAME=VALUE] [--store PATH_OR_URL]
    ects grades convert GRADE --from FILE --to FILE --policy min|avg|max|mid [--from-group ID] [--to-group ID]
        [--from-scale ID] [--to-scale ID] [--rules SET] [--from-pass MARK] [--to-pass MARK]

Exit codes as for `ects check`: 0 fine, 1 a failed error-severity finding, 2 bad input (one line).
"""
from __future__ import annotations

import json
from typing import Any

import click

from engine.cli.batchrun import find_files, stream_batch
from engine.cli.common import (REPORT_FORMATS, _guarded, batch_options, explain_option, lang_option, parse_date,
                               store_option)
from engine.cli.suggest import suggest
from engine.cli.whatif import set_option
from engine.cli.work import Job
from engine.ruleset.compiled import load_ruleset
from engine.errors import UsageError
from engine.grades.convert import POLICIES, asks_two_years
from engine.subjects.cohort.files import TableSource, convert_tables, group_table, pick_group, read_cohort
from engine.subjects.kinds import LoadOptions
from engine.grades.scale import format_grade
from engine.render.grade_words import conversion_text
from engine.render.i18n import Labels
from engine.render.wording import wording
from engine.semantics.reasons import because
from engine.semantics.units import LOCALES
from babel.numbers import format_decimal


def _years(values: tuple[str, ...]) -> list[str] | None:
    """--years 2022-23 --years 2023-24, or --years 2022-23,2023-24."""
    out = [y.strip() for v in values for y in v.split(",") if y.strip()]
    return out or None


_YEARS = click.option("--years", "years", multiple=True,
                      help="Academic years to count (e.g. 2022-23,2023-24; repeatable); default all.")


@click.group()
def grades() -> None:
    """Grading tables, cohort audits and grade conversion (ECTS Users' Guide 2015 §4.3-4.4)."""


grades.add_command(suggest)  # grades suggest (engine.cli.suggest)


# ---- table ----------------------------------------------------------------------------------------

@grades.command("table")
@click.argument("cohort")
@click.option("--rules", "ruleset", help="Read the grades through this rule set's grading scale (and its ECTS letters).")
@click.option("--group", "group", help="The reference group (needed when the file holds several).")
@_YEARS
@click.option("--pass", "pass_mark", help="Pass mark to use instead of the scale's.")
@click.option("--scale", "scale", help="A ready-made scale to read the file with (e.g. de-1-5).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True)
@lang_option
@_guarded
def table(cohort, ruleset, group, years, pass_mark, scale, fmt, lang):
    """Print the grading table of a reference group: passing grades, percentages, cumulative percentages."""
    view = read_cohort(cohort, ruleset=load_ruleset(ruleset) if ruleset else None, scale=scale, pass_mark=pass_mark,
                       years=_years(years), only_group=group, one_group=True)  # only the group asked for gets a table
    g = pick_group(view, group, cohort)
    group_table(g, cohort)
    data = g.table_dict(view.gives_letters)
    data["ruleset"] = view.ruleset_id
    if data.get("pass_mark") is None:
        warning = because("grades.all_counted_passing", "no grading scale or pass mark is known, so every grade is "
                          "counted as passing; if the file holds failing grades, give --rules, --scale or --pass")
        data["warning"] = str(warning)  # the JSON table's note stays English, as its keys
        words = wording(lang)
        click.echo(words.t("grades.convert.warning", text=f"{cohort}: {words.reason(warning)}"), err=True)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(data, markdown=fmt == "md", lang=lang), nl=False)


def _pct(x: float, lang: str = "en") -> str:
    return format_decimal(x, format="0.00", locale=LOCALES.get(lang, "en"))


def render_table(d: dict[str, Any], markdown: bool = False, lang: str = "en") -> str:
    """A grading table as plain text or Markdown, its words in `lang` (catalogue keys grades.table.*)."""
    t = Labels(lang)
    letters = "letters" in d
    head = [t(f"grades.table.{c}") for c in ("grade", "count", "percentage", "cumulative")] + (
        [t("grades.table.letter")] if letters else [])
    body = [[format_grade(r["grade"]), str(r["count"]), _pct(r["percentage"], lang), _pct(r["cumulative_percentage"], lang)]
            + ([r.get("letter") or ""] if letters else []) for r in d["rows"]]
    where = ", ".join(str(x) for x in (d.get("field") and t("grades.table.field", field=d["field"]),
                                       d.get("cycle") and t.get(f"value.{d['cycle']}", d["cycle"]),
                                       d.get("institution")) if x)
    title = t("grades.table.title", group=d["group"]) + (f" ({d['title']})" if d.get("title") else "")
    none = t("word.none")
    info = [where or None, t("grades.table.years", years=", ".join(d["years"])),
            t("grades.table.counts", scale=d["scale"] or none,
              mark=format_grade(d["pass_mark"]) if d["pass_mark"] is not None else none,
              passing=d["passing_total"], failing=d["failing_excluded"])]
    info = [x for x in info if x]
    if markdown:
        lines = [f"## {title}", ""] + [f"* {x}" for x in info] + [""]
        lines += ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in body]
    else:
        widths = [max(len(str(c)) for c in col) for col in zip(head, *body)]
        fmt_row = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
        lines = [title] + [f"  {x}" for x in info] + ["", fmt_row(head)] + [fmt_row(r) for r in body]
    if letters:
        shares = ", ".join(t("grades.table.share", letter=s["letter"], observed=_pct(s["observed"], lang),
                             target=s["target"]) for s in d["letters"]["shares"])
        policy = t.get(f"value.{d['letters']['policy']}", d["letters"]["policy"])
        lines += ["", t("grades.table.letters", policy=policy, shares=shares,
                        deviation=_pct(d["letters"]["max_deviation"], lang))]
    return "\n".join(lines) + "\n"


# ---- check ----------------------------------------------------------------------------------------

@grades.command("check")
@click.argument("cohorts", nargs=-1, required=True)
@click.option("--rules", "ruleset", required=True, help="A bundled rule set id, or a folder of *.rules files.")
@click.option("--as-of", "as_of", help="Apply the law in force on this day (YYYY-MM-DD); default today.")
@_YEARS
@click.option("--pass", "pass_mark", help="Pass mark to use instead of the scale's.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text",
              show_default=True)
@click.option("-o", "--output", help="Write the report to this file; to FOLDER/: one file per cohort and an index "
                                     "(html with several cohorts: a folder unless it ends in .html).")
@click.option("--strict", is_flag=True, help="Exit 1 also when a finding is undecided.")
@lang_option
@explain_option
@set_option
@store_option
@batch_options
@_guarded
def check(cohorts, ruleset, as_of, years, pass_mark, fmt, output, strict, lang, explain, sets, store, batch):
    """Audit cohort files (or folders of them) against a rule set; the grading tables go with the report.
    Batches run as for `ects check`: report by report, on --jobs processes or a Dask cluster."""
    yrs = _years(years)
    options = LoadOptions(pass_mark=pass_mark, years=tuple(yrs) if yrs else None)
    files = find_files(cohorts, "cohort", lang)
    job = Job(ruleset, "cohort", parse_date(as_of), lang, options, fmt, batch.show_for(explain), explain,
              sets=tuple(sets))
    stream_batch(files, job, output, batch, strict, store=store)


# ---- convert --------------------------------------------------------------------------------------

@grades.command("convert")
@click.argument("grade")
@click.option("--from", "from_file", required=True, help="Cohort file of the foreign (sending) institution.")
@click.option("--to", "to_file", required=True, help="Cohort file of the home institution.")
@click.option("--policy", type=click.Choice(POLICIES), required=True,
              help="For overlapping ranges: the worst (min), best (max), overlap-weighted mean (avg) or midpoint (mid) home grade.")
@click.option("--from-group", help="The foreign reference group (needed when the file holds several).")
@click.option("--to-group", help="The home reference group (needed when the file holds several).")
@click.option("--from-scale", help="A ready-made scale for the foreign file (e.g. de-1-5, where 1.0 is best).")
@click.option("--to-scale", help="A ready-made scale for the home file.")
@click.option("--rules", "ruleset", help="Read the home file through this rule set's grading scale.")
@click.option("--from-pass", "from_pass",
              help="Pass mark of the foreign file (instead of its scale's; without a scale, higher grades are better).")
@click.option("--to-pass", "to_pass",
              help="Pass mark of the home file (instead of its scale's; without a scale, higher grades are better).")
@_YEARS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
@_guarded
def convert(grade, from_file, to_file, policy, from_group, to_group, from_scale, to_scale, ruleset, from_pass, to_pass,
            years, fmt, lang):
    """Convert a foreign grade into the home grading table, explaining how (Guide 2015 §4.4).

    Both files must be read with a pass mark: from a scale (the file's `scale:`, --from-scale or
    --to-scale, or the --rules set's scale for the home file) or from --from-pass / --to-pass.
    Without one, failing grades would count as passing, so the command refuses (exit 2).
    """
    yrs = tuple(_years(years) or ()) or None
    fg, ft = TableSource(from_file, from_group, from_scale, from_pass, years=yrs).load()
    rules = load_ruleset(ruleset) if ruleset else None
    hg, ht = TableSource(to_file, to_group, to_scale, to_pass, years=yrs).load(rules)
    _need_pass_marks([(fg, from_file, because("grades.the_foreign_table", "the foreign table"),
                       because("grades.give_from", "--from-scale ID (e.g. de-1-5) or --from-pass MARK")),
                      (hg, to_file, because("grades.the_home_table", "the home table"),
                       because("grades.give_to", "--rules SET (e.g. greek_law_4009), --to-scale ID (e.g. gr-0-10) or "
                                                 "--to-pass MARK"))])
    two_years = asks_two_years(rules)  # the Guide's two-year minimum, unless the chosen rule set drops it
    conv = convert_tables(grade, ft, ht, policy=policy, path=from_file, two_years=two_years)
    if fmt == "json":
        data = conv.to_dict()
        data["from"] = {"file": str(from_file), "group": fg.id, "years": list(ft.years)}
        data["to"] = {"file": str(to_file), "group": hg.id, "years": list(ht.years)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(conversion_text(conv, ft, ht, lang, two_years))


def _need_pass_marks(tables: list) -> None:
    """Refuse tables read without a pass mark (their failing grades would silently count as passing);
    when both lack one, one message says so for both."""
    missing = [(g, path, which, options) for g, path, which, options in tables if g.pass_mark_grade is None]
    if len(missing) == 1:
        g, path, which, options = missing[0]
        raise UsageError(because("grades.no_pass_mark_for", "no grading scale or pass mark is known for {which} "
                                 "(group '{group}'), so failing grades would count as passing; give {options}",
                                 which=which, group=g.id, options=options), path=str(path))
    if missing:
        parts = tuple(because("grades.table_options", "{which} ({path}, group '{group}'): {options}", which=which,
                              path=str(path), group=g.id, options=options) for g, path, which, options in missing)
        raise UsageError(because("grades.no_pass_mark_both", "no grading scale or pass mark is known for either table, "
                                 "so failing grades would count as passing; give for {parts}", parts=parts))

