"""The HTML report in a real browser (headless Chromium): the bundled sample and a folder of 50 contracts
open with no console error and no network request, show their verdicts, every provision and highlighted
quotes, keep contract markup inert, sort and filter, work from the keyboard, meet WCAG AA contrast and
print on letter paper. Screenshots go to $CLAUSECHECK_SCREENSHOT_DIR when it is set: the picture in docs/reports.md is
`CLAUSECHECK_SCREENSHOT_DIR=docs python3 -m pytest tests/test_report_html_browser.py -k single`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clausecheck.rulebook import load_rulebook
from contract_folder import SCRIPT_MARKUP, build_contract_folder
from headless import CHROMIUM_MISSING, PLAYWRIGHT_MISSING, chromium_path, launch, open_report
from hostile import checkout_environment
from test_batch import contract

sync_api = pytest.importorskip("playwright.sync_api", reason=PLAYWRIGHT_MISSING)
pytestmark = pytest.mark.skipif(chromium_path() is None, reason=CHROMIUM_MISSING)

REPOSITORY = Path(__file__).resolve().parents[1]
PROVISIONS = sorted(provision.id for provision in load_rulebook(None).provisions)
BATCH_SIZE = 50
SIZE_LIMIT = 2_000_000  # bytes, for 50 contracts


def clausecheck(*arguments: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    environment = checkout_environment(CLAUSECHECK_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "clausecheck", *arguments], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def single_report(tmp_path_factory) -> Path:
    report = tmp_path_factory.mktemp("single") / "vendor-agreement.html"
    run = clausecheck("samples/vendor-agreement.pdf", "--format", "html", "--output", str(report),
                      cwd=REPOSITORY, cache=report.parent / "cache")
    assert run.returncode == 1, run.stderr
    return report


@pytest.fixture(scope="module")
def batch_report(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("batch")
    build_contract_folder(work / "contracts", BATCH_SIZE, contract)
    run = clausecheck("contracts", "--output", "html=report.html", "--jobs", "2", cwd=work, cache=work / "cache")
    assert run.returncode == 2, run.stderr  # one of the contracts is a truncated PDF
    return work / "report.html"


def screenshot(opened, name: str, folder: Path) -> Path:
    path = Path(os.environ.get("CLAUSECHECK_SCREENSHOT_DIR") or folder) / name
    opened.page.screenshot(path=str(path))
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000  # a picture with content, not a blank
    return path


def assert_quiet(opened) -> None:
    assert opened.console_errors == [] and opened.errors == [] and opened.dialogs == []
    assert opened.network_requests == []
    # The stylesheet and script were allowed by the Content-Security-Policy: both took effect.
    assert opened.page.evaluate("document.documentElement.classList.contains('js')")
    assert opened.page.evaluate("getComputedStyle(document.querySelector('.verdict')).borderLeftStyle") == "solid"


def text_of(page, selector: str) -> list[str]:
    """textContent of every match, collapsed lists included (innerText skips what is not rendered)."""
    return page.eval_on_selector_all(selector, "elements => elements.map(element => element.textContent)")


def test_a_single_contract_opens_with_its_verdict_every_provision_and_a_highlighted_quote(
        browser, single_report: Path, tmp_path: Path) -> None:
    opened = open_report(browser, single_report)
    assert_quiet(opened)
    page = opened.page
    assert page.title() == "clausecheck: samples/vendor-agreement.pdf: do not sign as is"
    assert page.locator(".document .verdict").inner_text().startswith("✘ Do not sign as is")
    assert sorted(text_of(page, ".document code")) == PROVISIONS
    mark = page.locator("#d1-breach-notification blockquote mark").first
    assert mark.is_visible() and mark.inner_text() in page.locator(
        "#d1-breach-notification blockquote").first.inner_text()
    assert mark.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(255, 226, 122)"
    screenshot(opened, "html-report-single.png", tmp_path)


def test_a_batch_of_50_contracts_opens_with_its_index_and_loads_nothing(browser, batch_report: Path,
                                                                         tmp_path: Path) -> None:
    assert batch_report.stat().st_size < SIZE_LIMIT
    opened = open_report(browser, batch_report)
    assert_quiet(opened)
    page = opened.page
    assert page.locator(".overview h2").inner_text().endswith("1 of 50 documents could not be read")
    assert page.locator("#documents tbody tr").count() == BATCH_SIZE
    targets = page.eval_on_selector_all("#documents tbody a", "links => links.map(link => "
                                        "!!document.getElementById(link.getAttribute('href').slice(1)))")
    assert targets == [True] * BATCH_SIZE
    unreadable = page.locator("#documents tr[data-verdict=unreadable]")
    assert "truncated-agreement.pdf" in unreadable.inner_text() and "not a valid PDF" in unreadable.inner_text()
    assert len(text_of(page, ".document")) == BATCH_SIZE
    screenshot(opened, "html-report-batch.png", tmp_path)


def test_markup_in_a_contract_stays_text_in_the_browser(browser, batch_report: Path) -> None:
    opened = open_report(browser, batch_report)
    page = opened.page
    assert page.evaluate("window.pwned") is None and opened.dialogs == []
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.querySelectorAll('img, [onerror]').length") == 0
    hostile = page.locator("section.document", has=page.locator("h2", has_text="onerror=alert(1)"))
    assert hostile.locator("h2").inner_text() == "contracts/<img src=x onerror=alert(1)> vendor.txt"
    assert SCRIPT_MARKUP in hostile.locator("[id$=connecticut-law] blockquote").inner_text()


def test_the_index_sorts_by_a_column_and_filters_documents_by_status(browser, batch_report: Path) -> None:
    page = open_report(browser, batch_report).page

    def column(key: str) -> list[int]:
        return [int(value) for value in page.eval_on_selector_all(
            "#documents tbody tr:not([hidden])", f"rows => rows.map(row => row.dataset.{key})")]

    page.get_by_role("button", name="Conflict").click()
    assert page.locator("th[data-key=conflict]").get_attribute("aria-sort") == "ascending"
    assert column("conflict") == sorted(column("conflict")) and len(set(column("conflict"))) > 2
    page.get_by_role("button", name="Conflict").click()
    assert column("conflict") == sorted(column("conflict"), reverse=True)

    page.select_option("#filter", "unreadable")
    assert page.locator("#shown").inner_text() == "Showing 1 of 50 documents"
    assert page.locator("#documents tbody tr:not([hidden])").get_attribute("data-verdict") == "unreadable"
    assert page.locator("section.document:not([hidden])").count() == 1
    page.select_option("#filter", "missing")
    shown = column("missing")
    assert shown and min(shown) > 0
    assert len(shown) == sum(1 for value in page.eval_on_selector_all(
        "#documents tbody tr", "rows => rows.map(row => Number(row.dataset.missing))") if value > 0)
    page.select_option("#filter", "all")
    page.fill("#find", "generated-lacking")
    assert page.locator("#shown").inner_text() == "Showing 5 of 50 documents"
    assert page.locator("section.document:not([hidden])").count() == 5


def test_the_report_is_usable_from_the_keyboard(browser, single_report: Path) -> None:
    page = open_report(browser, single_report, permissions=["clipboard-read", "clipboard-write"]).page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the report"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('copy')"):
            break
    button = page.locator("button.copy:focus")
    amendment = page.locator("#" + button.get_attribute("data-copy")).inner_text()
    page.keyboard.press("Enter")
    assert button.inner_text() == "Copied"
    assert page.evaluate("navigator.clipboard.readText()") == amendment
    summary = page.locator("details.present summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.present").get_attribute("open") is not None
    assert page.locator("details.present li").first.is_visible()


def test_it_prints_on_letter_paper_with_collapsed_lists_open_and_no_buttons(browser, single_report: Path,
                                                                            tmp_path: Path) -> None:
    import pypdfium2

    page = open_report(browser, single_report).page
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), prefer_css_page_size=True)
    document = pypdfium2.PdfDocument(str(printed))
    assert {tuple(round(side) for side in page_.get_size()) for page_ in document} == {(612, 792)}
    pages = [page_.get_textpage().get_text_range() for page_ in document]
    assert "Do not sign as is" in pages[0]
    text = " ".join(" ".join(pages).split())
    assert "Provider shall not sell Student Data" in text  # the collapsed list of present provisions
    assert "Copy amendment" not in text and "Skip to the report" not in text


# Text and background colours of every element holding text, against WCAG 2.1's contrast ratio: 4.5:1,
# or 3:1 for large text (24 px, or 18.66 px bold). The background is the nearest opaque one up the tree.
CONTRAST_CHECK = """() => {
  const channels = value => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const background = element => {
    for (; element; element = element.parentElement) {
      const colour = channels(getComputedStyle(element).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  document.querySelectorAll("details").forEach(details => details.open = true);
  const failures = [];
  for (const element of document.querySelectorAll("body *")) {
    const hasText = [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim());
    if (!hasText || !element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    const [a, b] = [luminance(channels(style.color)), luminance(background(element))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) failures.push(`${element.tagName}.${element.className}: ${ratio.toFixed(2)}`);
  }
  return failures;
}"""


def test_every_text_meets_wcag_aa_contrast(browser, single_report: Path, batch_report: Path) -> None:
    for report in (single_report, batch_report):
        page = open_report(browser, report).page
        assert page.evaluate(CONTRAST_CHECK) == []
