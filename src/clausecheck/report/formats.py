"""What every report format shares: the format names, and how a finding is worded and located. Each
format is one module with `render(run) -> str`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Collection
from pathlib import Path

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Finding
from clausecheck.verdict import CheckRun, failing, is_problem

# name -> the module under clausecheck.report whose `render(run) -> str` writes it
FORMATS = {"text": "text", "json": "json", "sarif": "sarif", "junit": "junit", "github": "github",
           "markdown": "markdown", "csv": "csv", "html": "html"}
# The format a report file gets from its name when --format is not given.
FORMAT_BY_SUFFIX = {".json": "json", ".sarif": "sarif", ".xml": "junit", ".md": "markdown",
                    ".markdown": "markdown", ".csv": "csv", ".html": "html", ".htm": "html", ".txt": "text"}
STATUS_WORDS = {CONFLICT: "conflicts with the rulebook", MISSING: "required provision missing",
                REVIEW: "needs review", PRESENT: "present"}
OCR_NOTE = "read by OCR: check the quote against the page"


def render(format: str, run: CheckRun) -> str:
    """The run as the `format` module renders it (modules load only when used)."""
    module = importlib.import_module(f"clausecheck.report.{FORMATS[format]}")
    return module.render(run)


# Wording and places shared by the formats -------------------------------------------------------

def relative_path(path: str) -> str:
    """The document's path relative to the working directory when inside it, as it is (for URIs)."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def display_path(path: str) -> str:
    """The document's path as reports show it: `relative_path`, with control characters (a hostile file
    name's terminal escapes) shown as escapes."""
    from clausecheck.report.printable import printable_line

    return printable_line(relative_path(path))


def level(finding: Finding, fail_on: str) -> str:
    """error (fails the run), warning or note."""
    if failing(finding, fail_on):
        return "error"
    return "note" if finding.severity == "info" else "warning"


def place(finding: Finding, ocr_pages: Collection[int] = ()) -> str:
    """Where the first quote was found: "page 3, § 7 Data security", or ""; on a page read by OCR
    (`ocr_pages`), with a word to check the quote against the page."""
    if not finding.evidence:
        return ""
    first = finding.evidence[0]
    parts = [f"page {first.page}" if first.page is not None else "", f"§ {first.section}" if first.section else "",
             OCR_NOTE if first.page in ocr_pages else ""]
    return ", ".join(part for part in parts if part)


def headline(finding: Finding) -> str:
    """One line on what is wrong: "Required provision missing: <title> (<provision>)"."""
    words = STATUS_WORDS[finding.status]
    if finding.status == MISSING and not finding.required:
        words = "not addressed"
    return f"{words[0].upper()}{words[1:]}: {finding.title} ({finding.provision})"


def problem_message(finding: Finding, ocr_pages: Collection[int] = ()) -> str:
    """The headline, the quote with its place, what to add and the waiver if any, as plain text."""
    lines = [headline(finding) + "."]
    if finding.evidence and finding.status in (CONFLICT, REVIEW):
        where = place(finding, ocr_pages)
        lines.append(f"“{shorten(finding.evidence[0].quote)}”" + (f" ({where})" if where else ""))
    lines += [f"{label}: {text}" for label, text in finding_details(finding)]
    return "\n".join(lines)


def finding_details(finding: Finding) -> list[tuple[str, str]]:
    """The labelled lines under a finding's headline, in the order every format shows them: why, the
    amendment, the sources and citation, and the waiver or baseline entry that accepts it."""
    details = [("Why", finding.reason), ("Amend", finding.amendment),
               ("Required by", required_by_line(finding) if finding.required_by else ""),
               ("Cite", finding.citation), ("Waived", finding.waived or ""),
               ("Known (baseline)", f"recorded in {finding.baseline}; it does not fail the run"
                if finding.baseline else "")]
    return [(label, text) for label, text in details if text]


def required_by_line(finding: Finding) -> str:
    """"statute and board policy": the sources the finding concerns."""
    from clausecheck.report.headlines import sources_text

    return sources_text(finding.required_by)


def shorten(text: str, limit: int = 300) -> str:
    """`text` on one line, cut at a word boundary before `limit` characters (with "…") when longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a word boundary not too far back; a single giant "word" is cut where it is
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def problems(report: DocumentReport) -> list[Finding]:
    """The findings worth reporting outside the terminal: conflicts, and required provisions that are
    missing or need review (waived ones included, marked as such)."""
    return [finding for finding in report.findings if is_problem(finding)]


def quote_lines(report: DocumentReport, finding: Finding) -> tuple[int, int] | None:
    """The first and last line of the finding's first quote in a text or Markdown file, as the reader
    recorded them; None for PDF and Word files, whose lines mean nothing to an editor."""
    if report.format not in ("text", "markdown") or not finding.evidence or finding.evidence[0].line is None:
        return None
    first = finding.evidence[0]
    return first.line, first.end_line or first.line

