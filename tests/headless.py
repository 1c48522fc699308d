"""Headless Chromium for the HTML report's tests and benchmark: open a report file and record what a
person would not see (console messages, script errors, dialogs) and every request the page makes.

Driven through Playwright for Python with the system's Chromium (`executable_path`), so nothing is
downloaded: Playwright gives console, request and dialog events, screenshots, keyboard input and PDF
printing over the DevTools protocol, which a hand-written protocol client would have to redo.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

# The flags this machine needs as root, and none of Chromium's own calls home (updates, sync, QUIC).
CHROMIUM_ARGS = ("--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync")
CHROMIUM_MISSING = ("Chromium is not installed (Debian: apt-get install chromium; or set CLAUSECHECK_CHROMIUM "
                    "to its path); .ci/run installs it")
PLAYWRIGHT_MISSING = "Playwright for Python is not installed: pip install '.[test]'"


def chromium_path() -> str | None:
    named = os.environ.get("CLAUSECHECK_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright):
    """A headless Chromium with a fresh profile (Playwright makes one per launch), sandbox off for root."""
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, chromium_sandbox=False,
                                      args=list(CHROMIUM_ARGS))


@dataclass
class OpenedReport:
    page: object  # playwright.sync_api.Page
    url: str
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught script errors
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def console_errors(self) -> list[str]:
        """Errors and warnings on the console (a refused inline style or script is one)."""
        return [text for kind, text in self.console if kind in ("error", "warning")]

    @property
    def network_requests(self) -> list[str]:
        """Every request but the one for the report file itself."""
        return [url for url in self.requests if url != self.url]


def open_report(browser, path: Path, width: int = 1100, height: int = 1400, **options) -> OpenedReport:
    """Open the report at `path` in a tab of its own browser context (`options` go to that context:
    permissions, java_script_enabled ...) and wait until it has loaded."""
    page = browser.new_context(viewport={"width": width, "height": height}, **options).new_page()
    opened = OpenedReport(page=page, url=path.resolve().as_uri())
    page.on("console", lambda message: opened.console.append((message.type, message.text)))
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("request", lambda request: opened.requests.append(request.url))

    def refuse(dialog) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.goto(opened.url, wait_until="load")
    return opened
