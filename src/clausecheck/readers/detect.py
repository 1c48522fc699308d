"""Tell a document's format from its bytes (magic bytes, ZIP members, decodable text), not its name."""

from __future__ import annotations

import io
import os
import re
import zipfile
from typing import TYPE_CHECKING

from clausecheck.errors import InputError
from clausecheck.readers.encoding import decode_text
from clausecheck.readers.zip_safety import DAMAGED_ZIP_ERRORS

if TYPE_CHECKING:
    from clausecheck.readers.source_file import SourceFile

SNIFF_BYTES = 64 * 1024
PDF_HEADER_WINDOW = 1024  # PDF readers accept the %PDF- header anywhere in the first kilobyte
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office puts a password-protected .docx inside an OLE2 container with this stream.
OLE2_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
MAX_OLE2_SCAN_BYTES = 32 * 1024 * 1024
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

TRY_AGAIN_AS = "save it as .docx or PDF and try again"
SUPPORTED = "supply the contract as PDF, Word .docx or plain text"

# Names that promise a binary document format, and what the content should then have been.
_DOCUMENT_SUFFIXES = {".pdf": "PDF", ".docx": "Word document (ZIP package)",
                      ".docm": "Word document (ZIP package)", ".doc": "Word document",
                      ".odt": "OpenDocument file"}
_BINARY_KINDS = (  # (magic bytes, what the file is)
    (b"\x89PNG\r\n\x1a\n", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF87a", "an image (GIF)"), (b"GIF89a", "an image (GIF)"),
    (b"II*\x00", "an image (TIFF)"), (b"MM\x00*", "an image (TIFF)"),
    (b"BM", "an image (BMP)"),
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"), (b"\x7fELF", "a program (ELF executable)"), (b"MZ", "a Windows program"),
)
_MARKDOWN_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+\S")
_MARKDOWN_SETEXT = re.compile(r"(?m)^(?=[^\n]*\w)[^\n]*+\n(?:=+|-{3,})[ \t]*$")
_MARKDOWN_INLINE = re.compile(  # **strong**, __strong__, [link](url), a code fence
    r"\*\*(?=\S)(?=[^*\n]*?[^\W\d_])[^*\n]*+\*\*|__(?=\S)(?=[^_\n]*?[^\W\d_])[^_\n]*+__"
    r"|\[[^\[\]\n]+\]\([^()\[\]\s]++\)|^```", re.MULTILINE)  # linear: see readers/text.py
_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


def looks_like_markdown(text: str) -> bool:
    """Markdown has ATX or setext headings, **emphasis**, [links](url) or code fences; lists alone are
    not enough, since plain-text terms use "- " bullets too."""
    return bool(_MARKDOWN_HEADING.search(text) or _MARKDOWN_SETEXT.search(text)
                or _MARKDOWN_INLINE.search(text))


def detect_format(path: str | os.PathLike[str]) -> str:
    """Return "pdf", "docx", "text" or "markdown" for the file at `path`, judged by its content.

    Raises InputError for a missing, empty, unreadable or unsupported file, naming what to do.
    """
    from clausecheck.readers.source_file import read_source

    return format_of(read_source(path))


def format_of(source: SourceFile) -> str:
    """Return "pdf", "docx", "text" or "markdown" for a file's bytes; raise InputError for an empty or
    unsupported file, naming what to do."""
    path = source.path
    if not source.data:
        raise InputError(path, "is empty (0 bytes); re-export or re-download the contract and try again")
    head = source.data[:SNIFF_BYTES]
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return "pdf"
    if head.startswith(ZIP_MAGICS):
        return _zip_format(source)
    if head.startswith(OLE2_MAGIC):
        raise InputError(path, _ole2_problem(source.data))
    if head.startswith(b"{\\rtf"):
        raise InputError(path, f"is an RTF document; {TRY_AGAIN_AS}")
    text = decode_text(head, complete=len(head) < SNIFF_BYTES)
    suffix = os.path.splitext(path)[1].lower()
    if text is None:
        raise InputError(path, _binary_problem(head, suffix))
    if suffix in _DOCUMENT_SUFFIXES:
        # Content decides the format, but a ".docx" or ".pdf" holding text is a broken download or
        # export (often an HTML error page); read as text it would show every provision missing.
        raise InputError(path, _misnamed(suffix))
    if _HTML.match(text):
        raise InputError(path, "is an HTML page; save it as PDF or plain text and try again")
    if not text.strip():
        raise InputError(path, "contains only blank space; re-export the contract and try again")
    return "markdown" if looks_like_markdown(text) else "text"


def _binary_problem(head: bytes, suffix: str) -> str:
    for magic, kind in _BINARY_KINDS:
        if head.startswith(magic):
            advice = ("if it is a scanned contract, make it a PDF and run OCR on it (e.g. `ocrmypdf`); "
                      if kind.startswith("an image") else "")
            return f"is {kind}, not a contract document; {advice}{SUPPORTED}"
    if suffix in _DOCUMENT_SUFFIXES:
        return _misnamed(suffix)
    return f"is not a PDF, Word .docx or text file (unrecognised binary content); {SUPPORTED}"


def _misnamed(suffix: str) -> str:
    return (f"is not a valid {suffix} file: it is not a {_DOCUMENT_SUFFIXES[suffix]}; re-download or "
            "re-export it and try again")


def _zip_format(source: SourceFile) -> str:
    path = source.path
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            names = set(archive.namelist())
    except DAMAGED_ZIP_ERRORS as error:
        raise InputError(path, f"is a damaged ZIP or .docx file ({error}); re-save or re-download it "
                               "and try again") from None
    if "word/document.xml" in names or ("[Content_Types].xml" in names
                                        and any(name.startswith("word/") for name in names)):
        return "docx"
    if "mimetype" in names and "content.xml" in names:
        raise InputError(path, f"is an OpenDocument file (.odt); {TRY_AGAIN_AS}")
    if "xl/workbook.xml" in names:
        raise InputError(path, f"is an Excel workbook, not a contract document; {SUPPORTED}")
    if "ppt/presentation.xml" in names:
        raise InputError(path, f"is a PowerPoint presentation, not a contract document; {SUPPORTED}")
    raise InputError(path, "is a ZIP archive, not a Word .docx document; extract it and check the "
                           "files inside one by one")


def _ole2_problem(data: bytes) -> str:
    if data.find(OLE2_ENCRYPTION_STREAM, 0, MAX_OLE2_SCAN_BYTES) >= 0:
        return ("is a password-protected Office document; save a copy without the password as .docx "
                "or PDF and try again")
    return f"is a legacy Word .doc (or another pre-2007 Office file); {TRY_AGAIN_AS}"
