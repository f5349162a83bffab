"""The batch progress bar on a terminal that reports no size (0 columns and rows, as under `script` with
no size set): it is BAR_COLUMNS (80, a project choice) wide instead of hidden; on a terminal that reports
its size it follows it. No real terminal: standard error is a text buffer that says it is one. On a
pseudo-terminal that is both standard output and standard error, no line of the bar stays among the reports."""
from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import fcntl
    import pty
    import termios
except ImportError:  # not a POSIX system: the tests on a pseudo-terminal are skipped
    pty = None

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
    bar.refresh()
    shown = err.getvalue().replace("\r", "")
    bar.close()
    return shown


def test_a_terminal_of_no_size_gets_a_bar_80_columns_wide(screen):
    err = screen(0, 0)
    bar = batchrun._progress(3, quiet=False)
    shown = _shown(bar, err)
    assert "| 0/3 [" in shown and len(shown) == 80
    assert (bar.ncols, bar.nrows) == (batchrun.BAR_COLUMNS, batchrun.BAR_ROWS) == (80, 20)


def test_a_terminal_that_reports_its_size_gets_a_bar_that_follows_it(screen):
    err = screen(61, 24)
    bar = batchrun._progress(3, quiet=False)
    assert bar.dynamic_ncols
    shown = _shown(bar, err)
    assert "| 0/3 [" in shown and len(shown) == 60  # tqdm leaves the last column free


def test_the_size_a_terminal_reports(screen):
    assert batchrun._terminal_size(screen(0, 0)) is None
    assert batchrun._terminal_size(screen(100, 0)) is None
    assert batchrun._terminal_size(screen(100, 30)) == (100, 30)
    assert batchrun._terminal_size(object()) is None  # no file descriptor at all


# ---- the bar and the reports on one terminal ----------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
PROGRAMMES = ROOT / "examples" / "programmes"


def _scrolled(stream: str) -> list[str]:
    """The lines a terminal keeps of what was written to it: a carriage return goes back to the start of the
    line, what follows writes over it; a line feed ends the line (control sequences are left out)."""
    lines, line, column = [], [], 0
    for ch in re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", stream):
        if ch == "\r":
            column = 0
        elif ch == "\n":
            lines.append("".join(line).rstrip())
            line, column = [], 0
        else:
            line[column:column + 1] = [ch]
            column += 1
    return lines + ["".join(line).rstrip()]


def _on_a_terminal(args: list, columns: int = 100, rows: int = 30) -> str:
    """What `ects ARGS` writes to a pseudo-terminal that is both its standard output and standard error."""
    main_fd, side_fd = pty.openpty()
    fcntl.ioctl(side_fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    done = subprocess.Popen([sys.executable, "-m", "engine.cli.main", *map(str, args)], stdin=subprocess.DEVNULL,
                            stdout=side_fd, stderr=side_fd, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    os.close(side_fd)
    got = bytearray()
    while True:
        try:
            chunk = os.read(main_fd, 1 << 16)
        except OSError:  # the other side closed (Linux says EIO)
            break
        if not chunk:
            break
        got += chunk
    done.wait(timeout=300)
    os.close(main_fd)
    return got.decode("utf-8", errors="replace")


@pytest.mark.skipif(pty is None, reason="no pseudo-terminals on this system")
def test_no_bar_line_stays_among_the_reports_on_the_same_terminal(tmp_path):
    folder = tmp_path / "progs"
    folder.mkdir()
    for i in range(40):
        shutil.copy(PROGRAMMES / "compliant_bsc.yaml", folder / f"p{i:02d}.yaml")
    stream = _on_a_terminal(["check", folder, "--rules", "ects_guide_2015", "--as-of", "2024-01-01", "-j", "1"])
    assert "/40 [" in stream  # the bar was shown (drawn again below the first report, if not before)
    lines = _scrolled(stream)
    assert not [line for line in lines if "/40 [" in line or "file/s" in line or "%|" in line]
    assert sum(line.startswith("Programme uni-cs-bsc") for line in lines) == 40
    assert "Batch summary: 40 files given · 40 audited · 0 not readable" in lines

