"""Scanned contracts read with OCR: the bundled samples rendered to page images and rebuilt as image-only
PDFs (clean, and skewed with speckle), a PDF mixing text and scanned pages, the report's OCR marks, the
page cache, the progress bar, and what happens where OCR is off or not installed.

The scans are real image-only PDFs made in fixtures (samples/scan_samples.py); the checker runs as a
user runs it, in a subprocess. Tests that need Tesseract skip, saying why, where it is not installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from clausecheck.readers import read_document
from clausecheck.readers.ocr_engine import INSTALL_OCR
from conftest import REPO, load_script, sample_builder

scan_samples = load_script("scan_samples", REPO / "samples" / "scan_samples.py")

VENDOR_PDF = REPO / "samples" / "vendor-agreement.pdf"
CT_DOCX = REPO / "samples" / "ct-data-privacy-agreement.docx"
# Pages of the vendor agreement with its breach-notice (7.5) and governing-law (13.1) clauses.
BREACH_PAGE, GOVERNING_LAW_PAGE = 5, 8
SKEW_DEGREES, SPECKLE = 1.5, 0.001
RUN_SECONDS = 900  # the whole OCR run of every scan, on a slow shared machine


def run_clausecheck(*arguments: object, cwd: Path, **environment: str | None) -> subprocess.CompletedProcess:
    """`clausecheck ARGUMENTS...` in a subprocess; `environment` overrides variables (None removes one)."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), CLAUSECHECK_CACHE_DIR=str(cwd / "cache"), NO_COLOR="1",
               COLUMNS="200")
    for name, value in environment.items():
        env.pop(name, None) if value is None else env.__setitem__(name, value)
    return subprocess.run([sys.executable, "-m", "clausecheck", *map(str, arguments)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=RUN_SECONDS)


def documents(result: subprocess.CompletedProcess) -> dict[str, dict]:
    assert result.stdout, result.stderr
    return {Path(document["path"]).name: document for document in json.loads(result.stdout)["documents"]}


def statuses(document: dict) -> dict[str, str]:
    return {finding["provision"]: finding["status"] for finding in document["findings"]}


def same_verdicts(document: dict, reference: dict) -> int:
    expected, found = statuses(reference), statuses(document)
    assert len(expected) == 15 and found.keys() == expected.keys()
    return sum(found[provision] == status for provision, status in expected.items())


@pytest.fixture(scope="session")
def scans(tmp_path_factory, soffice: str) -> Path:
    """A folder with the two samples as text PDFs, their scans, their skewed and speckled scans, and the
    vendor agreement with two pages scanned."""
    folder = tmp_path_factory.mktemp("scans")
    vendor = folder / "vendor.pdf"
    vendor.write_bytes(VENDOR_PDF.read_bytes())
    ct = sample_builder.convert_to_pdf(CT_DOCX, folder).rename(folder / "ct.pdf")
    for source in (vendor, ct):
        scan_samples.scan_pdf(source, folder / f"{source.stem}-scan.pdf")
        scan_samples.scan_pdf(source, folder / f"{source.stem}-skewed.pdf", skew_degrees=SKEW_DEGREES,
                              speckle=SPECKLE)
    scan_samples.mix_pages(vendor, folder / "vendor-scan.pdf", [BREACH_PAGE - 1, GOVERNING_LAW_PAGE - 1],
                           folder / "vendor-mixed.pdf")
    return folder


@pytest.fixture(scope="session")
def checked(scans: Path, ocr_engine: None) -> dict[str, dict]:
    """Every PDF of `scans` checked in one run, as CI would, without a cache: the JSON report's documents."""
    pdfs = sorted(scans.glob("*.pdf"))
    result = run_clausecheck(*pdfs, "--format", "json", "--jobs", "2", "--no-cache", cwd=scans)
    assert result.returncode == 1, result.stderr
    return documents(result)


@pytest.mark.parametrize("name", ["vendor", "ct"])
def test_a_scan_of_a_sample_gives_the_verdicts_of_its_text_pdf(checked: dict[str, dict], name: str) -> None:
    text, scan = checked[f"{name}.pdf"], checked[f"{name}-scan.pdf"]

    assert scan["error"] is None and text["error"] is None
    assert same_verdicts(scan, text) >= 14
    assert scan["ocr_pages"] == list(range(1, scan["pages"] + 1))
    assert text["ocr_pages"] == []


@pytest.mark.parametrize("name", ["vendor", "ct"])
def test_a_skewed_speckled_scan_gives_nearly_the_verdicts_of_its_text_pdf(checked: dict[str, dict], name: str) -> None:
    assert same_verdicts(checked[f"{name}-skewed.pdf"], checked[f"{name}.pdf"]) >= 13


def test_a_pdf_mixing_text_and_scanned_pages_reads_both(checked: dict[str, dict]) -> None:
    mixed, text = checked["vendor-mixed.pdf"], checked["vendor.pdf"]
    findings = {finding["provision"]: finding for finding in mixed["findings"]}

    assert mixed["ocr_pages"] == [BREACH_PAGE, GOVERNING_LAW_PAGE]
    assert same_verdicts(mixed, text) >= 14
    # The quotes of the clauses on the scanned pages were read by OCR, the others from the text layer.
    breach = findings["breach-notification"]["evidence"][0]
    assert breach["page"] == BREACH_PAGE and "seventy-two (72) hours" in breach["quote"]
    law = findings["connecticut-law"]["evidence"][0]
    assert law["page"] == GOVERNING_LAW_PAGE and "State of California" in law["quote"]
    assert findings["no-sale"]["evidence"][0]["page"] == 4


def test_the_text_report_marks_the_pages_and_quotes_read_by_ocr(scans: Path, ocr_engine: None) -> None:
    result = run_clausecheck(scans / "vendor-mixed.pdf", "--no-cache", "--jobs", "1", "--verbose", cwd=scans)
    report = " ".join(result.stdout.split())  # as read, whatever the terminal's width

    assert (f"read by OCR: pages {BREACH_PAGE}, {GOVERNING_LAW_PAGE}; check each quote from them against the page"
            in report)
    assert (f"State of California, without regard to its conflict of laws principles.” (page {GOVERNING_LAW_PAGE}, "
            "§ 13. Governing Law and Disputes > 13.1 Governing Law, read by OCR: check the quote against the page)"
            in report)
    no_sale = re.search(r"“Provider shall not sell Student Data.*?\)", report)
    assert no_sale and "page 4" in no_sale.group() and "read by OCR" not in no_sale.group()


def test_a_rulebook_change_reads_the_scan_from_the_ocr_cache(scans: Path, ocr_engine: None, tmp_path: Path) -> None:
    scan = scan_samples.mix_pages(VENDOR_PDF, scans / "vendor-scan.pdf", [GOVERNING_LAW_PAGE - 1], tmp_path / "law.pdf")
    first = documents(run_clausecheck(scan, "--format", "json", cwd=tmp_path))["law.pdf"]
    assert statuses(first)["connecticut-law"] == "conflict"
    # Change what OCR read, in the cache only: a run that reads the cache sees the change.
    entries = list((tmp_path / "cache").glob("ocr-v*/*/*.json"))
    assert len(entries) == 1
    entries[0].write_text(entries[0].read_text().replace("California", "Connecticut"))
    changed_rulebook = tmp_path / "rulebook.yaml"
    changed_rulebook.write_text((REPO / "rules" / "ct-student-data-privacy.yaml").read_text() + "\n# changed\n")

    again = documents(run_clausecheck(scan, "--format", "json", "--rules", changed_rulebook, cwd=tmp_path))
    afresh = documents(run_clausecheck(scan, "--format", "json", "--rules", changed_rulebook, "--no-cache",
                                       cwd=tmp_path))

    assert statuses(again["law.pdf"])["connecticut-law"] == "present"
    assert statuses(afresh["law.pdf"])["connecticut-law"] == "conflict"


def test_a_scan_replaced_while_ocr_reads_it_is_reported_and_cached_as_it_was_read(ocr_engine: None,
                                                                                  tmp_path: Path) -> None:
    from clausecheck.batch import check_files
    from clausecheck.cache import ResultCache
    from clausecheck.readers.ocr import OcrSettings, PageCache
    from clausecheck.readers.ocr_engine import engine_identity
    from clausecheck.rulebook import load_rulebook

    (law_page,) = scan_samples.render_pages(VENDOR_PDF, pages=[GOVERNING_LAW_PAGE - 1])
    scan = scan_samples.save_image_pdf([law_page], tmp_path / "law.pdf")
    read, saved_meanwhile = scan.read_bytes(), VENDOR_PDF.read_bytes()
    rulebook = load_rulebook(None)
    cache = ResultCache(tmp_path / "cache", [rulebook.sha256], provisions=rulebook.provisions)

    def save_another_version(path: str, done: int, total: int) -> None:
        scan.write_bytes(saved_meanwhile)

    [report] = check_files([str(scan)], [rulebook], jobs=1, timeout=0, cache=cache,
                           ocr=OcrSettings(cache_folder=tmp_path / "cache"), on_page=save_another_version)

    assert scan.read_bytes() == saved_meanwhile
    # What was checked, hashed and cached is the one-page scan that was read, not the 9-page text PDF.
    assert report.sha256 == hashlib.sha256(read).hexdigest()
    assert (report.pages, report.ocr_pages) == (1, (1,))
    assert cache.get(report.sha256, "law.pdf") is not None
    assert cache.get(hashlib.sha256(saved_meanwhile).hexdigest(), "law.pdf") is None
    assert PageCache(tmp_path / "cache", report.sha256, engine_identity()).get(1) is not None


def test_a_scan_shows_a_progress_bar_per_page_on_a_terminal(scans: Path, ocr_engine: None, tmp_path: Path) -> None:
    import pty

    scan = scan_samples.mix_pages(VENDOR_PDF, scans / "vendor-scan.pdf", [0, 1], tmp_path / "two-scanned.pdf")
    terminal, stderr = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "clausecheck", str(scan), "--no-cache"], cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=stderr,
                                   env={**os.environ, "PYTHONPATH": str(REPO / "src"), "CI": "", "TERM": "xterm"})
        os.close(stderr)
        shown = b""
        while True:
            try:
                chunk = os.read(terminal, 65536)
            except OSError:  # the checker closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(RUN_SECONDS) == 1
    finally:
        os.close(terminal)
    shown = shown.decode(errors="replace")
    assert "OCR pages" in shown and "two-scanned.pdf" in shown
    assert "0/2" in shown and "1/2" in shown and "2/2" in shown


