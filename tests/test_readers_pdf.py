"""PDF reading: page furniture, hyphenation, paragraphs across page breaks, headings, broken PDFs."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from clausecheck.errors import InputError
from clausecheck.readers import read_document
from clausecheck.readers.hyphenation import Vocabulary, join_hyphenated
from clausecheck.readers.ocr import OcrSettings
from conftest import HYPHENATION_TRAP, RUNNING_HEADER, long_clauses


def raw_pages(path: Path) -> list[str]:
    """What bare pypdfium2 extracts from each page, header, footer and hyphen marks included."""
    pdf = pdfium.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def words(text: str) -> str:
    """Text reduced to lowercase words, so layout differences (breaks, hyphens, spaces) don't matter."""
    return " ".join(re.findall(r"[a-z0-9]+", text.replace("\ufffe", "").lower()))


# --- A contract printed by LibreOffice ------------------------------------------------------------

def test_running_header_and_page_numbers_are_not_in_the_text(contract_pdf):
    pages = raw_pages(contract_pdf)
    assert len(pages) >= 3 and all(RUNNING_HEADER in page for page in pages)
    assert all(f"Page {number} of {len(pages)}" in page for number, page in enumerate(pages, 1))

    document = read_document(contract_pdf)

    assert document.pages == len(pages)
    assert "Acme Test Header" not in document.text
    assert not re.search(r"Page \d+ of \d+", document.text)


def test_a_sentence_across_a_page_break_is_one_block_on_the_page_it_starts(contract_pdf):
    pages = [words(page) for page in raw_pages(contract_pdf)]
    crossing = [clause for clause in long_clauses(36)
                if not any(words(clause) in page for page in pages)]
    assert crossing, "the fixture should have at least one clause split by a page break"

    document = read_document(contract_pdf)

    for clause in crossing:
        holders = [block for block in document.blocks if clause in block.text]
        assert len(holders) == 1, clause
        start = words(clause)[:60]
        assert start in pages[holders[0].page - 1]


def test_every_block_is_on_the_page_its_text_comes_from(contract_pdf):
    pages = [words(page) for page in raw_pages(contract_pdf)]
    document = read_document(contract_pdf)
    for block in document.blocks:
        assert words(block.text)[:50] in pages[block.page - 1], block


def test_a_word_hyphenated_at_a_line_end_is_rejoined(contract_pdf):
    raw = "".join(raw_pages(contract_pdf))
    assert re.search("regis(\ufffe|-\r\n)", raw), "the fixture should break 'registration' at a line end"

    text = read_document(contract_pdf).text

    assert "regis-" not in text and "regis tration" not in text
    assert text.count("registration") == 14 * 3


def test_a_real_hyphen_at_a_line_end_is_kept(contract_pdf):
    raw = "".join(raw_pages(contract_pdf))
    assert re.search("pre(\ufffe|-\r\n)paid", raw), "the fixture should break 'pre-paid' at its hyphen"

    text = read_document(contract_pdf).text

    assert text.count("pre-paid") == 14 * 3 and "prepaid" not in text
    assert text.count(HYPHENATION_TRAP) == 14 * 3


def test_headings_open_sections_for_the_blocks_under_them(contract_pdf):
    document = read_document(contract_pdf)
    headings = [block.text for block in document.blocks if block.kind == "heading"]
    assert headings == ["Services Agreement", "1. Definitions", "2. Data Security", "2.1 Encryption",
                        "3. Records"]
    keys = next(block for block in document.blocks if block.text.startswith("Encryption keys"))
    assert keys.section == ("2. Data Security", "2.1 Encryption")
    assert keys.kind == "paragraph"


def test_a_password_protected_pdf_from_libreoffice_is_refused(password_pdf):
    with pytest.raises(InputError, match="is password-protected; remove the password"):
        read_document(password_pdf)


# --- Hand-made PDFs -----------------------------------------------------------------------------

def test_hand_made_pdf_loses_its_furniture_and_keeps_the_sentence_across_pages(make_pdf):
    header = "ACME CORP MASTER AGREEMENT"
    path = make_pdf([
        [header, "1. Governing Law", "This Agreement shall be governed by the laws of the State of",
         "- 1 -"],
        [header, "Connecticut, without regard to its conflict of laws principles.",
         "2. Notices", "Notices must be given in writing to the addresses above.", "- 2 -"],
        [header, "3. Term", "The term is three years from the Effective Date of the Agreement.",
         "- 3 -"],
    ])

    document = read_document(path)

    assert header not in document.text and "- 2 -" not in document.text
    law = next(block for block in document.blocks if "governed by" in block.text)
    assert law.text == ("This Agreement shall be governed by the laws of the State of Connecticut, "
                        "without regard to its conflict of laws principles.")
    assert law.page == 1 and law.section == ("1. Governing Law",)
    notices = next(block for block in document.blocks if block.text.startswith("Notices"))
    assert notices.page == 2 and notices.section == ("2. Notices",)


def test_page_of_page_footers_and_bare_numbers_are_removed(make_pdf):
    path = make_pdf([["Clause text that is long enough to be a body line on page one.", "Page 1 of 2"],
                     ["Clause text that goes on with more words on page two of the file.", "2"]])
    text = read_document(path).text
    assert "Page 1" not in text and not text.rstrip().endswith("2")


