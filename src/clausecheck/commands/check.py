"""`clausecheck check PATH...`: check contracts (files, folders, globs) and report; the exit code is the verdict.

Exit codes: 0 every document passes; 1 a finding at or above --fail-on; 2 a usage, settings or
rulebook error, or a document that could not be read (its row in the report says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

FORMAT_HELP = "text, json, sarif, junit, github, markdown, csv or html"


def check(
    paths: Annotated[list[str], typer.Argument(
        help="Contracts to check: PDF, Word .docx, text or Markdown files, folders (searched recursively) "
             "or glob patterns such as 'contracts/**/*.pdf'.", show_default=False)],
    rules: Annotated[list[Path] | None, typer.Option(
        "--rules", "-r", help="Rulebook YAML file (repeat for several). Default: the settings' rulebooks, "
                           "else the bundled Connecticut rulebook.")] = None,
    format: Annotated[str | None, typer.Option(
        "--format", "-f", help=f"Format on standard output: {FORMAT_HELP}. Default: text, or the format a bare "
                            "--output file's name says.", show_default=False)] = None,
    output: Annotated[list[str] | None, typer.Option(
        "--output", "-o", help="FORMAT=PATH writes that format to PATH (repeat for several; PATH '-' is "
                            "standard output); a bare PATH takes the report instead of standard output, in "
                            "the --format format or else the one its name says (.json .sarif .xml .md .csv "
                            ".txt).")] = None,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="Lowest status that fails the run: review (default), missing, conflict or never.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Files checked in parallel processes. Default: every core.")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", min=0, help="Seconds one file may take before it is stopped and reported (0: no limit). "
                              "Default: 120.")] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help="Settings file (.clausecheck.yaml or pyproject.toml). Default: found by walking up "
                      "from the working directory.")] = None,
    waivers: Annotated[Path | None, typer.Option(
        "--waivers", help="YAML file of accepted deviations (document, provision, reason, approved-by, "
                       "expires).")] = None,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help="Only findings not recorded in this baseline file fail the run.")] = None,
    no_baseline: Annotated[bool, typer.Option(
        "--no-baseline", help="Ignore the settings' baseline: every finding counts.")] = False,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", help="Record every current finding in this baseline file (then they pass).")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Check every file afresh, and keep no results.")] = False,
    ocr: Annotated[str | None, typer.Option(
        "--ocr", help="Read scanned PDF pages with OCR: auto (the pages without a text layer, when OCR is "
                   "installed; default), always (every page, ignoring any text layer) or never.")] = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Show the evidence for present provisions too, and in a batch every contract's "
                                "details, not only the failing ones'.")] = False,
) -> None:
    """Check contracts against the rulebook; exit 0 compliant, 1 findings, 2 errors."""
    import math
    import sys

    from rich.console import Console

    from clausecheck.batch import run_batch
    from clausecheck.commands.report_outputs import emit, parse_output
    from clausecheck.config import load_config
    from clausecheck.errors import UsageError
    from clausecheck.output import OUTPUTS, STANDARD_OUTPUT, Identities, output_target
    from clausecheck.pipeline import RunOptions, batch_request
    from clausecheck.readers.ocr import OCR_MODES
    from clausecheck.report.formats import FORMATS
    from clausecheck.report.text import progress_bar, render_errors, render_notices, summary_table
    from clausecheck.verdict import FAIL_ON

    if format is not None and format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not '{format}'")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not '{fail_on}'")
    if ocr is not None and ocr not in OCR_MODES:
        raise UsageError(f"--ocr must be one of {', '.join(OCR_MODES)}, not '{ocr}'")
    if timeout is not None and not math.isfinite(timeout):
        raise UsageError(f"--timeout must be a number of seconds (0 for no limit), not {timeout}")
    if baseline is not None and no_baseline:
        raise UsageError("give --baseline FILE or --no-baseline, not both")
    targets = [parse_output(value, format or "text", format is not None) for value in output or []]
    if not any("=" not in value for value in output or []):
        targets.insert(0, (format or "text", None))
    if sum(path is None for _, path in targets) > 1:
        raise UsageError("only one report can go to standard output; give the others a file with FORMAT=PATH")
    files = [path for _, path in targets if path is not None] + ([write_baseline] if write_baseline else [])
    for path in files:  # a mistyped folder fails now, not after the contracts are checked
        output_target(path)

    settings = load_config(config)
    request = batch_request(paths, RunOptions(
        rules=rules or (), fail_on=fail_on, jobs=jobs, timeout=timeout, ocr=ocr, no_cache=no_cache, waivers=waivers,
        baseline=baseline, no_baseline=no_baseline, write_baseline=write_baseline, verbose=verbose), settings)
    read = Identities([settings.path, *(rules or settings.rules), request.waivers,
                       None if write_baseline else request.baseline])
    checked_targets: dict = {}

    def check_outputs(contracts: tuple[str, ...]) -> dict:
        """Before any contract is checked: no output may replace an input, nor two outputs one file."""
        read.add(contracts)
        seen: dict[str, str] = {}
        for path in files:
            target = output_target(path, read)
            if target.kind == "file" and target.path in seen:
                raise UsageError(f"{seen[target.path]} and {path} are the same file; give each output its own")
            seen[target.path] = str(path)
            checked_targets[str(path)] = target
            OUTPUTS.plan(str(path))
        if any(path is None for _, path in targets):
            OUTPUTS.plan(STANDARD_OUTPUT)
        return checked_targets

    messages = Console(stderr=True)
    run = run_batch(request, progress=lambda total: progress_bar(total, messages), before_checking=check_outputs)
    for target_format, path in targets:
        emit(target_format, run, None if path is None else checked_targets[str(path)])
    text_on_stdout = any(target_format == "text" and path is None for target_format, path in targets)
    if not text_on_stdout:
        render_notices(run, messages)
        messages.print(summary_table(run))
    if not (text_on_stdout and sys.stdout.isatty()):
        render_errors(run, messages)  # the report has them too, but a redirected report is not seen
    raise typer.Exit(run.exit_code)
