"""The Document model every reader produces: blocks of text with page, section path and offsets.

A Document's `text` is the concatenation of its blocks' texts separated by blank lines, so an offset
into `text` identifies one block, and through it the page and the section heading path where a quote
was found.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """One paragraph, list item, heading or table cell of a document."""

    text: str
    start: int
    end: int
    page: int | None = None
    section: tuple[str, ...] = ()
    kind: str = "paragraph"  # paragraph | heading | list_item | table_cell
    # For a text or Markdown file: (offset in `text`, line of the file) where the block starts and where
    # the file's line changes within it (readers.source_lines).
    lines: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Document:
    """A readable document: its text, blocks and where it came from."""

    path: str
    format: str  # pdf | docx | text | markdown
    text: str
    blocks: tuple[Block, ...]
    pages: int | None = None
    warnings: tuple[str, ...] = ()
    # Why part of the document could not be read (pages without a text layer, damaged pages, a truncated
    # file), or "" when all of it was: then a provision not found may still be there.
    unread: str = ""
    ocr_pages: tuple[int, ...] = ()  # pages whose text was read by OCR, not taken from the file
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def block_at(self, offset: int) -> Block | None:
        """Return the block containing the character `offset` of `text`, or None."""
        starts = self._starts or tuple(block.start for block in self.blocks)
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            return None
        block = self.blocks[index]
        return block if offset <= block.end else None


class DocumentBuilder:
    """Accumulates blocks and lays out the document text with consistent offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._blocks: list[Block] = []
        self._length = 0

    def add(self, text: str, *, page: int | None = None, section: tuple[str, ...] = (),
            kind: str = "paragraph") -> None:
        text = text.strip()
        if not text:
            return
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._blocks.append(Block(text, start, self._length, page, section, kind))

    def build(self, path: str, format: str, pages: int | None = None,
              warnings: tuple[str, ...] = (), unread: str = "", ocr_pages: tuple[int, ...] = ()) -> Document:
        blocks = tuple(self._blocks)
        return Document(path=path, format=format, text="".join(self._parts), blocks=blocks,
                        pages=pages, warnings=warnings, unread=unread, ocr_pages=ocr_pages,
                        _starts=tuple(block.start for block in blocks))


def page_list(numbers: list[int] | tuple[int, ...]) -> str:
    """Page numbers as ranges: [1, 3, 4, 5, 9] gives "pages 1, 3-5, 9"."""
    ranges: list[list[int]] = []
    for number in numbers:
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    label = "page " if len(numbers) == 1 else "pages "
    return label + ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)
