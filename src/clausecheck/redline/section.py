"""Where a contract's new section of amendments goes, and how the contract numbers it.

The section goes after the last numbered section of the body: before the exhibits or the signature block
that follow it ("IN WITNESS WHEREOF", "Signatures", a "By:" line), or at the end when there are none.
Its heading and items copy the paragraph formatting of the last numbered heading and of an item under
it. A list number Word draws (w:numPr) is kept by copying the formatting; a number typed into the text
("14." then "14.9") is continued in the text ("15.", "15.1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clausecheck.document import Block
from clausecheck.readers.docx_numbering import W, format_number
from clausecheck.redline.docx_map import DocxMap, SourceParagraph, body_child

if TYPE_CHECKING:
    from lxml.etree import _Element

_NUMBERED = re.compile(r"^(?P<prefix>(?:article|section)\s+)?(?P<number>\d{1,3}|[IVXLC]{1,7})(?P<suffix>[.:)]?)"
                       r"(?:\s+|\s*[-\u2013\u2014]\s*)(?P<title>\S.*)$", re.IGNORECASE)
_ITEM = re.compile(r"^(?P<section>\d{1,3})\.(?P<item>\d{1,3})\.?\s")
_SIGNATURE = re.compile(r"^\s*(?:in\s+witness\s+whereof|signatures?\b|signature\s+page|execution\s+page|"
                        r"agreed\s+and\s+accepted|accepted\s+and\s+agreed|by\s*:|signed\s*:|authori[sz]ed\s+"
                        r"signature)", re.IGNORECASE)
_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50), ("XL", 40),
          ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


@dataclass(frozen=True)
class SectionLayout:
    """How to write the new section into this contract."""

    before: _Element | None  # the w:body child to insert before; None: at the end of the body
    heading_properties: _Element | None  # a w:pPr to copy, or None
    heading_run: _Element | None  # a w:rPr to copy, or None
    heading_text: str  # as typed: "15. Connecticut ..." or, when Word numbers it, the title alone
    label: str | None  # the section's number as a reader would cite it: "15"
    item_properties: _Element | None
    item_run: _Element | None
    item_numbers_typed: bool  # items carry "15.1" in their text; else Word numbers them

    def item_text(self, number: int, text: str) -> str:
        if not self.item_numbers_typed:
            return text
        return f"{self.label}.{number} {text}" if self.label else f"({format_number(number, 'lowerLetter')}) {text}"


def section_layout(mapped: DocxMap, title: str) -> SectionLayout:
    """The place and formatting of a new section called `title` in the mapped contract."""
    blocks = mapped.document.blocks
    headings = _numbered_headings(blocks)
    last = headings[-1] if headings else None
    start = last + 1 if last is not None else 0
    end = _section_end(blocks, start, len(blocks[last].section) if last is not None else None)
    before = body_child(mapped.paragraphs_of(end)[0].element) if end < len(blocks) else None
    if last is None:
        heading = next((index for index in range(end - 1, -1, -1) if blocks[index].kind == "heading"), None)
        source = mapped.paragraphs_of(heading)[0] if heading is not None else None
        return SectionLayout(before, _properties(source), _run_properties(source, first=True), title, None,
                             None, None, True)
    source = mapped.paragraphs_of(last)[0]
    match = _NUMBERED.match(blocks[last].text)
    number = _next_number(match.group("number"))
    shown_title = title.upper() if match.group("title").isupper() else title
    typed = source.label is None
    heading_text = f"{match.group('prefix') or ''}{number}{match.group('suffix')} {shown_title}" if typed \
        else shown_title
    label = number
    item = _last_item(mapped, start, end)
    if item is None:
        return SectionLayout(before, _properties(source), _run_properties(source, first=True), heading_text, label,
                             None, None, True)
    item_source = mapped.paragraphs_of(item)[0]
    words_numbered = item_source.label is not None and _list_of(item_source) is not None \
        and _list_of(item_source) == _list_of(source)
    item_properties = _properties(item_source)
    if not words_numbered and item_properties is not None:
        for numbering in item_properties.findall(f"{W}numPr"):
            item_properties.remove(numbering)
    return SectionLayout(before, _properties(source), _run_properties(source, first=True), heading_text, label,
                         item_properties, _run_properties(item_source, first=False), not words_numbered)


def _numbered_headings(blocks: tuple[Block, ...]) -> list[int]:
    """The indexes of the body's numbered top-level headings ("1. Definitions" ... "14. General Terms")."""
    numbered = [index for index, block in enumerate(blocks) if block.kind == "heading" and _NUMBERED.match(block.text)]
    if not numbered:
        return []
    depth = min(len(blocks[index].section) for index in numbered)
    return [index for index in numbered if len(blocks[index].section) == depth]


def _section_end(blocks: tuple[Block, ...], start: int, depth: int | None) -> int:
    """The first block after `start` that ends the last section: a heading as high as its own (an exhibit,
    "Signatures") or the start of the signature block; len(blocks) when neither comes."""
    for index in range(start, len(blocks)):
        block = blocks[index]
        if depth is not None and block.kind == "heading" and len(block.section) <= depth:
            return index
        if _SIGNATURE.match(block.text) and (depth is not None or index > len(blocks) // 2):
            return index
    return len(blocks)


def _last_item(mapped: DocxMap, start: int, end: int) -> int | None:
    """The last numbered item ("14.9 ...") of the section, or of the whole body when that section has none."""
    blocks = mapped.document.blocks
    for lower in (start, 0):
        for index in range(end - 1, lower - 1, -1):
            if blocks[index].kind != "heading" and _ITEM.match(blocks[index].text):
                return index
    return None


def _list_of(source: SourceParagraph) -> str | None:
    """The Word list (w:numId) a paragraph is numbered by directly, if any."""
    number = source.element.find(f"{W}pPr/{W}numPr/{W}numId")
    return number.get(f"{W}val") if number is not None else None


def _properties(source: SourceParagraph | None) -> _Element | None:
    import copy

    if source is None:
        return None
    properties = source.element.find(f"{W}pPr")
    return copy.deepcopy(properties) if properties is not None else None


def _run_properties(source: SourceParagraph | None, first: bool) -> _Element | None:
    """The formatting of the paragraph's first run with text (a heading), or last (body text after a bold
    run-in title)."""
    if source is None:
        return None
    runs = [piece.element.getparent() for piece in source.pieces
            if piece.element is not None and piece.element.tag == f"{W}t" and piece.text.strip()]
    if not runs:
        return None
    return (runs[0] if first else runs[-1]).find(f"{W}rPr")


def _next_number(number: str) -> str:
    """The number after "14" or "XIV", in the same numerals."""
    if number.isdigit():
        return str(int(number) + 1)
    value, rest = 0, number.upper()
    for numeral, amount in _ROMAN:
        while rest.startswith(numeral):
            value, rest = value + amount, rest[len(numeral):]
    return format_number(value + 1, "upperRoman" if number.isupper() else "lowerRoman")
