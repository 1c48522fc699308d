"""Read a PDF contract with pypdfium2: page text without running headers, footers or hyphenation breaks."""

from __future__ import annotations

import dataclasses
import os
import re
import statistics

from clausecheck.document import Document, DocumentBuilder
from clausecheck.errors import InputError
from clausecheck.readers.furniture import find_furniture
from clausecheck.readers.hyphenation import Vocabulary
from clausecheck.readers.lines import Line, clean_text
from clausecheck.readers.paragraphs import BlockAssembler
from clausecheck.readers.pdf_layout import PageLine, layout_lines

# A page with fewer letters and digits than this has no usable text layer.
MIN_CHARACTERS_PER_PAGE = 16
RUN_OCR = "run OCR, e.g. `ocrmypdf`,"
REEXPORT = "re-download or re-export it and try again"

_LINE = re.compile(r"[^\r\n]+")
_ENOUGH_TEXT = re.compile(rf"(?:[\W_]*[^\W_]){{{MIN_CHARACTERS_PER_PAGE}}}")
# Underlining typed as a row of dashes under the text, which PDFium merges into the lines.
_RULE_TOKENS = re.compile(r"(?:^|(?<= ))-{3,}(?= |$)")


@dataclasses.dataclass
class _Page:
    number: int
    width: float = 0.0
    lines: list[PageLine] = dataclasses.field(default_factory=list)
    has_geometry: bool = False
    textless: bool = False
    has_images: bool = False
    unreadable: bool = False


def read_pdf(path: str) -> Document:
    """Read the PDF at `path`; raise InputError if it is encrypted, damaged, empty or has no text."""
    pages = _extract_pages(path)
    readable = [page for page in pages if not page.unreadable]
    if not readable:
        raise InputError(path, f"is damaged: none of its pages can be read; {REEXPORT}")
    if all(page.textless for page in readable):
        raise InputError(path, f"has no text layer (scanned?); {RUN_OCR} and try again")

    warnings = _warnings(path, pages)
    vocabulary = Vocabulary("\n".join(line.text for page in pages for line in page.lines))
    body_font_size = statistics.median(
        [line.font_size for page in pages if page.has_geometry for line in page.lines] or [0.0])
    lines: list[Line] = []
    for page, body in zip(pages, _without_furniture(pages)):
        lines.extend(layout_lines(body, page.number, page.width if page.has_geometry else None,
                                  body_font_size, vocabulary))
    builder = DocumentBuilder()
    assembler = BlockAssembler(builder, vocabulary)
    assembler.add_lines(lines)
    assembler.flush()
    return builder.build(path, "pdf", pages=len(pages), warnings=warnings, unread=_unread(path, pages))


def _without_furniture(pages: list[_Page]) -> list[list[PageLine]]:
    """Each page's lines without running headers, footers and page numbers.

    The text order of a PDF need not be top to bottom (a footer may come first), so where positions
    are known the edges of a page are found by position.
    """
    orders = [sorted(range(len(page.lines)), key=lambda index: -page.lines[index].first_baseline)
              if page.has_geometry else list(range(len(page.lines))) for page in pages]
    edges = find_furniture([[page.lines[index].text for index in order]
                            for page, order in zip(pages, orders)])
    bodies = []
    for page, order, (top, bottom) in zip(pages, orders, edges):
        furniture = set(order[:top]) | set(order[len(order) - bottom:])
        bodies.append([line for index, line in enumerate(page.lines) if index not in furniture])
    return bodies


def _extract_pages(path: str) -> list[_Page]:
    import pypdfium2 as pdfium  # lazy: loading the PDFium library takes a while
    import pypdfium2.raw as pdfium_c

    # Opened through the raw API because PDFium's last-error code is only fresh right after a failed
    # load; pypdfium2 would also read it for a document that loaded but has no pages.
    handle = pdfium_c.FPDF_LoadDocument(os.fsencode(os.path.abspath(path)) + b"\x00", None)
    if not handle:
        raise InputError(path, _open_problem(pdfium_c.FPDF_GetLastError()))
    pdf = pdfium.PdfDocument(handle)
    try:
        if len(pdf) == 0:
            raise InputError(path, f"has no pages; {REEXPORT}")
        return [_read_page(pdf, index) for index in range(len(pdf))]
    finally:
        pdf.close()


