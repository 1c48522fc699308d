"""GitHub Actions workflow commands: one annotation per problem, shown on the pull request's files.

`::error file=PATH,line=N,title=TITLE::MESSAGE`: an error for a finding that fails the run, a warning
for one that does not, a notice for a waived one, and an error for an unreadable document. Lines are
given for text and Markdown contracts. Newlines and the command characters are escaped as the runner
documents, so a quote from a hostile document cannot start a workflow command of its own.
"""

from __future__ import annotations

from clausecheck.report.formats import display_path, headline, level, problem_message, problems, quote_lines
from clausecheck.report.printable import printable
from clausecheck.verdict import CheckRun

LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """Workflow-command data: control characters (terminal escapes the log viewer would obey) shown as
    escapes, then the runner's own escapes for %, CR and LF."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{kind} {fields}::{escape_data(message)}" if fields else f"::{kind}::{escape_data(message)}"


def render(run: CheckRun) -> str:
    lines = []
    for report in run.reports:
        path = display_path(report.path)
        if report.error:
            lines.append(command("error", report.error, file=path, title="clausecheck: unreadable document"))
            continue
        for finding in problems(report):
            kind = "notice" if finding.waived else LEVELS[level(finding, run.fail_on)]
            where = quote_lines(report, finding)
            lines.append(command(kind, problem_message(finding, report.ocr_pages), file=path,
                                 line=where[0] if where else None, endLine=where[1] if where else None,
                                 title=f"clausecheck: {headline(finding)}"))
    for notice in run.notices:
        lines.append(command("warning", notice, title="clausecheck: waivers"))
    summary = run.summary
    lines.append(f"clausecheck: {summary.documents} documents, {summary.compliant} compliant, "
                 f"{summary.with_findings} with findings, {summary.unreadable} unreadable")
    return "\n".join(lines) + "\n"
