"""Read PDF pages with OCR: the settings, the page cache, and recognition spread over threads with progress.

The result cache (clausecheck.cache) keys a document's findings by its content *and* the rulebooks, so
a rulebook change checks the document again; recognised pages are kept apart, keyed by the file's
content, the page and the OCR engine only, so neither a CI re-run nor a rulebook change reads a scan
again. Pages are rendered one at a time (PDFium is not thread-safe) and recognised in `threads`
threads, each with its own Tesseract (tesserocr releases the GIL while it recognises).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clausecheck.readers.ocr_engine import RecognisedPage

if TYPE_CHECKING:
    from PIL.Image import Image
    from pypdfium2 import PdfDocument, PdfPage

OCR_MODES = ("auto", "always", "never")
OCR_CACHE_FORMAT = 1
PageProgress = Callable[[int, int], None]  # (pages done, pages to read)


@dataclass(frozen=True)
class OcrSettings:
    """When to read pages with OCR, where to keep what was read, and how many threads may read.

    mode: "auto" reads the pages without a text layer when OCR is installed; "always" reads every page
    with OCR, ignoring any text layer; "never" reads none. `cache_folder` None keeps nothing.
    """

    mode: str = "auto"
    cache_folder: Path | None = None
    threads: int = 1


class PageCache:
    """Recognised pages of one file, by the file's content and the OCR engine; damaged entries are read
    again and write failures ignored (the cache only saves time)."""

    def __init__(self, folder: Path, document_sha256: str, engine: str) -> None:
        self.folder = folder / f"ocr-v{OCR_CACHE_FORMAT}"
        self.scope = f"{engine}:{document_sha256}"

    def _entry(self, page: int) -> Path:
        key = hashlib.sha256(f"{self.scope}:{page}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, page: int) -> RecognisedPage | None:
        try:
            return RecognisedPage.from_dict(json.loads(self._entry(page).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, page: int, result: RecognisedPage) -> None:
        from clausecheck.errors import ClauseCheckError
        from clausecheck.output import write_atomic

        entry = self._entry(page)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry, json.dumps(result.to_dict(), ensure_ascii=False))
        except (OSError, ClauseCheckError):
            pass


def recognise_pages(pdf: PdfDocument, document_sha256: str, numbers: Sequence[int], settings: OcrSettings,
                    on_page: PageProgress | None = None) -> dict[int, RecognisedPage]:
    """Read the pages `numbers` (1-based) of the open PDF `pdf`, whose file's content has the SHA-256
    `document_sha256`, with OCR, from the cache where it has them.

    `on_page(done, total)` is called in this thread before the first page and after each. The caller
    has checked that the engine is installed (ocr_engine.engine_problem).
    """
    from clausecheck.readers.ocr_engine import engine_identity

    cache = PageCache(settings.cache_folder, document_sha256, engine_identity()) if settings.cache_folder else None
    results: dict[int, RecognisedPage] = {}
    for number in numbers:
        cached = cache.get(number) if cache else None
        if cached is not None:
            results[number] = cached
    todo = [number for number in numbers if number not in results]
    total = len(numbers)
    if on_page:  # the pages to read, and those the cache had
        on_page(len(results), total)

    def finished(number: int, page: RecognisedPage) -> None:
        results[number] = page
        if cache:
            cache.put(number, page)
        if on_page:
            on_page(len(results), total)

    if todo:
        _recognise(pdf, todo, max(1, min(settings.threads, len(todo))), finished)
    return results


def _recognise(pdf: PdfDocument, numbers: list[int], threads: int,
               finished: Callable[[int, RecognisedPage], None]) -> None:
    """Render each page here and recognise it in `threads` threads (one page image per thread and the
    next one in memory); `finished` is called here, in page order."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from clausecheck.readers.ocr_engine import PageRecogniser, render_page

    recognisers = [PageRecogniser() for _ in range(threads)]
    try:
        if threads == 1:
            for number in numbers:
                finished(number, recognisers[0].recognise(*_rendered(pdf, number, render_page)))
            return
        idle = list(recognisers)
        pending: list[tuple[int, Future[RecognisedPage], PageRecogniser]] = []
        with ThreadPoolExecutor(threads, thread_name_prefix="clausecheck-ocr") as executor:
            for number in numbers:
                image, dpi = _rendered(pdf, number, render_page)  # while the threads recognise
                if not idle:
                    done_number, future, recogniser = pending.pop(0)
                    finished(done_number, future.result())
                    idle.append(recogniser)
                recogniser = idle.pop()
                pending.append((number, executor.submit(recogniser.recognise, image, dpi), recogniser))
            for number, future, _ in pending:
                finished(number, future.result())
    finally:
        for recogniser in recognisers:
            recogniser.close()


def _rendered(pdf: PdfDocument, number: int,
              render_page: Callable[[PdfPage], tuple[Image, float]]) -> tuple[Image, float]:
    page = pdf[number - 1]
    try:
        return render_page(page)
    finally:
        page.close()

