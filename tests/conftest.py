"""Shared fixtures: real PDF and DOCX artefacts, built with python-docx, LibreOffice or by hand."""

from __future__ import annotations

import importlib.util
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NO_SOFFICE = ("LibreOffice (soffice) is not installed, so no PDF can be printed from a .docx; "
              "CI installs it (apt-get install libreoffice-writer)")


def load_script(name: str, path: Path):
    """Import a script of the repository (samples/, benchmarks/) that is not part of the package."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


# samples/build_samples.py holds the python-docx and LibreOffice helpers the samples are built with.
sample_builder = load_script("build_samples", REPO / "samples" / "build_samples.py")


# --- Two tiers: the quick tests (`python3 -m pytest`) and the end-to-end ones (`-m slow`) -----------------

# Tests that need a program outside Python or the shared data, or that run the CLI as a child process on
# purpose: LibreOffice (printing DOCX to PDF), Chromium (the HTML report), Tesseract (scans), the corpus and
# CUAD (accuracy floors), and the hostile-input suites, whose child processes are what a hang, a signal, a
# device as output or a traceback is caught in; every documented command; the installed entry point.
SLOW_FIXTURES = frozenset({"soffice", "shared_dir"})
SLOW_MODULES = frozenset({"test_report_html_browser", "test_ocr", "test_hostile_signals", "test_hostile_fuzz",
                          "test_hostile_cli", "test_hostile_inputs", "test_hostile_output", "test_hostile_rulebook",
                          "test_hostile_settings", "test_hostile_templates", "test_readme", "test_batch_examples",
                          "test_accuracy", "test_contractnli_benchmark", "test_cli_check"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.module.__name__ in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared read-only data (CUAD PDFs, corpus texts): $CLAUSECHECK_SHARED or ../shared."""
    location = Path(os.environ.get("CLAUSECHECK_SHARED") or REPO.parent / "shared")
    if not location.is_dir():
        pytest.skip(f"shared data not found at {location}; set CLAUSECHECK_SHARED to its directory")
    return location


@pytest.fixture(scope="session")
def ocr_engine() -> None:
    """Tesseract with its English data, or the test skips saying what is missing."""
    from clausecheck.readers.ocr_engine import engine_problem

    problem = engine_problem()
    if problem:
        pytest.skip(f"OCR is not available here ({problem}); CI installs it")


@pytest.fixture(scope="session")
def soffice() -> str:
    path = sample_builder.soffice_path()
    if path is None:
        pytest.skip(NO_SOFFICE)
    return path


# --- Hand-written PDFs: tiny, exact, no LibreOffice needed ---------------------------------------

def write_file(folder: Path, name: str, text: str) -> Path:
    """`text`, dedented, as the file `name` in `folder` (a rulebook, settings or contract a test writes)."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def pdf_bytes(pages: list[list[str] | None], *, encrypted: bool = False, font_size: int = 11) -> bytes:
    """A minimal valid PDF. Each page is a list of text lines (Helvetica, top to bottom) or None for a
    page holding only an image, like a scan without OCR. `encrypted` adds a standard security handler
    whose password nobody knows."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog, page_tree = add(b""), add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pixels = bytes(range(0, 256, 4))
    image = add(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")
    kids = []
    for lines in pages:
        if lines is None:
            stream = b"q 400 0 0 600 100 100 cm /Im1 Do Q"
        else:
            leading = font_size + 3
            operations = [b"BT", b"/F1 %d Tf %d TL 72 760 Td" % (font_size, leading)]
            for line in lines:
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                operations.append(b"(" + escaped.encode("cp1252") + b") Tj T*")
            operations.append(b"ET")
            stream = b"\n".join(operations)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> "
            b"/XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>" % (page_tree, font, image, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    trailer_extra = b""
    if encrypted:
        security = add(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32
                       + b"> /P -4 >>")
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s><%s>]" % (security, b"0f" * 16, b"0f" * 16)
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, trailer_extra, xref)
    return bytes(output)


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """make_pdf(pages, name="doc.pdf", encrypted=False) writes a hand-made PDF and returns its path."""
    def make(pages: list[list[str] | None], name: str = "doc.pdf", **options) -> Path:
        path = tmp_path / name
        path.write_bytes(pdf_bytes(pages, **options))
        return path
    return make


# --- A contract printed by LibreOffice, with the traps real PDFs have ----------------------------

