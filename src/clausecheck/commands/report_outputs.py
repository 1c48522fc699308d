"""Where `clausecheck check` sends its reports: `--output FORMAT=PATH` parsed, and each report written
to standard output or to its checked output target."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from clausecheck.report.formats import FORMAT_BY_SUFFIX, FORMATS, render
from clausecheck.verdict import CheckRun

if TYPE_CHECKING:
    from clausecheck.output import OutputTarget


def emit(format: str, run: CheckRun, target: OutputTarget | None) -> None:
    """Write the report in `format` to a checked output target, or to standard output when None."""
    from clausecheck.output import standard_output_error, write_standard_output

    if format == "text" and target is None and sys.stdout.isatty():
        from rich.console import Console

        from clausecheck.output import OUTPUTS, STANDARD_OUTPUT
        from clausecheck.report.text import print_run

        try:
            print_run(run, Console())
            sys.stdout.flush()
        except OSError as error:
            raise standard_output_error(error) from None
        OUTPUTS.done(STANDARD_OUTPUT)
        return
    text = render(format, run)
    if target is None:
        write_standard_output(text)
    else:
        # A BOM tells spreadsheet programs the CSV is UTF-8 (Excel otherwise garbles accented names).
        target.write(("\ufeff" + text) if format == "csv" else text)


def parse_output(value: str, default_format: str, format_given: bool = True) -> tuple[str, Path | None]:
    """`--output FORMAT=PATH` or `--output PATH`; PATH "-" is standard output. A bare PATH takes the
    --format format when one was given, else the format its name says (FORMAT_BY_SUFFIX), else text."""
    from clausecheck.errors import UsageError

    name, separator, target = value.partition("=")
    if separator and name in FORMATS:
        format, path = name, target
    elif separator and re.fullmatch(r"[a-z]+", name):
        raise UsageError(f"--output {value}: unknown format '{name}'; formats: {', '.join(FORMATS)}")
    else:
        path = value
        named = FORMAT_BY_SUFFIX.get(Path(value).suffix.lower()) if value != "-" else None
        format = default_format if format_given or named is None else named
        if format not in FORMATS:
            raise UsageError(f"--output {value}: unknown format '{format}' (from the file name); formats: "
                             f"{', '.join(FORMATS)}; give one with --format or FORMAT=PATH")
    if not path:
        raise UsageError(f"--output {value}: give a file after '=' (or '-' for standard output)")
    return format, None if path == "-" else Path(path)
