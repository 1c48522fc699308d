"""From findings to the answer a user acts on: compliant or not, the process exit code, and the run a
report shows (its documents, their summary, the threshold and notices)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clausecheck.findings import CONFLICT, MISSING, REVIEW, DocumentReport, Finding

if TYPE_CHECKING:
    from clausecheck.rulebook.model import Rulebook

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


@dataclass(frozen=True)
class Summary:
    documents: int
    compliant: int  # pass, with no finding left to amend but the waived ones
    with_findings: int  # readable, with findings to amend (new ones, or known in the baseline)
    unreadable: int
    waived: int  # findings that would fail but the board accepted (waivers)
    known: int = 0  # findings that would fail but the baseline records as known
    failing: int = 0  # documents that fail the run (an unreadable one included)


@dataclass(frozen=True)
class CheckRun:
    """Everything a report shows: the documents' reports, the rulebooks, the threshold and notices
    (expired or unused waivers, stale baseline entries) for the user to act on."""

    reports: tuple[DocumentReport, ...]
    rulebooks: tuple[Rulebook, ...] = ()
    fail_on: str = "review"
    verbose: bool = False
    notices: tuple[str, ...] = ()

    @property
    def summary(self) -> Summary:
        unreadable = sum(1 for report in self.reports if report.error)
        passing = [report for report in self.reports if is_compliant(report, self.fail_on)]
        compliant = sum(1 for report in passing if not known_failures(report, self.fail_on))
        waived = sum(1 for report in self.reports for finding in report.findings
                     if finding.waived and is_problem(finding))
        known = sum(known_failures(report, self.fail_on) for report in self.reports)
        return Summary(len(self.reports), compliant, len(self.reports) - compliant - unreadable, unreadable, waived,
                       known, len(self.reports) - len(passing))

    @property
    def exit_code(self) -> int:
        return exit_code(self.reports, self.fail_on)

    def failing(self, finding: Finding) -> bool:
        return failing(finding, self.fail_on)
