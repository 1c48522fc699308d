"""From findings to the answer a user acts on: compliant or not, and the process exit code."""

from __future__ import annotations

from collections.abc import Iterable

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
FAIL_ON = ("review", "missing", "conflict", "never")


def failing(finding: Finding, fail_on: str = "review") -> bool:
    """Whether this finding fails the check at the `fail_on` threshold.

    review: a required statement not confirmed present (missing or review), or any conflict;
    missing: as review, but a provision needing review passes; conflict: only conflicts; never: nothing.
    """
    if fail_on == "never" or finding.status == PRESENT:
        return False
    if finding.status == CONFLICT:
        return True
    if fail_on == "conflict":
        return False
    if not finding.required:
        return False
    return finding.status == MISSING or (finding.status == REVIEW and fail_on == "review")


def is_compliant(report: DocumentReport, fail_on: str = "review") -> bool:
    return report.error is None and not any(failing(finding, fail_on) for finding in report.findings)


def exit_code(reports: Iterable[DocumentReport], fail_on: str = "review") -> int:
    """2 if any document could not be read (the check is incomplete), 1 if any fails, else 0."""
    reports = list(reports)
    if any(report.error for report in reports):
        return EXIT_ERROR
    if any(not is_compliant(report, fail_on) for report in reports):
        return EXIT_FINDINGS
    return EXIT_OK
