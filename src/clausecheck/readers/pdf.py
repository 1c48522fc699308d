"""Read a PDF contract with pypdfium2: page text without running headers, footers or hyphenation breaks;
pages without a text layer are read with OCR when it is installed (readers.ocr)."""

from __future__ import annotations

import dataclasses
import re
import statistics
from typing import TYPE_CHECKING

from clausecheck.document import Document, DocumentBuilder, page_list
from clausecheck.errors import InputError
from clausecheck.readers.furniture import find_furniture
from clausecheck.readers.hyphenation import Vocabulary
from clausecheck.readers.lines import Line, clean_text
from clausecheck.readers.ocr import OcrSettings, PageProgress
from clausecheck.readers.ocr_engine import LOW_CONFIDENCE
from clausecheck.readers.paragraphs import BlockAssembler
from clausecheck.readers.pdf_layout import PageLine, layout_lines
from clausecheck.readers.pdf_tables import RuledTable, has_table_rules, ruled_tables

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument, PdfTextPage

    from clausecheck.readers.source_file import SourceFile

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
    ocr: bool = False  # the lines were read by OCR
    confidence: float = 100.0  # OCR's confidence in them
    blank: bool = False  # OCR found no words and next to no ink
    font_size: float = 0.0  # for an OCR page, the one type size of all its lines
    ruled: bool = False  # rules are drawn on it as a table's are

    @property
    def is_scan(self) -> bool:
        return self.textless and self.has_images

    @property
    def skipped(self) -> bool:
        """A scan OCR did not read (not installed, or --ocr never)."""
        return self.is_scan and not self.ocr

    @property
    def illegible(self) -> bool:
        """OCR read the page but found no words on it, though it is not blank."""
        return self.ocr and not self.lines and not self.blank

    @property
    def doubtful(self) -> bool:
        """OCR read words on the page, but with low confidence."""
        return self.ocr and bool(self.lines) and self.confidence < LOW_CONFIDENCE


def read_pdf(source: SourceFile, ocr: OcrSettings | None = None, on_page: PageProgress | None = None) -> Document:
    """Read the PDF `source`; raise InputError if it is encrypted, damaged, empty or has no text.

    Pages without a text layer are read with OCR as `ocr` says (default: when it is installed), with
    `on_page(done, total)` called after each.
    """
    ocr = ocr or OcrSettings()
    path = source.path
    pdf = _open(source)
    try:
        if len(pdf) == 0:
            raise InputError(path, f"has no pages; {REEXPORT}")
        pages = [_read_page(pdf, index) for index in range(len(pdf))]
        readable = [page for page in pages if not page.unreadable]
        if not readable:
            raise InputError(path, f"is damaged: none of its pages can be read; {REEXPORT}")
        ocr_problem = _read_with_ocr(pdf, source, readable, ocr, on_page)
    finally:
        pdf.close()
    if all(page.textless for page in readable):
        raise InputError(path, _no_text(readable, ocr_problem))

    truncated = _looks_truncated(source.data)
    warnings = _warnings(pages, ocr_problem, truncated)
    vocabulary = Vocabulary("\n".join(line.text for page in pages for line in page.lines))
    body_font_size = statistics.median(
        [line.font_size for page in pages if page.has_geometry and not page.ocr for line in page.lines] or [0.0])
    bodies = _without_furniture(pages)
    tables = ruled_tables(source.data, [page.number for page in pages if page.ruled and not page.ocr], vocabulary)
    lines: list[Line] = []
    for page, body in zip(pages, bodies):
        # A scan tells type sizes apart too poorly to find headings by them: its page is all body text.
        for part in _around_tables(body, tables.get(page.number, [])):
            if isinstance(part, RuledTable):
                lines.extend(part.lines())
                continue
            laid_out = layout_lines(part, page.number, page.width if page.has_geometry else None,
                                    page.font_size if page.ocr else body_font_size, vocabulary)
            if laid_out and lines and lines[-1].table_cell:
                laid_out[0] = dataclasses.replace(laid_out[0], gap_before=True)  # a table ends a paragraph
            lines.extend(laid_out)
    builder = DocumentBuilder()
    assembler = BlockAssembler(builder, vocabulary)
    assembler.add_lines(lines)
    assembler.flush()
    return builder.build(path, "pdf", pages=len(pages), warnings=warnings, unread=_unread(pages, truncated),
                         ocr_pages=tuple(page.number for page in pages if page.ocr))


def _around_tables(body: list[PageLine], tables: list[RuledTable]) -> list[list[PageLine] | RuledTable]:
    """The page's lines in runs, with each ruled table in place of the lines inside its outline."""
    parts: list[list[PageLine] | RuledTable] = []
    run: list[PageLine] = []
    for line in body:
        table = next((table for table in tables if table.holds(line.left, line.right, line.first_baseline)), None)
        if table is None:
            run.append(line)
            continue
        if run:
            parts.append(run)
            run = []
        if table not in parts:
            parts.append(table)
    if run:
        parts.append(run)
    return parts


