"""Click's usage errors (an unknown option or command, a missing argument, a value not among the choices...)
in the language of the command's `--lang`.

Click words these errors itself, in English, before a command's options are read; the command group
(engine.cli.main) reads `--lang` from the command line beforehand (`usage_language`) and, for a language
other than English, raises the error again as a `WordedUsageError`, whose message is worded from the
error's type and attributes (the option, the parameter, the possibilities, the value), never from click's
English. Without `--lang` (or with `--lang en`) click's error goes out as it always did, byte for byte.
"""
from __future__ import annotations

import re
from typing import Sequence

import click

from engine.cli.common import REPORT_LANGUAGES
from engine.render.wording import wording
from engine.semantics.reasons import Listed, Reason, because, plain

ARGV_KEY = "ects.argv"  # the command line, kept in the context's meta (shared by every sub-command's context)
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra arguments? \((.*)\)$")


def usage_language(args: Sequence[str]) -> str | None:
    """The language a command line asks for with `--lang LANG` or `--lang=LANG` (the last one given), if it is
    one the reports are written in; None otherwise."""
    lang = None
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    return lang if lang in REPORT_LANGUAGES else None


class WordedUsageError(click.UsageError):
    """A usage error of click, shown in the reader's language: `error: COMMAND: message` and where to read the
    command's help (exit code 2, as click's own)."""

    def __init__(self, original: click.UsageError, lang: str, argv: Sequence[str] = ()):
        super().__init__(original.message, original.ctx)
        self.original, self.lang, self.reason = original, lang, usage_reason(original, argv)

    def show(self, file=None) -> None:
        w = wording(self.lang)
        command = self.ctx.command_path if self.ctx is not None else "ects"
        click.echo(w.t("cli.error", line=f"{command}: {w.reason(self.reason)}"), err=file is None, file=file)
        click.echo(w.t("cli.usage_help", help=f"{command} --help"), err=file is None, file=file)


def worded(e: click.UsageError, lang: str | None, argv: Sequence[str] = ()) -> click.UsageError:
    """`e` worded in `lang`, or `e` itself (English, an error already worded, or click's help asked for by a
    command given without arguments)."""
    if lang in (None, "en") or isinstance(e, (WordedUsageError, click.exceptions.NoArgsIsHelpError)):
        return e
    return WordedUsageError(e, lang, argv)


def usage_reason(e: click.UsageError, argv: Sequence[str] = ()) -> Reason:
    """What is wrong, as a catalogue entry, from the error's type and attributes."""
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)
    if isinstance(e, click.NoSuchOption):
        return because("usage.no_such_option", "no such option '{name}'{hint}", name=e.option_name,
                       hint=_possibilities(e.possibilities))
    if no_such_command is not None and isinstance(e, no_such_command):
        return because("usage.no_such_command", "no such command '{name}'{hint}", name=e.command_name,
                       hint=_possibilities(e.possibilities))
    if isinstance(e, click.MissingParameter) and e.param is not None:
        if isinstance(e.param, click.Argument):
            return because("usage.missing_argument", "missing argument {name}", name=e.param.human_readable_name)
        return because("usage.missing_option", "missing option {name}", name=_option_name(e.param))
    if isinstance(e, click.BadParameter) and e.param is not None:
        return _bad_value(e, argv)
    if isinstance(e, click.BadOptionUsage):  # a value given to a flag (--strict=yes), or none to an option
        if any(arg.startswith(f"{e.option_name}=") for arg in argv):
            return because("usage.takes_no_value", "option {name} takes no value", name=e.option_name)
        return because("usage.needs_value", "option {name} needs a value", name=e.option_name)
    extra = _EXTRA_ARGUMENTS.match(e.message)
    if extra:
        return because("usage.extra_arguments", "arguments not expected: {args}", args=extra.group(1))
    return because("usage.other", "the command cannot be run as written: {why}", why=plain(e.format_message()))


def _possibilities(names: Sequence[str] | None) -> Reason:
    if not names:
        return plain("")
    if len(names) == 1:
        return because("error.did_you_mean", " (did you mean '{name}'?)", name=names[0])
    return because("usage.did_you_mean_one_of", " (did you mean one of {names}?)", names=Listed(sorted(names)))


def _bad_value(e: click.BadParameter, argv: Sequence[str]) -> Reason:
    """A value click's type refused: not among the choices, not a whole number, out of range; another
    refusal with click's words quoted."""
    param = e.param
    name = _option_name(param) if isinstance(param, click.Option) else param.human_readable_name
    value = _value_given(param, argv) if isinstance(param, click.Option) else None
    kind = param.type
    if isinstance(kind, click.Choice):
        choices = Listed(str(c) for c in kind.choices)
        if value is None:
            return because("usage.not_a_choice", "{name}: the value is not one of {choices}", name=name,
                           choices=choices)
        return because("usage.value_not_a_choice", "{name}: '{value}' is not one of {choices}", name=name,
                       value=value, choices=choices)
    if isinstance(kind, click.IntRange) and value is not None and _is_int(value):
        if kind.min is not None and int(value) < kind.min:
            return because("usage.below", "{name}: {value} is less than {low}", name=name, value=value, low=kind.min)
        if kind.max is not None and int(value) > kind.max:
            return because("usage.above", "{name}: {value} is more than {high}", name=name, value=value,
                           high=kind.max)
    if isinstance(kind, click.types.IntParamType) and value is not None and not _is_int(value):
        return because("usage.not_an_integer", "{name}: '{value}' is not a whole number", name=name, value=value)
    return because("usage.bad_value", "{name}: the value cannot be used: {why}", name=name, why=plain(e.message))


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def _option_name(param: click.Parameter) -> str:
    """The name an option is best known by: its longest one (--output rather than -o)."""
    return max(param.opts, key=len) if param.opts else param.human_readable_name


def _value_given(option: click.Option, argv: Sequence[str]) -> str | None:
    """The value given to `option` on the command line (its last one), as written; None when not found."""
    value = None
    argv = list(argv)
    for i, arg in enumerate(argv):
        for name in option.opts:
            if arg == name and i + 1 < len(argv):
                value = argv[i + 1]
            elif name.startswith("--") and arg.startswith(f"{name}="):
                value = arg.partition("=")[2]
            elif not name.startswith("--") and arg.startswith(name) and len(arg) > len(name):
                value = arg[len(name):]
    return value
