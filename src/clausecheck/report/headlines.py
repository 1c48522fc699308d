"""The words of every verdict a report shows, in one place: each document's headline, the kind of row
each finding gets, and the title of a run. Reports take their wording from here, so a change of wording
is made once and the counts in a headline always come from the same sorting as the rows below it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Finding
from clausecheck.verdict import failing, is_compliant, is_problem, known_failures

# What each kind of document verdict says after its label; {counts}, {waived}, {known} are filled in. A
# pass is a screening result, never an opinion that the contract complies; a fail does not assume the
# contract is unsigned.
PASS_MEANING = "a screening result, not an opinion that the contract complies"
PASS_SENTENCE = f"no required term found missing and no conflicting clause found: {PASS_MEANING}"
HEADLINES = {
    "pass": ("PASS", f"{PASS_SENTENCE}."),
    "pass-waived": ("PASS", "no required term found missing and no conflicting clause found beyond the {waived} "
                            f"accepted deviation(s) marked waived: {PASS_MEANING}."),
    "known": ("KNOWN", "no new findings, but {known} known finding(s) recorded in the baseline still need the "
                       "contract amended."),
    "fail": ("FAIL", "{counts}: do not sign as is; for a signed contract, send the amendment request."),
    "unreadable": ("ERROR", "{error}"),
}
# How the sources of a finding are named in reports.
SOURCE_WORDS = {"statute": "statute", "policy": "board policy"}
# A note under a report with operator duties the contract does not address.
SILENT_NOTE = ("The contract does not address these operator duties. They bind the operator by "
               "statute anyway (Conn. Gen. Stat. § 10-234cc), so they do not fail the check; adding them to "
               "the contract is still good practice.")
# Row kinds: a finding that fails the run is a conflict, missing or review row; the others say why not.
FAILING_KINDS = (CONFLICT, MISSING, REVIEW)


def row_kind(finding: Finding, fail_on: str) -> str:
    """conflict, missing or review (fails the run); note (a problem that does not fail: warning
    severity or below the threshold); silent (an operator duty the contract does not address);
    waived (accepted by the board); known (recorded in the baseline); present."""
    if finding.status == PRESENT:
        return PRESENT
    if finding.waived and is_problem(finding):
        return "waived"
    if finding.baseline and is_problem(finding):
        return "known"
    if failing(finding, fail_on):
        return finding.status
    if finding.status == MISSING and not finding.required:
        return "silent"
    return "note"


def row_counts(report: DocumentReport, fail_on: str) -> Counter[str]:
    return Counter(row_kind(finding, fail_on) for finding in report.findings)


def counts_text(counts: Counter[str]) -> str:
    """"5 in conflict, 4 missing, 0 to review": the failing rows, as the headline and the batch list
    say them."""
    return f"{counts[CONFLICT]} in conflict, {counts[MISSING]} missing, {counts[REVIEW]} to review"


@dataclass(frozen=True)
class Verdict:
    """A document's verdict: its kind (a key of HEADLINES), the label and the sentence after it."""

    kind: str
    label: str
    sentence: str


def document_verdict(report: DocumentReport, fail_on: str) -> Verdict:
    if report.error:
        kind = "unreadable"
    elif not is_compliant(report, fail_on):
        kind = "fail"
    elif known_failures(report, fail_on):
        kind = "known"
    elif any(finding.waived and is_problem(finding) for finding in report.findings):
        kind = "pass-waived"
    else:
        kind = "pass"
    counts = row_counts(report, fail_on)
    label, template = HEADLINES[kind]
    return Verdict(kind, label, template.format(counts=counts_text(counts), waived=counts["waived"],
                                                known=counts["known"], error=report.error or ""))


def run_title(documents: int, failing: int, known: int, unreadable: int) -> tuple[str, str]:
    """A run's verdict as (kind, words): `failing` documents fail the run, `known` pass only because of
    the baseline."""
    if unreadable:
        return "unreadable", f"{unreadable} of {documents} documents could not be read"
    if failing:
        return "fail", f"{failing} of {documents} contracts need amendment"
    if known:
        return "known", (f"no new findings; {known} of {documents} contracts still have known findings "
                         "(baseline) to amend")
    return "pass", f"all {documents} contracts passed the check"


def sources_text(required_by: tuple[str, ...] | list[str]) -> str:
    """"statute and board policy", "board policy", "statute" ("" for none)."""
    return " and ".join(SOURCE_WORDS.get(source, source) for source in required_by)
