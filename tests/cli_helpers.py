"""Running the command line in-process, as the CLI tests do."""
from __future__ import annotations

from click.testing import CliRunner

from engine.cli.main import main


def run(*args) -> tuple[int, str, str]:
    """`ects ARGS...` in this process: (exit code, standard output, standard error)."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr
