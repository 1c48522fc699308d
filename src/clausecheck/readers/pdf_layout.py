"""Read paragraph structure from where lines sit on a PDF page: wrapped lines, gaps and tables."""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

from clausecheck.readers.hyphenation import Vocabulary, resolve_marked_hyphens
from clausecheck.readers.lines import Line

# A line reaching this share of its column's width wraps onto the next line.
WRAP_SHARE = 0.8
# A vertical step this many times the pitch of the lines around it separates two paragraphs; the
# pitch varies within a page (single- and one-and-a-half-spaced clauses), hence "around it".
PARAGRAPH_GAP = 1.25
# ... or this many times the page's usual pitch, which also catches paragraphs of one line each.
WIDE_PARAGRAPH_GAP = 1.6
# A page with at least this many such gaps spaces its paragraphs.
MIN_SPACING_GAPS = 2
# Lines this close in text order that sit on one baseline side by side are cells of a table row.
TABLE_ROW_WINDOW = 6
# Text this much larger than the body text is a heading candidate; a change of this much in type
# size ends a paragraph.
EMPHASIS_FONT_RATIO = 1.15


@dataclass(frozen=True)
class PageLine:
    """A line of page text and, when the page has usable geometry, where it sits (PDF points)."""

    text: str
    left: float = 0.0
    right: float = 0.0
    first_baseline: float = 0.0  # bottom of the first character
    last_baseline: float = 0.0  # bottom of the last character (lower when PDFium joined a hyphen)
    font_size: float = 0.0


def layout_lines(body: list[PageLine], page: int, width: float | None, body_font_size: float,
                 vocabulary: Vocabulary) -> list[Line]:
    """The page's body lines as Lines that know whether they wrap and what gap comes before them.

    `width` is None when the page's character positions are unusable (rotated page, text that does
    not line up with PDFium's character index); then only line lengths are used.
    """
    if width is None:
        return [Line(resolve_marked_hyphens(line.text, vocabulary), page=page, wraps=wraps)
                for line, wraps in zip(body, _wrapping_by_length(body))]
    in_table = _table_lines(body)
    spacing = _spacing_gaps(body)
    # Where a page spaces its paragraphs, lines with no space between them are one paragraph.
    spaced_paragraphs = sum(spacing) >= MIN_SPACING_GAPS
    wraps = _wrapping(body, width)
    lines = []
    for index, line in enumerate(body):
        size_changes_below = index + 1 < len(body) and _size_changes(line, body[index + 1])
        size_changes_above = index > 0 and _size_changes(body[index - 1], line)
        moves_up = index > 0 and in_table[index] and line.first_baseline > body[index - 1].last_baseline
        lines.append(Line(
            resolve_marked_hyphens(line.text, vocabulary), page=page,
            wraps=in_table[index] or (wraps[index] and not size_changes_below),
            gap_before=spacing[index] or size_changes_above or moves_up,  # a table's next cell is higher
            emphasized=bool(body_font_size) and line.font_size >= EMPHASIS_FONT_RATIO * body_font_size,
            table_cell=in_table[index], spaced_paragraphs=spaced_paragraphs))
    return lines


def _size_changes(above: PageLine, below: PageLine) -> bool:
    sizes = (above.font_size, below.font_size)
    return min(sizes) > 0 and max(sizes) >= EMPHASIS_FONT_RATIO * min(sizes)


def _spacing_gaps(body: list[PageLine]) -> list[bool]:
    """Whether more vertical space than between the lines around it comes before each line."""
    steps = [above.last_baseline - below.first_baseline for above, below in itertools.pairwise(body)]
    limit = 3 * max((line.font_size for line in body), default=12.0)  # beyond: a blank area
    plausible = [step for step in steps if 0 < step < limit]
    page_pitch = statistics.median(plausible) if plausible else 0.0
    gaps = [False]
    for index, step in enumerate(steps):
        neighbours = [s for s in steps[max(index - 1, 0):index] + steps[index + 1:index + 2]
                      if 0 < s < limit]
        local_pitch = min(neighbours, default=page_pitch)
        gaps.append(bool(page_pitch) and (step > PARAGRAPH_GAP * local_pitch
                                          or step > WIDE_PARAGRAPH_GAP * page_pitch))
    return gaps


def _table_lines(body: list[PageLine]) -> list[bool]:
    """Whether each line belongs to a table: it, or lines before and after it, share a baseline with a
    nearby line beside them (the columns of a two-column page meet at different heights)."""
    in_row = [False] * len(body)
    for index, line in enumerate(body):
        for other in range(index + 1, min(index + 1 + TABLE_ROW_WINDOW, len(body))):
            neighbour = body[other]
            side_by_side = line.right < neighbour.left or neighbour.right < line.left
            if side_by_side and abs(line.first_baseline - neighbour.first_baseline) < 1.0:
                in_row[index] = in_row[other] = True
    rows = [index for index, flag in enumerate(in_row) if flag]
    for before, after in itertools.pairwise(rows):
        if after - before <= TABLE_ROW_WINDOW:
            for index in range(before + 1, after):
                in_row[index] = True
    return in_row


def _wrapping(body: list[PageLine], width: float) -> list[bool]:
    """Whether each line reaches the right edge of its column; columns are told apart by whether a
    line starts in the left or right half of the page."""
    result = _wrapping_by_length(body)
    columns: dict[bool, list[int]] = {}
    for index, line in enumerate(body):
        columns.setdefault(line.left >= width / 2, []).append(index)
    for members in columns.values():
        if len(members) < 3:
            continue  # too few lines to know where the column ends
        left = min(body[index].left for index in members)
        rights = sorted(body[index].right for index in members)
        right = rights[int(0.9 * (len(rights) - 1))]
        for index in members:
            result[index] = body[index].right >= left + WRAP_SHARE * (right - left)
    return result


def _wrapping_by_length(body: list[PageLine]) -> list[bool]:
    lengths = sorted(len(line.text) for line in body)
    if not lengths:
        return []
    typical = lengths[int(0.9 * (len(lengths) - 1))]
    return [typical >= 40 and len(line.text) >= WRAP_SHARE * typical for line in body]
