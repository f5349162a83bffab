"""Options shared by several `ects` commands."""
from __future__ import annotations

import click

REPORT_LANGUAGES = ["en", "el", "sr"]

lang_option = click.option("--lang", type=click.Choice(REPORT_LANGUAGES), default="en", show_default=True,
                           help="Language of the report's labels and of rule titles and messages where the "
                                "rule set provides them; quotes of law stay as written.")
