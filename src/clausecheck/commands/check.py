"""`clausecheck check PATH...`: check contracts against a rulebook and report the verdict."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from clausecheck.verdict import FAIL_ON


def check(
    paths: Annotated[list[Path], typer.Argument(help="Contracts to check: PDF, DOCX, text or Markdown files.",
                                                show_default=False)],
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", "-r", help="Rulebook YAML file (repeat for several). Default: the bundled Connecticut rulebook.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of standard output.")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Lowest status that fails the run: review, missing, conflict or never.")] = "review",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show the evidence for present provisions too.")] = False,
) -> None:
    """Check contracts against the rulebook; exit 0 compliant, 1 findings, 2 errors."""
    from clausecheck.errors import UsageError
    from clausecheck.rulebook import load_rulebook
    from clausecheck.runner import check_file
    from clausecheck.verdict import exit_code

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not '{format}'")
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not '{fail_on}'")
    rulebooks = [load_rulebook(path) for path in rules] if rules else [load_rulebook(None)]
    reports = [check_file(path, rulebooks) for path in paths]
    emit(reports, rulebooks, format, output, fail_on, verbose)
    raise typer.Exit(exit_code(reports, fail_on))


def emit(reports, rulebooks, format: str, output: Optional[Path], fail_on: str, verbose: bool) -> None:  # noqa: ANN001
    from clausecheck.output import write_atomic

    if format == "json":
        from clausecheck.report.json import render as render_json

        text = render_json(reports, rulebooks)
        if output:
            write_atomic(output, text)
        else:
            sys.stdout.write(text)
        return
    from rich.console import Console

    from clausecheck.report.text import render as render_text

    if output:
        console = Console(record=True, width=100, file=open("/dev/null", "w"), force_terminal=False)  # noqa: SIM115
        render_text(reports, console, fail_on, verbose)
        write_atomic(output, console.export_text())
    else:
        render_text(reports, Console(), fail_on, verbose)
