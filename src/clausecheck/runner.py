"""Check one file: read it once, judge it, and turn any input problem into a report row, never a crash."""

from __future__ import annotations

import os

from clausecheck.errors import InputError
from clausecheck.findings import DocumentReport
from clausecheck.readers.ocr import OcrSettings, PageProgress
from clausecheck.readers.source_file import SourceFile
from clausecheck.rulebook.model import Rulebook


def check_file(path: str | os.PathLike, rulebooks: Rulebook | list[Rulebook], ocr: OcrSettings | None = None,
               on_page: PageProgress | None = None, source: SourceFile | None = None) -> DocumentReport:
    """Read and check one document against one or more rulebooks; `ocr` and `on_page` go to the reader.

    `source` is the file as the caller already read it (its bytes and their SHA-256): the file is then
    not opened again, and the report's `sha256` is that of those bytes.
    """
    from clausecheck.engine import check_document
    from clausecheck.readers import parse_document, read_source

    rulebooks = [rulebooks] if isinstance(rulebooks, Rulebook) else list(rulebooks)
    shown = str(path)
    try:
        source = source or read_source(path)
        document = parse_document(source, ocr, on_page)
    except InputError as error:
        return DocumentReport(path=shown, error=error.reason, sha256=source.sha256 if source else None)
    except Exception as error:  # a reader bug must not stop a batch; it is reported
        return DocumentReport(path=shown, error=f"could not be read ({error.__class__.__name__}: {error}); "
                                                "please report this file to the clausecheck developers",
                              sha256=source.sha256 if source else None)
    findings = tuple(finding for rulebook in rulebooks for finding in check_document(document, rulebook))
    return DocumentReport(path=shown, pages=document.pages, format=document.format, sha256=source.sha256,
                          findings=findings, warnings=document.warnings, ocr_pages=document.ocr_pages)
