"""Running the command line in-process, as the CLI tests do; a folder of example programmes for batches."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from engine.cli.main import main
from engine.render.json_expand import expand_compact


def run(*args) -> tuple[int, str, str]:
    """`ects ARGS...` in this process: (exit code, standard output, standard error)."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


LANGUAGES = ("en", "el", "sr", "sr-Cyrl")  # the languages a report or an error is written in


def lines_in_each_language(*args, code: int = 2, line: int = -1) -> dict[str, str]:
    """`ects ARGS... --lang L` for each language: line `line` of what it printed, once it has exited with
    `code` and printed no traceback."""
    out = {}
    for lang in LANGUAGES:
        r = CliRunner().invoke(main, [str(a) for a in args] + ["--lang", lang])
        assert r.exit_code == code and "Traceback" not in r.output, r.output
        out[lang] = r.output.strip().splitlines()[line]
    return out


def every_finding(report: dict) -> list[dict]:
    """A JSON report's findings, the passes a compact report names per rule in `passed` among them (as
    {"rule", "status", "subject"} and `replaces` for an exception's), what it gives once put back in each
    (engine.render.json_expand)."""
    report = expand_compact(report)
    passes = [{"rule": g["rule"], "status": "pass", "subject": s, **({"replaces": g["replaces"]} if "replaces" in g else {})}
              for g in report.get("passed", ()) for s in g["subjects"]]
    return report["findings"] + passes


PROGRAMMES = Path(__file__).resolve().parent.parent / "examples" / "programmes"
# compliant, non-compliant (failed rules), incomplete (undecided rules), non-compliant with a waiver
BATCH_EXAMPLES = ("compliant_bsc.yaml", "faulty_bsc.yaml", "partial_transcription.yaml", "waived_bsc.yaml")


def batch_folder(folder: Path, broken_name: str) -> Path:
    """`folder` made, holding the four example programmes of a batch and a file that cannot be read
    (`broken_name`: where it falls among them in file order)."""
    folder.mkdir()
    for name in BATCH_EXAMPLES:
        shutil.copy(PROGRAMMES / name, folder / name)
    (folder / broken_name).write_text("id: x\nyears: [\n", encoding="utf-8")
    return folder
