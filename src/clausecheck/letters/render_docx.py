"""Write a Composition as a Word document: a business letter on US Letter paper, reproducible to the byte.

python-docx stamps the current time into the package (core properties and every zip entry); both are
set from the document's own date here, so the same inputs and date give the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, time
from typing import TYPE_CHECKING

from clausecheck.letters.composition import (
    ADDRESS,
    BULLETS,
    DATE,
    HEADING,
    ITEM,
    LETTERHEAD,
    NOTE,
    PAGE_BREAK,
    PARAGRAPH,
    SIGNATURE,
    SUBJECT,
    TITLE,
    Block,
    Composition,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.document import Document as WordDocument
    from docx.section import Section
    from docx.shared import Length
    from docx.styles.style import BaseStyle
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

FONT = "Calibri"
BODY_SIZE = 11
GREY = (0x59, 0x59, 0x59)


def to_docx(composition: Composition) -> bytes:
    """The DOCX file for `composition`, as bytes."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Inches, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(1))
    section.top_margin, section.bottom_margin = Inches(0.8), Inches(0.9)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _east_asian_font(normal, FONT)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.08
    _footer(section, composition)

    writer = _Writer(document)
    for block in composition.blocks:
        writer.write(block)
    _core_properties(document, composition)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), datetime.combine(composition.dated, time(0, 0)))


