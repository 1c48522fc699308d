"""The contract's own defined terms, and which of the rulebook's vocabularies each stands for.

Contracts name things their own way: "Pupil Records" means the student data, "LEA" the district,
"Brightpath" or "Provider" the vendor. A rule written with {data}, {vendor} or {school} should find
them too. This module reads the usual forms of definition:

    "Pupil Records" means any information ...       (also: shall mean, refers to, is defined as)
    Pupil Records means any information ...         (a bare capitalised term opening the sentence)
    Kahoot! ("Kahoot!", "we", "us" or "our") ...    (the vendor naming itself)
    between the Board ... and Acme, Inc. ("Provider")  (the parties clause: `analysis.parties`)

A term joins a vocabulary only on firm evidence, because a wrong word in {data} would make rules match
clauses about something else. The parties (vendor, school) come only from the parties clause and the
vendor's "we"; other vocabularies (`context: definitions:`, e.g. data, services) take a term when the
head noun of its definition's genus is one of their words: "means any information about a student"
(head: information) is data; "means this Data Privacy Agreement" (head: agreement) is nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from clausecheck.analysis.parties import find_parties
from clausecheck.document import Document
from clausecheck.rulebook.vocabulary import PhraseSet, Vocabulary
from clausecheck.text.tokens import tokenize

_Q_OPEN = "\"\u201c'\u2018"
_Q_CLOSE = "\"\u201d'\u2019"
_TERM = rf"[{_Q_OPEN}](?P<term>[A-Za-z][\w&!.' -]{{0,48}}?)[{_Q_CLOSE}]"
_MEANS = r"(?:shall\s+)?(?:means?|refers?\s+to|is\s+defined\s+as|shall\s+have\s+the\s+meaning|has\s+the\s+meaning)"
_QUOTED_DEFINITION = re.compile(rf"^\W*(?:\([a-z0-9]{{1,4}}\)\s*|\d+(?:\.\d+)*\.?\s*)?{_TERM}\s*(?:\([^)]*\)\s*)?"
                                rf"{_MEANS}\b[\s:,]*(?P<definition>.*)", re.IGNORECASE | re.DOTALL)
_BARE_DEFINITION = re.compile(r"^\W*(?:\([a-z0-9]{1,4}\)\s*|\d+(?:\.\d+)*\.?\s*)?"
                              r"(?P<term>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3})\s+"
                              rf"{_MEANS}\b[\s:,]*(?P<definition>.*)", re.DOTALL)
# '("Kahoot!", "we", "us" or "our")', '(hereafter called "IXL" "us" or "we")': a parenthesis that names
# the vendor beside the first-person pronouns it then speaks in.
_PARENTHESIS = re.compile(r"\(([^()]{3,160})\)")
_QUOTED = re.compile(rf"[{_Q_OPEN}]([^{_Q_OPEN}{_Q_CLOSE}]{{1,40}}?)[,.]?[{_Q_CLOSE}]")
_FIRST_PERSON = frozenset({"we", "us", "our"})
# The genus of a definition ends where its first modifier begins: "any information | about a student".
_GENUS_END = re.compile(r"[,;:(]|\b(?:of|about|regarding|relating|related|concerning|that|which|who|whose|"
                        r"collected|provided|created|generated|submitted|including|in|on|by|from|to|for|as|"
                        r"with|under|described|set|and/or)\b", re.IGNORECASE)
_COMPANY = re.compile(r"\b(?:inc|llc|l\.l\.c|corp|corporation|co|ltd|limited|lp|llp|pbc|gmbh|plc)\b\.?", re.IGNORECASE)
_LAW_ACRONYM = re.compile(r"^[A-Z0-9-]{2,}$")  # "GDPR", "FERPA", "DPA": names of laws and documents
_PRONOUNS = frozenset({"we", "us", "our", "you", "your", "they", "it", "this", "that"})
MAX_GENUS_WORDS = 6
HEAD = 40000  # parties and definitions are near the top; long contracts repeat terms, not define them


@dataclass(frozen=True)
class DefinedTerm:
    """A term the contract defines, the text that defines it, and what it stands for."""

    term: str
    definition: str
    stands_for: str  # a vocabulary term name ("data", "vendor", "school", ...)


def read_defined_terms(document: Document, vocabulary: Vocabulary) -> tuple[DefinedTerm, ...]:
    """Every defined term of the contract that stands for one of the rulebook's mappable vocabularies."""
    candidates = vocabulary.mappable_terms
    if not candidates:
        return ()
    roles = vocabulary.roles
    party_terms = {roles.get(role) for role in ("vendor", "user", "school")}
    generic = tuple(name for name in candidates if name not in party_terms)
    sets = {name: vocabulary.phrase_set(name) for name in generic}
    found: dict[str, DefinedTerm] = {}

    def add(term: str, definition: str, stands_for: str) -> None:
        term = " ".join(term.strip(" .,!").split())
        if len(term) >= 2 and term.lower() not in found and term.lower() not in _PRONOUNS:
            found[term.lower()] = DefinedTerm(term, " ".join(definition.split()), stands_for)

    def add_by_genus(term: str, genus: str) -> None:
        kind = _kind_of(genus, sets)
        if kind and not _LAW_ACRONYM.match(term) and not _already_named(term, sets[kind]):
            add(term, genus, kind)

    _parties(document, roles, candidates, add)
    head = document.text[:HEAD]
    for block in document.blocks:
        if block.start > HEAD:
            break
        for sentence in re.split(r"(?<=[.;])\s+(?=[\"\u201c(A-Z])|\n", block.text):
            definition = _QUOTED_DEFINITION.match(sentence) or _BARE_DEFINITION.match(sentence)
            if definition:
                add_by_genus(definition.group("term"), _genus(definition.group("definition")))
    vendor = roles.get("vendor", "")
    if vendor in candidates:
        for match in _PARENTHESIS.finditer(head):
            names = [name.strip() for name in _QUOTED.findall(match.group(1))]
            if any(name.lower() in _FIRST_PERSON for name in names):
                for name in names:
                    add(name, head[max(0, match.start() - 80):match.start()], vendor)
    return tuple(found.values())


