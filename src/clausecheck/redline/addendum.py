"""A standalone amendment, ready to sign, for a contract that cannot be redlined (a PDF): title, parties,
recitals naming the agreement, numbered terms (the conflicting clauses it deletes, each required term,
the order of precedence), and a signature block for each party.

It is written as a letters `Composition`, so the letters' DOCX writer lays it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from clausecheck.analysis.sections import section_name
from clausecheck.document import Document
from clausecheck.letters.composition import HEADING, PARAGRAPH, SIGNATURE, TITLE, Block, Composition
from clausecheck.letters.deadlines import short_date
from clausecheck.redline.plan import SECTION_TITLE, RedlinePlan, precedence_text
from clausecheck.redline.terms import DISTRICT, VENDOR, ContractTerms

_OPENING_WORDS = 6  # enough to find the clause, too few to read as a term of its own


@dataclass(frozen=True)
class AddendumParties:
    """Who signs: the district (the contracting board) and the vendor, by name."""

    district: str
    vendor: str
    contract_title: str  # "Master Subscription Agreement", or "" when unknown
    contract_dated: str | None  # "July 1, 2025"


def compose_addendum(plan: RedlinePlan, parties: AddendumParties, document: Document, dated: date,
                     author: str) -> Composition:
    """The amendment for the contract read into `document`, as `plan` describes it."""
    terms = _addendum_terms(plan.terms)
    district_term, vendor_term = terms.terms[DISTRICT], terms.terms[VENDOR]
    agreement = parties.contract_title or "agreement"
    dated_clause = f" dated {parties.contract_dated}" if parties.contract_dated else ""
    blocks = [
        Block(TITLE, text=f"Amendment to the {agreement}: {SECTION_TITLE}"),
        Block(PARAGRAPH, text=(
            f"This Amendment is made as of {short_date(dated)} between {parties.district} "
            f"({_definition(district_term)}) and {parties.vendor} ({_definition(vendor_term)}), together "
            f"the \u201cParties\u201d.")),
        Block(HEADING, text="Recitals"),
        Block(PARAGRAPH, text=(
            f"A. The Parties are parties to the {agreement}{dated_clause} (the \u201cAgreement\u201d), under "
            f"which {vendor_term} receives or holds student information, student records or student-generated "
            f"content for {district_term}.")),
        Block(PARAGRAPH, text=(
            "B. Connecticut General Statutes \u00a7\u00a7 10-234aa to 10-234dd and the Board of Education's "
            "policy on student data privacy require the terms below in such a contract, and the Parties wish "
            "to amend the Agreement to include them.")),
        Block(PARAGRAPH, text="NOW, THEREFORE, the Parties agree as follows:"),
        Block(HEADING, text="Terms"),
    ]
    numbered: list[str] = []
    struck = [_struck_clause(document, replacement.start, replacement.end, replacement.section)
              for replacement in plan.replacements]
    if struck:
        numbered.append("Conflicting provisions. The following provisions of the Agreement are deleted and "
                        "replaced by the terms of this Amendment: " + "; ".join(struck) + ".")
    texts = [text for replacement in plan.replacements for text in replacement.texts]
    texts += [addition.text for addition in (*plan.additions, *plan.restated)]
    numbered += [_reworded(text) for text in dict.fromkeys(texts)]
    numbered.append(_reworded(precedence_text(terms, "The terms of this Amendment", [])))
    numbered.append("Except as this Amendment provides, the Agreement is unchanged. This Amendment may be signed "
                    "in counterparts, including by electronic signature.")
    blocks += [Block(PARAGRAPH, text=f"{number}. {text}") for number, text in enumerate(numbered, start=1)]
    blocks.append(Block(PARAGRAPH, text="IN WITNESS WHEREOF, the Parties have signed this Amendment by their "
                                        "authorized representatives."))
    for name in (parties.district, parties.vendor):
        blocks.append(Block(SIGNATURE, lines=(name.upper(), "", "Name:", "Title:", "Date:")))
    title = f"Amendment to the {agreement}"
    return Composition(title=title, blocks=tuple(blocks), dated=dated, author=author,
                       subject=SECTION_TITLE, keywords=("student data privacy", "amendment"))


def _addendum_terms(terms: ContractTerms) -> ContractTerms:
    """The contract's terms, with the amendment's own definitions for the parties it did not name."""
    mapping = dict(terms.terms)
    mapping.setdefault(VENDOR, "Contractor")
    mapping.setdefault(DISTRICT, "the Board")
    return ContractTerms(mapping, dict(terms.found_in))


def _definition(term: str) -> str:
    """'the \u201cDistrict\u201d' for 'the District', '\u201cProvider\u201d' for 'Provider'."""
    if term.lower().startswith("the "):
        return f"the \u201c{term[4:]}\u201d"
    return f"\u201c{term}\u201d"


def _reworded(text: str) -> str:
    """An amendment text that speaks of "this Agreement" speaks, in the amendment, of the Agreement."""
    return re.sub(r"\b([Tt])his Agreement\b", lambda match: f"{match.group(1)}he Agreement", text)


def _struck_clause(document: Document, start: int, end: int, section: str | None) -> str:
    """'Section 7.5, the sentence beginning \u201cIf Provider confirms a Security Incident\u201d'."""
    words = document.text[start:end].split()
    opening = " ".join(words[:_OPENING_WORDS]).rstrip(",;:")
    where = section_name(section) or "the provision"
    return f"{where}, the sentence beginning \u201c{opening}\u201d"
