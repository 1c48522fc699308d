"""Speed of clausecheck against the floor: a bare Python process that only extracts the text with pypdfium2.

Measures, each as wall time of a fresh process (what a user waits for), best of N runs:
  1. `clausecheck --help`;
  2. one ~30-page contract PDF, end to end (`clausecheck FILE --format json --no-cache`), made here from a
     corpus text with python-docx and LibreOffice (skipped if `soffice` is absent);
  3. the folder of real CUAD PDFs in one run with every core (`--jobs N --no-cache`).
and prints each beside the floor and as a ratio to it.

    python benchmarks/bench_speed.py [--shared ../shared] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = """
import sys, pypdfium2
pages = 0
for path in sys.argv[1:]:
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_range()
        pages += 1
    pdf.close()
print(pages)
"""


def timed(command: list[str], runs: int) -> tuple[float, str]:
    best, output = float("inf"), ""
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        best = min(best, time.perf_counter() - start)
        output = result.stdout
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command[:4])}... failed: {result.stderr[-500:]}")
    return best, output


def clausecheck(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "clausecheck", *arguments]


def floor(paths: list[Path], runs: int) -> tuple[float, int]:
    seconds, output = timed([sys.executable, "-c", FLOOR, *map(str, paths)], runs)
    return seconds, int(output.strip() or 0)


def thirty_page_pdf(shared: Path, folder: Path) -> Path | None:
    if not shutil.which("soffice"):
        return None
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    text = (shared / "corpus" / "texts" / "microsoft__services_agreement.txt").read_text(encoding="utf-8")
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    source = folder / "long-contract.docx"
    document.save(source)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   capture_output=True, check=True, timeout=300)
    return folder / "long-contract.pdf"


def row(name: str, seconds: float, floor_seconds: float | None, note: str = "") -> None:
    ratio = f"{seconds / floor_seconds:5.1f}x" if floor_seconds else "     "
    floor_text = f"{floor_seconds:7.3f}s" if floor_seconds else "        "
    print(f"{name:<44} {seconds:7.3f}s  {floor_text}  {ratio}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("CLAUSECHECK_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    cores = os.cpu_count() or 1
    print(f"{'measure':<44} {'time':>8}  {'floor':>8}  {'ratio':>6}")
    help_seconds, _ = timed(clausecheck("--help"), arguments.runs)
    row("clausecheck --help", help_seconds, None, "target < 0.150 s")
    with tempfile.TemporaryDirectory() as folder:
        pdf = thirty_page_pdf(arguments.shared, Path(folder))
        if pdf is not None:
            floor_seconds, pages = floor([pdf], arguments.runs)
            seconds, _ = timed(clausecheck(str(pdf), "--format", "json", "--no-cache", "--jobs", "1"), arguments.runs)
            row(f"one {pages}-page contract PDF, end to end", seconds, floor_seconds, "target within 4x")
    cuad = sorted((arguments.shared / "cuad" / "pdf").glob("*"))
    if cuad:
        floor_seconds, pages = floor(cuad, arguments.runs)
        seconds, _ = timed(clausecheck(str(arguments.shared / "cuad" / "pdf"), "--format", "json", "--no-cache",
                                       "--jobs", str(cores)), arguments.runs)
        row(f"{len(cuad)} CUAD PDFs ({pages} pages), --jobs {cores}", seconds, floor_seconds, "target within 5x")


if __name__ == "__main__":
    main()