def _read_with_ocr(pdf: PdfDocument, source: SourceFile, pages: list[_Page], ocr: OcrSettings,
                   on_page: PageProgress | None) -> str:
    """Replace the lines of the pages OCR should read with what it reads; return why OCR could not
    run ("" when it ran or was not needed)."""
    if ocr.mode == "never":
        return ""
    wanted = pages if ocr.mode == "always" else [page for page in pages if page.is_scan]
    if not wanted:
        return ""
    from clausecheck.readers.ocr import recognise_pages
    from clausecheck.readers.ocr_engine import engine_problem

    problem = engine_problem()
    if problem and ocr.mode == "always":
        raise InputError(source.path, f"cannot be read with OCR: {problem}")
    if problem:
        return problem
    recognised = recognise_pages(pdf, source.sha256, [page.number for page in wanted], ocr, on_page)
    for page in wanted:
        result = recognised[page.number]
        page.lines, page.width, page.has_geometry = list(result.lines), result.width, True
        page.textless, page.ocr, page.blank = not result.lines, True, result.blank
        page.confidence, page.font_size = result.confidence, result.font_size
    return ""


def _no_text(pages: list[_Page], ocr_problem: str) -> str:
    """Why a PDF without any text cannot be checked, and what to do."""
    if any(page.ocr for page in pages):
        return "has no text layer, and OCR found no text on its pages (blank or illegible scan?); check the scan"
    if not any(page.has_images for page in pages):
        return (f"has neither text nor images on its pages: nothing to read, OCR included (empty or "
                f"damaged?); {REEXPORT}")
    if ocr_problem:
        return f"has no text layer (scanned?) and {ocr_problem}; or {RUN_OCR} and try again"
    return f"has no text layer (scanned?); {RUN_OCR} and try again"


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


def _open(source: SourceFile) -> PdfDocument:
    """The PDF parsed from `source.data`, which PDFium reads from while the document is open: the caller
    keeps `source` until it closes the document."""
    import pypdfium2 as pdfium  # lazy: loading the PDFium library takes a while
    import pypdfium2.raw as pdfium_c

    # Opened through the raw API because PDFium's last-error code is only fresh right after a failed
    # load; pypdfium2 would also read it for a document that loaded but has no pages.
    handle = pdfium_c.FPDF_LoadMemDocument64(source.data, len(source.data), None)
    if not handle:
        raise InputError(source.path, _open_problem(pdfium_c.FPDF_GetLastError()))
    return pdfium.PdfDocument(handle)


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


def _read_page(pdf: PdfDocument, index: int) -> _Page:
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
        result.ruled = result.has_geometry and not result.textless and has_table_rules(page, result.lines)
        if result.textless:
            result.has_images = any(True for _ in page.get_objects(
                filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4))
    finally:
        textpage.close()
        page.close()
    return result


def _page_line(textpage: PdfTextPage, match: re.Match, has_geometry: bool) -> PageLine:
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


def _unread(pages: list[_Page], truncated: bool) -> str:
    """A short account of what could not be read, or read only doubtfully; "" when every page was read."""
    skipped = [page.number for page in pages if page.unreadable or page.skipped]
    illegible = [page.number for page in pages if page.illegible]
    doubtful = [page.number for page in pages if page.doubtful]
    accounts = []
    if skipped:
        accounts.append(f"{page_list(skipped)} could not be read (no text layer or damaged)")
    if illegible:
        accounts.append(f"OCR found no text on {page_list(illegible)}")
    if doubtful:
        accounts.append(f"{page_list(doubtful)} {'was' if len(doubtful) == 1 else 'were'} read by OCR with "
                        "low confidence")
    if not accounts and truncated:
        accounts.append("the file looks truncated")
    return "; ".join(accounts)


def _warnings(pages: list[_Page], ocr_problem: str, truncated: bool) -> tuple[str, ...]:
    warnings = []
    scanned = [page.number for page in pages if page.skipped]
    if scanned:
        advice = f"{ocr_problem}; or {RUN_OCR[:-1]}" if ocr_problem else f"{RUN_OCR} to include them"
        warnings.append(f"{len(scanned)} of {len(pages)} pages ({page_list(scanned)}) have no text "
                        f"layer (scanned?) and were not read; {advice}")
    illegible = [page.number for page in pages if page.illegible]
    if illegible:
        warnings.append(f"OCR found no text on {page_list(illegible)} (illegible scan or a picture?); "
                        "check it by hand")
    doubtful = [page for page in pages if page.doubtful]
    if doubtful:
        scores = ", ".join(f"{page.confidence:.0f}%" for page in doubtful)
        warnings.append(f"{page_list([page.number for page in doubtful])} read by OCR with low confidence "
                        f"({scores}): a clause there may be garbled; check it against the page")
    unreadable = [page.number for page in pages if page.unreadable]
    if unreadable:
        warnings.append(f"{len(unreadable)} of {len(pages)} pages ({page_list(unreadable)}) are "
                        f"damaged and were not read; {REEXPORT}")
    if truncated:
        warnings.append(f"the file looks truncated (no end-of-file marker), so text may be missing; "
                        f"{REEXPORT}")
    return tuple(warnings)


def _looks_truncated(data: bytes) -> bool:
    return data.find(b"%%EOF", max(len(data) - 2048, 0)) < 0