def _open_problem(code: int) -> str:
    import pypdfium2.raw as pdfium_c

    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "is password-protected; remove the password and try again"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ("is protected by an unsupported security handler (DRM); export an unprotected copy "
                "and try again")
    if code == pdfium_c.FPDF_ERR_FILE:
        return "cannot be opened (missing or in use); check the path and try again"
    return f"is damaged or not a valid PDF (corrupt or truncated); {REEXPORT}"


def _read_page(pdf, index: int) -> _Page:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    result = _Page(number=index + 1)
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        result.unreadable = True
        return result
    try:
        textpage = page.get_textpage()
    except pdfium.PdfiumError:
        page.close()
        result.unreadable = True
        return result
    try:
        text = textpage.get_text_range()
        result.width = page.get_width()
        # Character boxes are addressed by index: usable only when text and index agree.
        result.has_geometry = len(text) == textpage.count_chars() and page.get_rotation() == 0
        lines = (_page_line(textpage, match, result.has_geometry)
                 for match in _LINE.finditer(text) if match.group().strip())
        result.lines = [line for line in lines if line.text]
        result.textless = _ENOUGH_TEXT.search(text) is None
        if result.textless:
            result.has_images = any(True for _ in page.get_objects(
                filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4))
    finally:
        textpage.close()
        page.close()
    return result


def _page_line(textpage, match: re.Match, has_geometry: bool) -> PageLine:
    raw = match.group()
    text = clean_text(raw.replace("\x02", "") if "\x02" in raw else raw)  # \x02: old PDFium soft hyphen
    if "---" in text:
        text = _RULE_TOKENS.sub(" ", text).strip()
    if not has_geometry:
        return PageLine(text)
    import pypdfium2.raw as pdfium_c

    first = match.start() + len(raw) - len(raw.lstrip())
    last = match.start() + len(raw.rstrip()) - 1
    left, first_bottom, _, _ = textpage.get_charbox(first, loose=True)
    _, last_bottom, right, _ = textpage.get_charbox(last, loose=True)
    return PageLine(text, left, right, first_bottom, last_bottom,
                    pdfium_c.FPDFText_GetFontSize(textpage, first))


def _unread(path: str, pages: list[_Page]) -> str:
    """A short account of what could not be read, or "" when every page was."""
    skipped = [page.number for page in pages if page.unreadable or (page.textless and page.has_images)]
    if skipped:
        return f"{_page_list(skipped)} could not be read (no text layer or damaged)"
    return "the file looks truncated" if _looks_truncated(path) else ""


def _warnings(path: str, pages: list[_Page]) -> tuple[str, ...]:
    warnings = []
    scanned = [page.number for page in pages if page.textless and page.has_images]
    if scanned:
        warnings.append(f"{len(scanned)} of {len(pages)} pages ({_page_list(scanned)}) have no text "
                        f"layer (scanned?) and were not read; {RUN_OCR} to include them")
    unreadable = [page.number for page in pages if page.unreadable]
    if unreadable:
        warnings.append(f"{len(unreadable)} of {len(pages)} pages ({_page_list(unreadable)}) are "
                        f"damaged and were not read; {REEXPORT}")
    if _looks_truncated(path):
        warnings.append(f"the file looks truncated (no end-of-file marker), so text may be missing; "
                        f"{REEXPORT}")
    return tuple(warnings)


def _looks_truncated(path: str) -> bool:
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(handle.tell() - 2048, 0))
        return b"%%EOF" not in handle.read()


def _page_list(numbers: list[int]) -> str:
    """The page numbers as ranges: [1, 3, 4, 5, 9] gives "pages 1, 3-5, 9"."""
    ranges: list[list[int]] = []
    for number in numbers:
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    label = "page " if len(numbers) == 1 else "pages "
    return label + ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)
