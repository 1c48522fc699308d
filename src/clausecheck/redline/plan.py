"""What a redline changes, decided from the findings alone: which clauses to strike and what replaces
them, which terms to add, which clauses only need a question, and the order-of-precedence term.

The choice of findings is the letter's (`letters.amendments`): a conflict, or a required provision that
is missing or needs review, unless a waiver covers it. Both the tracked-changes redline and the
standalone addendum are written from one plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Evidence, Finding
from clausecheck.redline.terms import VENDOR, ContractTerms, with_contract_terms

SECTION_TITLE = "Connecticut Student Data Privacy Terms"


@dataclass(frozen=True)
class Replacement:
    """A conflicting clause (document offsets) to strike, and the amendments that take its place."""

    start: int
    end: int
    findings: tuple[Finding, ...]
    texts: tuple[str, ...]  # amendment texts in the contract's terms; empty: the clause is only struck
    section: str | None  # the section path of the clause, as the reader saw it


@dataclass(frozen=True)
class Addition:
    """A provision the contract lacks, and its amendment text in the contract's terms."""

    finding: Finding
    text: str


@dataclass(frozen=True)
class Confirmation:
    """A clause the check could not judge: a question for the vendor, no change."""

    finding: Finding
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class RedlinePlan:
    replacements: tuple[Replacement, ...]
    additions: tuple[Addition, ...]
    confirmations: tuple[Confirmation, ...]
    waived: tuple[Finding, ...]
    terms: ContractTerms
    # Required provisions the contract has: a standalone amendment restates them, so that it holds every
    # required term on its own; a redline leaves them as the contract words them.
    restated: tuple[Addition, ...] = ()

    @property
    def changes_text(self) -> bool:
        return bool(self.replacements or self.additions)

    @property
    def empty(self) -> bool:
        return not (self.replacements or self.additions or self.confirmations)


def plan_redline(report: DocumentReport, terms: ContractTerms, text_length: int | None = None,
                 restate: dict[str, str] | None = None) -> RedlinePlan:
    """The plan for one checked contract; `text_length` (the document text's length) lets evidence that
    points outside the text become an addition instead of a strike. `restate` ({provision: amendment
    text}, from the rulebook) asks for the required provisions the contract has, restated."""
    from clausecheck.letters.amendments import board_waiver
    from clausecheck.verdict import is_problem

    struck: list[tuple[int, int, Finding]] = []
    additions: list[Addition] = []
    confirmations: list[Confirmation] = []
    waived: list[Finding] = []
    restated: list[Addition] = []
    for finding in report.findings:
        if not is_problem(finding):
            if restate and finding.required and finding.status == PRESENT and restate.get(finding.provision):
                restated.append(Addition(finding, with_contract_terms(" ".join(restate[finding.provision].split()),
                                                                      terms.terms)))
            continue
        if board_waiver(finding):
            waived.append(finding)
        elif finding.status == CONFLICT:
            clauses = [item for item in finding.evidence if item.role == "contradicts"
                       and 0 <= item.start < item.end and (text_length is None or item.end <= text_length)]
            struck += [(item.start, item.end, finding) for item in clauses]
            if not clauses and finding.amendment:
                additions.append(Addition(finding, amendment_text(finding, terms)))
        elif finding.status == MISSING and finding.amendment:
            additions.append(Addition(finding, amendment_text(finding, terms)))
        elif finding.status == REVIEW:
            confirmations.append(Confirmation(finding, finding.evidence))
    return RedlinePlan(_merged(struck, terms, report), tuple(additions), tuple(confirmations), tuple(waived),
                       terms, tuple(restated))


def amendment_text(finding: Finding, terms: ContractTerms) -> str:
    return with_contract_terms(" ".join(finding.amendment.split()), terms.terms)


def _merged(struck: list[tuple[int, int, Finding]], terms: ContractTerms,
            report: DocumentReport) -> tuple[Replacement, ...]:
    """One replacement per stretch of text, however many findings point into it: overlapping clauses are
    struck once, and each finding's amendment is inserted once, after the first clause it points to."""
    sections = {(item.start, item.end): item.section for finding in report.findings for item in finding.evidence}
    stretches: list[list] = []
    for start, end, finding in sorted(struck, key=lambda entry: (entry[0], entry[1])):
        if stretches and start < stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], end)
            stretches[-1][2].append(finding)
            stretches[-1][3].append((start, end))
        else:
            stretches.append([start, end, [finding], [(start, end)]])
    placed: set[str] = set()
    replacements = []
    for start, end, findings, clauses in stretches:
        unique = tuple(dict.fromkeys(findings))
        texts = []
        for finding in unique:
            if finding.provision not in placed and finding.amendment:
                texts.append(amendment_text(finding, terms))
                placed.add(finding.provision)
        replacements.append(Replacement(start, end, unique, tuple(dict.fromkeys(texts)),
                                        sections.get(clauses[0])))
    return tuple(replacements)


def precedence_text(terms: ContractTerms, these: str, amended: list[str]) -> str:
    """The order-of-precedence term: `these` terms ("The terms of Section 15", "This Amendment") and the
    clauses they replaced prevail over the agreement, order forms, terms of service and privacy policies."""
    vendor = terms.terms.get(VENDOR, "Contractor")
    replaced = f", and {_listed(amended)} as amended with them," if amended else ""
    return with_contract_terms(
        f"{these}{replaced} prevail over any conflicting or inconsistent provision of this Agreement, of any "
        f"order form, quote or statement of work, and of any terms of service, privacy policy, click-through "
        f"or online terms of {vendor}, whenever made or accepted.", terms.terms)


def _listed(names: list[str]) -> str:
    """'Section 5.3' or 'Sections 5.3, 7.5 and 13.1'."""
    names = list(dict.fromkeys(names))
    if len(names) == 1:
        return names[0]
    if all(name.startswith("Section ") for name in names):
        names = [name[len("Section "):] for name in names]
        return "Sections " + ", ".join(names[:-1]) + " and " + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]
