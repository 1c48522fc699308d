"""Build the sample contracts in samples/ from their sources in samples/source/.

    python samples/build_samples.py

vendor-agreement.pdf is written as a .docx with python-docx and printed to PDF by LibreOffice
(`soffice`); ct-data-privacy-agreement.docx is written with python-docx. The .docx gets fixed dates and
ZIP timestamps, so a rebuild gives the same bytes; a rebuilt PDF has the same text and layout with the
same LibreOffice and fonts (DejaVu), though its embedded font subsets differ byte for byte.

The sources use a small markup, one block per blank-line-separated paragraph:
    # Title                      Title style
    ## 1. Definitions            Heading 1        ### 4.1 Encryption    Heading 2
    #. item                      numbered list item "1." (a new list after any other block)
    #a. item                     lettered list item "(a)"
    - item                       bulleted list item
    | cell | cell |              table row (the first row of a table is its header)
    {{control:Tag}} text         paragraph inside a content control (w:sdt) tagged Tag
    anything else                body paragraph (lines are joined with spaces)
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

SAMPLES = Path(__file__).resolve().parent
SOURCES = SAMPLES / "source"
FIXED_TIME = datetime(2024, 9, 1, 9, 0, 0, tzinfo=UTC)
ZIP_TIME = (2024, 9, 1, 9, 0, 0)
FONT = "DejaVu Serif"  # installed with LibreOffice on Debian/Ubuntu, so the layout is reproducible
SOFFICE_TIMEOUT_SECONDS = 180

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_NUMBERED = re.compile(r"^#(a?)\.\s+(.*)$", re.DOTALL)
_CONTROL = re.compile(r"^\{\{control:([\w-]+)\}\}\s*(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Block:
    kind: str  # title | heading1 | heading2 | decimal | letter | bullet | table | control | paragraph
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    tag: str = ""


def parse_source(source: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", source.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines[0].startswith("|"):
            rows = tuple(tuple(cell.strip() for cell in line.strip("|").split("|")) for line in lines)
            blocks.append(Block("table", rows=rows))
            continue
        text = " ".join(lines)
        if heading := _HEADING.match(text):
            kind = ("title", "heading1", "heading2")[len(heading.group(1)) - 1]
            blocks.append(Block(kind, heading.group(2)))
        elif numbered := _NUMBERED.match(text):
            blocks.append(Block("letter" if numbered.group(1) else "decimal", numbered.group(2)))
        elif text.startswith("- "):
            blocks.append(Block("bullet", text[2:]))
        elif control := _CONTROL.match(text):
            blocks.append(Block("control", control.group(2), tag=control.group(1)))
        else:
            blocks.append(Block("paragraph", text))
    return blocks


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a Word field (PAGE, NUMPAGES ...) to `paragraph`; LibreOffice computes it when printing."""
    run = paragraph.add_run()
    for kind in ("begin", "instr", "separate", "text", "end"):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = placeholder
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def set_running_header_and_footer(document, header: str, page_numbers: bool = True) -> None:
    """A running header line and a "Page N of M" footer on every page."""
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    if page_numbers:
        footer = section.footer.paragraphs[0]
        footer.add_run("Page ")
        add_field(footer, "PAGE")
        footer.add_run(" of ")
        add_field(footer, "NUMPAGES")


def new_document():
    document = docx.Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Header", "Footer"):
        style = document.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
    document.styles["Normal"].font.size = Pt(11)
    document.styles["Normal"].paragraph_format.space_after = Pt(6)
    return document


class ListNumbers:
    """Creates a fresh numbered list (decimal "1." or lettered "(a)") each time one starts."""

    FORMATS: ClassVar[dict[str, tuple[str, str]]] = {
        "decimal": ("decimal", "%1."), "letter": ("lowerLetter", "(%1)")}

    def __init__(self, document) -> None:
        self.numbering = document.part.numbering_part.element
        self.abstract_ids: dict[str, int] = {}
        existing = [int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))]
        self.next_num_id = max(existing, default=0) + 1
        for offset, (kind, (number_format, text)) in enumerate(sorted(self.FORMATS.items())):
            abstract_id = 90 + offset
            self.abstract_ids[kind] = abstract_id
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="{number_format}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
                f'</w:lvl></w:abstractNum>')
            first_num = self.numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                self.numbering.append(abstract)

    def start(self, kind: str) -> int:
        num_id = self.next_num_id
        self.next_num_id += 1
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId '
            f'w:val="{self.abstract_ids[kind]}"/></w:num>'))
        return num_id