class _Writer:
    def __init__(self, document: WordDocument) -> None:
        self.document = document

    def write(self, block: Block) -> None:
        self._methods[block.kind](block)

    @property
    def _methods(self) -> dict[str, Callable[[Block], None]]:
        return {LETTERHEAD: self._letterhead, DATE: self._date, ADDRESS: self._address, SUBJECT: self._subject,
                TITLE: self._title, HEADING: self._heading, PARAGRAPH: self._paragraph, ITEM: self._item,
                BULLETS: self._bullets, SIGNATURE: self._signature, NOTE: self._note,
                PAGE_BREAK: self._page_break}

    def _letterhead(self, block: Block) -> None:
        from docx.shared import Pt, RGBColor

        name, *rest = block.lines or ("",)
        paragraph = self._add(space_after=0)
        run = paragraph.add_run(_nb(name))
        run.bold = True
        run.font.size = Pt(15)
        for line in rest:
            paragraph = self._add(space_after=0)
            run = paragraph.add_run(_nb(line))
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(*GREY)
        _bottom_border(paragraph)
        self._add(space_after=6)

    def _date(self, block: Block) -> None:
        self._add(block.text, space_after=14)

    def _address(self, block: Block) -> None:
        for number, line in enumerate(block.lines):
            last = number == len(block.lines) - 1
            self._add(line, space_after=14 if last else 0)

    def _subject(self, block: Block) -> None:
        paragraph = self._add(space_after=12)
        paragraph.add_run(_nb(block.text)).bold = True

    def _title(self, block: Block) -> None:
        from docx.shared import Pt

        paragraph = self._add(space_after=10)
        run = paragraph.add_run(_nb(block.text))
        run.bold = True
        run.font.size = Pt(14)

    def _heading(self, block: Block) -> None:
        from docx.shared import Pt

        paragraph = self._add(space_after=6, space_before=10)
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run(_nb(block.text))
        run.bold = True
        run.font.size = Pt(12)

    def _paragraph(self, block: Block) -> None:
        self._add(block.text)

    def _item(self, block: Block) -> None:
        from docx.shared import Inches, Pt

        heading = self._add(space_after=3, space_before=6)
        heading.paragraph_format.left_indent = Inches(0.3)
        heading.paragraph_format.first_line_indent = Inches(-0.3)
        heading.paragraph_format.keep_with_next = True
        heading.add_run(_nb(f"{block.number}.\t")).bold = True
        heading.add_run(_nb(block.text)).bold = True
        heading.paragraph_format.tab_stops.add_tab_stop(Inches(0.3))
        for number, field in enumerate(block.fields):
            last = number == len(block.fields) - 1
            paragraph = self._add(space_after=8 if last else 3)
            paragraph.paragraph_format.left_indent = Inches(0.3)
            if number == 0 and not last:
                paragraph.paragraph_format.keep_with_next = True  # never a title and one line alone
            label = paragraph.add_run(_nb(f"{field.label}: "))
            label.bold = True
            if field.quote:
                quoted = paragraph.add_run(_nb(f"\u201c{field.text}\u201d"))
                quoted.italic = True
                if field.where:
                    where = paragraph.add_run(_nb(f" ({field.where})"))
                    where.font.size = Pt(BODY_SIZE - 1)
            else:
                paragraph.add_run(_nb(field.text))

    def _bullets(self, block: Block) -> None:
        for line in block.lines:
            paragraph = self.document.add_paragraph(_nb(line), style="List Bullet")
            paragraph.paragraph_format.space_after = _points(2)

    def _signature(self, block: Block) -> None:
        closing, *rest = block.lines or ("",)
        paragraph = self._add(closing, space_after=0, space_before=6)
        paragraph.paragraph_format.keep_with_next = True
        for _ in range(3):
            spacer = self._add(space_after=0)
            spacer.paragraph_format.keep_with_next = True
        for number, line in enumerate(rest):
            paragraph = self._add(line or "_" * 30, space_after=0)
            if number < len(rest) - 1:
                paragraph.paragraph_format.keep_with_next = True
        self._add(space_after=6)

    def _note(self, block: Block) -> None:
        from docx.shared import Pt, RGBColor

        paragraph = self._add(space_after=4)
        run = paragraph.add_run(_nb(block.text))
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(*GREY)

    def _page_break(self, block: Block) -> None:
        from docx.enum.text import WD_BREAK

        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _add(self, text: str = "", space_after: float | None = None,
             space_before: float | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(_nb(text))
        if space_after is not None:
            paragraph.paragraph_format.space_after = _points(space_after)
        if space_before is not None:
            paragraph.paragraph_format.space_before = _points(space_before)
        return paragraph


def _nb(text: str) -> str:
    """No line break between "§" and the section number after it."""
    return re.sub(r"(§+) ", "\\1\u00a0", text)


def _points(value: float) -> Length:
    from docx.shared import Pt

    return Pt(value)


def _east_asian_font(style: BaseStyle, name: str) -> None:
    """Word reads the font of some characters from w:eastAsia; set it so the whole text uses one font."""
    from docx.oxml.ns import qn

    fonts = style.element.rPr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.set(qn("w:eastAsia"), name)


_AFTER_BORDERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                  "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                  "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                  "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _bottom_border(paragraph: Paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "808080")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # Word rejects a document whose paragraph properties are out of the schema's order.
    properties.insert_element_before(borders, *_AFTER_BORDERS)


def _footer(section: Section, composition: Composition) -> None:
    """'<title> · page N of M' in small grey type at the foot of every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    paragraph = section.footer.paragraphs[0]
    paragraph.text = ""

    def run(text: str = "") -> Run:
        item = paragraph.add_run(_nb(text))
        item.font.size = Pt(8)
        item.font.color.rgb = RGBColor(*GREY)
        return item

    run(f"{composition.title} \u00b7 page ")
    for instruction in ("PAGE", "NUMPAGES"):
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), instruction)
        field.append(run("1")._r)
        paragraph._p.append(field)
        if instruction == "PAGE":
            run(" of ")


def _core_properties(document: WordDocument, composition: Composition) -> None:
    moment = datetime.combine(composition.dated, time(0, 0))
    properties = document.core_properties
    properties.title = composition.title
    properties.subject = composition.subject
    properties.author = composition.author
    properties.last_modified_by = composition.author
    properties.keywords = ", ".join(composition.keywords)
    properties.comments = "Written by clausecheck"
    properties.category = ""
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1


def normalise_zip(data: bytes, moment: datetime) -> bytes:
    """The same zip with every entry stamped `moment` (not the time of writing), in the same order."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()
