"""The terminal report, read like a good linter's: the verdict first, then every provision with its mark,
quote, page and amendment, wrapped lines hanging under their text; a batch lists one line per contract
and details the ones that need attention (--verbose: every one)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from clausecheck.document import page_list
from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Evidence, Finding
from clausecheck.report.formats import OCR_NOTE, display_path, shorten
from clausecheck.report.headlines import SILENT_NOTE, document_verdict, row_counts, row_kind, sources_text
from clausecheck.report.printable import printable, printable_line
from clausecheck.verdict import CheckRun

if TYPE_CHECKING:
    from clausecheck.batch import CheckProgress

# Each row kind's mark, label and style: red only for what fails the run.
MARKS = {CONFLICT: ("✘", "CONFLICT", "bold red"), MISSING: ("✘", "missing", "red"), REVIEW: ("?", "review", "yellow"),
         "note": ("!", "note", "yellow"), "silent": ("–", "silent", "dim"), "waived": ("~", "waived", "cyan"),
         "known": ("≈", "known", "blue"), PRESENT: ("✔", "present", "green")}
VERDICT_STYLES = {"pass": "bold green", "pass-waived": "bold green", "known": "bold blue", "fail": "bold red",
                  "unreadable": "bold red"}
ROLE_LABELS = {"contradicts": "Contradicts", "satisfies": "Satisfies", "weak": "Weak match"}
ROW_ORDER = {kind: position for position, kind in enumerate((CONFLICT, MISSING, REVIEW, "known", "note", "waived",
                                                              "silent", PRESENT))}
QUOTE_LIMIT = 220
MARK_WIDTH = 11  # " ✘ CONFLICT": rows' text starts after it and hangs under itself when it wraps
EVIDENCE_SHOWN = 2


def _where(item: Evidence, ocr_pages: tuple[int, ...] = ()) -> str:
    parts = [f"page {item.page}" if item.page else "", f"§ {item.section}" if item.section else "",
             OCR_NOTE if item.page and item.page in ocr_pages else ""]
    return ", ".join(part for part in parts if part)


def _finding_text(finding: Finding, kind: str, verbose: bool, ocr_pages: tuple[int, ...] = ()) -> Text:
    """The row's text: title, then (as the kind needs) the labelled quotes, why, amendment, citation."""
    text = Text(printable_line(finding.title))
    sources = sources_text(finding.required_by)
    kind_of = "" if finding.required else "operator duty"
    text.append(f" ({', '.join(part for part in (finding.provision, kind_of, sources) if part)})", style="dim")
    if kind == "waived":
        text.append(f" — {finding.status}, waived", style="cyan")
    elif kind == "known":
        text.append(f" — {finding.status}, known (baseline)", style="blue")
    elif kind == "note":
        text.append(f" — {finding.status}, does not fail the check", style="yellow")

    def line(label: str, value: str, style: str | None = None) -> None:
        text.append("\n")
        text.append(f"{label}: ", style="bold" if style is None else style)
        text.append(printable(value), style=style)

    if kind == PRESENT and not verbose or kind == "silent":
        return text
    for item in finding.evidence[:EVIDENCE_SHOWN if not verbose else None]:
        where = _where(item, ocr_pages)
        line(ROLE_LABELS.get(item.role, "Quote"), f"“{shorten(item.quote, QUOTE_LIMIT)}”" +
             (f" ({where})" if where else ""))
    if kind == PRESENT:
        return text
    if finding.reason:
        line("Why", finding.reason, "dim")
    if finding.waived:
        line("Waived", finding.waived, "cyan")
    if finding.baseline:
        line("Known", f"recorded in the baseline {finding.baseline}; still to amend", "blue")
    if finding.amendment and kind not in ("waived",):
        line("Amend", finding.amendment, "cyan")
    if finding.citation and kind not in ("waived",):
        line("Cite", finding.citation, "dim")
    return text


def _rows(report: DocumentReport, fail_on: str, verbose: bool) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=MARK_WIDTH, no_wrap=True)
    grid.add_column(overflow="fold")
    findings = sorted(report.findings, key=lambda finding: ROW_ORDER[row_kind(finding, fail_on)])
    for finding in findings:
        kind = row_kind(finding, fail_on)
        mark, label, style = MARKS[kind]
        grid.add_row(Text(f" {mark} {label}", style=style), _finding_text(finding, kind, verbose, report.ocr_pages))
    return grid


def print_document(report: DocumentReport, console: Console, fail_on: str = "review", verbose: bool = False) -> None:
    """One document's report: its name, verdict, warnings and a row per provision."""
    console.rule(Text(display_path(report.path), style="bold"))
    verdict = document_verdict(report, fail_on)
    headline = Table.grid(padding=(0, 1))
    headline.add_column(no_wrap=True)
    headline.add_column()
    headline.add_row(Text(verdict.label, style=VERDICT_STYLES[verdict.kind]), Text(printable(verdict.sentence)))
    console.print(headline)
    if report.error:
        return
    for warning in report.warnings:
        console.print(Text.assemble(("warning: ", "yellow"), printable(warning)))
    pages = f"{report.pages} pages, " if report.pages else ""
    console.print(Text(f"{pages}{report.format}", style="dim"))
    if report.ocr_pages:
        console.print(Text.assemble(("read by OCR: ", "yellow"), f"{page_list(report.ocr_pages)}; check each quote "
                                    "from them against the page"))
    console.print(_rows(report, fail_on, verbose))
    if row_counts(report, fail_on)["silent"]:
        note = Table.grid(padding=(0, 1))
        note.add_column(width=MARK_WIDTH, no_wrap=True)
        note.add_column()
        mark, label, style = MARKS["silent"]
        note.add_row(Text(f" {mark} {label}", style=style), Text(SILENT_NOTE, style="dim"))
        console.print(note)


