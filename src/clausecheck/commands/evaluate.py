"""`clausecheck eval FOLDER --labels FILE`: measure a rulebook's accuracy on labelled documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from clausecheck.findings import Finding
    from clausecheck.rulebook.model import Rulebook


def evaluate_command(
    folder: Annotated[Path, typer.Argument(help="Folder of labelled documents (PDF, DOCX, text).")],
    labels: Annotated[Path, typer.Option("--labels", "-l",
                                         help="Labels JSON: {document: {provision: {\"label\": ...}}}.")],
    rules: Annotated[Path | None, typer.Option("--rules", "-r",
                                               help="Rulebook to evaluate (default: the bundled one).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    show_errors: Annotated[bool, typer.Option("--show-errors",
                                              help="List every disagreement with the labels.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Parallel processes (0: every core).")] = 0,
) -> None:
    """Compare the checker's verdicts on a folder of documents with reviewers' labels."""
    import json

    from clausecheck.errors import UsageError
    from clausecheck.evaluation import evaluate
    from clausecheck.rulebook import load_rulebook

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not '{format}'")
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of documents")
    try:
        gold = json.loads(labels.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"{labels}: cannot read the labels ({error})") from None
    rulebook = load_rulebook(rules)
    files = sorted(path for path in folder.iterdir() if path.is_file() and not path.name.startswith("."))
    predictions, unreadable = _predict(files, rulebook, jobs)
    try:
        result = evaluate(predictions, gold, [provision.id for provision in rulebook.provisions], unreadable)
    except ValueError as error:
        raise UsageError(f"{labels}: {error}") from None
    if format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
    else:
        from clausecheck.report.evaluation import render

        render(result, show_errors)
    raise typer.Exit(2 if unreadable else 0)


def _predict(files: list[Path], rulebook: Rulebook,
             jobs: int) -> tuple[dict[str, dict[str, Finding]], dict[str, str]]:
    """Check every file with the batch runner (parallel, per-file time limit): the findings by file name and
    provision, and why each unreadable file could not be read."""
    from clausecheck.batch import DEFAULT_TIMEOUT, check_files, default_jobs

    reports = check_files([str(path) for path in files], [rulebook], jobs=jobs or default_jobs(),
                          timeout=DEFAULT_TIMEOUT)
    predictions = {Path(report.path).name: {finding.provision: finding for finding in report.findings}
                   for report in reports if not report.error}
    unreadable = {Path(report.path).name: report.error for report in reports if report.error}
    return predictions, unreadable


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate_command)
