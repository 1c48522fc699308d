"""The one path from a command's options and the settings to a batch request: every command that needs
findings (check, letter, redline) builds its request here and runs it with `batch.run_batch`, so the same
settings, rulebooks, cache, severity overrides and waivers apply to all of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clausecheck.batch import BatchRequest
    from clausecheck.config import Config
    from clausecheck.rulebook.model import Rulebook


@dataclass(frozen=True)
class RunOptions:
    """What a command line says about a run; None leaves the choice to the settings, then the default."""

    rules: Sequence[Path] = ()
    fail_on: str | None = None
    jobs: int | None = None
    timeout: float | None = None
    ocr: str | None = None
    no_cache: bool = False
    waivers: Path | None = None
    baseline: Path | None = None
    no_baseline: bool = False
    write_baseline: Path | None = None
    verbose: bool = False


def load_rulebooks(rules: Sequence[Path], settings: Config) -> list[Rulebook]:
    """The rulebooks named on the command line, else the settings', else the bundled one; a severity
    override in the settings that names no provision, or lowers a statutory one, is refused."""
    from clausecheck.config import check_severity_overrides
    from clausecheck.rulebook import load_rulebook

    paths: list[Path | None] = list(rules or settings.rules) or [None]
    rulebooks = [load_rulebook(path) for path in paths]
    check_severity_overrides(settings, {provision.id: provision for rulebook in rulebooks
                                        for provision in rulebook.provisions})
    return rulebooks


def batch_request(paths: Sequence[str], options: RunOptions, settings: Config) -> BatchRequest:
    """The command line laid over the settings."""
    from clausecheck.batch import DEFAULT_TIMEOUT, BatchRequest, default_jobs
    from clausecheck.cache import cache_folder
    from clausecheck.discovery import FileSelection
    from clausecheck.errors import UsageError
    from clausecheck.readers.ocr import OcrSettings
    from clausecheck.readers.ocr_engine import engine_problem

    ocr_mode = options.ocr or settings.ocr or "auto"
    if ocr_mode == "always" and (problem := engine_problem()):
        raise UsageError(f"OCR is set to always, but {problem}")
    cache = None if options.no_cache or not settings.cache else cache_folder()
    return BatchRequest(
        inputs=tuple(paths), rulebooks=tuple(load_rulebooks(options.rules, settings)),
        selection=FileSelection(settings.include, settings.exclude, settings.root),
        fail_on=options.fail_on or settings.fail_on or "review",
        jobs=options.jobs or settings.jobs or default_jobs(),
        timeout=next(value for value in (options.timeout, settings.timeout, DEFAULT_TIMEOUT) if value is not None),
        cache_folder=cache, ocr=OcrSettings(ocr_mode, cache),
        severity=settings.severity, waivers=options.waivers or settings.waivers,
        baseline=None if options.no_baseline else options.baseline or settings.baseline,
        write_baseline=options.write_baseline, verbose=options.verbose)
