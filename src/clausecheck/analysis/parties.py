"""Who a contract is between: the vendor's name and address from its parties clause, and its title.

Contracts name their parties near the top in a few set ways, and this reads the common ones:

    This Agreement is entered into by and between the Cromwell Board of Education (the "Board") and
    Brightpath Learning, Inc., a Delaware corporation with its principal place of business at
    400 Market Street, Suite 12, Austin, Texas 78701 ("Provider").

    Provider: Brightpath Learning, Inc.            (a form with labelled fields)
    Address: 400 Market Street, Austin, TX 78701

    Brightpath Learning, Inc. ("Brightpath", "we", "us") ...   (terms of service)

The answer is a suggestion: the letter command prefers what the user passes with --vendor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.document import Document

VENDOR_TERMS = frozenset({"provider", "contractor", "vendor", "company", "operator", "licensor", "supplier",
                          "consultant", "service provider", "seller", "processor", "developer", "publisher"})
BOARD_TERMS = frozenset({"board", "district", "lea", "school", "customer", "subscriber", "licensee", "client",
                         "institution", "agency", "town", "city", "school district", "you"})
_BOARD_NAME = re.compile(r"\b(board of education|public schools|school district|schools|district|"
                         r"town of|city of|regional school|\blea\b|academy)\b", re.IGNORECASE)

_QUOTE_OPEN = "\"\u201c\u2018'"
_QUOTE_CLOSE = "\"\u201d\u2019'"
_DEFINED = re.compile(
    rf"\(\s*(?:hereinafter\s+)?(?:(?:referred\s+to\s+as|called)\s+)?(?:the\s+)?[{_QUOTE_OPEN}]"
    rf"(?P<term>[^{_QUOTE_CLOSE}]{{1,40}})[{_QUOTE_CLOSE}][^)]{{0,80}}\)", re.IGNORECASE)
_PARTIES_LEAD = re.compile(r"\b(?:by\s+and\s+between|between|among|by)\s+", re.IGNORECASE)
_NAME_END = re.compile(
    r",?\s+(?:an?\s+[A-Z][\w ]{0,40}?(?:corporation|company|limited|partnership|LLC|entity|organization|"
    r"organisation|municipality|body|board|agency)\b|with\s+(?:its|a|an)\b|having\s+(?:its|a|an)\b|"
    r"located\s+(?:at|in)\b|whose\b|which\b|that\b|of\s+\d)"
    r"|,\s*(?=\d)|,\s+an?\s+(?=[A-Z])", re.IGNORECASE)
_ADDRESS_LEAD = re.compile(
    r"(?:principal\s+(?:place\s+of\s+business|offices?|executive\s+offices?)|offices?|"
    r"(?:mailing\s+|business\s+)?address|headquarters|place\s+of\s+business|located)"
    r"\s+(?:is\s+|at\s+|of\s+|in\s+|located\s+at\s+)+", re.IGNORECASE)
_CITY_LINE = re.compile(
    r"^(?P<street>.+?),\s*(?P<city>[A-Z][A-Za-z .'-]+),\s*(?P<state>[A-Z]{2}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
    r"\.?\s+(?P<zip>\d{5}(?:-\d{4})?)$")
_LABELLED = re.compile(
    r"^\s*(?:name\s+of\s+)?(?P<label>provider|contractor|vendor|company|operator|licensor|supplier)"
    r"(?:'s)?(?:\s+(?:legal\s+)?name)?\s*:\s*(?P<value>\S.{1,120})$", re.IGNORECASE | re.MULTILINE)
_LABELLED_ADDRESS = re.compile(
    r"^\s*(?:(?:provider|contractor|vendor|company)(?:'s)?\s+)?(?:mailing\s+|business\s+)?address\s*:"
    r"\s*(?P<value>\S.{3,160})$", re.IGNORECASE | re.MULTILINE)
_TERMS_OF_SERVICE = re.compile(
    rf"(?P<name>[A-Z][\w!&.,'’ -]{{1,60}}?)\s*\(\s*(?:the\s+)?[{_QUOTE_OPEN}][^{_QUOTE_CLOSE}]{{1,40}}"
    rf"[{_QUOTE_CLOSE}]\s*,\s*[{_QUOTE_OPEN}]?(?:we|us|our)\b")
_DATED = re.compile(
    r"\b(?:dated|effective|as\s+of|entered\s+into\s+on|made\s+on|executed\s+on)\s+(?:the\s+)?"
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December),?\s+\d{4})", re.IGNORECASE)
_HEAD = 6000


@dataclass(frozen=True)
class Party:
    """A party to the contract as the contract names it."""

    name: str
    address: tuple[str, ...] = ()
    term: str = ""  # the defined term: "Provider", "Board" ...


@dataclass(frozen=True)
class ContractParties:
    """What the opening of a contract says about itself."""

    vendor: Party | None
    board: Party | None
    title: str | None
    dated: str | None


def find_parties(document: Document) -> ContractParties:
    """The vendor and board the contract names, its title and its date, each None when not found."""
    head = document.text[:_HEAD]
    flat = " ".join(head.split())
    parties = _defined_parties(flat)
    vendor = next((party for party in parties if _is_vendor(party)), None)
    board = next((party for party in parties if party is not vendor and _is_board(party)), None)
    if vendor is None:
        vendor = _labelled_vendor(head) or _terms_of_service_vendor(flat)
    dated = _DATED.search(flat)
    return ContractParties(vendor=vendor, board=board, title=_title(document),
                           dated=" ".join(dated.group("date").split()) if dated else None)


def _defined_parties(flat: str) -> list[Party]:
    """Parties of a 'between A ("X") and B ("Y")' clause, in order."""
    found: list[Party] = []
    for lead in _PARTIES_LEAD.finditer(flat):
        position = lead.end()
        segment = flat[position:position + 1200]
        for _ in range(3):
            definition = _DEFINED.search(segment)
            if definition is None or definition.start() > 400:
                break
            body = segment[:definition.start()]
            body = re.sub(r"^(?:\s*(?:,|;|&|and\b))+\s*", "", body).strip(" ,;")
            party = _party(body, definition.group("term"))
            if party:
                found.append(party)
            segment = segment[definition.end():]
            if not re.match(r"\s*(?:,\s*)?(?:and\b|&|,)", segment):
                break
        if len(found) >= 2:
            return found
        found.clear()
    return found


def _party(body: str, term: str) -> Party | None:
    if re.search(r"\d", term):
        return None  # '("AB 1584")', '("Section 2")': a law or a place in the text, not a party
    body = re.sub(r"^(?:the\s+)(?=[A-Z])", "", body.strip(), flags=re.IGNORECASE)
    if not body or len(body) > 400:
        return None
    end = _NAME_END.search(body)
    name = (body[:end.start()] if end else body).strip(" ,;")
    if not name or len(name) > 120 or not re.search(r"[A-Za-z]", name):
        return None
    address = ()
    lead = _ADDRESS_LEAD.search(body)
    if lead:
        address = address_lines(body[lead.end():])
    elif end and re.fullmatch(r",\s*", end.group(0)):  # "Name, 12 Elm Street, ..."
        address = address_lines(body[end.end():])
    return Party(name=name, address=address, term=term.strip())


def address_lines(text: str) -> tuple[str, ...]:
    """'400 Market Street, Suite 12, Austin, Texas 78701' -> ('400 Market Street, Suite 12',
    'Austin, Texas 78701'): the postal layout of a one-line address."""
    text = " ".join(text.split()).strip(" ,;.")
    text = re.split(r"\s*\(|;", text)[0].strip(" ,")  # the party's defined term or the next party follows
    if not text:
        return ()
    match = _CITY_LINE.match(text)
    if match:
        return (match.group("street").strip(), f"{match.group('city').strip()}, {match.group('state')} "
                                               f"{match.group('zip')}")
    return (text,)


def _is_vendor(party: Party) -> bool:
    term = party.term.lower()
    if term in VENDOR_TERMS:
        return True
    if term in BOARD_TERMS or _BOARD_NAME.search(party.name):
        return False
    return bool(re.search(r"\b(?:inc|llc|l\.l\.c|corp|corporation|co|ltd|limited|lp|llp|pbc|gmbh)\b\.?",
                          party.name, re.IGNORECASE))


def _is_board(party: Party) -> bool:
    return party.term.lower() in BOARD_TERMS or bool(_BOARD_NAME.search(party.name))


def _labelled_vendor(head: str) -> Party | None:
    label = _LABELLED.search(head)
    if label is None:
        return None
    name = label.group("value").strip(" ,;")
    if len(name) < 2 or name.lower().startswith(("the provider", "the contractor", "n/a", "_")):
        return None
    address = _LABELLED_ADDRESS.search(head, label.end())
    return Party(name=name, address=address_lines(address.group("value")) if address else (),
                 term=label.group("label").title())


def _terms_of_service_vendor(flat: str) -> Party | None:
    match = _TERMS_OF_SERVICE.search(flat)
    if not match:
        return None
    name = re.sub(r"^.*?\b(?:and|with|between|by|of)\s+(?=[A-Z])", "", match.group("name")).strip(" ,")
    return Party(name=name) if name else None


def _title(document: Document) -> str | None:
    for block in document.blocks[:6]:
        text = " ".join(block.text.split())
        if block.kind == "heading" and 3 <= len(text) <= 120:
            return text
    first = " ".join(document.blocks[0].text.split()) if document.blocks else ""
    if 3 <= len(first) <= 100 and not first.endswith(".") and re.search(r"agreement|terms|contract|addendum",
                                                                       first, re.IGNORECASE):
        return first
    return None
