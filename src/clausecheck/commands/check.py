"""`clausecheck check PATH...`: check contracts (files, folders, globs) and report; the exit code is the verdict.

Exit codes: 0 every document passes; 1 a finding at or above --fail-on; 2 a usage, settings or
rulebook error, or a document that could not be read (its row in the report says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

FORMAT_HELP = "text, json, sarif, junit, github, markdown, csv or html"


def check(
    paths: Annotated[list[str], typer.Argument(
        help="Contracts to check: PDF, Word .docx, text or Markdown files, folders (searched recursively) "
             "or glob patterns such as 'contracts/**/*.pdf'.", show_default=False)],
    rules: Annotated[Optional[list[Path]], typer.Option(
        "--rules", "-r", help="Rulebook YAML file (repeat for several). Default: the settings' rulebooks, "
                              "else the bundled Connecticut rulebook.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help=f"Format on standard output: {FORMAT_HELP}.")] = "text",
    output: Annotated[Optional[list[str]], typer.Option(
        "--output", "-o", help="FORMAT=PATH writes that format to PATH (repeat for several; PATH '-' is "
                               "standard output); a bare PATH takes the --format report instead of standard "
                               "output.")] = None,
    fail_on: Annotated[Optional[str], typer.Option(
        "--fail-on", help="Lowest status that fails the run: review (default), missing, conflict or never.")] = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Files checked in parallel processes. Default: every core.")] = None,
    timeout: Annotated[Optional[float], typer.Option(
        "--timeout", min=0, help="Seconds one file may take before it is stopped and reported (0: no limit). "
                                 "Default: 120.")] = None,
    config: Annotated[Optional[Path], typer.Option(
        "--config", help="Settings file (.clausecheck.yaml or pyproject.toml). Default: found by walking up "
                         "from the working directory.")] = None,
    waivers: Annotated[Optional[Path], typer.Option(
        "--waivers", help="YAML file of accepted deviations (document, provision, reason, approved-by, "
                          "expires).")] = None,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", help="Only findings not recorded in this baseline file fail the run.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option(
        "--write-baseline", help="Record every current finding in this baseline file (then they pass).")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Check every file afresh, and keep no results.")] = False,
    ocr: Annotated[Optional[str], typer.Option(
        "--ocr", help="Read scanned PDF pages with OCR: auto (the pages without a text layer, when OCR is "
                      "installed; default), always (every page, ignoring any text layer) or never.")] = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Show the evidence for present provisions too.")] = False,
) -> None:
    """Check contracts against the rulebook; exit 0 compliant, 1 findings, 2 errors."""
    from rich.console import Console

    from clausecheck.batch import DEFAULT_TIMEOUT, BatchRequest, FileSelection, default_jobs, run_batch
    from clausecheck.cache import cache_folder
    from clausecheck.config import check_severity_overrides, load_config
    from clausecheck.errors import UsageError
    from clausecheck.readers.ocr import OCR_MODES, OcrSettings
    from clausecheck.readers.ocr_engine import engine_problem
    from clausecheck.report.formats import FORMATS, emit, parse_output
    from clausecheck.report.text import progress_bar, render_notices, summary_table
    from clausecheck.rulebook import load_rulebook
    from clausecheck.verdict import FAIL_ON

    if format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not '{format}'")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not '{fail_on}'")
    if ocr is not None and ocr not in OCR_MODES:
        raise UsageError(f"--ocr must be one of {', '.join(OCR_MODES)}, not '{ocr}'")
    targets = [parse_output(value, format) for value in output or []]
    if not any("=" not in value for value in output or []):
        targets.insert(0, (format, None))
    if sum(path is None for _, path in targets) > 1:
        raise UsageError("only one report can go to standard output; give the others a file with FORMAT=PATH")

    settings = load_config(config)
    ocr_mode = ocr or settings.ocr or "auto"
    if ocr_mode == "always" and (problem := engine_problem()):
        raise UsageError(f"OCR is set to always, but {problem}")
    cache = None if no_cache or not settings.cache else cache_folder()
    rulebook_paths = rules or list(settings.rules) or [None]
    rulebooks = [load_rulebook(path) for path in rulebook_paths]
    check_severity_overrides(settings, {provision.id for rulebook in rulebooks for provision in rulebook.provisions})
    request = BatchRequest(
        inputs=tuple(paths), rulebooks=tuple(rulebooks),
        selection=FileSelection(settings.include, settings.exclude, settings.root),
        fail_on=fail_on or settings.fail_on or "review",
        jobs=jobs or settings.jobs or default_jobs(),
        timeout=next(value for value in (timeout, settings.timeout, DEFAULT_TIMEOUT) if value is not None),
        cache_folder=cache, ocr=OcrSettings(ocr_mode, cache),
        severity=settings.severity, waivers=waivers or settings.waivers,
        baseline=baseline or settings.baseline, write_baseline=write_baseline, verbose=verbose)

    messages = Console(stderr=True)
    run = run_batch(request, progress=lambda total: progress_bar(total, messages))
    for target_format, path in targets:
        emit(target_format, run, path)
    if not any(target_format == "text" and path is None for target_format, path in targets):
        render_notices(run, messages)
        messages.print(summary_table(run))
    raise typer.Exit(run.exit_code)
