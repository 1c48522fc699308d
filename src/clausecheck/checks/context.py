"""What a matched phrase means in its sentence: negated or not, who is bound, definition, scope.

These are the distinctions a reader makes without noticing: "Provider shall not sell" is not
permission to sell; "you may not sell" binds the user, not the vendor; "'Targeted advertising' means
..." defines a term and promises nothing; "For users in the EEA ..." does not speak to Connecticut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.document import Document
from clausecheck.text.segment import Unit

NEGATIONS = frozenset({"not", "never", "no", "neither", "nor", "cannot", "prohibit", "prohibited",
                       "refrain", "none", "nothing", "forbid", "forbidden"})
_SUBORDINATORS = frozenset({"if", "when", "whenever", "unless", "where", "while", "although", "because", "once",
                            "after", "before", "until", "since", "though", "whether"})
# Words that end the reach of a negation that stands before them ("we do not X, and we will Y").
_NEGATION_BARRIERS = frozenset({"but", "however", "instead", "unless", "except", "although", "though",
                                "whereas", "if", "when", "while"})
_VENDOR = frozenset({"we", "us", "our", "ours", "company", "provider", "vendor", "contractor", "operator",
                     "licensor", "supplier", "processor", "service", "services", "platform", "app",
                     "application", "site", "website"})
_USER = frozenset({"you", "your", "user", "users", "customer", "customers", "licensee", "subscriber",
                   "subscribers", "member", "members", "school", "schools", "district", "districts",
                   "board", "lea", "teacher", "teachers", "parent", "parents", "student", "students",
                   "child", "children", "institution", "institutions", "educator", "educators",
                   "visitor", "visitors", "guardian", "guardians", "administrator", "administrators",
                   "account", "holder", "holders", "participant", "participants", "individual", "individuals"})
_MODALS = frozenset({"shall", "will", "may", "must", "can", "agree", "agrees", "should", "might", "would",
                     "do", "does", "is", "are", "be", "cannot", "won't", "reserve", "reserves", "undertake",
                     "undertakes", "commit", "commits", "represent", "represents", "warrant", "warrants"})
# "'Targeted advertising' means ...", "Student Data includes ...", "As used herein, ...": a definition
# says what a term means and binds nobody to anything.
_DEFINITION = re.compile(
    r"^\W*(?:[\"'\u201c][^\"'\u201d]{1,80}[\"'\u201d]\s*(?:\([^)]*\)\s*)?(?:shall\s+)?"
    r"(?:means?|refers?\s+to|is\s+defined\s+as|includes?|shall\s+have\s+the\s+meaning)\b"
    r"|(?:[A-Z][\w\-]*\s+){0,4}[A-Z][\w\-]*\s*(?:\([^)]*\)\s*)?(?:shall\s+)?"
    r"(?:means|refers\s+to|is\s+defined\s+as|shall\s+have\s+the\s+meaning)\b)"
    r"|\bas\s+(?:used|defined)\s+(?:herein|in\s+this)",
    re.IGNORECASE)
_FOREIGN_SCOPE = re.compile(
    r"\b(?:EEA|European\s+(?:Economic\s+Area|Union)|EU\b|E\.U\.|United\s+Kingdom|U\.?K\.?\b|Switzerland|Swiss|"
    r"GDPR|California|CCPA|CPRA|Nevada|Virginia|Colorado|Utah|Texas|Oregon|Brazil|LGPD|Canada|Canadian|"
    r"Quebec|Australia|Japan|Korea|Israel|India|Singapore|New\s+Zealand|outside\s+(?:of\s+)?the\s+United\s+States|"
    r"non-U\.?S\.?|international\s+users|New\s+York|Illinois|Delaware|Washington|Florida|Louisiana|Maine|"
    r"Massachusetts|Michigan|Arizona|Tennessee|Oklahoma|Wisconsin|Pennsylvania|Georgia|Ohio|Maryland|"
    r"New\s+Jersey|Kentucky|Minnesota|Missouri|Montana|Nebraska|Alabama|Alaska|Hawaii|Idaho|Indiana|Iowa|"
    r"Kansas|Mississippi|New\s+Hampshire|New\s+Mexico|North\s+Carolina|South\s+Carolina|North\s+Dakota|"
    r"South\s+Dakota|Rhode\s+Island|Vermont|West\s+Virginia|Wyoming|Arkansas)\b")
# A unit whose opening words restrict it to some people or places: "For users in the EEA, ...",
# "If you use the Service from the European Union, ...", "California residents: ...", "Florida – ...".
_SCOPE_LEAD = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?(?:(?:for|if|where|when|under|pursuant|to\s+the\s+extent|residents?|users?|"
    r"individuals?|visitors?|consumers?|notice\s+to|additional|supplemental|in)\b[^.;:]{0,140}?[,:\u2013\u2014]"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*(?:residents?|users?)?\s*[\u2013\u2014:-]\s)",
    re.IGNORECASE)
SCOPE_HEADING_REACH = 15  # blocks after a heading that its scope still covers in loosely structured text
_CONNECTICUT = re.compile(r"\bConnecticut\b|\bCT\b|10-234")


@dataclass(frozen=True)
class MatchContext:
    negated: bool
    actor: str  # vendor | user | unknown
    definition: bool
    foreign_scope: bool
    question: bool


def _in_subordinate_clause(unit: Unit, clause_start: int, negation: int, first: int) -> bool:
    """Is the negation inside a leading "if/when ... ," clause that ends before the matched phrase?"""
    opener = any(token.lower in _SUBORDINATORS for token in unit.tokens[clause_start:negation])
    between = unit.text[unit.tokens[negation].end - unit.start:unit.tokens[first].start - unit.start]
    return opener and "," in between


def _negated(unit: Unit, first: int, last: int) -> bool:
    """Is the matched phrase inside a negation that begins earlier in its clause (or in the phrase)?"""
    start, _ = unit.clause_of(first)
    tokens = unit.tokens
    for index in range(last, start - 1, -1):
        lower = tokens[index].lower
        if index < first and lower in _NEGATION_BARRIERS and index > start:
            # "we do not sell data unless ..." keeps its negation; a barrier that sits between a
            # negation and the phrase ("if you do not ..., we may share") ends it.
            if any(tokens[j].lower in NEGATIONS or tokens[j].stem == "not" for j in range(start, index)):
                if lower in ("if", "when", "while"):
                    return False
        if lower in NEGATIONS or tokens[index].stem == "not":
            if index < first and _in_subordinate_clause(unit, start, index, first):
                continue  # "If you do not delete it before the end, we retain it": the "not" is the condition's
            if lower == "no" and index + 1 < len(tokens) and tokens[index + 1].lower in ("longer", "later", "more"):
                continue  # "no later than" sets a limit, it does not negate
            return True
    if unit.lead_in_end and first >= unit.lead_in_end:
        return any(token.lower in NEGATIONS or token.stem == "not" for token in tokens[:unit.lead_in_end])
    return False


def _actor(unit: Unit, first: int, vendor_names: frozenset[str]) -> str:
    """Who the clause binds: the nearest subject word before the matched phrase."""
    start, _ = unit.clause_of(first)
    tokens = unit.tokens
    search = list(range(first - 1, start - 1, -1))
    if unit.lead_in_end and first >= unit.lead_in_end:
        search += list(range(unit.lead_in_end - 1, -1, -1))
    else:
        search += list(range(start - 1, -1, -1))
    for index in search:
        lower = tokens[index].lower
        if lower in ("we", "us", "our") or lower in vendor_names:
            return "vendor"
        if lower in ("you", "user", "users", "licensee", "customer", "customers", "subscriber", "subscribers"):
            # "provided to you" or "your data" are objects or owners, not subjects: look at the next word.
            following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
            if lower == "you" and (index == 0 or tokens[index - 1].lower not in ("to", "for", "with", "from", "by")) \
                    and following in _MODALS | {"agree", "acknowledge", "understand", "represent", "warrant",
                                                "consent", "grant", "hereby", "retain", "own", "are", "have"}:
                return "user"
            if lower != "you" and following in _MODALS:
                return "user"
        if lower in ("provider", "company", "vendor", "contractor", "operator", "licensor", "supplier") \
                and index + 1 < len(tokens) and tokens[index + 1].lower in _MODALS:
            return "vendor"
        if lower in ("parties", "party") and index > 0 and tokens[index - 1].lower in ("both", "the", "each"):
            return "vendor"  # a joint obligation binds the vendor too
        if lower in ("school", "schools", "district", "districts", "board", "boards", "lea", "leas", "parent",
                     "parents", "student", "students", "teacher", "teachers", "institution", "institutions",
                     "educator", "educators") and index + 1 < len(tokens) and tokens[index + 1].lower in \
                ("shall", "will", "may", "must", "agrees", "agree", "is", "are", "should", "can", "cannot",
                 "can't", "won't", "do", "does", "don't", "doesn't", "have", "has", "need"):
            joint = any(tokens[j].lower in ("and", "&") for j in range(max(0, index - 3), index)) and any(
                tokens[j].lower in _VENDOR or tokens[j].lower in vendor_names for j in range(max(0, index - 5), index))
            return "vendor" if joint else "user"
    return "unknown"


def vendor_names(document: Document) -> frozenset[str]:
    """Words that name the vendor in this document: defined party names like ("Kahoot!", "we")."""
    names: set[str] = set()
    head = document.text[:20000]
    for match in re.finditer(r"([A-Z][\w!&.-]+(?:\s+[A-Z][\w!&.-]+){0,3})[,\s]*\(\s*(?:the\s+)?[\"\u201c]", head):
        name = match.group(1).split()[0].strip("!.,").lower()
        if name not in {"this", "these", "the", "you", "terms", "agreement", "policy", "privacy", "user",
                        "school", "district", "board", "customer"}:
            names.add(name)
    for match in re.finditer(r"[\"\u201c]([A-Z][\w!&.-]+)[!]?[\"\u201d]\s*,?\s*[\"\u201c](?:we|us|our)", head):
        names.add(match.group(1).strip("!.,").lower())
    return frozenset(names)


def _is_foreign(text: str) -> bool:
    return bool(_FOREIGN_SCOPE.search(text)) and not _CONNECTICUT.search(text)


def _nearest_heading(document: Document, block_index: int) -> str:
    """The closest heading above a block, if it is near enough to still scope it."""
    for index in range(block_index, max(-1, block_index - SCOPE_HEADING_REACH), -1):
        block = document.blocks[index]
        if block.kind == "heading":
            return block.text if not re.search(r"\d{3,}", block.text) else ""
    return ""


_RESIDENTS_OF = re.compile(r"\b(?:residents?|consumers?|users?|individuals?|citizens?|data\s+subjects?)\s+"
                           r"(?:of|in|from|located\s+in)\b|\b(?:residents?|consumers?)\b")


def foreign_scope(document: Document, unit: Unit) -> bool:
    """Does the unit speak only to people or places other than Connecticut schools?"""
    lead = _SCOPE_LEAD.match(unit.text)
    if lead and _is_foreign(lead.group(0)):
        return True
    opening = unit.text[:100]
    if _RESIDENTS_OF.search(opening) and _is_foreign(opening):
        return True  # "Subject to certain limitations, California residents have the following rights"
    if not document.blocks:
        return False
    block = document.blocks[unit.block_index]
    opening = _SCOPE_LEAD.match(document.text[block.start:block.start + 200])
    if opening and _is_foreign(opening.group(0)):
        return True
    heading = _nearest_heading(document, unit.block_index)
    return bool(heading) and _is_foreign(heading)


_QUOTES = "\"'\u201c\u201d\u2018\u2019"


def _quoted_mention(unit: Unit, first: int, last: int) -> bool:
    """Is the matched word only mentioned in quotes ('the term "sell" includes ...'), not used?"""
    start = unit.tokens[first].start - unit.start
    end = unit.tokens[first].end - unit.start
    before, after = unit.text[start - 1:start], unit.text[end:end + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES + ",."


def describe(document: Document, unit: Unit, first: int, last: int, vendor: frozenset[str]) -> MatchContext:
    """The context of a match found in `unit` between token indexes `first` and `last`."""
    text = unit.text
    block = document.blocks[unit.block_index] if document.blocks else None
    section = " / ".join(block.section) if block else ""
    in_definitions = bool(re.search(r"\bdefinitions?\b", section, re.IGNORECASE)) and bool(
        re.search(r"\bmeans?\b|\brefers?\s+to\b|\bincludes?\b", text, re.IGNORECASE))
    definition = in_definitions or bool(_DEFINITION.search(text[:200])) or _quoted_mention(unit, first, last)
    return MatchContext(
        negated=_negated(unit, first, last),
        actor=_actor(unit, first, vendor),
        definition=definition,
        foreign_scope=foreign_scope(document, unit),
        question=text.rstrip().endswith("?"),
    )
