"""Which way of running Tesseract reads scanned contracts best and fastest: the measurement behind the choice.

    python benchmarks/compare_ocr_engines.py            # needs the ocr extra, pytesseract and ocrmypdf
    python benchmarks/compare_ocr_engines.py --repeat 3 --json

The bundled samples (vendor-agreement.pdf, and ct-data-privacy-agreement.docx printed to PDF by
LibreOffice) are rendered to 200 dpi greyscale images and rebuilt as image-only PDFs, clean and skewed
with speckle (samples/scan_samples.py). Each engine then reads every scan:

- tesserocr: pypdfium2 renders each page, Tesseract's C++ API recognises it in this process;
- pytesseract: pypdfium2 renders each page, `image_to_data` runs the `tesseract` program on it;
- ocrmypdf: OCRmyPDF's Python API adds a text layer (`output_type="pdf"`), pypdfium2 reads it.

Quality is the word error rate against the text PDF's own text layer (words lowercased, punctuation
dropped) and, for the engines that make a PDF or a Document, the verdicts of the bundled rulebook
compared with those on the text PDF. Speed is pages per second (slowest and fastest of --repeat runs,
the engines taking turns), one page at a time (OMP_THREAD_LIMIT=1, as in a batch where every core has a file), rendering
included. The raw engines here read the plain rendered page; clausecheck's own reader (the verdicts of
"tesserocr") also despeckles it (readers/ocr_engine.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPOSITORY / "src"), str(REPOSITORY / "samples")]

import build_samples
import scan_samples

WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def text_layer(pdf_path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[index].get_textpage().get_text_range() for index in range(len(pdf))]
    finally:
        pdf.close()


def word_error_rate(reference: list[str], hypothesis: list[str]) -> float:
    from rapidfuzz.distance import Levenshtein

    expected = [word for page in reference for word in words(page)]
    found = [word for page in hypothesis for word in words(page)]
    return Levenshtein.distance(expected, found) / max(1, len(expected))


def with_tesserocr(scan: Path, work: Path) -> list[str]:
    import tesserocr

    from clausecheck.readers.ocr_engine import tessdata_folder

    pages = []
    with tesserocr.PyTessBaseAPI(path=tessdata_folder(), lang="eng") as api:
        for image in scan_samples.render_pages(scan):
            api.SetImage(image)
            api.SetSourceResolution(scan_samples.DPI)
            pages.append(api.GetUTF8Text())
    return pages


def with_pytesseract(scan: Path, work: Path) -> list[str]:
    import pytesseract

    pages = []
    for image in scan_samples.render_pages(scan):
        data = pytesseract.image_to_data(image, config=f"--dpi {scan_samples.DPI}",
                                         output_type=pytesseract.Output.DICT)
        pages.append(" ".join(word for word in data["text"] if word.strip()))
    return pages


def with_ocrmypdf(scan: Path, work: Path) -> list[str]:
    """OCRmyPDF's text layer, which it writes to `ocrmypdf_output(scan, work)`."""
    import logging

    import ocrmypdf

    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    output = ocrmypdf_output(scan, work)
    ocrmypdf.ocr(scan, output, output_type="pdf", jobs=1, progress_bar=False, optimize=0)
    return text_layer(output)


def ocrmypdf_output(scan: Path, work: Path) -> Path:
    return work / f"{scan.stem}-ocrmypdf.pdf"


ENGINES = {"tesserocr": with_tesserocr, "pytesseract": with_pytesseract, "ocrmypdf": with_ocrmypdf}


def verdicts(path: Path, ocr: str) -> dict[str, str]:
    from clausecheck.engine import check_document
    from clausecheck.readers import read_document
    from clausecheck.readers.ocr import OcrSettings
    from clausecheck.rulebook import load_rulebook

    document = read_document(path, OcrSettings(mode=ocr))
    return {finding.provision: finding.status for finding in check_document(document, load_rulebook(None))}


def clausecheck_verdicts(engine: str, scan: Path, work: Path) -> dict[str, str] | None:
    """The verdicts on what the engine read: clausecheck's own OCR (tesserocr) on the scan, or the
    reader on OCRmyPDF's output; None for pytesseract, which gives text but no PDF or Document."""
    if engine == "tesserocr":
        return verdicts(scan, "always")
    if engine == "ocrmypdf":
        return verdicts(ocrmypdf_output(scan, work), "never")
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="clausecheck-ocr-compare-") as work:
        folder = Path(work)
        ct_pdf = build_samples.convert_to_pdf(REPOSITORY / "samples" / "ct-data-privacy-agreement.docx", folder)
        for source in (REPOSITORY / "samples" / "vendor-agreement.pdf", ct_pdf):
            reference = text_layer(source)
            expected = verdicts(source, "never")
            for kind, skew, speckle in (("clean", 0.0, 0.0), ("skewed+speckle", 1.5, 0.001)):
                scan = scan_samples.scan_pdf(source, folder / f"{source.stem}-{kind}.pdf", skew_degrees=skew,
                                             speckle=speckle)
                engines = arguments.engines.split(",")
                times: dict[str, list[float]] = {engine: [] for engine in engines}
                pages: dict[str, list[str]] = {}
                for _ in range(arguments.repeat):  # engines take turns, so each meets the same load
                    for engine in engines:
                        start = time.perf_counter()
                        pages[engine] = ENGINES[engine](scan, folder)
                        times[engine].append(time.perf_counter() - start)
                for engine in engines:
                    count = len(pages[engine])
                    row = {"document": source.name, "scan": kind, "engine": engine, "pages": count,
                           "wer": round(word_error_rate(reference, pages[engine]), 4),
                           "pages_per_second": [round(count / max(times[engine]), 3),
                                                round(count / min(times[engine]), 3)]}
                    found = clausecheck_verdicts(engine, scan, folder)
                    if found is not None:
                        row["same_verdicts"] = f"{sum(found[key] == expected[key] for key in expected)}/{len(expected)}"
                        row["differences"] = {key: f"{expected[key]} -> {found[key]}"
                                              for key in expected if found[key] != expected[key]}
                    rows.append(row)
                    if not arguments.json:
                        print(json.dumps(row), flush=True)
    if arguments.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
