"""What the redline's comments say: the finding, the source that requires the term, and its citation."""

from __future__ import annotations

from clausecheck.findings import Finding
from clausecheck.report.formats import shorten
from clausecheck.statutory import basis

COMMENT_PREFIX = "clausecheck"
# What each basis of a finding (clausecheck.statutory.basis) says in a comment.
_REQUIRED_BY = {"statute": "Required by the statute", "duty": "The statute forbids this to an operator whatever the "
                "contract says", "policy": "Required by the Board's policy for its contracts"}


def finding_line(finding: Finding) -> str:
    """'Breach notice ... (breach-notification): sets a limit of 72 hours. Required by ... Citation: ...'"""
    parts = [f"{finding.title} ({finding.provision})"]
    reason = " ".join(finding.reason.split())
    if reason and not reason.startswith("matches "):
        parts[0] += f": {reason}"
    parts[0] += "."
    if finding.required_by:
        kind = basis(finding.required_by, finding.statute_term)
        also = " (and by the Board's policy)" if kind != "policy" and "policy" in finding.required_by else ""
        parts.append(f"{_REQUIRED_BY[kind]}{also}.")
    if finding.citation:
        parts.append(f"Citation: {finding.citation}.")
    return " ".join(parts)


def struck_comment(findings: tuple[Finding, ...], replaced: bool) -> list[str]:
    what = ("is struck and replaced by the required term" if replaced else "is struck")
    return [f"{COMMENT_PREFIX}: this clause conflicts with a term the Board requires and {what}.",
            *(finding_line(finding) for finding in findings)]


def added_comment(finding: Finding) -> list[str]:
    lead = ("this Agreement has no clause on this" if finding.status == "missing"
            else "this term replaces a conflicting clause")
    return [f"{COMMENT_PREFIX}: added because {lead}.", finding_line(finding)]


def unmarked_comment(finding: Finding, where: str, quote: str, why: str) -> list[str]:
    return [f"{COMMENT_PREFIX}: this term replaces the conflicting clause in {where} "
            f"(\u201c{shorten(quote, 120)}\u201d), which could not be marked for deletion in this file ({why}): "
            "strike that clause by hand.", finding_line(finding)]


def section_comment(terms_note: str) -> list[str]:
    lead = (f"{COMMENT_PREFIX}: the terms in this section are required by Connecticut law (Conn. Gen. Stat. "
            "\u00a7\u00a7 10-234aa to 10-234dd) or the Board's policy and are missing from, or replace "
            "conflicting clauses of, this Agreement; the comment on each term says why.")
    return [lead, terms_note] if terms_note else [lead]


def precedence_comment() -> list[str]:
    return [f"{COMMENT_PREFIX}: an order of precedence, so that the Agreement's other terms, an order form, or "
            "the vendor's terms of service or privacy policy cannot undo these amendments."]


def confirmation_comment(finding: Finding, amendment: str) -> list[str]:
    lines = [f"{COMMENT_PREFIX}: please confirm. The check could not decide whether this clause meets the "
             "requirement below; no change is made.", finding_line(finding)]
    if amendment:
        lines.append(f"If it does not, the required term is: {amendment}")
    return lines