def test_line_end_hyphens_marked_by_pdfium_are_resolved_by_likelihood(make_pdf):
    path = make_pdf([[
        "The pre-paid fees cover the registration of accounts.",
        "Provider shall complete the regis-",
        "tration of all pre-",
        "paid accounts and list the Well-",
        "Known services and the COVID-",
        "19 measures under a non-",
        "transferable licence.",
    ]])
    text = read_document(path).text
    assert "complete the registration of all pre-paid accounts" in text
    assert "Well-Known services and the COVID-19 measures under a non-transferable licence." in text


@pytest.mark.parametrize(("left", "right", "expected"), [
    ("regis", "tration", "registration"),      # a syllable break
    ("pre", "vious", "previous"),              # a prefix that is only a syllable here
    ("Well", "Known", "Well-Known"),           # a capital after the hyphen
    ("COVID", "19", "COVID-19"),               # a digit after the hyphen
    ("data", "driven", "data-driven"),         # the compound appears hyphenated elsewhere
    ("pre", "paid", "pre-paid"),               # a compounding prefix before a word in use
    ("non", "exclusive", "non-exclusive"),     # a prefix contracts always hyphenate
])
def test_join_hyphenated_picks_the_likelier_word(left, right, expected):
    vocabulary = Vocabulary("A data-driven plan; paid fees; the registration; previous.")
    assert join_hyphenated(left, right, vocabulary) == expected


# With OCR off (--ocr never), scanned pages are refused or skipped as before OCR existed; tests/test_ocr.py
# reads them with OCR.
NO_OCR = OcrSettings(mode="never")


def test_a_scanned_pdf_without_text_is_refused_with_ocr_advice_when_ocr_is_off(make_pdf):
    with pytest.raises(InputError,
                       match=r"has no text layer \(scanned\?\); run OCR, e\.g\. `ocrmypdf`, and try again$"):
        read_document(make_pdf([None, None]), NO_OCR)


def test_a_pdf_with_neither_text_nor_images_says_there_is_nothing_to_read_not_run_ocr(make_pdf):
    with pytest.raises(InputError, match=r"has neither text nor images on its pages: nothing to read, OCR "
                                         r"included \(empty or damaged\?\); re-download or re-export it"):
        read_document(make_pdf([[], []]))


def test_a_partly_scanned_pdf_is_read_with_a_warning_naming_the_pages_when_ocr_is_off(make_pdf):
    path = make_pdf([["This first page has a proper text layer with several words."], None, None])

    document = read_document(path, NO_OCR)

    assert document.blocks[0].text.startswith("This first page")
    assert len(document.warnings) == 1
    assert "2 of 3 pages (pages 2-3) have no text layer" in document.warnings[0]
    assert document.unread == "pages 2-3 could not be read (no text layer or damaged)"


def test_a_provision_not_found_in_a_partly_scanned_pdf_needs_review_not_missing_when_ocr_is_off(make_pdf):
    from clausecheck.engine import check_document
    from clausecheck.rulebook import load_rulebook

    path = make_pdf([["This Agreement is governed by the laws of the State of Connecticut."], None])
    findings = {finding.provision: finding
                for finding in check_document(read_document(path, NO_OCR), load_rulebook(None))}

    assert findings["connecticut-law"].status == "present"
    assert findings["severability"].status == "review"
    assert "page 2 could not be read" in findings["severability"].reason


def test_an_encrypted_pdf_is_refused(make_pdf):
    with pytest.raises(InputError, match="is password-protected; remove the password and try again"):
        read_document(make_pdf([["Secret terms."]], encrypted=True))


def test_a_pdf_without_pages_is_refused(make_pdf, tmp_path):
    # Read an encrypted PDF first: PDFium's stale error code must not leak into the next message.
    with pytest.raises(InputError):
        read_document(make_pdf([["Secret terms."]], name="locked.pdf", encrypted=True))
    with pytest.raises(InputError, match="has no pages"):
        read_document(make_pdf([]))


@pytest.mark.parametrize("keep", [0.3, 0.95])
def test_a_truncated_pdf_is_refused_as_damaged(make_pdf, keep):
    whole = make_pdf([["A line of contract text that repeats."] * 40] * 4)
    truncated = whole.with_name("truncated.pdf")
    data = whole.read_bytes()
    truncated.write_bytes(data[:int(len(data) * keep)])
    with pytest.raises(InputError, match="is damaged or not a valid PDF"):
        read_document(truncated)


def test_a_file_with_a_pdf_header_and_garbage_is_refused(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(InputError, match="is damaged or not a valid PDF"):
        read_document(path)


# --- Real contracts nobody here wrote -----------------------------------------------------------

def test_all_cuad_pdfs_are_read_with_their_governing_law_clause_in_one_block(shared_dir):
    labels = json.loads((shared_dir / "cuad" / "labels.json").read_text())
    pdfs = sorted((shared_dir / "cuad" / "pdf").iterdir())
    assert len(pdfs) == 30

    for entry in labels:
        path = shared_dir / "cuad" / "pdf" / entry["file"]
        document = read_document(path)
        assert document.format == "pdf" and document.pages == len(raw_pages(path))
        assert len(document.text) > 1000, path.name
        block_words = [words(block.text) for block in document.blocks]
        for clause in ast.literal_eval(entry["clause"] or "[]"):
            assert any(words(clause) in block for block in block_words), (path.name, clause)
