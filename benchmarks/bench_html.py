"""HTML report speed and size: render time in Python, file size, and how fast Chromium opens it and
answers the index's sort and filter, for batches of 50 and 200 contracts.

    python benchmarks/bench_html.py                 # 50 and 200 documents, 5 repeats each
    python benchmarks/bench_html.py --sizes 50 --repeats 9 --json

The contracts come from tests/contract_folder.py (the bundled samples, their sources with a section left
out, contracts written from the rulebook's examples, a truncated PDF, a contract carrying markup). They are
checked once per size, in process as `clausecheck check` does; then the report is rendered `--repeats` times
(best and worst given) and opened as many times in a fresh headless Chromium tab. Browser figures come from
the page's own clock: the navigation's load event (HTML parsed, styles applied, script run), the first
contentful paint, and the time from a click on a sort button or a filter change until the next frame.
Chromium needs Playwright (`pip install '.[test]'`); without it only the Python figures are given.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPOSITORY / "src"), str(REPOSITORY / "tests")]

from clausecheck.verdict import CheckRun
from contract_folder import build_contract_folder
from test_batch import contract

# The page's own measures, read after load: navigation timing and paint entries, then one sort and one
# filter change, each timed from the event to the frame after it (requestAnimationFrame twice).
PAGE_TIMINGS = """async () => {
  const [navigation] = performance.getEntriesByType("navigation");
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const nextFrame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const timed = async action => { const start = performance.now(); action(); await nextFrame();
                                  return performance.now() - start; };
  const sort = await timed(() => document.querySelector("th[data-key=conflict] button").click());
  const filter = await timed(() => { const select = document.getElementById("filter");
                                     select.value = "missing"; select.dispatchEvent(new Event("change")); });
  const scroll = await timed(() => window.scrollTo(0, document.body.scrollHeight));
  return {load: navigation.loadEventEnd, paint: paint ? paint.startTime : null, sort, filter, scroll,
          elements: document.getElementsByTagName("*").length};
}"""


def check_run(folder: Path) -> CheckRun:
    from clausecheck.batch import run_batch
    from clausecheck.config import load_config
    from clausecheck.pipeline import RunOptions, batch_request

    return run_batch(batch_request([str(folder)], RunOptions(no_cache=True, no_baseline=True), load_config(None)))


def render_times(run, repeats: int) -> tuple[list[float], str]:
    from clausecheck.report.formats import render

    times, html = [], ""
    for _ in range(repeats):
        started = time.perf_counter()
        html = render("html", run)
        times.append(time.perf_counter() - started)
    return times, html


def browser_times(report: Path, repeats: int) -> list[dict] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    from headless import chromium_path, launch, open_report

    if chromium_path() is None:
        return None
    figures = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for _ in range(repeats):
            opened = open_report(browser, report, width=1280, height=900)
            figures.append(opened.page.evaluate(PAGE_TIMINGS))
            if opened.console_errors or opened.network_requests or opened.errors:
                sys.exit(f"the report logged errors or made requests: {opened.console_errors} "
                         f"{opened.network_requests} {opened.errors}")
            opened.page.context.close()
        browser.close()
    return figures


def spread(values: list[float], unit: float = 1.0, digits: int = 3) -> str:
    values = [value * unit for value in values]
    return f"{min(values):.{digits}f} (median {statistics.median(values):.{digits}f}, worst {max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="machine-readable figures")
    arguments = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="clausecheck-bench-html-") as work:
        for size in arguments.sizes:
            folder = Path(work) / f"contracts-{size}"
            build_contract_folder(folder, size, contract)
            run = check_run(folder)
            times, html = render_times(run, arguments.repeats)
            report = Path(work) / f"report-{size}.html"
            report.write_text(html, encoding="utf-8")
            results.append({"documents": size, "bytes": len(html.encode("utf-8")), "render_seconds": times,
                            "browser": browser_times(report, arguments.repeats)})
    if arguments.json:
        print(json.dumps(results, indent=2))
        return
    for result in results:
        print(f"{result['documents']} documents: {result['bytes'] / 1e6:.2f} MB")
        print(f"  render in Python (s)        {spread(result['render_seconds'])}")
        browser = result["browser"]
        if browser is None:
            print("  Chromium: not measured (needs Playwright and Chromium)")
            continue
        print(f"  DOM elements                {browser[0]['elements']}")
        for key, label in (("load", "load event (ms)"), ("paint", "first contentful paint (ms)"),
                           ("sort", "sort the index (ms)"), ("filter", "filter the index (ms)"),
                           ("scroll", "scroll to the end (ms)")):
            values = [figure[key] for figure in browser if figure[key] is not None]
            print(f"  {label:<28}{spread(values, digits=0) if values else 'n/a'}")


if __name__ == "__main__":
    main()