def document_terms(defined: Iterable[DefinedTerm]) -> dict[str, tuple[str, ...]]:
    """The defined terms by the vocabulary term they join: {"data": ("pupil records",), ...}."""
    joined: dict[str, list[str]] = {}
    for item in defined:
        words = " ".join(token.lower for token in tokenize(item.term) if token.lower.isalnum())
        if words:  # as the tokenizer splits it: "Code.org" is "code org", "Kahoot!" is "kahoot"
            joined.setdefault(item.stands_for, []).append(words)
    return {name: tuple(dict.fromkeys(terms)) for name, terms in joined.items()}


def _parties(document: Document, roles: Mapping[str, str], candidates: tuple[str, ...],
             add: Callable[[str, str, str], None]) -> None:
    """The vendor and the school as the parties clause names them: its defined term ("Provider") and,
    for a company, the first word of its name ("Brightpath" of "Brightpath Learning, Inc.")."""
    parties = find_parties(document)
    for party, role in ((parties.vendor, "vendor"), (parties.board, "school")):
        name = roles.get(role, "")
        if party is None or name not in candidates:
            continue
        if party.term:
            add(party.term, party.name, name)
        if role == "vendor" and _COMPANY.search(party.name):
            first = re.match(r"[A-Z][\w!&.-]*", party.name.strip())
            if first and not _LAW_ACRONYM.match(first.group(0)):
                add(first.group(0), party.name, name)


def _genus(definition: str) -> str:
    """The words that say what kind of thing a definition defines: "means any information about a
    student" -> "any information"."""
    cut = _GENUS_END.search(definition[:200])
    words = (definition[:cut.start()] if cut else definition[:200]).split()
    return " ".join(words[:MAX_GENUS_WORDS])


def _kind_of(genus: str, sets: dict[str, PhraseSet]) -> str:
    """The vocabulary whose words end the genus (its head noun): "all student records" -> data."""
    tokens = tokenize(genus)
    if not tokens:
        return ""
    for name, phrases in sets.items():
        if any(index + length == len(tokens) for index, length in phrases.find(tokens)):
            return name
    return ""


def _already_named(term: str, phrases: PhraseSet) -> bool:
    """A term the vocabulary already finds ("Student Data" ends in "data") adds nothing."""
    tokens = tokenize(term)
    return bool(tokens) and any(index + length == len(tokens) for index, length in phrases.find(tokens))
