"""The terminal report: the verdict first, then every provision with its mark, quote, page and amendment."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Finding
from clausecheck.verdict import failing, is_compliant

MARKS = {PRESENT: ("✔", "green"), CONFLICT: ("✘", "bold red"), MISSING: ("✘", "red"), REVIEW: ("?", "yellow")}
LABELS = {PRESENT: "present", CONFLICT: "CONFLICT", MISSING: "missing", REVIEW: "review"}


def _where(finding: Finding) -> str:
    if not finding.evidence:
        return ""
    first = finding.evidence[0]
    parts = []
    if first.page is not None:
        parts.append(f"page {first.page}")
    if first.section:
        parts.append(f"§ {first.section}")
    return ", ".join(parts)


def _print_finding(console: Console, finding: Finding, verbose: bool) -> None:
    mark, style = MARKS[finding.status]
    scope = "" if finding.required else " [dim](operator prohibition)[/dim]"
    console.print(f" [{style}]{mark} {LABELS[finding.status]:<8}[/{style}] {escape(finding.title)} "
                  f"[dim]({finding.provision})[/dim]{scope}")
    if finding.status == PRESENT and not verbose:
        if finding.evidence:
            console.print(Text(f"     “{_short(finding.evidence[0].quote)}” ({_where(finding)})", style="dim"))
        return
    for item in finding.evidence[:2]:
        where = ", ".join(filter(None, [f"page {item.page}" if item.page else "", item.section or ""]))
        console.print(Text(f"     “{_short(item.quote)}”" + (f" ({where})" if where else "")))
    if finding.reason and finding.status != PRESENT:
        console.print(Text(f"     Why: {finding.reason}", style="dim"))
    if finding.status in (CONFLICT, MISSING, REVIEW) and finding.amendment:
        console.print(Text(f"     Amend: {finding.amendment}", style="cyan"))
        console.print(Text(f"     Cite: {finding.citation}", style="dim"))


def _short(quote: str, limit: int = 220) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def render(reports: list[DocumentReport], console: Console, fail_on: str = "review", verbose: bool = False) -> None:
    for report in reports:
        console.rule(Text(report.path, style="bold"))
        if report.error:
            console.print(f"[bold red]ERROR[/bold red] {escape(report.error)}")
            continue
        failures = [finding for finding in report.findings if failing(finding, fail_on)]
        if is_compliant(report, fail_on):
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
        ordered = sorted(report.findings, key=lambda f: (not f.required, f.status == PRESENT))
        for finding in ordered:
            _print_finding(console, finding, verbose)
