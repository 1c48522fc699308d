"""Read a Word .docx contract: body paragraphs and tables in order, headings, list numbers, content controls.

Headers, footers, footnotes and comments live in other parts of the package and are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from clausecheck.document import Document, DocumentBuilder
from clausecheck.errors import InputError
from clausecheck.readers.docx_numbering import ListNumbering, W
from clausecheck.readers.hyphenation import EMPTY_VOCABULARY
from clausecheck.readers.lines import Line, is_header_row
from clausecheck.readers.paragraphs import BlockAssembler
from clausecheck.readers.zip_safety import DAMAGED_ZIP_ERRORS, RESAVE, check_docx_package

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from lxml.etree import _Element

    from clausecheck.readers.source_file import SourceFile

TRACKED_CHANGES = ("has tracked changes; it was read as if all of them were accepted - accept or "
                   "reject them in Word to check the final text")
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MC_ALTERNATE = f"{MC}AlternateContent"
# Subtrees whose text is not part of the visible body: deletions, field codes, properties.
_SKIPPED = frozenset(W + tag for tag in (
    "del", "moveFrom", "delText", "instrText", "rPr", "pPr", "sdtPr", "tcPr", "trPr", "tblPr",
    "tblGrid", "footnoteReference", "endnoteReference", "commentReference"))
_SPACES = frozenset(W + tag for tag in ("tab", "ptab", "br", "cr"))
MAX_STYLE_DEPTH = 32
_CONTAINERS = frozenset(W + tag for tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"))


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None
    numbering: tuple[str | None, int] | None  # (numId, ilvl)


def read_docx(source: SourceFile) -> Document:
    """Read the .docx `source`, refusing zip bombs and XML with DTDs before python-docx sees it."""
    document, _reader, _word = walk_docx(source, BodyReader)
    return document


_Reader = TypeVar("_Reader", bound="BodyReader")


def walk_docx(source: SourceFile, reader_type: type[_Reader]) -> tuple[Document, _Reader, WordDocument]:
    """Open the .docx `source` and read its body with a `reader_type`: the Document, the reader (a
    subclass keeps what it observed on the way, such as the XML each block's text came from) and the
    opened python-docx document whose XML the reader walked."""
    import io

    path = source.path
    check_docx_package(source)
    import docx  # lazy: python-docx and lxml are slow to import
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        word = docx.Document(io.BytesIO(source.data))
        styles_element = word.styles.element
        try:
            numbering_element = word.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except KeyError:  # a document without numbered paragraphs may have no numbering part
            numbering_element = None
    except DAMAGED_ZIP_ERRORS as error:  # a part the safety scan did not unpack, such as an image
        raise InputError(path, f"is a damaged .docx ({error}); {RESAVE}") from None
    except (PackageNotFoundError, KeyError, etree.XMLSyntaxError) as error:
        raise InputError(path, f"is not a readable Word document ({error}); {RESAVE}") from None
    body = word.element.body
    if body is None:
        raise InputError(path, f"is not a readable Word document (it has no body); {RESAVE}")
    reader = reader_type(_styles(styles_element), ListNumbering(numbering_element))
    reader.read(body)
    warnings = (TRACKED_CHANGES,) if reader.has_tracked_changes else ()
    return reader.builder.build(path, "docx", warnings=warnings), reader, word


def _styles(styles_element: _Element) -> dict[str, _Style]:
    """The paragraph styles by id; "" is the default style."""
    styles = {}
    for style in styles_element.iterfind(f"{W}style"):
        name = style.find(f"{W}name")
        based_on = style.find(f"{W}basedOn")
        properties = style.find(f"{W}pPr")
        styles[style.get(f"{W}styleId")] = _Style(
            name=(name.get(f"{W}val") or "") if name is not None else "",
            based_on=based_on.get(f"{W}val") if based_on is not None else None,
            outline_level=_outline_level(properties),
            numbering=_numbering_reference(properties))
        if style.get(f"{W}default") in ("1", "true") and style.get(f"{W}type") == "paragraph":
            styles[""] = styles[style.get(f"{W}styleId")]
    return styles


def _outline_level(properties: _Element | None) -> int | None:
    level = properties.find(f"{W}outlineLvl") if properties is not None else None
    if level is None:
        return None
    value = level.get(f"{W}val", "9")
    return int(value) if value.isdigit() and int(value) < 9 else None  # 9 means body text


def _numbering_reference(properties: _Element | None) -> tuple[str | None, int] | None:
    reference = properties.find(f"{W}numPr") if properties is not None else None
    if reference is None:
        return None
    num_id = reference.find(f"{W}numId")
    level = reference.find(f"{W}ilvl")
    value = level.get(f"{W}val", "0") if level is not None else "0"
    return (num_id.get(f"{W}val") if num_id is not None else None, int(value) if value.isdigit() else 0)


@dataclass(frozen=True)
class _ParagraphContent:
    text: str
    label: str | None  # "1.", "(a)", "2.1" for a numbered paragraph, None for bullets and plain text
    heading_level: int | None
    numbered: bool

    @property
    def labelled(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


class BodyReader:
    """Walks the document body and adds its paragraphs and table cells to a DocumentBuilder.

    Every piece of text goes through `add_text`, and every block through the builder, so a subclass
    can observe which XML element each character of the Document came from."""

    def __init__(self, styles: dict[str, _Style], numbering: ListNumbering,
                 builder: DocumentBuilder | None = None) -> None:
        self.builder = builder or DocumentBuilder()
        self.blocks = BlockAssembler(self.builder, EMPTY_VOCABULARY)
        self.styles = styles
        self.numbering = numbering
        self.has_tracked_changes = False
        self._chains: dict[str | None, tuple[_Style, ...]] = {}

    def read(self, body: _Element) -> None:
        for element in _block_items(body):
            if element.tag == f"{W}p":
                self._paragraph(element)
            else:
                self._table(element)

    def _paragraph(self, paragraph: _Element) -> None:
        content = self._paragraph_content(paragraph)
        if content.text:
            self.blocks.add_lines([Line(content.labelled, gap_before=True, list_item=content.numbered,
                                        heading_level=content.heading_level)])
            self.blocks.flush()

    def _table(self, table: _Element) -> None:
        rows = list(table.iterfind(f"{W}tr"))
        for number, row in enumerate(rows):
            texts = ["\n".join(self._cell_texts(cell)) for cell in _cells(row)]
            header = number == 0 and len(rows) > 1 and is_header_row(texts)
            # One block per row, its cells joined by " | " as the text reader gives a Markdown row: a
            # topic cell ("Breach notification") is read with the cell that says what is promised of it.
            row_text = " | ".join(text for text in texts if text.strip())
            if row_text:
                self.builder.add(row_text, section=self.blocks.sections.path,
                                 kind="table_header" if header else "table_cell")

    def _cell_texts(self, cell: _Element) -> Iterator[str]:
        """The paragraphs of a table cell, including those of tables nested in it."""
        for element in _block_items(cell):
            if element.tag == f"{W}p":
                content = self._paragraph_content(element)
                if content.text:
                    yield content.labelled
            else:
                for row in element.iterfind(f"{W}tr"):
                    for nested in _cells(row):
                        yield from self._cell_texts(nested)

    def _paragraph_content(self, paragraph: _Element) -> _ParagraphContent:
        parts: list[str] = []
        self._collect_text(paragraph, parts)
        properties = paragraph.find(f"{W}pPr")
        style = self._style_chain(properties)
        reference = _numbering_reference(properties) or next(
            (entry.numbering for entry in style if entry.numbering), None)
        numbered = bool(reference and reference[0] not in (None, "0"))
        label = self.numbering.label(*reference) if numbered else None
        return _ParagraphContent(" ".join("".join(parts).split()), label,
                                 _heading_level(properties, style), numbered)

    def _style_chain(self, properties: _Element | None) -> tuple[_Style, ...]:
        """The paragraph's style and those it is based on, nearest first: at most MAX_STYLE_DEPTH of
        them (Word nests a few; a package with a chain of 100,000 is hostile), worked out once per style."""
        style_reference = properties.find(f"{W}pStyle") if properties is not None else None
        style_id = style_reference.get(f"{W}val") if style_reference is not None else ""
        chain = self._chains.get(style_id)
        if chain is None:
            found, seen, current = [], set(), style_id
            while current is not None and current not in seen and current in self.styles \
                    and len(found) < MAX_STYLE_DEPTH:
                seen.add(current)
                found.append(self.styles[current])
                current = found[-1].based_on
            chain = self._chains[style_id] = tuple(found)
        return chain

    def _collect_text(self, node: _Element, parts: list[str]) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIPPED:
                if tag in (f"{W}del", f"{W}moveFrom"):
                    self.has_tracked_changes = True
                continue
            if tag == f"{W}t":
                self.add_text(parts, child, child.text or "")
            elif tag in _SPACES:
                self.add_text(parts, child, " ")
            elif tag == f"{W}noBreakHyphen":
                self.add_text(parts, child, "-")
            elif tag == f"{W}p":  # a paragraph in a text box inside this one
                self.add_text(parts, None, " ")
                self._collect_text(child, parts)
            elif tag == MC_ALTERNATE:
                self._collect_text(_chosen_alternative(child), parts)
            else:
                if tag in (f"{W}ins", f"{W}moveTo"):
                    self.has_tracked_changes = True
                self._collect_text(child, parts)

    def add_text(self, parts: list[str], element: _Element | None, text: str) -> None:
        """Add the text that `element` (w:t, w:tab ...; None for a break between text boxes) shows."""
        parts.append(text)


def _heading_level(properties: _Element | None, style: tuple[_Style, ...]) -> int | None:
    direct = _outline_level(properties)
    if direct is not None:
        return direct + 1
    for entry in style:
        name = entry.name.lower()
        if name == "title":
            return 1
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:])
        if entry.outline_level is not None:
            return entry.outline_level + 1
    return None


def _block_items(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables of `container` in document order, looking inside content controls and
    alternate content."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _block_items(child)
        elif child.tag == MC_ALTERNATE:
            yield from _block_items(_chosen_alternative(child))


def _chosen_alternative(alternate: _Element) -> _Element:
    """What a reader of `mc:AlternateContent` shows: the first choice that holds text, else the
    fallback (never both: they are two versions of the same content)."""
    choices = [child for child in alternate if child.tag == f"{MC}Choice"]
    for choice in choices:
        if next(choice.iter(f"{W}t"), None) is not None:
            return choice
    fallback = alternate.find(f"{MC}Fallback")
    if fallback is not None:
        return fallback
    return choices[0] if choices else alternate


def _cells(row: _Element) -> Iterator[_Element]:
    for child in row:
        if child.tag == f"{W}tc":
            merge = child.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val", "continue") != "restart":
                continue  # the lower part of a vertically merged cell repeats the one above
            yield child
        elif child.tag in _CONTAINERS:
            yield from _cells(child)
