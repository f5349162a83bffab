"""The batch progress bar on a terminal that reports no size (0 columns and rows, as under `script` with
no size set): it is BAR_COLUMNS (80, a project choice) wide instead of hidden; on a terminal that reports
its size it follows it. No real terminal: standard error is a text buffer that says it is one."""
from __future__ import annotations

import io
import os

import pytest

from engine.cli import batchrun


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 2


@pytest.fixture
def screen(monkeypatch):
    """Standard error as a terminal whose reported size the test sets (tqdm measures it the same way)."""
    def size(columns: int, rows: int) -> _Terminal:
        err = _Terminal()  # set in the test itself: pytest's capture sets standard error again after fixtures
        monkeypatch.setattr(batchrun.sys, "stderr", err)
        monkeypatch.setattr(os, "get_terminal_size", lambda fd=None: os.terminal_size((columns, rows)))
        return err
    return size


def _shown(bar, err: _Terminal) -> str:
    """What the bar shows once started, its carriage returns removed."""
    steps = iter(bar)  # kept: a generator dropped at once would close the bar
    next(steps)
    bar.refresh()
    shown = err.getvalue().replace("\r", "")
    bar.close()
    return shown


def test_a_terminal_of_no_size_gets_a_bar_80_columns_wide(screen):
    err = screen(0, 0)
    bar = batchrun._progress(range(3), 3, quiet=False)
    shown = _shown(bar, err)
    assert "| 0/3 [" in shown and len(shown) == 80
    assert (bar.ncols, bar.nrows) == (batchrun.BAR_COLUMNS, batchrun.BAR_ROWS) == (80, 20)


def test_a_terminal_that_reports_its_size_gets_a_bar_that_follows_it(screen):
    err = screen(61, 24)
    bar = batchrun._progress(range(3), 3, quiet=False)
    assert bar.dynamic_ncols
    shown = _shown(bar, err)
    assert "| 0/3 [" in shown and len(shown) == 60  # tqdm leaves the last column free


def test_the_size_a_terminal_reports(screen):
    assert batchrun._terminal_size(screen(0, 0)) is None
    assert batchrun._terminal_size(screen(100, 0)) is None
    assert batchrun._terminal_size(screen(100, 30)) == (100, 30)
    assert batchrun._terminal_size(object()) is None  # no file descriptor at all
