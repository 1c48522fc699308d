"""What a matched phrase means in its sentence: negated or not, who is bound, definition, scope.

These are the distinctions a reader makes without noticing: "Provider shall not sell" is not
permission to sell; "you may not sell" binds the user, not the vendor; "'Targeted advertising' means
..." defines a term and promises nothing; "For users in the EEA ..." does not speak to Connecticut.
Who the vendor, the users and the school are, and which place is home, come from the rulebook's
vocabulary and the contract's own defined terms; the words of English grammar (negations, modal
verbs, subordinating conjunctions) are the language's, and live here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from clausecheck.document import Document
from clausecheck.rulebook.vocabulary import PhraseSet, Vocabulary
from clausecheck.text.gazetteer import place_named, places_in
from clausecheck.text.segment import Unit
from clausecheck.text.tokens import Token

NEGATIONS = frozenset({"not", "never", "no", "neither", "nor", "cannot", "prohibit", "prohibited",
                       "refrain", "none", "nothing", "forbid", "forbidden"})
_SUBORDINATORS = frozenset({"if", "when", "whenever", "unless", "where", "while", "although", "because", "once",
                            "after", "before", "until", "since", "though", "whether"})
# Words that end the reach of a negation that stands before them ("we do not X, and we will Y").
_NEGATION_BARRIERS = frozenset({"but", "however", "instead", "unless", "except", "although", "though",
                                "whereas", "if", "when", "while"})
# A lead-in whose negation is lifted before its list: "may not use it except for the following:".
_EXCEPTIONS = frozenset({"except", "unless", "other", "but", "only", "solely", "exclusively"})
_MODALS = frozenset({"shall", "will", "may", "must", "can", "agree", "agrees", "should", "might", "would",
                     "do", "does", "is", "are", "be", "cannot", "won't", "reserve", "reserves", "undertake",
                     "undertakes", "commit", "commits", "represent", "represents", "warrant", "warrants",
                     "has", "have", "acknowledge", "acknowledges", "certify", "certifies", "covenant", "covenants",
                     "don't", "doesn't", "can't", "shan't", "need", "needs", "retain", "retains", "own", "owns",
                     "grant", "grants", "hereby"})
_USER_VERBS = frozenset({"agree", "acknowledge", "understand", "represent", "warrant", "consent", "grant", "hereby",
                         "retain", "own", "are", "have"})
_OBJECT_PREPOSITIONS = frozenset({"to", "for", "with", "from", "by", "of", "about", "on", "regarding"})
_AUXILIARIES = frozenset({"is", "are", "was", "were", "will", "shall", "may", "must", "can", "should", "would",
                          "be", "been", "being", "does", "do", "has", "have"})
_EXPERIENCES = frozenset({"see", "receive", "view", "get", "encounter", "notice", "experience", "wish", "want"})
_WISHES = frozenset({"wish", "want", "like", "prefer", "desire"})
_PROHIBITED = frozenset({"prohibited", "forbidden", "barred", "disallowed", "precluded"})
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose", "where"})
# "'Targeted advertising' means ...", "Student Data includes ...", "As used herein, ...": a definition
# says what a term means and binds nobody to anything.
_DEFINITION = re.compile(
    r"^\W*(?:(?:\(?[0-9a-z]{1,4}[.)]|\d+(?:\.\d+)+\.?)\s*)?(?:[\"'\u201c][^\"'\u201d]{1,80}[\"'\u201d]\s*(?:\([^)]*\)\s*)?(?:shall\s+)?"
    r"(?:means?|refers?\s+to|is\s+defined\s+as|includes?|shall\s+(?:have\s+the\s+meaning|include))\b"
    r"|(?:[A-Z][\w\-]*\s+){0,4}[A-Z][\w\-]*\s*(?:\([^)]*\)\s*)?(?:shall\s+)?"
    r"(?:means|refers\s+to|is\s+defined\s+as|shall\s+have\s+the\s+meaning)\b)"
    r"|\bas\s+(?:used|defined)\s+(?:herein|in\s+this)",
    re.IGNORECASE)
# Scopes that are not places of the gazetteer: regions, regimes and "outside the United States". Places
# themselves ("California", "the UK", "ADDITIONAL TERMS FOR CONNECTICUT SCHOOLS") come from the gazetteer,
# in any case.
_FOREIGN_REGIME = re.compile(
    r"\b(?:EEA|E\.U\.|GDPR|UK\s+GDPR|CCPA|CPRA|LGPD|PIPEDA|PIPL|APPI|POPIA|"
    r"(?i:European\s+Economic\s+Area|outside\s+(?:of\s+)?the\s+United\s+States|non-U\.?S\.?|international\s+users))\b")
# A unit whose opening words restrict it to some people or places: "For users in the EEA, ...",
# "If you use the Service from the European Union, ...", "California residents: ...", "Florida – ...".
_SCOPE_LEAD = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?(?:(?:for|if|where|when|under|to\s+the\s+extent|residents?|users?|"
    r"individuals?|visitors?|consumers?|notice\s+to|additional|supplemental|in)\b[^.;:]{0,140}?[,:\u2013\u2014]"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*(?:residents?|users?)?\s*[\u2013\u2014:-]\s)",
    re.IGNORECASE)
SCOPE_HEADING_REACH = 15  # blocks after a heading that its scope still covers in loosely structured text
_RESIDENTS_OF = re.compile(r"\b(?:residents?|consumers?|users?|individuals?|citizens?|data\s+subjects?)\s+"
                           r"(?:of|in|from|located\s+in)\b|\b(?:residents?|consumers?)\b")
_QUOTES = "\"'\u201c\u201d\u2018\u2019"


@dataclass(frozen=True)
class MatchContext:
    negated: bool
    actor: str  # vendor | user | unknown
    definition: bool
    foreign_scope: bool
    question: bool


class Reading:
    """How one document's clauses are read: its units, and the vocabulary of the rulebook and contract."""

    def __init__(self, document: Document, units: list[Unit], vocabulary: Vocabulary) -> None:
        self.document = document
        self.units = units
        self.vocabulary = vocabulary
        self.vendor = vocabulary.role("vendor")
        # The vendor's own names in this contract ("Kahoot!", "Acme"): a subject whatever verb follows.
        self.vendor_names = PhraseSet.of(vocabulary.document_terms.get(vocabulary.roles.get("vendor", ""), ()))
        self.user = vocabulary.role("user")
        self.school = vocabulary.role("school")
        self.protected = vocabulary.role("protected")
        self.others = vocabulary.role("others")
        self._home = _home_pattern(vocabulary.home_names)
        home_place = place_named(vocabulary.home) if vocabulary.home else None
        # The home place and its own country ("For users in the United States" still speaks to it).
        self._home_places = {home_place, place_named(home_place.country or "")} - {None} if home_place else set()

    def describe(self, unit_index: int, first: int, last: int) -> MatchContext:
        """The context of a match found in unit `unit_index` between token indexes `first` and `last`."""
        unit = self.units[unit_index]
        text = unit.own_text  # a definition in a list ("(a) 'Sale' means ...") is one whatever its lead-in
        block = self.document.blocks[unit.block_index] if self.document.blocks else None
        section = " / ".join(block.section) if block else ""
        in_definitions = bool(re.search(r"\bdefinitions?\b", section, re.IGNORECASE)) and bool(
            re.search(r"\bmeans?\b|\brefers?\s+to\b|\bincludes?\b", text, re.IGNORECASE))
        definition = in_definitions or bool(_DEFINITION.search(text[:200])) or _quoted_mention(unit, first)
        return MatchContext(
            negated=self.negated(unit, first, last),
            actor=self.actor(unit, first),
            definition=definition,
            foreign_scope=self.foreign_scope(unit),
            question=text.rstrip().endswith("?"),
        )

    # Negation --------------------------------------------------------------------------------------

    def negated(self, unit: Unit, first: int, last: int) -> bool:
        """Is the matched phrase inside a negation: earlier in its clause, within the phrase, in the
        predicate that follows it ("Targeted advertising is not permitted"), or in its list's lead-in?"""
        found = _negation_before(unit, first, last)
        if found is not None:
            return found
        if _negated_predicate(unit, first, last) or _forbidding_value_cell(unit, last):
            return True
        if first >= unit.own_token > 0:
            return bool(_lead_in_negation(unit.tokens[:unit.own_token]))
        return False

    # Who is bound ----------------------------------------------------------------------------------

    def actor(self, unit: Unit, first: int) -> str:
        """Who the clause binds: the nearest subject before the matched phrase, in its sentence or in
        the lead-in of its list. The subject of a passive verb ("Parents will be notified") binds
        nobody; its agent may ("by us")."""
        tokens = unit.tokens
        for index in range(first - 1, -1, -1):
            if _passive_after(tokens, index):
                continue
            lower = tokens[index].lower
            vendor = self.vendor.length_at(tokens, index)
            after = index + max(vendor, 1)
            following = tokens[after].lower if after < len(tokens) else ""
            if lower in ("we", "our") or self.vendor_names.length_at(tokens, index) or (
                    vendor and lower not in ("you", "your") and following in _MODALS):
                return "vendor"
            if lower in ("parties", "party") and index > 0 and tokens[index - 1].lower in ("both", "the", "each"):
                return "vendor"  # a joint obligation binds the vendor too
            user = self.user.length_at(tokens, index)
            if user and any(token.lower in _EXPERIENCES for token in tokens[index + user:index + user + 4]):
                continue  # "users ... may see ads", "you do not wish to receive them": they undergo it, bound to
                # nothing
            if user:
                following = tokens[index + user].lower if index + user < len(tokens) else ""
                if lower == "you":
                    preceding = tokens[index - 1].lower if index else ""
                    if preceding not in _OBJECT_PREPOSITIONS and following in _MODALS | _USER_VERBS:
                        return "user"
                elif following in _MODALS:
                    return "user"
            other = (self.school.length_at(tokens, index) or self.protected.length_at(tokens, index)
                     or self.others.length_at(tokens, index))
            if other and any(token.lower in _EXPERIENCES for token in tokens[index + other:index + other + 3]):
                continue  # "students may see interest-based ads": they undergo it, bound to nothing
            if other:
                following = tokens[index + other].lower if index + other < len(tokens) else ""
                if following in _MODALS:
                    return "vendor" if self._joint_with_vendor(tokens, index) else "user"
        return "unknown"

    def _joint_with_vendor(self, tokens: Sequence[Token], index: int) -> bool:
        """"Provider and the District shall ...": an obligation of both binds the vendor too."""
        if not any(tokens[j].lower in ("and", "&") for j in range(max(0, index - 3), index)):
            return False
        return any(tokens[j].lower in ("we", "us") or self.vendor.length_at(tokens, j)
                   for j in range(max(0, index - 5), index))

    # Scope -----------------------------------------------------------------------------------------

    def foreign_scope(self, unit: Unit) -> bool:
        """Does the unit speak only to people or places other than the home place's schools?"""
        lead = _SCOPE_LEAD.match(unit.text)
        if lead and self._is_foreign(lead.group(0)):
            return True
        opening = unit.text[:100]
        if _RESIDENTS_OF.search(opening) and self._is_foreign(opening):
            return True  # "Subject to certain limitations, California residents have the following rights"
        if not self.document.blocks:
            return False
        block = self.document.blocks[unit.block_index]
        opening = _SCOPE_LEAD.match(self.document.text[block.start:block.start + 200])
        if opening and self._is_foreign(opening.group(0)):
            return True
        heading = _nearest_heading(self.document, unit.block_index)
        return bool(heading) and not _is_address(heading) and self._is_foreign(heading)

    def home_scope(self, unit: Unit) -> bool:
        """Is the unit in a part addressed to the home place ("Connecticut – Pear Deck will not ...", a
        section headed "For Connecticut schools")? Such a clause is the specific rule for a district
        there and outweighs the general terms."""
        if self._home is None:
            return False
        lead = _SCOPE_LEAD.match(unit.text)
        if lead and self._home.search(lead.group(0)):
            return True
        if not self.document.blocks:
            return False
        heading = _nearest_heading(self.document, unit.block_index)
        return bool(heading) and bool(self._home.search(heading))

    def _is_foreign(self, text: str) -> bool:
        if self._home is None:
            return False  # a rulebook without a home place reads every place's sections
        if self._home.search(text):
            return False
        foreign = [mention for mention in places_in(text) if mention.place not in self._home_places]
        return bool(foreign) or bool(_FOREIGN_REGIME.search(text))


