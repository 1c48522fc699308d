"""What every report format shares: the run it renders, the format names, and how a finding is worded
and located. Each format is one module with `render(run) -> str`; `emit` sends one to stdout or a file.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Finding
from clausecheck.verdict import exit_code, failing, is_compliant, is_problem, known_failures

if TYPE_CHECKING:
    from clausecheck.output import OutputTarget

# name -> module under clausecheck.report and its render function (modules load only when used)
FORMATS = {"text": ("text", "render_run"), "json": ("json", "render_run"), "sarif": ("sarif", "render"),
           "junit": ("junit", "render"), "github": ("github", "render"), "markdown": ("markdown", "render"),
           "csv": ("csv", "render"), "html": ("html", "render")}
# The format a report file gets from its name when --format is not given.
FORMAT_BY_SUFFIX = {".json": "json", ".sarif": "sarif", ".xml": "junit", ".md": "markdown",
                    ".markdown": "markdown", ".csv": "csv", ".html": "html", ".htm": "html", ".txt": "text"}
STATUS_WORDS = {CONFLICT: "conflicts with the rulebook", MISSING: "required provision missing",
                REVIEW: "needs review", PRESENT: "present"}
OCR_NOTE = "read by OCR: check the quote against the page"


@dataclass(frozen=True)
class Summary:
    documents: int
    compliant: int  # pass, with no finding left to amend but the waived ones
    with_findings: int  # readable, with findings to amend (new ones, or known in the baseline)
    unreadable: int
    waived: int  # findings that would fail but the board accepted (waivers)
    known: int = 0  # findings that would fail but the baseline records as known
    failing: int = 0  # documents that fail the run (an unreadable one included)


@dataclass(frozen=True)
class CheckRun:
    """Everything a report shows: the documents' reports, the rulebooks, the threshold and notices
    (expired or unused waivers, stale baseline entries) for the user to act on."""

    reports: tuple[DocumentReport, ...]
    rulebooks: tuple = ()
    fail_on: str = "review"
    verbose: bool = False
    notices: tuple[str, ...] = ()

    @property
    def summary(self) -> Summary:
        unreadable = sum(1 for report in self.reports if report.error)
        passing = [report for report in self.reports if is_compliant(report, self.fail_on)]
        compliant = sum(1 for report in passing if not known_failures(report, self.fail_on))
        waived = sum(1 for report in self.reports for finding in report.findings
                     if finding.waived and is_problem(finding))
        known = sum(known_failures(report, self.fail_on) for report in self.reports)
        return Summary(len(self.reports), compliant, len(self.reports) - compliant - unreadable, unreadable, waived,
                       known, len(self.reports) - len(passing))

    @property
    def exit_code(self) -> int:
        return exit_code(self.reports, self.fail_on)

    def failing(self, finding: Finding) -> bool:
        return failing(finding, self.fail_on)


def render(format: str, run: CheckRun) -> str:
    module_name, function = FORMATS[format]
    module = importlib.import_module(f"clausecheck.report.{module_name}")
    return getattr(module, function)(run)


def emit(format: str, run: CheckRun, target: OutputTarget | None) -> None:
    """Write the report in `format` to a checked output target, or to standard output when None."""
    from clausecheck.output import standard_output_error, write_standard_output

    if format == "text" and target is None and sys.stdout.isatty():
        from rich.console import Console

        from clausecheck.output import OUTPUTS, STANDARD_OUTPUT
        from clausecheck.report.text import render_run_to

        try:
            render_run_to(run, Console())
            sys.stdout.flush()
        except OSError as error:
            raise standard_output_error(error) from None
        OUTPUTS.done(STANDARD_OUTPUT)
        return
    text = render(format, run)
    if target is None:
        write_standard_output(text)
    else:
        # A BOM tells spreadsheet programs the CSV is UTF-8 (Excel otherwise garbles accented names).
        target.write(("\ufeff" + text) if format == "csv" else text)


def parse_output(value: str, default_format: str, format_given: bool = True) -> tuple[str, Path | None]:
    """`--output FORMAT=PATH` or `--output PATH`; PATH "-" is standard output. A bare PATH takes the
    --format format when one was given, else the format its name says (FORMAT_BY_SUFFIX), else text."""
    from clausecheck.errors import UsageError

    name, separator, target = value.partition("=")
    if separator and name in FORMATS:
        format, path = name, target
    elif separator and re.fullmatch(r"[a-z]+", name):
        raise UsageError(f"--output {value}: unknown format '{name}'; formats: {', '.join(FORMATS)}")
    else:
        path = value
        named = FORMAT_BY_SUFFIX.get(Path(value).suffix.lower()) if value != "-" else None
        format = default_format if format_given or named is None else named
        if format not in FORMATS:
            raise UsageError(f"--output {value}: unknown format '{format}' (from the file name); formats: "
                             f"{', '.join(FORMATS)}; give one with --format or FORMAT=PATH")
    if not path:
        raise UsageError(f"--output {value}: give a file after '=' (or '-' for standard output)")
    return format, None if path == "-" else Path(path)


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
    if finding.reason:
        lines.append(f"Why: {finding.reason}")
    if finding.amendment:
        lines.append(f"Amend: {finding.amendment}")
    if finding.required_by:
        lines.append(f"Required by: {required_by_line(finding)}")
    if finding.citation:
        lines.append(f"Cite: {finding.citation}")
    if finding.waived:
        lines.append(f"Waived: {finding.waived}")
    if finding.baseline:
        lines.append(f"Known (baseline): recorded in {finding.baseline}; it does not fail the run")
    return "\n".join(lines)


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
    """The first and last line of the finding's first quote in a text or Markdown file, when it can be
    found there; None for PDF and Word files, whose lines mean nothing to an editor."""
    if report.format not in ("text", "markdown") or not finding.evidence:
        return None
    words = _WORD.findall(finding.evidence[0].quote.lower())
    if not words:
        return None
    tokens, lines = _file_words(report.path)
    probe = words[:8]
    first = probe[0]
    for start, token in enumerate(tokens):
        if token == first and tokens[start:start + len(probe)] == probe:
            end = min(start + len(words), len(tokens)) - 1
            return lines[start], lines[end]
    return None


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=64)
def _file_words(path: str) -> tuple[list[str], list[int]]:
    from clausecheck.readers.text import MAX_TEXT_BYTES
    from clausecheck.regular_files import open_regular

    try:
        with open_regular(path) as handle:
            text = handle.read(MAX_TEXT_BYTES).decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return [], []
    tokens, lines = [], []
    for number, line in enumerate(text.splitlines(), 1):
        for word in _WORD.findall(line.lower()):
            tokens.append(word)
            lines.append(number)
    return tokens, lines
