"""The CSV report, for the business office's spreadsheet: one row per document x provision.

Written with the standard library's csv module. A cell that a spreadsheet would read as a formula
(text from a document starting with =, +, - or @) is prefixed with an apostrophe, so a hostile contract
cannot run one. Files get a UTF-8 byte-order mark (see formats.emit) so Excel reads accents right.
"""

from __future__ import annotations

import csv
import io

from clausecheck.report.formats import CheckRun, display_path

COLUMNS = ("document", "sha256", "verdict", "provision", "title", "required", "severity", "status", "fails",
           "waived", "score", "page", "section", "quote", "amendment", "citation", "error")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def rows(run: CheckRun) -> list[dict]:
    from clausecheck.verdict import is_compliant

    found = []
    for report in run.reports:
        base = {"document": display_path(report.path), "sha256": report.sha256 or "",
                "verdict": "unreadable" if report.error else "pass" if is_compliant(report, run.fail_on) else "fail"}
        if report.error:
            found.append({**base, "error": report.error})
            continue
        for finding in report.findings:
            first = finding.evidence[0] if finding.evidence else None
            found.append({**base, "provision": finding.provision, "title": finding.title,
                          "required": "yes" if finding.required else "no", "severity": finding.severity,
                          "status": finding.status, "fails": "yes" if run.failing(finding) else "no",
                          "waived": finding.waived or "", "score": round(finding.score, 3),
                          "page": first.page if first else None, "section": first.section if first else None,
                          "quote": " ".join(first.quote.split()) if first else None,
                          "amendment": finding.amendment, "citation": finding.citation})
    return found


def render(run: CheckRun) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n", restval="")
    writer.writeheader()
    for row in rows(run):
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return stream.getvalue()