_BE = frozenset({"is", "are", "was", "were", "be", "been"})


_POSTAL_CODE = re.compile(r"[\s,]*(?:[A-Z0-9]{2,4}[\s-]?[A-Z0-9]{2,4})?[\s.]*$")


def _is_address(heading: str) -> bool:
    """Is the heading the last line of an address ("Brampton, Ontario", "Nepean, Ontario K2K 2E6"), a
    notice clause's, not a section for the people of a place? A town, a comma, then the place."""
    town, comma, rest = heading.partition(",")
    if not comma or places_in(town) or _FOREIGN_REGIME.search(town):
        return False
    mentions = places_in(rest)
    return len(mentions) == 1 and mentions[0].start == len(rest) - len(rest.lstrip()) and bool(
        _POSTAL_CODE.fullmatch(rest[mentions[-1].end:]))


def _home_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The home place's names in any case ("CONNECTICUT SCHOOLS"), except an abbreviation in capitals
    ("CT"), which counts only as written."""
    if not names:
        return None
    alternatives = [re.escape(name) if name.isupper() else f"(?i:{re.escape(name)})" for name in names]
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b")


def _passive_after(tokens: Sequence[Token], index: int) -> bool:
    """Is the word at `index` the subject of a passive verb: "Parents will be notified", "data is sold"?"""
    after = [token.lower for token in tokens[index + 1:index + 4]]
    if len(after) >= 2 and after[0] in _BE:
        participle = after[1]
    elif len(after) == 3 and after[0] in _MODALS and after[1] in _BE:
        participle = after[2]
    else:
        return False
    return participle.endswith(("ed", "en", "wn", "ld", "nt", "ne"))


def _negation_before(unit: Unit, first: int, last: int) -> bool | None:
    """True or False when the clause itself decides; None when it has no negation before or in the phrase."""
    start, end = unit.clause_of(first)
    tokens = unit.tokens
    for index in range(min(last, end - 1), start - 1, -1):
        # "may retain, but not display, server copies": a negation in a later clause of the phrase is that
        # clause's, not the phrase's
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
            if index < first and any(token.lower in _WISHES for token in tokens[index + 1:min(first, index + 3)]):
                continue  # "If you do not wish to receive personalised ads": the ads are the default
            following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
            if (lower == "no" and following in ("longer", "later", "more")) or (
                    lower == "not" and following in ("limited", "only", "necessarily")):
                continue  # "no later than" sets a limit; "including but not limited to" lists; neither negates
            return True
    return None


def _negated_predicate(unit: Unit, first: int, last: int) -> bool:
    """"Targeted advertising is not permitted", "Sale of data is prohibited": the phrase is the subject
    and the verb after it is negated. Only when no verb stands before the phrase in its clause."""
    start, end = unit.clause_of(first)
    tokens = unit.tokens
    if any(tokens[index].lower in _AUXILIARIES for index in range(start, first)):
        return False
    for index in range(last + 1, min(end, last + 5)):
        lower = tokens[index].lower
        if lower in _RELATIVES or lower in (",",):
            return False
        if lower in _PROHIBITED and index > last + 1 and tokens[index - 1].lower in _AUXILIARIES:
            return True
        if (lower in NEGATIONS or tokens[index].stem == "not") and tokens[index - 1].lower in _AUXILIARIES:
            return True
    return False


def _forbidding_value_cell(unit: Unit, last: int) -> bool:
    """"Sale of student data | Prohibited", "Targeted advertising | Not permitted": the phrase ends a
    table row's topic cell and the next cell forbids it."""
    tokens = unit.tokens
    for index in range(last + 1, min(len(tokens), last + 4)):
        between = unit.text[unit.local(tokens[index - 1].end):unit.local(tokens[index].start)]
        if "|" in between:
            lower = tokens[index].lower
            return lower in NEGATIONS or lower in _PROHIBITED or tokens[index].stem == "not"
    return False


