"""The contract's own defined terms, and which of the rulebook's vocabularies each stands for.

Contracts name things their own way: "Pupil Records" means the student data, "LEA" the district,
"Brightpath" or "Provider" the vendor. A rule written with {data}, {vendor} or {school} should find
them too. This module reads the usual forms of definition:

    "Student Data" means any information ...        (also: shall mean, refers to, is defined as)
    Student Data means any information ...          (in a definitions section or list)
    ... the district (the "LEA") ...                (also: hereinafter, collectively, each a)
    Kahoot! ("Kahoot!", "we", "us" or "our") ...    (the vendor naming itself)
    Student Data | Any information ...              (a definitions table row)

and maps each term to the vocabulary term (among the rulebook's `context: definitions:` list) that
names the kind of thing its definition begins with: "means any information about a student" is data,
"means the school district that ..." a school. Party clauses ("between the Board ... and Acme, Inc.
("Provider")") decide the vendor and the school through `analysis.parties`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
_PARENTHETICAL = re.compile(
    rf"\(\s*(?:(?:hereinafter|collectively|together|each|individually|both)\s*,?\s*)?(?:(?:referred\s+to\s+as|"
    rf"called|a|an|the)\s+)*{_TERM}(?P<aliases>[^)]{{0,80}})\)", re.IGNORECASE)
_WE = re.compile(rf"[{_Q_OPEN}]?\b(?:we|us|our)\b", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^(?P<term>[A-Z][\w&' -]{1,48}?)\s*\|\s*(?P<definition>\S.{10,})$", re.DOTALL)
GENUS_WORDS = 14  # a definition says what kind of thing the term is in its first words
PRECEDING_WORDS = 20  # how far before '(the "X")' the named thing may begin
HEAD = 40000  # parties and definitions are near the top; long contracts repeat terms, not define them


@dataclass(frozen=True)
class DefinedTerm:
    """A term the contract defines, the text that defines it, and what it stands for."""

    term: str
    definition: str
    stands_for: str  # a vocabulary term name ("data", "vendor", "school", ...), or "" when none fits


def read_defined_terms(document: Document, vocabulary: Vocabulary) -> tuple[DefinedTerm, ...]:
    """Every defined term of the contract that stands for one of the rulebook's mappable vocabularies."""
    candidates = vocabulary.mappable_terms
    if not candidates:
        return ()
    sets = {name: PhraseSet.of(vocabulary.phrases(name)) for name in candidates}
    found: dict[str, DefinedTerm] = {}
    roles = vocabulary.roles

    def add(term: str, definition: str, stands_for: str = "") -> None:
        term = " ".join(term.strip(" .,!").split())
        if not term or term.lower() in found or len(term) < 2:
            return
        kind = stands_for or _genus(definition, sets, candidates)
        if kind and (kind in roles.values() or not _already_named(term, sets[kind])):
            found[term.lower()] = DefinedTerm(term, definition.strip(), kind)

    roles = vocabulary.roles
    parties = find_parties(document)
    for party, role in ((parties.vendor, "vendor"), (parties.board, "school")):
        name = roles.get(role, "")
        if party is not None and name in candidates:
            if party.term:
                add(party.term, party.name, name)
            add(_short_name(party.name), party.name, name)
    head = document.text[:HEAD]
    for block in document.blocks:
        if block.start > HEAD:
            break
        for sentence in _sentences(block.text):
            _read_sentence(sentence, add, roles, candidates, block.kind)
    for match in _PARENTHETICAL.finditer(head):
        aliases = match.group("aliases")
        if _WE.search(aliases) and roles.get("vendor") in candidates:
            add(match.group("term"), head[max(0, match.start() - 120):match.start()], roles["vendor"])
            name = re.search(r"([A-Z][\w!&.-]+)(?:\s+[A-Z][\w!&.-]+){0,3}[,\s]*$", head[max(0, match.start() - 80):
                                                                                    match.start()])
            if name:
                add(name.group(1), head[max(0, match.start() - 80):match.start()], roles["vendor"])
            continue
        preceding = " ".join(head[max(0, match.start() - 400):match.start()].split()[-PRECEDING_WORDS:])
        add(match.group("term"), preceding)
    return tuple(found.values())


def document_terms(defined: Iterable[DefinedTerm]) -> dict[str, tuple[str, ...]]:
    """The defined terms by the vocabulary term they join: {"data": ("pupil records",), ...}."""
    joined: dict[str, list[str]] = {}
    for item in defined:
        joined.setdefault(item.stands_for, []).append(item.term.lower())
    return {name: tuple(terms) for name, terms in joined.items()}


def _read_sentence(sentence: str, add, roles, candidates, block_kind: str) -> None:  # noqa: ANN001
    quoted = _QUOTED_DEFINITION.match(sentence)
    if quoted:
        add(quoted.group("term"), quoted.group("definition"))
        return
    bare = _BARE_DEFINITION.match(sentence)
    if bare:
        add(bare.group("term"), bare.group("definition"))
        return
    if block_kind == "table_cell":
        row = _TABLE_ROW.match(sentence)
        if row:
            add(row.group("term"), row.group("definition"))


def _genus(definition: str, sets: dict[str, PhraseSet], candidates: tuple[str, ...]) -> str:
    """The vocabulary whose phrase comes first among the definition's first words ("any information
    ..." is data; "the school district ..." a school)."""
    tokens = tokenize(definition[:400])[:GENUS_WORDS]
    best: tuple[int, int, str] | None = None
    for order, name in enumerate(candidates):
        for index, _ in sets[name].find(tokens):
            if best is None or (index, order) < best[:2]:
                best = (index, order, name)
            break
    return best[2] if best else ""


def _already_named(term: str, phrases: PhraseSet) -> bool:
    """A term the vocabulary already finds ("Student Data" ends in "data") adds nothing."""
    tokens = tokenize(term)
    return bool(tokens) and phrases.length_at(tokens, len(tokens) - 1) == 1


def _short_name(name: str) -> str:
    """"Brightpath Learning, Inc." -> "Brightpath": the word a contract then calls the party by."""
    words = re.findall(r"[A-Z][\w!&.-]*", name)
    return words[0] if words and words[0].lower() not in ("the", "this") else ""


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.;])\s+(?=[\"\u201c(A-Z])|\n", text) if part.strip()]
