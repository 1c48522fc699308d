"""Turn a contract file (PDF, Word .docx, text or Markdown) into a Document, or say why it cannot be read.

    from clausecheck.readers import read_document
    document = read_document("vendor-agreement.pdf")

The format is told from the file's content, never its name. Every bad input raises InputError with a
message saying what is wrong and what to do. Parsers are imported only when a file of their kind is
read, so importing this package is cheap. PDF pages without a text layer are read with OCR when it
is installed (see readers.ocr for the settings).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from clausecheck.document import Document
from clausecheck.errors import InputError
from clausecheck.readers.detect import detect_format

if TYPE_CHECKING:
    from clausecheck.readers.ocr import OcrSettings, PageProgress

__all__ = ["detect_format", "read_document"]


def read_document(path: str | os.PathLike[str], ocr: OcrSettings | None = None,
                  on_page: PageProgress | None = None) -> Document:
    """Read the contract at `path` into a Document; raise InputError for any input it cannot use.

    `ocr` says when scanned PDF pages are read with OCR (default: when it is installed), and
    `on_page(done, total)` follows its progress.
    """
    path = os.fspath(path)
    format = detect_format(path)
    if format == "pdf":
        from clausecheck.readers.pdf import read_pdf
        document = read_pdf(path, ocr, on_page)
    elif format == "docx":
        from clausecheck.readers.docx import read_docx
        document = read_docx(path)
    else:
        from clausecheck.readers.text import read_text
        document = read_text(path, format)
    if not document.blocks:
        # An empty Document would read as "every provision missing"; say what happened instead.
        raise InputError(path, "contains no text to check (only images or empty pages?); export the "
                               "contract with its text, or run OCR on it, and try again")
    return document
