"""The CSV report, for the business office's spreadsheet: one row per document x provision.

Written with the standard library's csv module. A cell that a spreadsheet would read as a formula
(text from a document starting with =, +, - or @) is prefixed with an apostrophe, so a hostile contract
cannot run one. Files get a UTF-8 byte-order mark (see formats.emit) so Excel reads accents right.
"""

from __future__ import annotations

import csv
import io

from clausecheck.report.formats import display_path
from clausecheck.report.printable import printable
from clausecheck.verdict import CheckRun

COLUMNS = ("document", "sha256", "verdict", "provision", "title", "required", "severity", "status", "fails",
           "waived", "baseline", "score", "page", "section", "quote", "amendment", "required_by", "citation", "error")
_VERDICT_WORDS = {"pass": "pass", "pass-waived": "pass", "known": "known", "fail": "fail", "unreadable": "unreadable"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str):
        value = printable(value)  # a file name's or a quote's control characters shown as escapes
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return "" if value is None else value


def rows(run: CheckRun) -> list[dict]:
    from clausecheck.report.headlines import document_verdict

    found = []
    for report in run.reports:
        base = {"document": display_path(report.path), "sha256": report.sha256 or "",
                "verdict": _VERDICT_WORDS.get(document_verdict(report, run.fail_on).kind, "fail")}
        if report.error:
            found.append({**base, "error": report.error})
            continue
        for finding in report.findings:
            first = finding.evidence[0] if finding.evidence else None
            found.append({**base, "provision": finding.provision, "title": finding.title,
                          "required": "yes" if finding.required else "no", "severity": finding.severity,
                          "status": finding.status, "fails": "yes" if run.failing(finding) else "no",
                          "waived": finding.waived or "", "baseline": finding.baseline or "",
                          "score": finding.score,
                          "page": first.page if first else None, "section": first.section if first else None,
                          "quote": " ".join(first.quote.split()) if first else None,
                          "amendment": finding.amendment, "required_by": " ".join(finding.required_by),
                          "citation": finding.citation})
    return found


def render(run: CheckRun) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n", restval="")
    writer.writeheader()
    for row in rows(run):
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return stream.getvalue()