def number_paragraph(paragraph, num_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def wrap_in_content_control(paragraph, tag: str) -> None:
    """Put `paragraph` inside a block-level content control (w:sdt), as Word's forms do."""
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/>'
        f'<w:id w:val="{zlib.crc32(tag.encode()) % 10**8}"/></w:sdtPr>'
        f'<w:sdtContent/></w:sdt>')
    paragraph._p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(paragraph._p)


def add_table(document, rows: tuple[tuple[str, ...], ...]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = document.styles["Table Grid"]
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


_RUN_IN_TITLE = re.compile(r"^(\d+(?:\.\d+)+ [A-Z][\w ,'-]{0,60}?\.) ")


def add_body_paragraph(document, text: str) -> None:
    """A paragraph whose run-in title ("7.1 Safeguards.") is set in bold, as contracts do."""
    paragraph = document.add_paragraph()
    title = _RUN_IN_TITLE.match(text)
    if title:
        paragraph.add_run(title.group(1)).bold = True
        text = text[title.end(1):]
    paragraph.add_run(text)


def render(blocks: list[Block], document) -> None:
    lists = ListNumbers(document)
    current_list: tuple[str, int] | None = None
    for block in blocks:
        if block.kind in ("decimal", "letter"):
            if current_list is None or current_list[0] != block.kind:
                current_list = (block.kind, lists.start(block.kind))
            number_paragraph(document.add_paragraph(block.text), current_list[1])
            continue
        current_list = None
        if block.kind == "title":
            document.add_paragraph(block.text, style="Title")
        elif block.kind in ("heading1", "heading2"):
            document.add_heading(block.text, level=int(block.kind[-1]))
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "table":
            add_table(document, block.rows)
        elif block.kind == "control":
            wrap_in_content_control(document.add_paragraph(block.text), block.tag)
        else:
            add_body_paragraph(document, block.text)


def save_docx(document, path: Path, title: str) -> None:
    """Save with fixed document dates and ZIP timestamps, so the bytes depend only on the content."""
    properties = document.core_properties
    properties.author = properties.last_modified_by = "clausecheck samples"
    properties.title = title
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(member.filename))


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_path: Path, out_dir: Path, export_filter: str = "pdf") -> Path:
    """Print `docx_path` to PDF with LibreOffice, in a private profile so parallel runs don't collide."""
    soffice = soffice_path()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed; install the libreoffice-writer package")
    with tempfile.TemporaryDirectory(prefix="clausecheck-soffice-") as profile:
        completed = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", export_filter, "--outdir", str(out_dir), str(docx_path)],
            capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_SECONDS, check=False)
    pdf_path = out_dir / (docx_path.stem + ".pdf")
    if completed.returncode != 0 or not pdf_path.exists():
        raise RuntimeError(f"soffice could not convert {docx_path}: {completed.stderr or completed.stdout}")
    return pdf_path


def build_vendor_agreement(out_dir: Path) -> Path:
    document = new_document()
    set_running_header_and_footer(document, "BrightPath Learning \u2014 Master Subscription Agreement")
    render(parse_source((SOURCES / "vendor-agreement.md").read_text(encoding="utf-8")), document)
    with tempfile.TemporaryDirectory(prefix="clausecheck-samples-") as work:
        docx_path = Path(work) / "vendor-agreement.docx"
        save_docx(document, docx_path, "BrightPath Learning Master Subscription Agreement")
        pdf_path = convert_to_pdf(docx_path, Path(work))
        target = out_dir / "vendor-agreement.pdf"
        shutil.copyfile(pdf_path, target)
    return target


def build_data_privacy_agreement(out_dir: Path) -> Path:
    document = new_document()
    set_running_header_and_footer(document, "Millbrook Board of Education \u2014 Contract No. 2025-117")
    render(parse_source((SOURCES / "ct-data-privacy-agreement.md").read_text(encoding="utf-8")),
           document)
    target = out_dir / "ct-data-privacy-agreement.docx"
    save_docx(document, target, "Connecticut Student Data Privacy Agreement")
    return target


def main() -> int:
    built = [build_data_privacy_agreement(SAMPLES)]
    if soffice_path() is None:
        print("soffice not found: vendor-agreement.pdf not rebuilt (install LibreOffice)", file=sys.stderr)
    else:
        built.append(build_vendor_agreement(SAMPLES))
    for path in built:
        print(f"wrote {path.relative_to(SAMPLES.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
