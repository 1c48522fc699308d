"""Turn a contract file (PDF, Word .docx, text or Markdown) into a Document, or say why it cannot be read.

    from clausecheck.readers import read_document
    document = read_document("vendor-agreement.pdf")

A file is read once (readers.source_file: its bytes and their SHA-256); `parse_document` then works from
those bytes only, so a caller that needs the hash too (the batch, for the result cache and the report)
reads with `read_source` and parses what it read. The format is told from the content, never the
file's name. Every bad input raises InputError with a message saying what is wrong and what to do.
Parsers are imported only when a file of their kind is read, so importing this package is cheap. PDF
pages without a text layer are read with OCR when it is installed (see readers.ocr for the settings).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from clausecheck.document import Document
from clausecheck.errors import InputError
from clausecheck.readers.detect import detect_format, format_of
from clausecheck.readers.source_file import SourceFile, read_source

if TYPE_CHECKING:
    from clausecheck.readers.ocr import OcrSettings, PageProgress

__all__ = ["SourceFile", "detect_format", "parse_document", "read_document", "read_source"]


def read_document(path: str | os.PathLike[str], ocr: OcrSettings | None = None,
                  on_page: PageProgress | None = None) -> Document:
    """Read the contract at `path` into a Document; raise InputError for any input it cannot use.

    `ocr` says when scanned PDF pages are read with OCR (default: when it is installed), and
    `on_page(done, total)` follows its progress.
    """
    return parse_document(read_source(path), ocr, on_page)


def parse_document(source: SourceFile, ocr: OcrSettings | None = None,
                   on_page: PageProgress | None = None) -> Document:
    """The Document in the bytes of `source`, as read_document would read it from the file."""
    format = format_of(source)
    if format == "pdf":
        from clausecheck.readers.pdf import read_pdf
        document = read_pdf(source, ocr, on_page)
    elif format == "docx":
        from clausecheck.readers.docx import read_docx
        document = read_docx(source)
    else:
        from clausecheck.readers.text import read_text
        document = read_text(source, format)
    if not document.blocks:
        # An empty Document would read as "every provision missing"; say what happened instead.
        raise InputError(source.path, "contains no text to check (only images or empty pages?); export the "
                                      "contract with its text, or run OCR on it, and try again")
    return document
