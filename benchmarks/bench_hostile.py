"""Reading hostile text grows linearly with its size: time to read each kind at n, 2n and 4n.

    python3 benchmarks/bench_hostile.py [--repeat N]

Each row reads a file built to make a reader slow (one paragraph of many lines, Markdown of unclosed
links, a heading of spaces) at three sizes; the ratios show the growth: about 2 for each doubling when
linear, about 4 when quadratic. Reading only (clausecheck.readers.read_document), best of N runs; the
engine's time on such text is its own (bench_speed.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from clausecheck.readers import read_document

KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    "paragraph of n lines": (".txt", lambda n: "Agreement\n\n" + "data kept\n" * n),
    "Markdown, n unclosed links": (".md", lambda n: "# Terms\n\n**Bold**\n\n" + "[x](" * n + "\n"),
    "Markdown, n [ without ]": (".md", lambda n: "# Terms\n\n**Bold**\n\n" + "[" * (4 * n) + "\n"),
    "ATX heading of n spaces": (".md", lambda n: "# a" + " " * (4 * n) + "b\n\nText.\n"),
}
SIZES = (50_000, 100_000, 200_000)


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    print(f"{'input':30} " + " ".join(f"{size:>10,}" for size in SIZES) + "   x2 ratios")
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, make) in KINDS.items():
            seconds = []
            for size in SIZES:
                path = Path(folder) / f"hostile{suffix}"
                path.write_text(make(size))
                seconds.append(best_of(repeat, partial(read_document, path)))
            ratios = " ".join(f"{later / max(earlier, 1e-9):4.1f}" for earlier, later in zip(seconds, seconds[1:]))
            print(f"{name:30} " + " ".join(f"{value:9.3f}s" for value in seconds) + f"   {ratios}")


if __name__ == "__main__":
    main()
