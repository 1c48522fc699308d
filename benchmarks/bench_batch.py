"""Batch speed: a folder of real contracts checked with one job, with two, and again from the cache.

    python benchmarks/bench_batch.py                    # 200 files from ../shared (corpus texts, CUAD PDFs)
    python benchmarks/bench_batch.py --files 60 --json  # smaller, machine-readable

Every copy is made unique (a line added to a text, a comment after a PDF's end), so the cache cannot
answer one copy from another within a run. Each run is `python -m clausecheck FOLDER --format json`
in a subprocess, timed from start to exit, so the figures include start-up as a user sees it. The
runs use a snapshot of src/ (and the rulebooks), so an edit made meanwhile in the work tree cannot
change the checker, and with it the cache key, between the cold and the warm run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY.parent / "shared"


def sources(shared: Path) -> list[Path]:
    texts = sorted((shared / "corpus" / "texts").glob("*.txt"))
    pdfs = sorted(path for path in (shared / "cuad" / "pdf").iterdir() if path.suffix.lower() == ".pdf")
    if not texts and not pdfs:
        sys.exit(f"no contracts under {shared}: pass --shared")
    return texts + pdfs


def build_folder(folder: Path, originals: list[Path], count: int) -> dict[str, int]:
    kinds = {"text": 0, "pdf": 0}
    for number in range(count):
        original = originals[number % len(originals)]
        copy = number // len(originals)
        target = folder / f"{copy:02d}-{original.name}"
        data = original.read_bytes()
        if original.suffix.lower() == ".pdf":
            data += f"\n% clausecheck benchmark copy {copy}\n".encode()
            kinds["pdf"] += 1
        else:
            data += f"\n\nBenchmark copy {copy}.\n".encode()
            kinds["text"] += 1
        target.write_bytes(data)
    return kinds


def snapshot(work: Path) -> Path:
    """A copy of the checker's source and bundled rulebooks, laid out like the repository."""
    shutil.copytree(REPOSITORY / "src", work / "checker" / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPOSITORY / "rules", work / "checker" / "rules")
    return work / "checker" / "src"


def timed_run(folder: Path, cache: Path, source: Path, *options: str) -> tuple[float, float, dict]:
    """Wall-clock seconds, CPU seconds (the run and its worker processes) and the run's summary."""
    environment = {**os.environ, "CLAUSECHECK_CACHE_DIR": str(cache),
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH")]))}
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.run([sys.executable, "-m", "clausecheck", str(folder), "--format", "json", *options],
                             env=environment, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    if process.returncode not in (0, 1, 2):
        sys.exit(f"clausecheck failed ({process.returncode}): {process.stderr[-2000:]}")
    report = json.loads(process.stdout)
    return elapsed, cpu, report["summary"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _burn(count: int) -> int:
    total = 0
    for number in range(count):
        total += number * number
    return total


def parallel_capacity(count: int = 15_000_000) -> float:
    """How much faster two processes do two equal pure-Python loops than one process does them in turn:
    2.0 on two idle cores, less when other work shares the machine. It puts the --jobs figures in context."""
    import multiprocessing

    started = time.perf_counter()
    _burn(count)
    _burn(count)
    serial = time.perf_counter() - started
    started = time.perf_counter()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(2) as pool:
        pool.map(_burn, [count, count])
    return serial / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args()
    load_before = os.getloadavg()[0]  # other processes competing for the cores
    capacity = parallel_capacity()

    work = Path(tempfile.mkdtemp(prefix="clausecheck-bench-"))
    try:
        folder = work / "contracts"
        folder.mkdir()
        kinds = build_folder(folder, sources(arguments.shared), arguments.files)
        source = snapshot(work)
        one, one_cpu, summary = timed_run(folder, work / "unused", source, "--no-cache", "--jobs", "1")
        two, two_cpu, _ = timed_run(folder, work / "unused", source, "--no-cache", "--jobs", "2")
        cold, _, _ = timed_run(folder, work / "cache", source, "--jobs", "2")
        warm, _, warm_summary = timed_run(folder, work / "cache", source, "--jobs", "2")
        assert warm_summary == summary, (summary, warm_summary)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    figures = {"files": arguments.files, **kinds, "cores": os.cpu_count(), "summary": summary,
               "load_average_before": round(load_before, 2), "parallel_capacity": round(capacity, 2),
               "jobs1_s": round(one, 2), "jobs1_cpu_s": round(one_cpu, 2),
               "jobs2_s": round(two, 2), "jobs2_cpu_s": round(two_cpu, 2), "jobs_speedup": round(one / two, 2),
               "cold_cache_s": round(cold, 2), "warm_cache_s": round(warm, 2), "cache_speedup": round(cold / warm, 1)}
    if arguments.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{arguments.files} files ({kinds['text']} text, {kinds['pdf']} PDF), {os.cpu_count()} cores; "
          f"{summary['compliant']} compliant, {summary['with_findings']} with findings, "
          f"{summary['unreadable']} unreadable")
    print(f"load average before the runs {load_before:.2f}; two processes run {capacity:.2f}x as fast as one "
          "on this machine now (2.00 when both cores are idle)")
    print(f"--jobs 1: {one:7.2f} s   ({one_cpu:.1f} s of CPU)")
    print(f"--jobs 2: {two:7.2f} s   ({two_cpu:.1f} s of CPU; {one / two:.2f}x faster)")
    print(f"cold cache (--jobs 2): {cold:7.2f} s")
    print(f"warm cache:            {warm:7.2f} s   ({cold / warm:.1f}x faster)")


if __name__ == "__main__":
    main()
