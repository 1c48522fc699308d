"""Where the text of a Document read from a .docx lies in its XML: document offsets back to w:t elements.

The DOCX reader is run again with an observer (`_LocatingReader`), so the Document and the map come from
one walk: each block remembers the w:p paragraphs it was made of and, for every character of their text,
the element that shows it. The reader then normalises that text (spaces collapsed, list labels added,
invisible marks dropped); `_align` follows those steps character by character, so a finding's offsets
map to exact positions in the XML, or the mapping says plainly that it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clausecheck.document import Document, DocumentBuilder
from clausecheck.readers.docx import BodyReader, walk_docx
from clausecheck.readers.docx_numbering import ListNumbering, W

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from lxml.etree import _Element

    from clausecheck.readers.docx import _ParagraphContent, _Style
    from clausecheck.readers.source_file import SourceFile

# What the reader drops or spells out (readers.lines.clean_text, strip_bullet).
_INVISIBLE = frozenset("\u00ad\u200b\u2060\ufeff")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st", "\u037e": ";"}
_BULLETS = frozenset("\u2022\u25aa\u25cf\u25e6\u2043\u2013\u2014\u00b7\uf0b7\uf0a7-*+")


class MappingError(Exception):
    """A span of the Document that cannot be traced to the XML exactly (the caller falls back)."""


@dataclass(frozen=True)
class Piece:
    """One element's text inside a paragraph: a w:t, or one space for a w:tab or w:br."""

    element: _Element | None  # None for the space the reader puts between text boxes
    text: str


@dataclass(frozen=True)
class SourceParagraph:
    """A w:p whose text went into a block, with the pieces of that text and the list label shown."""

    element: _Element  # the w:p
    pieces: tuple[Piece, ...]
    label: str | None


@dataclass(frozen=True)
class ParagraphSpan:
    """Characters of one paragraph: from offset `start_offset` of piece `start` to `end_offset` of
    piece `end` (exclusive), pieces counted in the paragraph's reading order."""

    paragraph: SourceParagraph
    start: int
    start_offset: int
    end: int
    end_offset: int

    @property
    def text(self) -> str:
        pieces = self.paragraph.pieces
        if self.start == self.end:
            return pieces[self.start].text[self.start_offset:self.end_offset]
        return (pieces[self.start].text[self.start_offset:]
                + "".join(piece.text for piece in pieces[self.start + 1:self.end])
                + pieces[self.end].text[:self.end_offset])


class DocxMap:
    """The Document of a .docx and, for each of its blocks, the paragraphs and characters behind it."""

    def __init__(self, document: Document, sources: list[tuple[SourceParagraph, ...]], word: WordDocument,
                 source: SourceFile) -> None:
        if len(sources) != len(document.blocks):
            raise MappingError(f"{len(document.blocks)} blocks but {len(sources)} traced")
        self.document = document
        self.word = word  # the python-docx Document whose XML the reader walked
        self.source = source  # the file as read: the redline is a copy of these bytes
        self._sources = sources
        self._alignments: dict[int, list[tuple[int, int, int] | None]] = {}

    def paragraphs_of(self, block_index: int) -> tuple[SourceParagraph, ...]:
        return self._sources[block_index]

    def block_index(self, offset: int) -> int:
        block = self.document.block_at(offset)
        if block is None:
            raise MappingError(f"offset {offset} is between blocks")
        return self.document.blocks.index(block)

    def spans(self, start: int, end: int) -> list[ParagraphSpan]:
        """The paragraph spans that show the document text [start, end), in reading order."""
        if not 0 <= start < end <= len(self.document.text):
            raise MappingError(f"[{start}, {end}) is outside the document")
        spans: list[ParagraphSpan] = []
        for index, block in enumerate(self.document.blocks):
            if block.end <= start or block.start >= end:
                continue
            alignment = self._alignment(index)
            local = alignment[max(start, block.start) - block.start:min(end, block.end) - block.start]
            spans += _spans(self._sources[index], [ref for ref in local if ref is not None])
        if not spans:
            raise MappingError(f"[{start}, {end}) shows no paragraph text")
        return spans

    def _alignment(self, index: int) -> list[tuple[int, int, int] | None]:
        if index not in self._alignments:
            self._alignments[index] = _align(self.document.blocks[index].text, self._sources[index])
        return self._alignments[index]


