"""OCR speed: pages per second, and a 10-page scan checked end to end, cold and from the caches.

    python benchmarks/bench_ocr.py                # needs the ocr extra and Tesseract's English data
    python benchmarks/bench_ocr.py --repeat 5 --json

The scan is samples/vendor-agreement.pdf (10 pages) rendered to 200 dpi greyscale images and rebuilt
as an image-only PDF (samples/scan_samples.py). Measured:

- pages/s of the reader alone (`read_document` with OCR on every page: rendering, despeckling,
  recognition, layout), with one thread and with one per core;
- `clausecheck SCAN --format json` in a subprocess, timed from start to exit: cold (empty cache), cached
  (the same run again: the result cache answers), and after a rulebook change (the result cache
  misses, the OCR page cache answers), each with a fresh cache folder per repeat.

Each figure is given as the fastest, median and slowest of --repeat runs: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPOSITORY / "src"), str(REPOSITORY / "samples")]

import scan_samples
from clausecheck.readers import read_document
from clausecheck.readers.ocr import OcrSettings
from clausecheck.readers.ocr_engine import engine_problem


def seconds_range(times: list[float]) -> list[float]:
    """Fastest, median and slowest."""
    return [round(min(times), 2), round(statistics.median(times), 2), round(max(times), 2)]


def reader_pages_per_second(scan: Path, threads: int, repeat: int) -> tuple[int, list[float]]:
    times, pages = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        document = read_document(scan, OcrSettings(mode="auto", threads=threads))
        times.append(time.perf_counter() - start)
        pages = len(document.ocr_pages)
    return pages, [round(pages / time_, 2) for time_ in reversed(seconds_range(times))]  # slowest, median, fastest


def run_check(scan: Path, cache: Path, *options: str) -> float:
    environment = dict(os.environ, PYTHONPATH=str(REPOSITORY / "src"), CLAUSECHECK_CACHE_DIR=str(cache))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "clausecheck", str(scan), "--format", "json", *options],
                            capture_output=True, text=True, env=environment, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1) or not json.loads(result.stdout)["documents"][0]["ocr_pages"]:
        sys.exit(f"the check failed or read no page by OCR:\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    problem = engine_problem()
    if problem:
        sys.exit(problem)

    with tempfile.TemporaryDirectory(prefix="clausecheck-bench-ocr-") as work:
        folder = Path(work)
        scan = scan_samples.scan_pdf(REPOSITORY / "samples" / "vendor-agreement.pdf", folder / "scan.pdf")
        rulebook = folder / "changed-rulebook.yaml"
        rulebook.write_text((REPOSITORY / "rules" / "ct-student-data-privacy.yaml").read_text() + "\n# changed\n")
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        rows: dict[str, object] = {"cores": cores}
        for threads in sorted({1, cores}):
            pages, rate = reader_pages_per_second(scan, threads, arguments.repeat)
            rows["pages"] = pages
            rows[f"reader pages/s, {threads} thread(s)"] = rate
        cold, cached, rulebook_changed = [], [], []
        for number in range(arguments.repeat):
            cache = folder / f"cache-{number}"
            cold.append(run_check(scan, cache))
            cached.append(run_check(scan, cache))
            rulebook_changed.append(run_check(scan, cache, "--rules", str(rulebook)))
        rows["end to end, cold (s)"] = seconds_range(cold)
        rows["end to end, cached (s)"] = seconds_range(cached)
        rows["end to end, rulebook changed, OCR cached (s)"] = seconds_range(rulebook_changed)
    if arguments.json:
        print(json.dumps(rows, indent=2))
    else:
        print("each: slowest / median / fastest pages/s, or fastest / median / slowest seconds")
        for name, value in rows.items():
            shown = " / ".join(map(str, value)) if isinstance(value, list) else value
            print(f"{name:<48} {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
