"""Word .docx reading: body order, headings, list numbers, tables, content controls, hostile packages."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from clausecheck.errors import InputError
from clausecheck.readers import read_document
from conftest import sample_builder


def build_docx(path: Path) -> Path:
    """A data privacy agreement with everything the reader must untangle."""
    document = sample_builder.new_document()
    sample_builder.set_running_header_and_footer(document, "Contract No. 2025-117 (header)")
    document.sections[0].footer.add_paragraph("Footer note: draft for discussion")
    lists = sample_builder.ListNumbers(document)

    document.add_paragraph("Student Data Privacy Agreement", style="Title")
    document.add_heading("1. Ownership", level=1)
    document.add_paragraph("Student records remain the property of the Board.")
    document.add_heading("1.1 Student-Generated Content", level=2)
    decimal = lists.start("decimal")
    for item in ("Students may download their work.", "Parents may transfer work to an account."):
        sample_builder.number_paragraph(document.add_paragraph(item), decimal)
    letters = lists.start("letter")
    for item in ("to comply with law;", "in response to a judicial order."):
        sample_builder.number_paragraph(document.add_paragraph(item), letters)
    document.add_paragraph("A bulleted point.", style="List Bullet")

    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, (("Category", "Examples", "Purpose"),
                                        ("Roster", "Name, grade", "Accounts"),
                                        ("", "Scores", "Reports"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.cell(1, 0).merge(table.cell(2, 0))        # "Roster" spans two rows
    table.cell(0, 1).merge(table.cell(0, 2))        # the header spans two columns
    table.cell(0, 1).text = "Examples and purpose"

    sample_builder.wrap_in_content_control(
        document.add_paragraph("The Contractor shall notify the Board within forty-eight hours."), "Breach")
    document.add_heading("2. Governing Law", level=1)
    paragraph = document.add_paragraph("Connecticut law governs.")
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z"><w:r>'
        f'<w:t xml:space="preserve"> Inserted words.</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="A" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>'
        f'California law governs.</w:delText></w:r></w:del>'))
    sample_builder.save_docx(document, path, "DPA")
    return path


@pytest.fixture(scope="module")
def agreement(tmp_path_factory):
    return read_document(build_docx(tmp_path_factory.mktemp("docx") / "agreement.docx"))


def test_body_is_read_in_order_with_tables_between_paragraphs(agreement):
    texts = [block.text for block in agreement.blocks]
    assert texts == [
        "Student Data Privacy Agreement",
        "1. Ownership",
        "Student records remain the property of the Board.",
        "1.1 Student-Generated Content",
        "1. Students may download their work.",
        "2. Parents may transfer work to an account.",
        "(a) to comply with law;",
        "(b) in response to a judicial order.",
        "A bulleted point.",
        "Category | Examples and purpose",  # a table: one block per row, its cells joined by " | "
        "Roster | Name, grade | Accounts",
        "Scores | Reports",
        "The Contractor shall notify the Board within forty-eight hours.",
        "2. Governing Law",
        "Connecticut law governs. Inserted words.",
    ]
    assert agreement.format == "docx" and agreement.pages is None


def test_headers_and_footers_are_not_part_of_the_body(agreement):
    assert "Contract No." not in agreement.text and "Footer note" not in agreement.text
    assert "Page" not in agreement.text


def test_heading_styles_give_kinds_and_section_paths(agreement):
    blocks = {block.text: block for block in agreement.blocks}
    assert blocks["1.1 Student-Generated Content"].kind == "heading"
    assert blocks["1. Students may download their work."].section == (
        "1. Ownership", "1.1 Student-Generated Content")
    assert blocks["Connecticut law governs. Inserted words."].section == ("2. Governing Law",)


def test_numbered_and_bulleted_paragraphs_are_list_items(agreement):
    kinds = {block.text: block.kind for block in agreement.blocks}
    assert kinds["(b) in response to a judicial order."] == "list_item"
    assert kinds["A bulleted point."] == "list_item"
    assert kinds["Student records remain the property of the Board."] == "paragraph"


def test_merged_table_cells_appear_once(agreement):
    rows = [block.text for block in agreement.blocks if block.kind in ("table_cell", "table_header")]
    assert rows == ["Category | Examples and purpose", "Roster | Name, grade | Accounts", "Scores | Reports"]


def test_a_tables_header_row_is_marked_as_column_titles(agreement):
    header = [block.text for block in agreement.blocks if block.kind == "table_header"]
    assert header == ["Category | Examples and purpose"]


def test_content_control_text_is_read(agreement):
    assert "within forty-eight hours" in agreement.text


def test_tracked_changes_are_read_as_accepted_with_a_warning(agreement):
    assert "California" not in agreement.text
    assert any("tracked changes" in warning for warning in agreement.warnings)


# --- Hostile and broken packages ----------------------------------------------------------------

def rewrite_part(source: Path, target: Path, part: str, transform) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.infolist():
            data = original.read(member.filename)
            copy.writestr(member.filename, transform(data) if member.filename == part else data)
    return target


@pytest.fixture(scope="module")
def plain_docx(tmp_path_factory) -> Path:
    return build_docx(tmp_path_factory.mktemp("plain") / "plain.docx")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_docx_declaring_xml_entities_is_refused(plain_docx, tmp_path, encoding):
    def add_entity(xml: bytes) -> bytes:
        body = xml.decode("utf-8").split("?>", 1)[1]
        hostile = (f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
                   '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' + body)
        return hostile.replace("Student records remain", "&secret; Student records remain").encode(encoding)
    path = rewrite_part(plain_docx, tmp_path / "xxe.docx", "word/document.xml", add_entity)

    with pytest.raises(InputError, match=r"DOCTYPE/ENTITY\) in word/document\.xml.*refusing"):
        read_document(path)


def test_a_zip_bomb_member_is_refused_before_parsing(plain_docx, tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(plain_docx) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.infolist():
            copy.writestr(member.filename, original.read(member.filename))
        with copy.open("word/media/padding.bin", "w") as padding:
            for _ in range(20):
                padding.write(bytes(1024 * 1024))  # 20 MB of zeros packs to about 20 kB

    with pytest.raises(InputError, match=r"compressed \d+:1.*possible zip bomb"):
        read_document(path)


def test_a_docx_claiming_a_huge_unpacked_size_is_refused(plain_docx, tmp_path):
    # Forge the central directory: one member claims 300 MB. Only the metadata is read to refuse it.
    data = bytearray(plain_docx.read_bytes())
    directory = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, directory + 24, 300 * 1024 * 1024)
    path = tmp_path / "huge.docx"
    path.write_bytes(bytes(data))

    with pytest.raises(InputError, match=r"would unpack to 300 MB, over the 200 MB limit"):
        read_document(path)


def test_a_legacy_word_doc_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(InputError, match=r"is a legacy Word \.doc.*save it as \.docx or PDF"):
        read_document(path)


def test_a_password_protected_office_file_is_named_as_such(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptionInfo".encode("utf-16-le"))
    with pytest.raises(InputError, match="is a password-protected Office document"):
        read_document(path)


def test_a_truncated_docx_is_refused_as_damaged(plain_docx, tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes(plain_docx.read_bytes()[:3000])
    with pytest.raises(InputError, match="is a damaged ZIP or .docx file"):
        read_document(path)


def test_a_zip_without_word_parts_is_not_taken_for_a_docx(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match="is a ZIP archive, not a Word .docx document"):
        read_document(path)


def test_a_docx_with_malformed_xml_is_refused(plain_docx, tmp_path):
    path = rewrite_part(plain_docx, tmp_path / "broken.docx", "word/document.xml",
                        lambda xml: xml[: len(xml) // 2])
    with pytest.raises(InputError, match="is not a readable Word document"):
        read_document(path)


def test_a_docx_without_text_is_refused(tmp_path):
    document = sample_builder.new_document()
    path = tmp_path / "empty.docx"
    sample_builder.save_docx(document, path, "empty")
    with pytest.raises(InputError, match="contains no text to check"):
        read_document(path)


def test_the_sample_privacy_agreement_reads_cleanly():
    document = read_document(sample_builder.SAMPLES / "ct-data-privacy-agreement.docx")
    assert document.format == "docx"
    parties = document.blocks[1]  # inside a content control
    assert parties.kind == "paragraph" and "Millbrook Board of Education" in parties.text
    assert any(block.kind == "table_cell" and block.text.startswith("Student-generated content | ")
               for block in document.blocks)
    assert "Contract No." not in document.text
    breach = next(block for block in document.blocks if "forty-eight" in block.text)
    assert breach.section == ("8. Notice of Unauthorized Access",)
    review = ("6. Review and Correction of Student Information",)
    steps = [block.text for block in document.blocks if block.section == review]
    assert any(text.startswith("4. where the Board approves a correction") for text in steps)
