"""From findings to the answer a user acts on: compliant or not, and the process exit code."""

from __future__ import annotations

from collections.abc import Iterable

from clausecheck.findings import CONFLICT, MISSING, REVIEW, DocumentReport, Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
FAIL_ON = ("review", "missing", "conflict", "never")


def is_problem(finding: Finding) -> bool:
    """Whether the finding is something to fix at all: a conflict, or a required statement that is
    missing or needs review. What fails a run is decided from this by `failing`."""
    return finding.status == CONFLICT or (finding.required and finding.status in (MISSING, REVIEW))


def failing(finding: Finding, fail_on: str = "review") -> bool:
    """Whether this finding fails the check at the `fail_on` threshold.

    review: a required statement not confirmed present (missing or review), or any conflict;
    missing: as review, but a provision needing review passes; conflict: only conflicts; never: nothing.
    A waived finding (an accepted deviation) passes, and so does one known in the baseline or whose
    severity is warning or info: only new error-severity findings fail a run.
    """
    return not finding.baseline and would_fail(finding, fail_on)


def would_fail(finding: Finding, fail_on: str = "review") -> bool:
    """Whether the finding fails the check at `fail_on` when the baseline is not counted."""
    if fail_on == "never" or finding.waived or finding.severity != "error" or not is_problem(finding):
        return False
    if finding.status == CONFLICT:
        return True
    return fail_on == "review" or (fail_on == "missing" and finding.status == MISSING)


def is_compliant(report: DocumentReport, fail_on: str = "review") -> bool:
    """Whether the document passes the run: readable and no finding fails (known ones pass)."""
    return report.error is None and not any(failing(finding, fail_on) for finding in report.findings)


def known_failures(report: DocumentReport, fail_on: str = "review") -> int:
    """How many of the document's findings pass only because the baseline records them."""
    return sum(1 for finding in report.findings if finding.baseline and would_fail(finding, fail_on))


def exit_code(reports: Iterable[DocumentReport], fail_on: str = "review") -> int:
    """2 if any document could not be read (the check is incomplete), 1 if any fails, else 0."""
    reports = list(reports)
    if any(report.error for report in reports):
        return EXIT_ERROR
    if any(not is_compliant(report, fail_on) for report in reports):
        return EXIT_FINDINGS
    return EXIT_OK