def map_docx(source: SourceFile) -> DocxMap:
    """Read the .docx `source` (raising InputError like the reader) and trace every block to its XML."""
    document, reader, word = walk_docx(source, _LocatingReader)
    return DocxMap(document, reader.sources, word, source)


class _RecordingBuilder(DocumentBuilder):
    """Hands each block that is added the paragraphs read since the previous one."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[SourceParagraph] = []
        self.sources: list[tuple[SourceParagraph, ...]] = []

    def add(self, text: str, **where: object) -> None:
        if text.strip():  # DocumentBuilder.add keeps exactly these
            self.sources.append(tuple(self.pending))
        self.pending.clear()
        super().add(text, **where)


class _LocatingReader(BodyReader):
    """The DOCX reader, noting the element behind every piece of text and the paragraphs of every block."""

    def __init__(self, styles: dict[str, _Style], numbering: ListNumbering) -> None:
        super().__init__(styles, numbering, builder=_RecordingBuilder())
        self._pieces: list[Piece] = []

    @property
    def sources(self) -> list[tuple[SourceParagraph, ...]]:
        return self.builder.sources

    def add_text(self, parts: list[str], element: _Element | None, text: str) -> None:
        self._pieces.append(Piece(element, text))
        super().add_text(parts, element, text)

    def _paragraph_content(self, paragraph: _Element) -> _ParagraphContent:
        self._pieces = []
        content = super()._paragraph_content(paragraph)
        if content.text:
            self.builder.pending.append(SourceParagraph(paragraph, tuple(self._pieces), content.label))
        return content


def _align(text: str, sources: tuple[SourceParagraph, ...]) -> list[tuple[int, int, int] | None]:
    """For each character of a block's `text`, (paragraph, piece, offset) of the character it shows, or
    None for what the reader added (list labels, the line between a cell's paragraphs).

    The block text is the paragraphs' text with labels before them, runs of white space made one
    space, invisible marks dropped, ligatures spelt out and a leading bullet glyph removed: the walk
    below allows exactly those differences and nothing else.
    """
    expected: list[tuple[str, tuple[int, int, int] | None]] = []
    for number, source in enumerate(sources):
        if number:
            expected.append(("\n", None))
        if source.label:
            expected += [(character, None) for character in source.label + " "]
        for piece_number, piece in enumerate(source.pieces):
            expected += [(character, (number, piece_number, offset)) for offset, character in enumerate(piece.text)]
    result: list[tuple[int, int, int] | None] = []
    position = 0
    index = 0
    while index < len(text):
        character = text[index]
        if position >= len(expected):
            raise MappingError(f"the block text runs past its paragraphs at {index}")
        shown, ref = expected[position]
        if shown == character or (shown.isspace() and character.isspace()):
            result.append(ref)
            index += 1
            position += 1
        elif shown in _INVISIBLE or (shown.isspace() and not character.isspace()):
            position += 1
        elif shown in _LIGATURES and text.startswith(_LIGATURES[shown], index):
            result += [ref] * len(_LIGATURES[shown])
            index += len(_LIGATURES[shown])
            position += 1
        elif shown in _BULLETS and not any(result):
            position += 1
        else:
            raise MappingError(f"the block text differs from its paragraphs at {index}: "
                               f"{text[index:index + 20]!r}")
    return result


def _spans(sources: tuple[SourceParagraph, ...], refs: list[tuple[int, int, int]]) -> list[ParagraphSpan]:
    """Group consecutive character references by paragraph: one span from the first to the last."""
    spans = []
    for number, source in enumerate(sources):
        mine = [ref for ref in refs if ref[0] == number]
        if not mine:
            continue
        (_, first_piece, first_offset), (_, last_piece, last_offset) = mine[0], mine[-1]
        spans.append(ParagraphSpan(source, first_piece, first_offset, last_piece, last_offset + 1))
    return spans


def body_child(element: _Element) -> _Element:
    """The child of w:body that holds `element` (a paragraph, or the table or content control around it)."""
    current = element
    while current is not None and current.getparent() is not None and current.getparent().tag != f"{W}body":
        current = current.getparent()
    return current