def _lead_in_negation(tokens: Sequence[Token]) -> bool | None:
    """Whether a list's lead-in negates its items ("Provider shall not:"), lifts a negation for them
    ("may not use it except for:"), or says nothing about negation (None)."""
    last_negation = max((index for index, token in enumerate(tokens)
                         if token.lower in NEGATIONS or token.stem == "not"), default=None)
    if last_negation is None:
        return None
    if any(token.lower in _EXCEPTIONS for token in tokens[last_negation + 1:]):
        return False
    return True


def _in_subordinate_clause(unit: Unit, clause_start: int, negation: int, first: int) -> bool:
    """Is the negation inside a leading "if/when ... ," clause that ends before the matched phrase?"""
    opener = any(token.lower in _SUBORDINATORS for token in unit.tokens[clause_start:negation])
    between = unit.text[unit.local(unit.tokens[negation].end):unit.local(unit.tokens[first].start)]
    return opener and "," in between


def _nearest_heading(document: Document, block_index: int) -> str:
    """The closest heading above a block, if it is near enough to still scope it."""
    for index in range(block_index, max(-1, block_index - SCOPE_HEADING_REACH), -1):
        block = document.blocks[index]
        if block.kind == "heading":
            return block.text if not re.search(r"\d{3,}", block.text) else ""
    return ""


def _quoted_mention(unit: Unit, first: int) -> bool:
    """Is the matched word only mentioned in quotes ('the term "sell" includes ...'), not used?"""
    start = unit.local(unit.tokens[first].start)
    end = unit.local(unit.tokens[first].end)
    before, after = unit.text[start - 1:start], unit.text[end:end + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES + ",."
