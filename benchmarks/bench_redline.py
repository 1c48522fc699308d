"""Time to write a redline: `clausecheck redline` as a fresh process, wall and CPU time, over N runs.

Measures the samples (the non-compliant sample as the DOCX its PDF is printed from, the PDF itself, which
gets a standalone amendment, and the compliant sample, which needs none) and a 30-page contract made as in
bench_speed.py from a corpus services agreement (skipped without ../shared). Prints min, median and max,
since one busy machine shared by several people spreads single timings widely.

    python benchmarks/bench_redline.py [--shared ../shared] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "samples"))

from bench_speed import clausecheck, thirty_page_docx, timed


def vendor_docx(folder: Path) -> Path:
    """The non-compliant sample as a .docx, built the way samples/build_samples.py builds its PDF's source."""
    import build_samples

    document = build_samples.new_document()
    build_samples.set_running_header_and_footer(document, "BrightPath Learning \u2014 Master Subscription Agreement")
    build_samples.render(build_samples.parse_source(
        (ROOT / "samples" / "source" / "vendor-agreement.md").read_text(encoding="utf-8")), document)
    path = folder / "vendor-agreement.docx"
    build_samples.save_docx(document, path, "BrightPath Learning Master Subscription Agreement")
    return path


def measure(name: str, contract: Path, folder: Path, runs: int) -> None:
    output = folder / f"{contract.stem}-out.docx"
    walls, cpus = [], []
    for _ in range(runs):
        timing = timed(clausecheck("redline", str(contract), "--date", "2025-07-01", "-o", str(output)), 1)
        walls.append(timing.wall)
        cpus.append(timing.cpu)
    print(f"{name:<52} wall {min(walls):6.3f} / {statistics.median(walls):6.3f} / {max(walls):6.3f} s   "
          f"cpu {min(cpus):6.3f} / {statistics.median(cpus):6.3f} / {max(cpus):6.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("CLAUSECHECK_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    print(f"clausecheck redline, {arguments.runs} runs each: min / median / max")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        measure("non-compliant sample, DOCX (redline)", vendor_docx(folder), folder, arguments.runs)
        measure("non-compliant sample, PDF (amendment)", ROOT / "samples" / "vendor-agreement.pdf", folder,
                arguments.runs)
        measure("compliant sample, DOCX (nothing to amend)", ROOT / "samples" / "ct-data-privacy-agreement.docx",
                folder, arguments.runs)
        if (arguments.shared / "corpus" / "texts").is_dir():
            long_contract = thirty_page_docx(arguments.shared, folder)
            measure("30-page contract, DOCX (redline)", long_contract, folder, arguments.runs)
        else:
            print(f"30-page contract: skipped, no corpus at {arguments.shared}")


if __name__ == "__main__":
    main()
