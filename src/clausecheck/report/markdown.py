"""The Markdown summary, for pull-request comments and `$GITHUB_STEP_SUMMARY`.

The verdict and the summary counts first, a table with one row per document, then the problems of
each document that needs attention in a collapsed section. Text taken from documents is escaped, so a
contract cannot inject links or HTML into the comment; the output stops adding detail before
GitHub's 65,536-character comment limit.
"""

from __future__ import annotations

import re

from clausecheck.findings import CONFLICT, MISSING, REVIEW, DocumentReport
from clausecheck.report.formats import display_path, finding_details, headline, place, problems, shorten
from clausecheck.report.headlines import document_verdict, row_counts, run_title
from clausecheck.report.printable import printable_line
from clausecheck.verdict import CheckRun

MAX_LENGTH = 60_000
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>])")


def escape(text: str) -> str:
    text = printable_line(" ".join(str(text).split())).replace("&", "&amp;")
    return _SPECIAL.sub(lambda match: "&lt;" if match.group(1) == "<" else "&gt;" if match.group(1) == ">"
                        else "\\" + match.group(1), text)


ICONS = {"pass": "✅", "pass-waived": "✅", "known": "☑️", "fail": "❌", "unreadable": "⚠️"}


def _counts(report: DocumentReport, run: CheckRun) -> tuple[int, int, int, int, int]:
    """Conflicts, missing and to review (the rows that fail the run), waived and known findings."""
    counts = row_counts(report, run.fail_on)
    return counts[CONFLICT], counts[MISSING], counts[REVIEW], counts["waived"], counts["known"]


def _verdict(report: DocumentReport, run: CheckRun) -> str:
    verdict = document_verdict(report, run.fail_on)
    return f"{ICONS[verdict.kind]} {verdict.label.lower()}"


def render(run: CheckRun) -> str:
    summary = run.summary
    kind, words = run_title(summary.documents, summary.failing - summary.unreadable,
                            sum(1 for report in run.reports if document_verdict(report, run.fail_on).kind == "known"),
                            summary.unreadable)
    title = f"{ICONS[kind]} clausecheck: {words}"
    out = [f"## {title}", "",
           "| Documents | Compliant | With findings | Unreadable | Waived findings | Known (baseline) |",
           "|---:|---:|---:|---:|---:|---:|",
           f"| {summary.documents} | {summary.compliant} | {summary.with_findings} | {summary.unreadable} "
           f"| {summary.waived} | {summary.known} |",
           "", f"Threshold: `--fail-on {run.fail_on}`.", ""]
    for notice in run.notices:
        out.append(f"> ⚠️ {escape(notice)}")
    if run.notices:
        out.append("")
    out += ["| Document | Verdict | Conflicts | Missing | To review | Waived | Known |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for report in run.reports:
        conflicts, missing, review, waived, known = _counts(report, run)
        out.append(f"| {escape(display_path(report.path))} | {_verdict(report, run)} | "
                   f"{conflicts} | {missing} | {review} | {waived} | {known} |")
    out.append("")
    length = sum(len(line) + 1 for line in out)
    skipped = 0
    for report in run.reports:
        if document_verdict(report, run.fail_on).kind == "pass":
            continue
        section = _details(report, run)
        if length + len(section) > MAX_LENGTH:
            skipped += 1
            continue
        out.append(section)
        length += len(section) + 1
    if skipped:
        out.append(f"*{skipped} more documents with findings are not detailed here (comment size limit): "
                   "see the full report.*\n")
    return "\n".join(out)


def _details(report: DocumentReport, run: CheckRun) -> str:
    path = escape(display_path(report.path))
    if report.error:
        return f"<details><summary><b>{path}</b>: could not be read</summary>\n\n{escape(report.error)}\n\n</details>\n"
    conflicts, missing, review, waived, known = _counts(report, run)
    lines = [f"<details><summary><b>{path}</b>: {conflicts} in conflict, {missing} missing, {review} to review"
             + (f", {waived} waived" if waived else "") + (f", {known} known (baseline)" if known else "")
             + "</summary>", ""]
    for finding in problems(report):
        mark = "☑️ waived" if finding.waived else "☑️ known (baseline)" if finding.baseline \
            else "❌" if run.failing(finding) else "⚠️"
        lines.append(f"- {mark} **{escape(headline(finding))}**")
        if finding.evidence and finding.status != MISSING:
            where = place(finding, report.ocr_pages)
            quote = escape(shorten(finding.evidence[0].quote, 240))
            lines.append(f"  - “{quote}”" + (f" ({escape(where)})" if where else ""))
        # A summary for a pull request: no reasons, and no amendment for what the board has accepted.
        shown = {"Waived", "Required by", "Cite"} | (set() if finding.waived else {"Amend"})
        lines += [f"  - {label}: {escape(text)}" for label, text in finding_details(finding) if label in shown]
    lines += ["", "</details>", ""]
    return "\n".join(lines)
