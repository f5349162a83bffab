"""Course tables on the command line (registered on the main group by engine.cli):

    ects import table FILE [-o programme.yaml] [--explain] [--sheet NAME] [--columns field=Header,...]
                      [--field name=value ...] [--encoding cp1250]
    ects template programme -o plan.xlsx
    ects check plan.xlsx|plan.csv --rules SET [--sheet NAME] [--columns ...] [--field ...] [--encoding ...]

`table_options` adds the table options to a command (`ects check` has them); `table_read_options` turns
them into the TableOptions the programme loader reads a table with (engine.subjects.LoadOptions.table).
"""
from __future__ import annotations

import importlib

import click
import yaml

from engine.cli.common import _guarded, emit, messages_lang_option
from engine.render.wording import wording
from engine.subjects.programme.table_options import TableOptions, field_values, parse_pairs
from engine.subjects.programme.template import write_template

TABLE_READER = "engine.subjects.programme.table_programme"  # imported by `ects import table` (not by `ects check`)

_TABLE_OPTIONS = [
    click.Option(["--sheet"], help="The workbook sheet with the courses (default: 'Courses', else the first "
                                   "sheet with a course table)."),
    click.Option(["--columns"], multiple=True, help="Name the columns: field=Header,... (e.g. code=Šifra,"
                                                    "title=Naziv predmeta,term=Semestar,credits=ESPB; field= for none)."),
    click.Option(["--field", "fields"], multiple=True, help="A programme field the table lacks: name=value "
                                                            "(repeat: --field cycle=second --field years=1.5)."),
    click.Option(["--encoding"], help="The CSV file's encoding, if the reader's guess is wrong (e.g. cp1250)."),
]


def table_read_options(sheet, columns, fields, encoding) -> TableOptions:
    """The table options of a command line (--sheet, --columns, --field, --encoding)."""
    return TableOptions(sheet=sheet, columns=parse_pairs(columns, "--columns"),
                        fields=field_values(parse_pairs(fields, "--field")), encoding=encoding)


def table_options(command):
    """Decorator: give a command the table options (its callback receives sheet, columns, fields, encoding)."""
    for option in _TABLE_OPTIONS:
        click.decorators._param_memo(command, option)
    return command


def _programme_yaml(data: dict, source: str, notes: list[str]) -> str:
    head = [f"# Programme read from {source} by `ects import table`.", "# What the reader inferred:"]
    head += [f"#   {n}" for n in notes]
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    return "\n".join(head) + "\n" + body


@click.command("table")
@click.argument("path")
@click.option("-o", "--output", help="Write the programme file here (default: standard output).")
@click.option("--explain", is_flag=True, help="List what the reader inferred (header row, columns, term rows, "
                                              "subtotals) on standard error.")
@_guarded
def import_table(path, output, explain, sheet, columns, fields, encoding):
    """Turn a course table (.xlsx, .ods, .csv) into a programme file to keep and edit."""
    options = table_read_options(sheet, columns, fields, encoding)
    reader = importlib.import_module(TABLE_READER)
    reader.load_table_programme(path, options)  # validate first: a bad table writes nothing
    table = reader.read_table_programme(path, options)
    if explain:
        for note in table.notes:
            click.echo(f"read: {note}", err=True)
    emit(_programme_yaml(table.data, path, table.notes), output, [path])


import_table.params.extend(_TABLE_OPTIONS)


@click.group("template")
def template_group() -> None:
    """Write blank input files to fill in."""


@template_group.command("programme")
@click.option("-o", "--output", required=True, help="The workbook to write (.xlsx).")
@messages_lang_option
@_guarded
def template_programme(output, lang):
    """A workbook with a Programme sheet (field, value) and a Courses sheet, which `ects check` reads back."""
    write_template(output)
    click.echo(wording(lang).t("tools.template.wrote", path=output), err=True)