RUNNING_HEADER = "Acme Test Header \u2014 Confidential Draft"
HYPHENATION_TRAP = "Each district registration of pre-paid accounts is reconciled monthly."


def long_clauses(count: int) -> list[str]:
    """Distinct sentences long enough that several of them cross a page break."""
    subjects = ("The Provider", "Each party", "The District", "Any subcontractor", "The auditor")
    duties = ("shall keep accurate records of every service it performs under the agreement",
              "shall answer written questions from the other party within a reasonable time",
              "shall store working papers in a locked cabinet or an encrypted repository",
              "shall describe in writing any change that affects how information is handled")
    return [f"{subjects[n % len(subjects)]} {duties[n % len(duties)]}, and this is obligation "
            f"number {n + 1} of the schedule, which stays in force until the contract ends and for "
            f"one further school year after that." for n in range(count)]


@pytest.fixture(scope="session")
def contract_docx(tmp_path_factory) -> Path:
    """A .docx with a running header, "Page N of M" footer, headings, soft hyphens and hard hyphens
    placed so that some of them fall at line ends, and clauses that run across page breaks."""
    document = sample_builder.new_document()
    sample_builder.set_running_header_and_footer(document, RUNNING_HEADER)
    document.add_paragraph("Services Agreement", style="Title")
    document.add_heading("1. Definitions", level=1)
    clauses = long_clauses(36)
    for start in range(0, 18, 3):
        document.add_paragraph(" ".join(clauses[start:start + 3]))
    document.add_heading("2. Data Security", level=1)
    document.add_heading("2.1 Encryption", level=2)
    document.add_paragraph("Encryption keys are rotated every ninety days by the Provider.")
    # Varying lead-ins move the trap words along the line, so some land at a line end.
    trap = HYPHENATION_TRAP.replace("registration", "regis\u00adtration")
    for lead in range(14):
        document.add_paragraph(" ".join(["Then"] * lead + [trap] * 3))
    document.add_heading("3. Records", level=1)
    for start in range(18, 36, 3):
        document.add_paragraph(" ".join(clauses[start:start + 3]))
    path = tmp_path_factory.mktemp("contract") / "contract.docx"
    sample_builder.save_docx(document, path, "Services Agreement")
    return path


@pytest.fixture(scope="session")
def contract_pdf(contract_docx: Path, soffice: str) -> Path:
    return sample_builder.convert_to_pdf(contract_docx, contract_docx.parent)


@pytest.fixture(scope="session")
def password_pdf(contract_docx: Path, soffice: str, tmp_path_factory) -> Path:
    """The contract printed by LibreOffice with an open password."""
    export = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
              '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    return sample_builder.convert_to_pdf(contract_docx, tmp_path_factory.mktemp("locked"), export)


@pytest.fixture(scope="session")
def vendor_docx(tmp_path_factory) -> Path:
    """The non-compliant sample (samples/source/vendor-agreement.md) as the DOCX its PDF is printed from."""
    document = sample_builder.new_document()
    sample_builder.set_running_header_and_footer(document, "BrightPath Learning \u2014 Master Subscription Agreement")
    sample_builder.render(sample_builder.parse_source(
        (REPO / "samples" / "source" / "vendor-agreement.md").read_text(encoding="utf-8")), document)
    path = tmp_path_factory.mktemp("samples") / "vendor-agreement.docx"
    sample_builder.save_docx(document, path, "BrightPath Learning Master Subscription Agreement")
    return path


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A test that works in its own folder with its own result cache and no CI variable (modules that
    run the CLI on files use it for every test: `pytestmark = pytest.mark.usefixtures("isolated")`)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("CLAUSECHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CI", raising=False)
    return work


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's folder as the working folder, with plain wide terminal output."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


@pytest.fixture(scope="session")
def rulebook():
    """The bundled Connecticut rulebook, loaded once."""
    from clausecheck.rulebook import load_rulebook

    return load_rulebook(None)


@pytest.fixture
def slow_checker(monkeypatch: pytest.MonkeyPatch) -> str:
    """A stand-in checker that sleeps on files whose name starts with "slow": the time limit is tested
    without depending on how fast this machine checks a long contract. The workers fork from this
    process (on Linux), so they inherit the stand-in."""
    import time

    import clausecheck.runner as runner

    real = runner.check_file

    def check_file(path, *arguments, **options):
        if Path(path).name.startswith("slow"):
            time.sleep(120)
        return real(path, *arguments, **options)

    monkeypatch.setattr(runner, "check_file", check_file)
    return "slow"
