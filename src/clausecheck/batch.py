"""Check many contracts at once: run them in parallel processes with a time limit each.

`discovery.collect_files` turns the command line's files, folders and glob patterns into the list of
documents to check. `check_files` checks them: it reads each file once, and the SHA-256 of those bytes finds
a result already in the cache; the rest go, bytes and all, to worker processes that receive the loaded
rulebooks once and then take one file at a time (a worker never opens the file itself). A worker that takes
longer than the per-file time limit is killed and replaced, and one that dies (a hostile file that
exhausts memory, a crash in a PDF library) is replaced too; either way the file gets an error row and
the other files are checked as usual. While OCR reads a scan, a worker reports each page, and the time
limit applies to each page rather than to the whole scan. `run_batch` is the whole run: collect, check, then apply the
district's severity overrides, the baseline and the waivers.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from clausecheck.discovery import FileSelection, collect_files
from clausecheck.findings import DocumentReport
from clausecheck.readers.ocr import OcrSettings

if TYPE_CHECKING:
    from collections.abc import Mapping
    from contextlib import AbstractContextManager
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext

    from clausecheck.cache import ResultCache
    from clausecheck.output import OutputTarget
    from clausecheck.readers.source_file import SourceFile
    from clausecheck.verdict import CheckRun

    # What multiprocessing.get_context() gives for the start methods _context() chooses from.
    WorkerContext = ForkContext | ForkServerContext | SpawnContext

DEFAULT_TIMEOUT = 120.0


# Checking them ------------------------------------------------------------------------------------

def _worker(connection: Connection, rulebooks: list, ocr: OcrSettings,
            inherited: tuple[int, ...] = ()) -> None:
    """A worker process: it receives the rulebooks once (inherited or unpickled, never re-read from
    disk), then checks the files it is sent, one at a time, until told to stop or its parent is gone,
    sending ("page", (index, done, total)) as OCR reads each page. A file comes as (index, path, SHA-256)
    followed by its bytes, which the parent read: the worker never opens it again.

    `inherited` are the other workers' pipe ends that a forked worker holds copies of: closed at once,
    or no worker would see the end of its own pipe when the main process dies. Ctrl-C, SIGTERM and
    SIGHUP are the main process's business: it stops the workers; the kernel kills a worker whose
    parent dies without doing so.
    """
    from clausecheck.readers.source_file import SourceFile
    from clausecheck.runner import check_file
    from clausecheck.stopping import default_signals

    parent = os.getppid()
    for descriptor in inherited:
        try:
            os.close(descriptor)
        except OSError:
            pass
    default_signals()
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above took effect
        return
    connection.send(("ready", None))
    while True:
        try:
            task = connection.recv()
            if task is None:
                return
            index, path, sha256 = task
            source = SourceFile(path, connection.recv_bytes(), sha256)
        except (EOFError, OSError, KeyboardInterrupt):
            return

        def on_page(done: int, total: int, index: int = index) -> None:
            connection.send(("page", (index, done, total)))

        connection.send((index, check_file(path, rulebooks, ocr, on_page, source)))


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this process when its parent dies (prctl PR_SET_PDEATHSIG)."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Worker:
    """One worker process, the pipe to it, and the file it is checking."""

    def __init__(self, context: WorkerContext, rulebooks: Sequence, ocr: OcrSettings,
                 others: Sequence[_Worker] = ()) -> None:
        self.connection, child = context.Pipe()
        # A forked worker inherits every descriptor of this process: the other workers' pipe ends too.
        # It holds this process's end of its own pipe too, which must go or it never sees EOF itself.
        inherited = (self.connection.fileno(), *(descriptor for other in others if not other.connection.closed
                                                 for descriptor in (other.connection.fileno(),
                                                                    other.process.sentinel))) \
            if context.get_start_method() == "fork" else ()
        self.process = context.Process(target=_worker, args=(child, list(rulebooks), ocr, inherited),
                                       daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.task: tuple[int, str, str] | None = None  # (index, path, SHA-256) of the file it checks
        self.deadline = float("inf")

    def send(self, index: int, source: SourceFile, timeout: float) -> None:
        self.task = (index, source.path, source.sha256)
        self.extend(timeout)
        try:
            self.connection.send(self.task)
            self.connection.send_bytes(source.data)  # apart from the task: sent as they are, not pickled
        except OSError:  # the worker died: reading its pipe finds that out and gives the file its row
            pass

    def extend(self, timeout: float) -> None:
        self.deadline = time.monotonic() + timeout if timeout else float("inf")

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except (OSError, ValueError):
            pass

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


def _context() -> WorkerContext:
    """How to start workers. On Linux, fork while this process runs no other thread: a worker then
    starts in milliseconds with everything already imported. Otherwise forkserver (workers fork from a
    clean server that imported the checker once) or, on Windows, spawn."""
    import multiprocessing
    import sys
    import threading

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["clausecheck.runner", "clausecheck.engine", "clausecheck.readers"])
        return context
    return multiprocessing.get_context("spawn")


# What this process has warmed up already: the readers of these file suffixes, and these rulebooks (by
# object and digest: the warmed tables live on the Rulebook object itself).
_WARMED_SUFFIXES: set[str] = set()
_WARMED_RULEBOOKS: set[tuple[int, str]] = set()


def _warm_up(rulebooks: Sequence, paths: Sequence[str]) -> None:
    """Import the readers and fill the engine's lazily built tables here, once per process, so that
    every forked worker starts with them instead of building them itself."""
    import importlib

    importlib.import_module("clausecheck.readers.text")
    importlib.import_module("clausecheck.runner")  # what each worker runs
    from clausecheck.document import DocumentBuilder
    from clausecheck.engine import check_document
    suffixes = {Path(path).suffix.lower() for path in paths} - _WARMED_SUFFIXES
    if ".pdf" in suffixes:
        # PDFium (and ctypes) loaded once here, not in every worker
        for module in ("pypdfium2", "pypdfium2.raw", "clausecheck.readers.pdf"):
            importlib.import_module(module)
    if ".docx" in suffixes:
        importlib.import_module("clausecheck.readers.docx")
    _WARMED_SUFFIXES.update(suffixes)
    cold = [rulebook for rulebook in rulebooks if (id(rulebook), rulebook.sha256) not in _WARMED_RULEBOOKS]
    if not cold:
        return
    builder = DocumentBuilder()
    builder.add("Warm-up", kind="heading")
    builder.add("The Provider shall protect student data and notify the District within 48 hours.")
    builder.add("This Agreement is governed by the laws of the State of New York.")  # loads the gazetteer
    document = builder.build("warm-up", "text")
    for rulebook in cold:
        check_document(document, rulebook)
        _WARMED_RULEBOOKS.add((id(rulebook), rulebook.sha256))


def timeout_report(path: str, timeout: float, sha256: str | None) -> DocumentReport:
    return DocumentReport(path=path, sha256=sha256, error=(
        f"took longer than {timeout:g} s to check and was stopped; if it is a very long contract, raise "
        "--timeout, otherwise report the file to the clausecheck developers"))


def crash_report(path: str, exitcode: int | None, sha256: str | None) -> DocumentReport:
    how = f"exit code {exitcode}" if exitcode is not None and exitcode >= 0 else \
        f"signal {-exitcode}" if exitcode is not None else "no exit code"
    return DocumentReport(path=path, sha256=sha256, error=(
        f"the checker stopped while reading this file ({how}); the file may be damaged or hostile: "
        "check it by hand and report it to the clausecheck developers"))


def run_in_workers(tasks: Iterable[tuple[int, SourceFile]], rulebooks: Sequence, jobs: int, timeout: float,
                   on_done: Callable[[int, DocumentReport, bool], None], ocr: OcrSettings = OcrSettings(),
                   on_page: Callable[[int, int, int], None] | None = None, warm_up_for: Sequence[str] = ()) -> None:
    """Check the files of `tasks`, (index, file as read) pairs taken one at a time as a worker is free,
    in `jobs` worker processes, calling `on_done(index, report, checked)` as each finishes; `checked` is
    False for a file that was stopped (time limit) or stopped its worker, whose row then carries the
    SHA-256 of the bytes the worker was given. `on_page(index, done, total)` follows OCR through a scan;
    the readers for the files `warm_up_for` are loaded before workers are forked."""
    import gc
    from multiprocessing.connection import wait

    context = _context()
    frozen = False
    if context.get_start_method() == "fork":
        _warm_up(rulebooks, warm_up_for)
        if not gc.get_freeze_count():
            # What the workers inherit (modules, rulebooks, the warmed tables) leaves the collector's
            # view: their collections no longer walk it, nor write to it and so copy its pages.
            gc.freeze()
            frozen = True
    tasks = iter(tasks)
    workers: list[_Worker] = []
    exhausted = False

    def give_next_task(worker: _Worker) -> None:
        nonlocal exhausted
        task = None if exhausted else next(tasks, None)
        if task is None:
            exhausted = True
        else:
            worker.send(*task, timeout)

    def replace_worker(worker: _Worker) -> None:
        worker.kill()
        position = workers.index(worker)
        workers[position] = _Worker(context, rulebooks, ocr, workers[:position] + workers[position + 1:])

    try:
        for _ in range(max(1, jobs)):
            workers.append(_Worker(context, rulebooks, ocr, workers))
        while True:
            for worker in workers:
                if worker.ready and worker.task is None:
                    give_next_task(worker)
            if exhausted and all(worker.task is None for worker in workers):
                break
            waiting = [worker for worker in workers if not worker.ready or worker.task is not None]
            deadline = min((worker.deadline for worker in waiting), default=float("inf"))
            wait_for = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
            ready = set(wait([worker.connection for worker in waiting], wait_for))
            for worker in list(waiting):
                if worker.connection in ready:
                    try:
                        index, report = worker.connection.recv()
                    except (EOFError, OSError):
                        worker.process.join(5)
                        if worker.task is None:  # died before it was ready: the rulebook cannot load there
                            raise RuntimeError(f"a checker process could not start (exit code "
                                               f"{worker.process.exitcode})") from None
                        index, path, sha256 = worker.task
                        on_done(index, crash_report(path, worker.process.exitcode, sha256), False)
                        replace_worker(worker)
                        continue
                    if index == "page":  # OCR read a page: the file makes progress
                        worker.extend(timeout)
                        if on_page:
                            on_page(*report)
                        continue
                    worker.ready = True
                    worker.task, worker.deadline = None, float("inf")
                    give_next_task(worker)  # the next file first, so the worker is busy while the result is handled
                    if index != "ready":
                        on_done(index, report, True)
                elif worker.task is not None and time.monotonic() >= worker.deadline:
                    index, path, sha256 = worker.task
                    on_done(index, timeout_report(path, timeout, sha256), False)
                    replace_worker(worker)
    finally:
        for worker in workers:
            worker.stop()
        ends = time.monotonic() + 1.0
        for worker in workers:  # a second in all for the workers to finish, then they are killed
            worker.process.join(max(0.0, ends - time.monotonic()))
            worker.kill()
        if frozen:
            gc.unfreeze()


def check_files(paths: Sequence[str], rulebooks: Sequence, *, jobs: int,
                timeout: float = DEFAULT_TIMEOUT, cache: ResultCache | None = None,
                on_done: Callable[[DocumentReport], None] | None = None, ocr: OcrSettings = OcrSettings(),
                on_page: Callable[[str, int, int], None] | None = None) -> list[DocumentReport]:
    """Check every file, in order, reusing cached results; a file's problem stays in its own row.

    Each file is read once, here, in its turn: the SHA-256 of its bytes finds a cached result, and a file
    the cache does not answer is checked from those same bytes. With one job and no time limit the files
    are checked in this process; otherwise in workers. Cores the workers leave free (fewer files to
    check than jobs) go to OCR threads; `on_page(path, done, total)` follows OCR through a scan.
    """
    from itertools import chain, islice

    from clausecheck.errors import InputError
    from clausecheck.readers.source_file import read_source

    results: list[DocumentReport | None] = [None] * len(paths)

    def done(index: int, report: DocumentReport, checked: bool = True) -> None:
        report = replace(report, path=paths[index])
        results[index] = report
        if cache is not None and checked:
            cache.put(report)
        if on_done:
            on_done(report)

    def unanswered() -> Iterator[tuple[int, SourceFile]]:
        """The files to check, each read when it is asked for; a file the cache answers, or that
        cannot be read, is done on the way."""
        for index, path in enumerate(paths):
            try:
                source = read_source(path)
            except InputError as error:
                done(index, DocumentReport(path=path, error=error.reason), checked=False)
                continue
            cached = cache.get(source.sha256, path) if cache is not None else None
            if cached is not None:
                done(index, cached, checked=False)
            else:
                yield index, source

    def page_read(index: int, pages_done: int, total: int) -> None:
        if on_page:
            on_page(paths[index], pages_done, total)

    todo = unanswered()
    # Read on until `jobs` files need checking (no more than the workers would hold anyway): if fewer
    # turn up, they are all there are, and the cores they leave free go to OCR threads.
    ahead = deque(islice(todo, max(1, jobs)))
    if ahead:
        ocr = replace(ocr, threads=max(1, jobs // len(ahead)))
        tasks = chain(_emptied(ahead), todo)
        if jobs <= 1 and not timeout:
            from clausecheck.runner import check_file

            for index, source in tasks:
                done(index, check_file(source.path, rulebooks, ocr,
                                       lambda pages_done, total, at=index: page_read(at, pages_done, total), source))
        else:
            unanswered_paths = [path for path, result in zip(paths, results) if result is None]
            run_in_workers(tasks, rulebooks, min(jobs, len(ahead)), timeout, done, ocr, page_read,
                           warm_up_for=unanswered_paths)
    return [result for result in results if result is not None]


def _emptied(queue: deque) -> Iterator:
    """The items of `queue`, each let go of as it is taken (a file's bytes are held no longer than needed)."""
    while queue:
        yield queue.popleft()


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# The whole run ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchRequest:
    """What to check and how, with the command line and the settings file already merged."""

    inputs: tuple[str, ...]
    rulebooks: tuple  # loaded Rulebook objects, handed to the workers as they are
    selection: FileSelection
    fail_on: str = "review"
    jobs: int = 1
    timeout: float = DEFAULT_TIMEOUT
    cache_folder: Path | None = None  # None: no cache
    severity: dict | None = None  # provision id -> severity overrides
    waivers: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    verbose: bool = False
    ocr: OcrSettings = OcrSettings()


@dataclass(frozen=True)
class CheckProgress:
    """What a progress display is told: a document was checked; OCR read a page of a document."""

    document_done: Callable[[DocumentReport], None] = lambda report: None
    page_read: Callable[[str, int, int], None] = lambda path, done, total: None  # path, pages done, total


def with_severity(reports: list[DocumentReport], overrides: dict[str, str]) -> list[DocumentReport]:
    """Apply the district's per-provision severity overrides."""
    if not overrides:
        return reports
    return [replace(report, findings=tuple(replace(finding, severity=overrides.get(finding.provision, finding.severity))
                                           for finding in report.findings)) for report in reports]


def run_batch(request: BatchRequest,
              progress: Callable[[int], AbstractContextManager[CheckProgress]] | None = None,
              before_checking: Callable[[tuple[str, ...]], Mapping[str, OutputTarget]] | None = None) -> CheckRun:
    """Collect, check (cache, workers), apply severity overrides, the baseline and the waivers.

    `progress(total)` may return a context manager yielding a CheckProgress (the progress bar).
    `before_checking(files)` is called with the contracts found, before any is checked: it checks the
    output paths and returns them as output.OutputTargets by path (the baseline to write among them).
    Returns a verdict.CheckRun; problems with the settings raise ClauseCheckError.
    """
    from contextlib import nullcontext

    from clausecheck.errors import UsageError
    from clausecheck.verdict import CheckRun

    waivers = []
    if request.waivers:
        from clausecheck.waivers import load_waivers

        waivers = load_waivers(request.waivers, {provision.id: provision for rulebook in request.rulebooks
                                                 for provision in rulebook.provisions})
    baseline = None
    if request.baseline and not request.write_baseline:
        from clausecheck.baseline import load_baseline

        baseline = load_baseline(request.baseline)

    collected = collect_files(request.inputs, request.selection)
    if not collected.files and not collected.unmatched:
        raise UsageError(f"no contract files found in {', '.join(request.inputs)} (looked for "
                         f"{', '.join(request.selection.include)}; check the paths and the include/exclude settings)")
    targets = before_checking(collected.files) if before_checking else {}
    cache = None
    if request.cache_folder is not None:
        from clausecheck.cache import ResultCache

        cache = ResultCache(request.cache_folder, [rulebook.sha256 for rulebook in request.rulebooks],
                            provisions=tuple(provision for rulebook in request.rulebooks
                                             for provision in rulebook.provisions))
    bar = progress(len(collected.files)) if progress else nullcontext(CheckProgress())
    with bar as shown:
        reports = check_files(collected.files, request.rulebooks, jobs=request.jobs, timeout=request.timeout,
                              cache=cache, on_done=shown.document_done, ocr=request.ocr, on_page=shown.page_read)
    reports = with_severity(reports + list(collected.unmatched), request.severity or {})

    notices = [f"{folder}: the folder holds no contract files ({', '.join(request.selection.include)})"
               for folder in collected.empty_folders]
    if cache is not None and cache.write_failed:
        notices.append(f"the result cache could not be written ({cache.write_failed}); use --no-cache")
    if request.write_baseline:
        from clausecheck.baseline import baseline_from_reports, statutory_problems
        from clausecheck.output import output_target
        from clausecheck.statutory import REFUSAL

        baseline, text = baseline_from_reports(request.write_baseline, reports)
        target = targets.get(str(request.write_baseline)) or output_target(request.write_baseline)
        target.write(text)
        notices.append(f"{request.write_baseline}: baseline written with {len(baseline.keys)} known findings")
        if statutory := statutory_problems(reports):
            notices.append(f"{request.write_baseline}: {statutory} findings that concern the statute are not "
                           f"recorded and still fail: {REFUSAL}; amend those contracts")
    if baseline is not None:
        from clausecheck.baseline import apply_baseline

        reports, gone = apply_baseline(reports, baseline)
        if gone:
            notices.append(f"{baseline.path}: {gone} baseline entries no longer occur (contracts fixed, "
                           "changed or moved); refresh it with --write-baseline")
    if waivers:
        from clausecheck.waivers import apply_waivers

        reports, waiver_notices = apply_waivers(reports, waivers)
        notices += [str(notice) for notice in waiver_notices]
    return CheckRun(reports=tuple(reports), rulebooks=tuple(request.rulebooks), fail_on=request.fail_on,
                    verbose=request.verbose, notices=tuple(notices))
