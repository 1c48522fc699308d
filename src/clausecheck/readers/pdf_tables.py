"""Ruled tables of a PDF, read with pdfplumber's table finder: one line per row, its cells joined by " | ".

PDFium gives a table's text as lines in reading order, and where cells sit on one baseline it runs them
together ("Category Examples Source Purpose", "Technical data Device type, Automatically Security and"),
so a row's topic and what it says of it are split across lines and rows run into each other. A table
drawn with rules (a DPA's data schedule, a subprocessor list) has its cells outlined on the page, and
pdfplumber finds them from those rules. Only pages that draw a table's rules (`has_table_rules`, read from
PDFium's path objects) are given to it: parsing a page with pdfminer costs tens of milliseconds, too much
for every page of a long contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clausecheck.readers.hyphenation import Vocabulary
from clausecheck.readers.lines import Line, clean_text, is_header_row, table_row
from clausecheck.readers.paragraphs import join_paragraph

if TYPE_CHECKING:
    from pypdfium2 import PdfPage

    from clausecheck.readers.pdf_layout import PageLine

# Slack, in PDF points, for a line's box to count as inside a table's outline.
EDGE = 2.0
# A drawn line at most this thick is a rule. A table has an upright rule between its columns, inside the
# span of the page's text and beside a line of it, and rules across between its rows; a frame around the
# page, a box around a paragraph or a signature line has no such inner rule.
RULE_THICKNESS = 3.0
MIN_RULE_LENGTH = 8.0
MIN_ACROSS_RULES = 2


def has_table_rules(page: PdfPage, lines: list[PageLine]) -> bool:
    """Does the page draw a table's rules around its text? Cheap: it reads the bounds of path objects."""
    import pypdfium2.raw as pdfium_c

    placed = [line for line in lines if line.right > line.left]
    if not placed:
        return False
    text_left = min(line.left for line in placed) + 5
    text_right = max(line.right for line in placed) - 5
    inner = across = 0
    for path in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        left, bottom, right, top = path.get_bounds()
        if right - left <= RULE_THICKNESS and top - bottom >= MIN_RULE_LENGTH:
            middle = (left + right) / 2
            if text_left < middle < text_right and any(
                    bottom - EDGE <= line.first_baseline <= top + EDGE for line in placed):
                inner += 1
        elif top - bottom <= RULE_THICKNESS and right - left >= 2 * MIN_RULE_LENGTH:
            across += 1
        if inner and across >= MIN_ACROSS_RULES:
            return True
    return False


@dataclass
class RuledTable:
    """A table found on one page: its outline in PDFium's coordinates (points from the bottom left) and
    its rows of cell texts."""

    page: int
    left: float
    right: float
    top: float  # the larger y
    bottom: float
    rows: list[list[str]]

    def holds(self, left: float, right: float, baseline: float) -> bool:
        return (self.left - EDGE <= left and right <= self.right + EDGE
                and self.bottom - EDGE <= baseline <= self.top + EDGE)

    def lines(self) -> list[Line]:
        """The table as Lines: one block a row; a first row of column titles is the table's header."""
        return [table_row(cells, number == 0 and len(self.rows) > 1 and is_header_row(cells), self.page)
                for number, cells in enumerate(self.rows) if any(cells)]


def ruled_tables(pdf_data: bytes, page_numbers: list[int], vocabulary: Vocabulary) -> dict[int, list[RuledTable]]:
    """The ruled tables of the given pages (numbered from 1) of the PDF `pdf_data`, top to bottom on each
    page; a row cut by a page break (its first cell empty on the next page) is joined to the row it
    continues."""
    if not page_numbers:
        return {}
    try:
        found = _find_tables(pdf_data, page_numbers, vocabulary)
    except Exception:  # deliberately broad: pdfminer's own errors on a file PDFium read; keep PDFium's lines
        return {}
    _join_rows_cut_by_page_breaks(found)
    return found


def _find_tables(pdf_data: bytes, page_numbers: list[int], vocabulary: Vocabulary) -> dict[int, list[RuledTable]]:
    import io
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on odd files would reach stderr

    found: dict[int, list[RuledTable]] = {}
    with pdfplumber.open(io.BytesIO(pdf_data)) as pdf:
        for number in page_numbers:
            page = pdf.pages[number - 1]
            tables = []
            for table in page.find_tables():
                rows = [[_cell_text(cell, vocabulary) for cell in row] for row in table.extract()]
                rows = [row for row in rows if any(row)]
                if not rows or max(len(row) for row in rows) < 2:
                    continue  # a box drawn around a paragraph is not a table
                x0, top, x1, bottom = table.bbox
                tables.append(RuledTable(number, x0, x1, page.height - top, page.height - bottom, rows))
            if tables:
                found[number] = sorted(tables, key=lambda table: -table.top)
            page.close()
    return found


def _cell_text(cell: str | None, vocabulary: Vocabulary) -> str:
    """A cell's lines as one text, words hyphenated across its line ends made whole."""
    lines = [line for line in (clean_text(raw).strip() for raw in (cell or "").splitlines()) if line]
    return join_paragraph(lines, vocabulary) if lines else ""


def _join_rows_cut_by_page_breaks(tables: dict[int, list[RuledTable]]) -> None:
    for number, on_page in sorted(tables.items()):
        previous = tables.get(number - 1)
        first = on_page[0]
        if not previous or not first.rows or first.rows[0][0]:
            continue
        last_row = previous[-1].rows[-1]
        if len(last_row) != len(first.rows[0]):
            continue
        continued = first.rows.pop(0)
        previous[-1].rows[-1] = [" ".join(part for part in pair if part) for pair in zip(last_row, continued)]
