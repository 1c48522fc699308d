"""Reader speed: the PDF reader against a bare pypdfium2 text loop (the floor), and .docx and text reading.

    PYTHONPATH=src python benchmarks/bench_readers.py [--repeat N]

PDFs are the CUAD contracts in the shared data ($CLAUSECHECK_SHARED or ../shared), .docx files the
samples, text files the corpus. Each figure is the best of N runs, to keep other load out of it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from clausecheck.readers import read_document


def shared_dir() -> Path:
    return Path(os.environ.get("CLAUSECHECK_SHARED") or REPO.parent / "shared")


def bare_pdfium_pages(path: Path) -> int:
    """The floor: open the PDF and pull each page's text, nothing else."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def reader_pages(path: Path) -> int:
    return read_document(path).pages or 1


def reader_blocks(path: Path) -> int:
    return len(read_document(path).blocks)


def best_time(files: list[Path], work: Callable[[Path], int], repeat: int) -> tuple[float, int]:
    """The fastest of `repeat` passes over `files`, and the units `work` reported in a pass."""
    best, units = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        units = sum(work(path) for path in files)
        best = min(best, time.perf_counter() - started)
    return best, units


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat

    pdfs = sorted((shared_dir() / "cuad" / "pdf").glob("*.[Pp][Dd][Ff]"))
    texts = sorted((shared_dir() / "corpus" / "texts").glob("*.txt"))
    docxs = sorted((REPO / "samples").glob("*.docx"))
    if not pdfs:
        print(f"no CUAD PDFs under {shared_dir()}; set CLAUSECHECK_SHARED", file=sys.stderr)
        return 1
    read_document(pdfs[0])  # load PDFium and python-docx before timing
    read_document(docxs[0]) if docxs else None

    rows = []
    floor_seconds, pages = best_time(pdfs, bare_pdfium_pages, repeat)
    reader_seconds, _ = best_time(pdfs, reader_pages, repeat)
    rows.append(("PDF floor: bare pypdfium2 text", len(pdfs), pages, "pages", floor_seconds))
    rows.append(("PDF reader: read_document", len(pdfs), pages, "pages", reader_seconds))
    if docxs:
        seconds, blocks = best_time(docxs * 10, reader_blocks, repeat)
        rows.append((".docx reader (samples x10)", len(docxs) * 10, blocks, "blocks", seconds))
    if texts:
        seconds, blocks = best_time(texts, reader_blocks, repeat)
        megabytes = sum(path.stat().st_size for path in texts) / 2**20
        rows.append((f"text reader (corpus, {megabytes:.1f} MB)", len(texts), blocks, "blocks", seconds))

    print(f"{'what':40} {'files':>6} {'units':>8} {'seconds':>8} {'units/s':>10} {'files/s':>8}")
    for name, files, units, unit, seconds in rows:
        print(f"{name:40} {files:6d} {units:6d} {unit[:1]} {seconds:8.3f} {units / seconds:10.0f} "
              f"{files / seconds:8.1f}")
    print(f"\nPDF reader speed: {pages / reader_seconds:.0f} pages/s against a floor of "
          f"{pages / floor_seconds:.0f} pages/s ({reader_seconds / floor_seconds:.1f}x the floor's time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
