"""The Markdown summary, for pull-request comments and `$GITHUB_STEP_SUMMARY`.

The verdict and the summary counts first, a table with one row per document, then the problems of
each document that needs attention in a collapsed section. Text taken from documents is escaped, so a
contract cannot inject links or HTML into the comment; the output stops adding detail before
GitHub's 65,536-character comment limit.
"""

from __future__ import annotations

import re

from clausecheck.findings import MISSING
from clausecheck.report.formats import (CheckRun, display_path, document_verdict, headline, place, problem_counts,
                                        problems, shorten)
from clausecheck.verdict import is_compliant

MAX_LENGTH = 60_000
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>])")


def escape(text: str) -> str:
    text = " ".join(str(text).split()).replace("&", "&amp;")
    return _SPECIAL.sub(lambda match: "&lt;" if match.group(1) == "<" else "&gt;" if match.group(1) == ">"
                        else "\\" + match.group(1), text)


VERDICTS = {"pass": "✅ pass", "fail": "❌ fail", "unreadable": "⚠️ unreadable"}


def render(run: CheckRun) -> str:
    summary = run.summary
    if summary.unreadable:
        title = f"⚠️ clausecheck: {summary.unreadable} of {summary.documents} documents could not be read"
    elif summary.with_findings:
        title = f"❌ clausecheck: {summary.with_findings} of {summary.documents} contracts need amendment"
    else:
        title = f"✅ clausecheck: all {summary.documents} contracts comply"
    out = [f"## {title}", "",
           "| Documents | Compliant | With findings | Unreadable | Waived findings |",
           "|---:|---:|---:|---:|---:|",
           f"| {summary.documents} | {summary.compliant} | {summary.with_findings} | {summary.unreadable} "
           f"| {summary.waived} |",
           "", f"Threshold: `--fail-on {run.fail_on}`.", ""]
    for notice in run.notices:
        out.append(f"> ⚠️ {escape(notice)}")
    if run.notices:
        out.append("")
    out += ["| Document | Verdict | Conflicts | Missing | To review | Waived |", "|---|---|---:|---:|---:|---:|"]
    for report in run.reports:
        counts = problem_counts(report)
        out.append(f"| {escape(display_path(report.path))} | {VERDICTS[document_verdict(report, run.fail_on)]} | "
                   f"{counts.conflict} | {counts.missing} | {counts.review} | {counts.waived} |")
    out.append("")
    length = sum(len(line) + 1 for line in out)
    skipped = 0
    for report in run.reports:
        if not report.error and is_compliant(report, run.fail_on) and not any(f.waived for f in report.findings):
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


def _details(report, run: CheckRun) -> str:  # noqa: ANN001
    path = escape(display_path(report.path))
    if report.error:
        return f"<details><summary><b>{path}</b>: could not be read</summary>\n\n{escape(report.error)}\n\n</details>\n"
    counts = problem_counts(report)
    lines = [f"<details><summary><b>{path}</b>: {counts.conflict} in conflict, {counts.missing} missing, "
             f"{counts.review} to review" + (f", {counts.waived} waived" if counts.waived else "") + "</summary>", ""]
    for finding in problems(report):
        mark = "☑️ waived" if finding.waived else "❌" if run.failing(finding) else "⚠️"
        lines.append(f"- {mark} **{escape(headline(finding))}**")
        if finding.evidence and finding.status != MISSING:
            where = place(finding, report.ocr_pages)
            quote = escape(shorten(finding.evidence[0].quote, 240))
            lines.append(f"  - “{quote}”" + (f" ({escape(where)})" if where else ""))
        if finding.waived:
            lines.append(f"  - Waived: {escape(finding.waived)}")
        elif finding.amendment:
            lines.append(f"  - Amend: {escape(finding.amendment)}")
        if finding.citation:
            lines.append(f"  - Cite: {escape(finding.citation)}")
    lines += ["", "</details>", ""]
    return "\n".join(lines)
