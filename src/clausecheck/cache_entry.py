"""Read a cache entry back into a DocumentReport only if every part of it is what the checker writes.

A cache restored in CI is input: anyone who can write to it can edit an entry. On top of a well-formed
report (report_data.py: fields, types and ranges), an entry is accepted only when it is made for this
document's content with no path, and its report has exactly the rulebooks' provisions, with their
titles, severities, citations and amendments, evidence of the kinds each status needs, and none of
what a run adds afterwards (waivers, baselines). Anything else is `BadEntry` or `MalformedReport`, which
the cache treats as a miss: the file is checked afresh. A well-formed forgery cannot be told from a
real entry (see the README, "Cache").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Finding, Role
from clausecheck.report_data import report_from_dict

if TYPE_CHECKING:
    from clausecheck.rulebook.model import Provision

REQUIRED_ROLE = {PRESENT: Role.SATISFIES, CONFLICT: Role.CONTRADICTS}


class BadEntry(ValueError):
    """A cache entry that is not exactly what the checker writes."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise BadEntry(what)


def report_from_entry(data: object, document_sha256: str, provisions: Sequence[Provision] | None) -> DocumentReport:
    """The report an entry holds; BadEntry or MalformedReport unless it is exactly what the checker
    writes for a document with this SHA-256 checked against `provisions` (None: the provisions are not
    checked)."""
    _expect(isinstance(data, dict) and "path" in data and data["path"] is None, "path")
    report = report_from_dict({**data, "path": ""})
    _expect(report.sha256 == document_sha256, "the entry is for other content")
    if report.error is not None:
        _expect(not report.findings and report.format is None, "an unreadable document with findings")
        return report
    _expect(report.format is not None, "format")
    if provisions is not None:
        _expect(len(report.findings) == len(provisions), "not one finding per provision")
        for finding, provision in zip(report.findings, provisions):
            _expect_made_for(finding, provision)
    for finding in report.findings:
        _expect_as_checked(finding)
    return report


def _expect_made_for(finding: Finding, provision: Provision) -> None:
    _expect(finding.provision == provision.id and finding.title == provision.title
            and finding.severity == provision.severity and finding.required is provision.required
            and finding.statute_term is provision.statute_term
            and all(source in provision.sources for source in finding.required_by)
            and finding.citation == provision.citation_for(finding.required_by),
            "finding does not match its provision")
    _expect(finding.status == PRESENT or finding.amendment == provision.amendment, "amendment")


def _expect_as_checked(finding: Finding) -> None:
    """The finding is as a check leaves it: evidence of the kinds its status needs, not yet waived or known."""
    _expect(finding.waived is None and finding.baseline is None, "a stored finding is neither waived nor known")
    _expect(finding.status != PRESENT or not finding.amendment, "a present finding with an amendment")
    roles = {item.role for item in finding.evidence}
    if finding.status in REQUIRED_ROLE:
        required = REQUIRED_ROLE[finding.status]
        _expect(required in roles, f"a {finding.status} finding without {required} evidence")
    if finding.status == MISSING:
        _expect(not finding.evidence, "a missing finding with evidence")
    if finding.status == REVIEW:
        _expect(roles <= {Role.WEAK}, "a review finding with strong evidence")