def print_documents(reports: list[DocumentReport], console: Console, fail_on: str = "review",
                    verbose: bool = False) -> None:
    for report in reports:
        print_document(report, console, fail_on, verbose)


def batch_lines(run: CheckRun) -> Table:
    """One line per contract: verdict, path and counts."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column()
    for report in run.reports:
        verdict = document_verdict(report, run.fail_on)
        counts = row_counts(report, run.fail_on)
        detail = printable_line(report.error) if report.error else \
            f"{counts[CONFLICT]} conflict, {counts[MISSING]} missing, {counts[REVIEW]} review" + \
            (f", {counts['known']} known" if counts["known"] else "") + \
            (f", {counts['waived']} waived" if counts["waived"] else "")
        grid.add_row(Text(verdict.label, style=VERDICT_STYLES[verdict.kind]), Text(display_path(report.path)),
                     Text(detail, style="dim"))
    return grid


# A run of many documents: the reports, notices about waivers, and a summary table.

def summary_table(run: CheckRun) -> Table:
    summary = run.summary
    table = Table(title="clausecheck summary", title_justify="left", show_edge=False)
    for column in ("Documents", "Compliant", "With findings", "Unreadable", "Waived findings", "Known (baseline)"):
        table.add_column(column, justify="right")
    table.add_row(str(summary.documents), f"[green]{summary.compliant}[/green]",
                  f"[red]{summary.with_findings}[/red]" if summary.with_findings else "0",
                  f"[bold red]{summary.unreadable}[/bold red]" if summary.unreadable else "0", str(summary.waived),
                  str(summary.known))
    return table


def render_notices(run: CheckRun, console: Console) -> None:
    for notice in run.notices:
        console.print(Text.assemble(("warning: ", "yellow"), printable(notice)), soft_wrap=True)


def render_errors(run: CheckRun, console: Console) -> None:
    """Each unreadable document's one-line error, for standard error."""
    for report in run.reports:
        if report.error:
            console.print(Text.assemble(("error: ", "bold red"), f"{display_path(report.path)}: ",
                                        printable_line(report.error)), soft_wrap=True)


def print_run(run: CheckRun, console: Console) -> None:
    """The whole run. One document: its report. Several: a line per contract, then the details of those
    that fail, pass only through the baseline or cannot be read (--verbose: of all), the notices and the
    summary table."""
    reports = list(run.reports)
    if len(reports) > 1:
        console.print(batch_lines(run))
        reports = [report for report in reports
                   if run.verbose or document_verdict(report, run.fail_on).kind not in ("pass", "pass-waived")]
    print_documents(reports, console, run.fail_on, run.verbose)
    render_notices(run, console)
    if len(run.reports) > 1:
        console.print()
        console.print(summary_table(run))


def render(run: CheckRun) -> str:
    """The run as plain text, 100 columns wide, for a file or a pipe."""
    import io

    console = Console(record=True, width=100, file=io.StringIO(), force_terminal=False)
    print_run(run, console)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


@contextmanager
def progress_bar(total: int, console: Console) -> Iterator[CheckProgress]:
    """Progress on the terminal while documents are checked: a bar for the documents when there are
    several, and one for each scan OCR is reading, page by page.

    Nothing is drawn when the console is not a terminal or the run is in CI. The bars are redrawn as
    documents and pages finish, not by a thread of their own, so worker processes can be forked safely;
    the display starts with the first thing to show.
    """
    from clausecheck.batch import CheckProgress

    if not console.is_terminal or os.environ.get("CI"):
        yield CheckProgress()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(bar_width=30), MofNCompleteColumn(),
                        TimeElapsedColumn(), TextColumn("[dim]{task.fields[name]}"), console=console,
                        transient=True, auto_refresh=False)
    documents = progress.add_task("checking", total=total, name="") if total >= 2 else None
    scans: dict[str, TaskID] = {}

    def show() -> None:
        progress.start()  # only the first call starts it
        progress.refresh()

    def document_done(report: DocumentReport) -> None:
        if report.path in scans:
            progress.remove_task(scans.pop(report.path))
        if documents is not None:
            progress.update(documents, advance=1, name=printable_line(Path(report.path).name)[:40])
            show()

    def page_read(path: str, done: int, pages: int) -> None:
        if path not in scans:
            scans[path] = progress.add_task("OCR pages", total=pages, name=printable_line(Path(path).name)[:40])
        progress.update(scans[path], completed=done)
        show()

    try:
        if documents is not None:
            show()
        yield CheckProgress(document_done, page_read)
    finally:
        progress.stop()
