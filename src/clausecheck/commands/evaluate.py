"""`clausecheck eval FOLDER --labels FILE`: measure a rulebook's accuracy on labelled documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer


def evaluate_command(
    folder: Annotated[Path, typer.Argument(help="Folder of labelled documents (PDF, DOCX, text).")],
    labels: Annotated[Path, typer.Option("--labels", "-l", help="Labels JSON: {document: {provision: {\"label\": ...}}}.")],
    rules: Annotated[Optional[Path], typer.Option("--rules", "-r", help="Rulebook to evaluate (default: the bundled one).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List every disagreement with the labels.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Parallel processes (0: all cores).")] = 0,
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
    predictions, unreadable = _predict(files, rulebook.path, jobs)
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


def _predict_one(arguments: tuple[str, str]) -> tuple[str, dict[str, str] | None, str | None]:
    path, rules_path = arguments
    from clausecheck.runner import check_file

    report = check_file(path, load_rulebook_cached(rules_path))
    if report.error:
        return Path(path).name, None, report.error
    return Path(path).name, {finding.provision: finding.status for finding in report.findings}, None


_RULEBOOKS: dict = {}


def load_rulebook_cached(path: str):  # noqa: ANN201 - one load per worker process
    from clausecheck.rulebook import load_rulebook

    if path not in _RULEBOOKS:
        _RULEBOOKS[path] = load_rulebook(path)
    return _RULEBOOKS[path]


def _predict(files: list[Path], rules_path: str, jobs: int) -> tuple[dict, dict]:
    import os

    workers = jobs or os.cpu_count() or 1
    tasks = [(str(path), rules_path) for path in files]
    if workers == 1 or len(tasks) < 4:
        results = [_predict_one(task) for task in tasks]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_predict_one, tasks))
    predictions = {name: statuses for name, statuses, error in results if statuses is not None}
    unreadable = {name: error for name, _, error in results if error}
    return predictions, unreadable


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate_command)
