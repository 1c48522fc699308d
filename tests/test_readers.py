"""read_document and detect_format: format from content, one clear InputError for every bad input."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import zipfile

import pytest

from clausecheck.errors import InputError
from clausecheck.readers import detect_format, read_document
from conftest import REPO, pdf_bytes, sample_builder

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def test_importing_readers_does_not_load_the_parsers():
    code = ("import sys, clausecheck.readers; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pypdfium2', 'docx', 'lxml', "
            "'pdfplumber')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"PYTHONPATH": str(REPO / "src")})
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("contract.txt", pdf_bytes([["A PDF whatever its name."]]), "pdf"),
    ("contract", b"Plain words in a file without an extension.\n", "text"),
    ("notes.text", b"# A heading\n\nMarkdown under another name.\n", "markdown"),
])
def test_format_comes_from_the_content_not_the_name(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path) == expected
    assert read_document(path).format == expected


def test_a_docx_under_another_name_is_read_as_docx(tmp_path):
    document = sample_builder.new_document()
    document.add_paragraph("The Board owns the data.")
    path = tmp_path / "agreement.bin"
    sample_builder.save_docx(document, path, "x")
    assert detect_format(path) == "docx"
    assert read_document(path).text == "The Board owns the data."


def file_with(content: bytes, name: str):
    def make(directory):
        path = directory / name
        path.write_bytes(content)
        return path
    return make


@pytest.mark.parametrize(("make", "message"), [
    (lambda directory: directory / "missing.pdf", "does not exist; check the path"),
    (lambda directory: directory, "is a directory, not a file; pass the contract files inside it"),
    (file_with(b"", "empty.pdf"), r"is empty \(0 bytes\); re-export or re-download"),
    (file_with(PNG, "scan.pdf"),
     r"is an image \(PNG\), not a contract document; if it is a scanned contract.*ocrmypdf"),
    (file_with(b"<!DOCTYPE html><html><body>Terms</body></html>", "page.html"),
     "is an HTML page; save it as PDF or plain text"),
    (file_with(rb"{\rtf1\ansi Terms}", "old.rtf"), r"is an RTF document; save it as \.docx or PDF"),
    (file_with(bytes(range(256)) * 8, "blob.bin"), "unrecognised binary content"),
    (file_with(b"this is not a zip file at all, just words", "notzip.docx"),
     r"is not a valid \.docx file: it is not a Word document \(ZIP package\); re-download"),
    (file_with(b"<html><body>404 Not Found</body></html>", "contract.pdf"),
     r"is not a valid \.pdf file: it is not a PDF; re-download or re-export it"),
])
def test_bad_input_is_one_clear_input_error(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError, match=message) as raised:
        read_document(path)
    assert raised.value.path == str(path)
    assert str(raised.value).startswith(f"{path}: ")


@pytest.mark.parametrize(("members", "message"), [
    ({"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}, "is an Excel workbook"),
    ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
     r"is an OpenDocument file \(\.odt\); save it as \.docx or PDF"),
])
def test_other_office_packages_are_named(tmp_path, members, message):
    path = tmp_path / "contract.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(InputError, match=message):
        detect_format(path)


def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("terms")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("this user reads files regardless of their permissions (root)")
    with pytest.raises(InputError, match="permission denied"):
        read_document(path)


def source_paragraphs(name: str) -> list[str]:
    """The body paragraphs of a sample's source, markup removed."""
    source = (sample_builder.SOURCES / name).read_text(encoding="utf-8")
    paragraphs = []
    for block in sample_builder.parse_source(source):
        if block.kind in ("paragraph", "control", "bullet", "decimal", "letter"):
            paragraphs.append(" ".join(block.text.split()))
    return paragraphs


def test_the_vendor_sample_pdf_gives_back_every_paragraph_of_its_source_whole():
    document = read_document(sample_builder.SAMPLES / "vendor-agreement.pdf")
    assert document.format == "pdf" and 6 <= document.pages <= 10 and not document.warnings
    blocks = [block.text for block in document.blocks]
    for paragraph in source_paragraphs("vendor-agreement.md"):
        assert any(block.endswith(paragraph) for block in blocks), paragraph
    assert "BrightPath Learning \u2014 Master Subscription Agreement" not in document.text
    law = next(block for block in document.blocks if "State of California" in block.text)
    assert law.section == ("13. Governing Law and Disputes", "13.1 Governing Law")


def test_the_privacy_agreement_sample_gives_back_every_paragraph_of_its_source():
    document = read_document(sample_builder.SAMPLES / "ct-data-privacy-agreement.docx")
    blocks = [block.text for block in document.blocks]
    for paragraph in source_paragraphs("ct-data-privacy-agreement.md"):
        assert any(block.endswith(paragraph) for block in blocks), paragraph
    assert "Contract No. 2025-117" not in document.text


def test_the_vendor_terms_sample_is_plain_text():
    terms = read_document(sample_builder.SAMPLES / "vendor-terms.txt")
    assert terms.format == "text"
    assert ("heading", "GOVERNING LAW") in [(block.kind, block.text) for block in terms.blocks]


@pytest.mark.parametrize("sample", ["vendor-agreement.pdf", "ct-data-privacy-agreement.docx",
                                    "vendor-terms.txt"])
def test_damaged_copies_of_the_samples_never_raise_anything_but_input_error(tmp_path, sample):
    rng = random.Random(sample)
    original = (sample_builder.SAMPLES / sample).read_bytes()
    for attempt in range(20):
        data = bytearray(original)
        if attempt % 2:
            data = data[:rng.randrange(1, len(data))]
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"damaged-{attempt}"
        path.write_bytes(bytes(data))
        try:
            document = read_document(path)
        except InputError as error:
            assert str(error).startswith(f"{path}: ") and "; " in error.reason
        else:
            assert document.blocks
