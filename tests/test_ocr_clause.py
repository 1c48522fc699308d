"""One scanned clause read by OCR, quick enough for every run of the tests: the reader, the page cache
and the report's marks. tests/test_ocr.py reads whole scanned contracts (the end-to-end tier)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from unittest import mock

import pytest

from cli_in_process import clausecheck
from conftest import REPO, load_script, pdf_bytes

scan_samples = load_script("scan_samples", REPO / "samples" / "scan_samples.py")

BREACH = "7.5 Breach. Provider shall notify the District of a Security Incident"
BREACH_END = "within ten (10) days of its discovery."
LAW = "13.1 This Agreement is governed by the laws of the State of California."


@pytest.fixture
def scanned_clauses(tmp_path: Path, ocr_engine: None) -> Path:
    """An image-only PDF of two clauses: the top of a page printed from text and scanned at 200 dpi."""
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(pdf_bytes([[BREACH, BREACH_END, "", LAW]]))
    (page,) = scan_samples.render_pages(printed, pages=[0])
    return scan_samples.save_image_pdf([page.crop((0, 0, page.width, page.height // 4))], tmp_path / "scan.pdf")


def check(scan: Path, *options: object) -> dict:
    """The JSON report of `scan`, checked in this process (the text report's test goes through a worker)."""
    with mock.patch.dict(os.environ, {"CLAUSECHECK_CACHE_DIR": str(scan.parent / "cache")}):
        result = clausecheck(scan, "--format", "json", "--jobs", "1", "--timeout", "0", *options)
    assert result.exit_code == 1, result.stderr
    (document,) = result.json()["documents"]
    return document


def findings(document: dict) -> dict[str, dict]:
    return {finding["provision"]: finding for finding in document["findings"]}


def test_a_scanned_clause_is_read_by_ocr_and_judged(scanned_clauses: Path) -> None:
    document = check(scanned_clauses, "--no-cache")

    assert document["ocr_pages"] == [1] and document["error"] is None
    breach, law = findings(document)["breach-notification"], findings(document)["connecticut-law"]
    assert breach["status"] == "conflict" and "within ten (10) days" in breach["evidence"][0]["quote"]
    assert law["status"] == "conflict" and "State of California" in law["evidence"][0]["quote"]


def test_the_text_report_says_which_quotes_ocr_read(scanned_clauses: Path) -> None:
    report = " ".join(clausecheck(scanned_clauses, "--no-cache", "--verbose").stdout.split())

    assert "read by OCR: page 1; check each quote from them against the page" in report
    assert re.search(r"State of California\.” \(page 1, [^)]*read by OCR: check the quote against the page\)", report)


def test_a_page_ocr_has_read_is_taken_from_the_cache(scanned_clauses: Path, tmp_path: Path) -> None:
    assert findings(check(scanned_clauses))["connecticut-law"]["status"] == "conflict"
    (entry,) = (tmp_path / "cache").glob("ocr-v*/*/*.json")
    entry.write_text(entry.read_text().replace("California", "Connecticut"))  # what OCR read, changed
    district = tmp_path / "district.yaml"
    district.write_text("id: district\nextends: ct-student-data-privacy\n")  # not the cached results

    assert findings(check(scanned_clauses, "--rules", district))["connecticut-law"]["status"] == "present"
    assert findings(check(scanned_clauses, "--rules", district, "--no-cache"))["connecticut-law"]["status"] == \
        "conflict"
