"""The terminal report: the verdict first, then every provision with its mark, quote, page and amendment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from clausecheck.document import page_list
from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Finding
from clausecheck.report.formats import OCR_NOTE, CheckRun, place, shorten
from clausecheck.verdict import failing, is_compliant

if TYPE_CHECKING:
    from clausecheck.batch import CheckProgress

MARKS = {PRESENT: ("✔", "green"), CONFLICT: ("✘", "bold red"), MISSING: ("✘", "red"), REVIEW: ("?", "yellow")}
LABELS = {PRESENT: "present", CONFLICT: "CONFLICT", MISSING: "missing", REVIEW: "review"}
QUOTE_LIMIT = 220


def _print_finding(console: Console, finding: Finding, verbose: bool, ocr_pages: tuple[int, ...]) -> None:
    mark, style = MARKS[finding.status]
    scope = "" if finding.required else " [dim](operator prohibition)[/dim]"
    if finding.waived and finding.status != PRESENT:
        mark, style = "~", "cyan"
        scope += f" [cyan]waived[/cyan] [dim]({LABELS[finding.status]})[/dim]"
    console.print(f" [{style}]{mark} {LABELS[finding.status]:<8}[/{style}] {escape(finding.title)} "
                  f"[dim]({finding.provision})[/dim]{scope}")
    if finding.waived and finding.status != PRESENT:
        console.print(Text(f"     Waived: {finding.waived}", style="cyan"))
    if finding.status == PRESENT and not verbose:
        if finding.evidence:
            console.print(Text(f"     “{shorten(finding.evidence[0].quote, QUOTE_LIMIT)}” ({place(finding, ocr_pages)})",
                               style="dim"))
        return
    for item in finding.evidence[:2]:
        where = ", ".join(filter(None, [f"page {item.page}" if item.page else "", item.section or "",
                                        OCR_NOTE if item.page in ocr_pages else ""]))
        console.print(Text(f"     “{shorten(item.quote, QUOTE_LIMIT)}”" + (f" ({where})" if where else "")))
    if finding.reason and finding.status != PRESENT:
        console.print(Text(f"     Why: {finding.reason}", style="dim"))
    if finding.status in (CONFLICT, MISSING, REVIEW) and finding.amendment:
        console.print(Text(f"     Amend: {finding.amendment}", style="cyan"))
        console.print(Text(f"     Cite: {finding.citation}", style="dim"))


def render(reports: list[DocumentReport], console: Console, fail_on: str = "review", verbose: bool = False) -> None:
    for report in reports:
        console.rule(Text(report.path, style="bold"))
        if report.error:
            console.print(f"[bold red]ERROR[/bold red] {escape(report.error)}")
            continue
        failures = [finding for finding in report.findings if failing(finding, fail_on)]
        waived = sum(1 for finding in report.findings if finding.waived and finding.status != PRESENT)
        if is_compliant(report, fail_on) and waived:
            console.print(f"[bold green]PASS[/bold green] nothing fails beyond the {waived} accepted "
                          "deviation(s) marked waived.")
        elif is_compliant(report, fail_on):
            console.print("[bold green]PASS[/bold green] every required provision is present and nothing conflicts.")
        else:
            conflicts = sum(finding.status == CONFLICT for finding in failures)
            missing = sum(finding.status == MISSING for finding in failures)
            review = sum(finding.status == REVIEW for finding in failures)
            console.print(f"[bold red]FAIL[/bold red] the contract must be amended before the board signs it: "
                          f"{conflicts} in conflict, {missing} missing, {review} to review.")
        for warning in report.warnings:
            console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
        pages = f"{report.pages} pages, " if report.pages else ""
        console.print(f"[dim]{pages}{report.format}[/dim]")
        if report.ocr_pages:
            console.print(f"[yellow]read by OCR:[/yellow] {page_list(report.ocr_pages)}; check each quote from "
                          "them against the page")
        ordered = sorted(report.findings, key=lambda f: (not f.required, f.status == PRESENT))
        for finding in ordered:
            _print_finding(console, finding, verbose, report.ocr_pages)


# A run of many documents: the reports, notices about waivers, and a summary table.

def summary_table(run: CheckRun) -> Table:
    summary = run.summary
    table = Table(title="clausecheck summary", title_justify="left", show_edge=False)
    for column in ("Documents", "Compliant", "With findings", "Unreadable", "Waived findings"):
        table.add_column(column, justify="right")
    table.add_row(str(summary.documents), f"[green]{summary.compliant}[/green]",
                  f"[red]{summary.with_findings}[/red]" if summary.with_findings else "0",
                  f"[bold red]{summary.unreadable}[/bold red]" if summary.unreadable else "0", str(summary.waived))
    return table


def render_notices(run: CheckRun, console: Console) -> None:
    for notice in run.notices:
        console.print(f"[yellow]warning:[/yellow] {escape(notice)}", soft_wrap=True)


def render_run_to(run: CheckRun, console: Console) -> None:
    """The whole run: each document's report, then notices, then (for several documents) the summary."""
    render(list(run.reports), console, run.fail_on, run.verbose)
    render_notices(run, console)
    if len(run.reports) > 1:
        console.print()
        console.print(summary_table(run))


def render_run(run: CheckRun) -> str:
    import io

    console = Console(record=True, width=100, file=io.StringIO(), force_terminal=False)
    render_run_to(run, console)
    return console.export_text()


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
            progress.update(documents, advance=1, name=Path(report.path).name[:40])
            show()

    def page_read(path: str, done: int, pages: int) -> None:
        if path not in scans:
            scans[path] = progress.add_task("OCR pages", total=pages, name=Path(path).name[:40])
        progress.update(scans[path], completed=done)
        show()

    try:
        if documents is not None:
            show()
        yield CheckProgress(document_done, page_read)
    finally:
        progress.stop()
