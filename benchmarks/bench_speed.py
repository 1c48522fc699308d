"""Speed of clausecheck against the floor: a bare Python process that only extracts the text with pypdfium2.

Measures, each as wall time of a fresh process (what a user waits for), best of N runs:
  1. `clausecheck --help`;
  2. one 30-page contract PDF, end to end (`clausecheck FILE --format json --no-cache`), made here from a
     corpus text with python-docx and LibreOffice (skipped if `soffice` is absent);
  3. the folder of real CUAD PDFs in one run with every core (`--jobs N --no-cache`).
and prints each beside the floor and as a ratio to it.

    python benchmarks/bench_speed.py [--shared ../shared] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Timing:
    wall: float  # best wall time of the runs
    cpu: float  # CPU time of the whole process tree in that run: steadier than wall on a busy machine
    output: str


def timed(command: list[str], runs: int) -> Timing:
    best = Timing(float("inf"), 0.0, "")
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu()
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        timing = Timing(time.perf_counter() - start, _children_cpu() - cpu, result.stdout)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command[:4])}... failed: {result.stderr[-500:]}")
        best = min(best, timing, key=lambda t: t.wall)
    return best


def clausecheck(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "clausecheck", *arguments]


def floor(paths: list[Path], runs: int) -> tuple[Timing, int]:
    timing = timed([sys.executable, "-c", FLOOR, *map(str, paths)], runs)
    return timing, int(timing.output.strip() or 0)


def thirty_page_docx(shared: Path, folder: Path) -> Path:
    """About 30 pages of 11-point contract text (a corpus services agreement) as a .docx."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    text = (shared / "corpus" / "texts" / "microsoft__services_agreement.txt").read_text(encoding="utf-8")
    text = text[:78000]  # about 30 pages of 11-point text, the size the target names
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    source = folder / "long-contract.docx"
    document.save(source)
    return source


def thirty_page_pdf(shared: Path, folder: Path) -> Path | None:
    if not shutil.which("soffice"):
        return None
    source = thirty_page_docx(shared, folder)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   capture_output=True, check=True, timeout=300)
    return folder / "long-contract.pdf"


def row(name: str, timing: Timing, floor_timing: Timing | None, note: str = "") -> None:
    if floor_timing is None:
        print(f"{name:<44} {timing.wall:7.3f}s {timing.cpu:7.3f}s {'':>17}  {note}")
        return
    print(f"{name:<44} {timing.wall:7.3f}s {timing.cpu:7.3f}s {floor_timing.wall:7.3f}s {floor_timing.cpu:7.3f}s "
          f"{timing.wall / floor_timing.wall:5.1f}x {timing.cpu / floor_timing.cpu:5.1f}x  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("CLAUSECHECK_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    cores = os.cpu_count() or 1
    # An installed package has its bytecode compiled at install time; give the source tree the same, or
    # every run would pay for compiling every module (PYTHONDONTWRITEBYTECODE stops Python caching it).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    print(f"{'measure':<44} {'wall':>8} {'cpu':>8} {'floor':>8} {'f.cpu':>8} {'wall':>6} {'cpu':>6}")
    row("clausecheck --help", timed(clausecheck("--help"), arguments.runs), None, "target < 0.150 s")
    with tempfile.TemporaryDirectory() as folder:
        pdf = thirty_page_pdf(arguments.shared, Path(folder))
        if pdf is not None:
            floor_timing, pages = floor([pdf], arguments.runs)
            timing = timed(clausecheck(str(pdf), "--format", "json", "--no-cache", "--jobs", "1"), arguments.runs)
            row(f"one {pages}-page contract PDF, end to end", timing, floor_timing, "target within 4x")
    cuad = sorted((arguments.shared / "cuad" / "pdf").glob("*"))
    if cuad:
        floor_timing, pages = floor(cuad, arguments.runs)
        timing = timed(clausecheck(str(arguments.shared / "cuad" / "pdf"), "--format", "json", "--no-cache",
                                   "--jobs", str(cores)), arguments.runs)
        row(f"{len(cuad)} CUAD PDFs ({pages} pages), --jobs {cores}", timing, floor_timing, "target within 5x")


if __name__ == "__main__":
    main()