def test_the_progress_bar_stays_off_the_terminal_when_stderr_is_not_one(scans: Path, ocr_engine: None,
                                                                          tmp_path: Path) -> None:
    scan = scan_samples.mix_pages(VENDOR_PDF, scans / "vendor-scan.pdf", [0], tmp_path / "one-scanned.pdf")
    result = run_clausecheck(scan, "--no-cache", cwd=tmp_path, CI=None)
    assert "OCR pages" not in result.stderr


def test_an_upside_down_scanned_page_is_read_the_right_way_up(ocr_engine: None, tmp_path: Path) -> None:
    (page,) = scan_samples.render_pages(VENDOR_PDF, pages=[GOVERNING_LAW_PAGE - 1])
    scan = scan_samples.save_image_pdf([page.rotate(180)], tmp_path / "upside-down.pdf")

    document = read_document(scan)

    assert "governed by the laws of the State of California" in document.text
    assert document.unread == ""


def test_a_page_ocr_reads_with_low_confidence_makes_a_missing_provision_review(
        ocr_engine: None, tmp_path: Path) -> None:
    from PIL import Image

    from clausecheck.engine import check_document
    from clausecheck.rulebook import load_rulebook

    breach_page, law_page = scan_samples.render_pages(VENDOR_PDF, pages=[BREACH_PAGE - 1, GOVERNING_LAW_PAGE - 1])
    # A page faxed at about 33 dpi: its words are still there, but OCR is unsure of most of them.
    coarse = law_page.resize((law_page.width // 6, law_page.height // 6), Image.Resampling.BOX)
    faxed = coarse.resize(law_page.size, Image.Resampling.NEAREST)
    scan = scan_samples.save_image_pdf([breach_page, faxed], tmp_path / "faxed.pdf")

    document = read_document(scan)
    findings = {finding.provision: finding for finding in check_document(document, load_rulebook(None))}

    assert document.ocr_pages == (1, 2)
    assert document.unread == "page 2 was read by OCR with low confidence"
    assert any(warning.startswith("page 2 read by OCR with low confidence") for warning in document.warnings)
    assert findings["breach-notification"].status == "conflict"  # read with confidence on page 1
    assert findings["severability"].status == "review"
    assert findings["severability"].reason.endswith("but page 2 was read by OCR with low confidence")


def test_a_scanned_page_ocr_finds_no_words_on_makes_a_missing_provision_review(ocr_engine: None,
                                                                               tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    (breach_page,) = scan_samples.render_pages(VENDOR_PDF, pages=[BREACH_PAGE - 1])
    drawing = Image.new("L", breach_page.size, 255)
    pen = ImageDraw.Draw(drawing)
    for stroke in range(40):  # a page of zigzags: ink, but nothing OCR takes for a word
        y = 150 + 50 * stroke
        pen.line([(100 + 60 * step, y + (25 if step % 2 else -25)) for step in range(25)], fill=0, width=5)
    scan = scan_samples.save_image_pdf([breach_page, drawing], tmp_path / "drawing.pdf")

    document = read_document(scan)

    assert document.unread == "OCR found no text on page 2"
    assert "OCR found no text on page 2 (illegible scan or a picture?); check it by hand" in document.warnings


def test_a_blank_scanned_page_is_not_counted_as_unread(ocr_engine: None, tmp_path: Path) -> None:
    from PIL import Image

    (law_page,) = scan_samples.render_pages(VENDOR_PDF, pages=[GOVERNING_LAW_PAGE - 1])
    scan = scan_samples.save_image_pdf([law_page, Image.new("L", law_page.size, 255)], tmp_path / "with-blank.pdf")

    document = read_document(scan)

    assert document.ocr_pages == (1, 2)
    assert document.unread == "" and document.warnings == ()


def test_ocr_never_refuses_a_scan_as_before(scans: Path, tmp_path: Path) -> None:
    result = run_clausecheck(scans / "vendor-scan.pdf", "--ocr", "never", cwd=tmp_path)

    assert result.returncode == 2
    assert "ERROR has no text layer (scanned?); run OCR, e.g. `ocrmypdf`, and try again" in result.stdout.splitlines()


def test_ocr_never_in_the_settings_file_does_the_same(scans: Path, tmp_path: Path) -> None:
    (tmp_path / ".clausecheck.yaml").write_text("ocr: never\n")
    result = run_clausecheck(scans / "vendor-scan.pdf", "--format", "json", cwd=tmp_path)
    (document,) = documents(result).values()
    assert document["error"] == "has no text layer (scanned?); run OCR, e.g. `ocrmypdf`, and try again"


def test_an_unknown_ocr_setting_is_an_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / ".clausecheck.yaml").write_text("jobs: 1\nocr: sometimes\n")
    result = run_clausecheck(VENDOR_PDF, cwd=tmp_path)
    assert result.returncode == 2
    assert (".clausecheck.yaml:2: 'ocr' in the settings must be one of auto, always, never, not 'sometimes'"
            in result.stderr)


def test_without_the_english_data_auto_names_the_package_to_install(scans: Path, tmp_path: Path) -> None:
    empty = tmp_path / "tessdata"
    empty.mkdir()
    result = run_clausecheck(scans / "vendor-scan.pdf", "--format", "json", cwd=tmp_path, TESSDATA_PREFIX=str(empty))
    (document,) = documents(result).values()

    assert result.returncode == 2
    assert document["error"] == (
        f"has no text layer (scanned?) and Tesseract's English data is not installed in TESSDATA_PREFIX "
        f"({empty}): apt-get install tesseract-ocr-eng, or set TESSDATA_PREFIX to the folder that holds "
        "eng.traineddata; or run OCR, e.g. `ocrmypdf`, and try again")


def test_without_tesserocr_auto_names_the_extra_to_install_and_reads_the_text_pages(scans: Path,
                                                                                    tmp_path: Path) -> None:
    # A None entry in sys.modules is how Python itself says a module cannot be imported.
    code = "import sys; sys.modules['tesserocr'] = None; from clausecheck.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, scans / "vendor-scan.pdf", scans / "vendor-mixed.pdf", "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, timeout=RUN_SECONDS,
        env=dict(os.environ, PYTHONPATH=str(REPO / "src"), CLAUSECHECK_CACHE_DIR=str(tmp_path / "cache")))
    found = documents(result)

    assert found["vendor-scan.pdf"]["error"] == (
        f"has no text layer (scanned?) and OCR is not installed: {INSTALL_OCR}; or run OCR, e.g. `ocrmypdf`, "
        "and try again")
    mixed = found["vendor-mixed.pdf"]
    assert mixed["ocr_pages"] == []
    assert mixed["warnings"] == [(f"2 of 10 pages (pages {BREACH_PAGE}, {GOVERNING_LAW_PAGE}) have no text layer "
                                  f"(scanned?) and were not read; OCR is not installed: {INSTALL_OCR}; or run OCR, "
                                  "e.g. `ocrmypdf`")]
    assert statuses(mixed)["breach-notification"] == "review"


def test_ocr_always_without_the_engine_is_one_clear_line(scans: Path, tmp_path: Path) -> None:
    empty = tmp_path / "tessdata"
    empty.mkdir()
    result = run_clausecheck(VENDOR_PDF, "--ocr", "always", cwd=tmp_path, TESSDATA_PREFIX=str(empty))

    assert result.returncode == 2
    assert result.stderr.startswith("clausecheck: error: OCR is set to always, but Tesseract's English data is "
                                    "not installed")
    assert "Traceback" not in result.stderr
