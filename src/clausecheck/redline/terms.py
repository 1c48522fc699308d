"""The contract's own defined terms ("Provider", "the District", "Student Data", "the Services") and their
use in place of the rulebook's generic ones ("Contractor", "the Board", "student information").

`find_contract_terms` reads them from the parties clause and the definitions; `with_contract_terms`
rewrites an amendment text with any mapping {role: term}, so another source of terms (the engine's
defined-term detection) can replace the reader without touching the substitution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clausecheck.document import Document

VENDOR = "vendor"
DISTRICT = "district"
STUDENT_DATA = "student-data"
SERVICES = "services"
ROLES = (VENDOR, DISTRICT, STUDENT_DATA, SERVICES)
# What the rulebook calls each role, for a note on the terms that could not be found.
GENERIC_NAMES = {VENDOR: "Contractor", DISTRICT: "the Board",
                 STUDENT_DATA: "student records, student information and student-generated content",
                 SERVICES: "the services"}

_STUDENT_ITEMS = (r"(?:the\s+student['\u2019]s\s+records|student\s+records?|student\s+information|"
                  r"student-generated\s+content)")
# Longest first: a list of the statute's three categories before one of them alone.
_GENERIC = {
    STUDENT_DATA: (rf"{_STUDENT_ITEMS}(?:\s*,\s*{_STUDENT_ITEMS}){{1,2}},?\s+(?:and|or)\s+"
                   rf"{_STUDENT_ITEMS}", r"student\s+information", r"student\s+data"),
    VENDOR: (r"(?:[Tt]he\s+)?Contractor\b",),
    DISTRICT: (r"(?:[Tt]he\s+)?Board\b(?!\s+of\s+Education)",),
    SERVICES: (r"the\s+contracted\s+services", r"the\s+services\b"),
}
# The parties are named with a capital in the rulebook; the data and the services in any case.
_PATTERNS = {role: re.compile("|".join(f"(?:{pattern})" for pattern in patterns),
                              re.IGNORECASE if role in (STUDENT_DATA, SERVICES) else 0)
             for role, patterns in _GENERIC.items()}

_QUOTES = "\"\u201c\u201d"
_DEFINED_TERM = re.compile(
    rf"[{_QUOTES}](?P<term>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,3}})[{_QUOTES}]\s*(?:\)\s*)?"
    rf"(?:means|shall\s+mean|refers\s+to|has\s+the\s+meaning|includes|is\s+defined)")
_PARENTHETICAL_TERM = re.compile(
    rf"\(\s*(?:collectively,?\s+|together,?\s+|hereinafter\s+)?(?P<article>the\s+)?[{_QUOTES}]"
    rf"(?P<term>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,3}})[{_QUOTES}]")
_STUDENT_DATA_TERM = re.compile(
    r"^(?:Student|Pupil|Learner)s?\s+(?:Data|Information|Records?|Personal\s+Information|PII)$|^Education\s+Records$")
_SERVICES_TERM = re.compile(r"^(?:(?:Subscription|Online|Cloud|Licensed)\s+)?(?:Services?|Platform|Products?|"
                            r"Software|Solution|Application)$")


@dataclass(frozen=True)
class ContractTerms:
    """The contract's term for each role it defines (with its article: "the District", "Provider"), and
    where each was found; roles it does not define are absent."""

    terms: dict[str, str] = field(default_factory=dict)
    found_in: dict[str, str] = field(default_factory=dict)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(role for role in ROLES if role not in self.terms)


def find_contract_terms(document: Document) -> ContractTerms:
    """The vendor's and the board's terms from the parties clause, and the defined terms for student data
    and the services from the definitions (`"Student Data" means ...`, `(the "Services")`)."""
    from clausecheck.analysis.parties import find_parties

    terms: dict[str, str] = {}
    found_in: dict[str, str] = {}
    parties = find_parties(document)
    flat = " ".join(document.text.split())
    for role, party in ((VENDOR, parties.vendor), (DISTRICT, parties.board)):
        if party is not None and party.term and party.term.lower() not in ("you", "we", "us"):
            terms[role] = _with_article(party.term, flat)
            found_in[role] = "the parties clause"
    for role, shape in ((STUDENT_DATA, _STUDENT_DATA_TERM), (SERVICES, _SERVICES_TERM)):
        definition = _definition(document, shape)
        if definition is not None:
            term, where = definition
            terms[role] = _with_article(term, flat)
            found_in[role] = where
    return ContractTerms(terms, found_in)


def with_contract_terms(text: str, terms: dict[str, str]) -> str:
    """`text` with each generic role name replaced by the contract's term for it; roles without a term
    keep the rulebook's words. A replaced term at the start of a sentence gets a capital."""
    for role in (STUDENT_DATA, SERVICES, VENDOR, DISTRICT):  # the student-data list holds no party names
        term = terms.get(role)
        if not term:
            continue

        def replace(match: re.Match, term: str = term, text: str = text) -> str:
            starts_sentence = match.start() == 0 or re.search(r"[.;:]\s*$", text[:match.start()]) is not None
            return term[0].upper() + term[1:] if starts_sentence else term

        text = _PATTERNS[role].sub(replace, text)
    return text


def terms_note(terms: ContractTerms) -> str:
    """A sentence for a comment: which of the contract's terms the amendments use, and which they could not."""
    parts = []
    used = [f"\u201c{terms.terms[role]}\u201d for {GENERIC_NAMES[role]} ({terms.found_in[role]})"
            for role in ROLES if role in terms.terms]
    if used:
        parts.append("The amendments use this Agreement's defined terms: " + "; ".join(used) + ".")
    if STUDENT_DATA in terms.terms:
        parts.append(f"Check that the definition of \u201c{terms.terms[STUDENT_DATA]}\u201d covers student "
                     "records, student information and student-generated content, as the statute requires.")
    missing = [GENERIC_NAMES[role] for role in terms.missing]
    if missing:
        parts.append("clausecheck could not find this Agreement's term for " + ", ".join(
            f"\u201c{name}\u201d" for name in missing) + "; the amendments keep those words: replace them "
            "with the Agreement's own terms before signing.")
    return " ".join(parts)


def _definition(document: Document, shape: re.Pattern) -> tuple[str, str] | None:
    """The first defined term of this shape, and where it is defined."""
    for block in document.blocks:
        for pattern in (_DEFINED_TERM, _PARENTHETICAL_TERM):
            for match in pattern.finditer(block.text):
                term = " ".join(match.group("term").split())
                if shape.match(term):
                    where = f"section {block.section[-1]}" if block.section else "the definitions"
                    return term, where
    return None


def _with_article(term: str, flat: str) -> str:
    """'the District' when the contract defines or uses the term with 'the' more often than without."""
    term = " ".join(term.split())
    if term.lower().startswith("the "):
        return term
    defined_with_article = re.search(rf"\(\s*the\s+[{_QUOTES}]{re.escape(term)}[{_QUOTES}]", flat)
    if defined_with_article:
        return f"the {term}"
    with_article = len(re.findall(rf"\bthe\s+{re.escape(term)}\b", flat))
    bare = len(re.findall(rf"\b{re.escape(term)}\b", flat)) - with_article
    return f"the {term}" if with_article > bare else term
