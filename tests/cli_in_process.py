"""The real command line run in the test process: `clausecheck.cli.main`, with its own error handling
(one line and exit 2 for a bad rulebook or usage), its output captured, callable from fixtures of any
scope. Much faster than a subprocess, and an unexpected exception still fails the test."""

from __future__ import annotations

import os
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from unittest import mock

from clausecheck.cli import main
from test_batch import CliResult

WIDE = "4000"  # columns for the terminal output, so that a problem's line is not wrapped


def clausecheck(*arguments: object) -> CliResult:
    """`clausecheck ARGUMENTS...` as a user would type it, in this process."""
    out, err = StringIO(), StringIO()
    with mock.patch.dict(os.environ, {"COLUMNS": WIDE, "NO_COLOR": "1"}), redirect_stdout(out), redirect_stderr(err):
        try:
            main([str(argument) for argument in arguments])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return CliResult(code, out.getvalue(), err.getvalue())
