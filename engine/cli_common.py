"""What every `ects` command shares: exit codes, one-line errors, dates, writing output, options."""
from __future__ import annotations

import datetime as dt
import functools
import sys
from typing import Callable

import click

from .errors import InputError, UsageError

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2
REPORT_FORMATS = ["text", "json", "md", "html", "junit"]
REPORT_LANGUAGES = ["en", "el", "sr"]


def _print_error(e: InputError) -> None:
    errors = getattr(e, "errors", None) or [e]
    for err in errors:
        click.echo(f"error: {err.format()}", err=True)
        if err.detail:
            click.echo(err.detail, err=True)


def _guarded(fn: Callable) -> Callable:
    """Turn input errors into one-line messages and exit code 2, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as e:
            _print_error(e)
            sys.exit(EXIT_INPUT)
        except OSError as e:  # an output path that cannot be written, a file that cannot be read
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"error: {where}{e.strerror or e}", err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
    return wrapper


def parse_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of '{value}' is not a date (YYYY-MM-DD)") from None


def emit(text: str, output: str | None, inputs: list) -> None:
    """Print, or write atomically to -o FILE (never over an input)."""
    from .output import guard_inputs, write_atomic

    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    guard_inputs(output, inputs)
    write_atomic(output, text)


lang_option = click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="en", show_default=True,
                           help="Language of the report's labels and of rule titles and messages where the "
                                "rule set provides them; quotes of law stay as written.")
explain_option = click.option("--explain", is_flag=True,
                              help="Text reports: give every finding (passed ones too) its full trace: each condition, "
                                   "requirement and value read, the parameter versions used and where the rule is defined.")
