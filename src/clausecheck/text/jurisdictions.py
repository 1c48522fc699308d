"""Which place's law a governing-law clause chooses, read with the gazetteer (`text.gazetteer`).

A clause chooses a law by what it does, not by its words alone: a law of a place is linked to the
agreement by a governing verb ("governed by", "construed in accordance with", "determined under") or
governs by itself ("the laws of X shall govern", "X law applies"). A place named only as the seat of
courts or of an arbitration ("courts located in Santa Clara County, California", "arbitration in New
York") is not chosen, nor is the law a party is organised under or must comply with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from clausecheck.text.gazetteer import Place, PlaceMention, gazetteer, place_named, places_in
from clausecheck.text.lazy import LazyPattern

# --- law references: "the laws of the State of X", "X law", "the laws thereof", "federal law" ---------

_LAW_WORD = LazyPattern(r"\b(?:laws?|statutes?)\b", re.IGNORECASE)
_MODIFIERS = r"(?:(?:substantive|internal|domestic|local|applicable|governing|statutory|general|state|federal|" \
             r"national|common|civil|private|contract|procedural|and|&|,)\s+)*"
_REFERENCE_START = LazyPattern(rf"(?:\bthe\s+)?{_MODIFIERS}$", re.IGNORECASE)
# "laws and decisions of", "laws, rules and regulations in force in", "laws of and applicable in"
_OF = LazyPattern(
    r"(?:\s*,?\s*(?:and|or|&)\s+(?:the\s+)?(?:judicial\s+|court\s+)?(?:decisions|regulations|rules|statutes|"
    r"jurisprudence|precedents|case\s+law|ordinances|codes?|treaties)|\s*,\s*(?:rules|regulations|statutes))*"
    r"\s*,?\s+(?:(?:in\s+force|in\s+effect|applicable|prevailing|existing)\s+)?"
    r"(?:of|in|within)(?:\s+and\s+(?:applicable|in\s+force)\s+(?:in|within))?\s+", re.IGNORECASE)
_ANAPHOR = LazyPattern(r"(?:that|such|said|the\s+same|this|the\s+said)\s+(?:State|Commonwealth|Province|Territory|"
                      r"country|jurisdiction|nation|Kingdom|Republic|Canton)\b", re.IGNORECASE)
_THEREOF = LazyPattern(r"\s+thereof\b", re.IGNORECASE)
# The law of the place a party is in: "the laws of the state in which the School is located", "your home
# state", "the Customer's state". The parties' words come from the caller (a rulebook's term lists).
_OWN_PLACE_TEMPLATE = (
    r"(?:the\s+)?(?:state|jurisdiction|country|province|territory|place)(?:\s+or\s+(?:state|jurisdiction|country|"
    r"province|territory))?\s+(?:of\s+)?(?:in\s+which|where|wherein)\s+"
    r"{party}(?:\s+(?:is|are|was|has|have))?(?:\s+(?:its|their|his|her|your)\s+\w+)?(?:\s+(?:located|based|"
    r"domiciled|resident|situated|resides?|lives?|principal\s+place\s+of\s+business))?\b|"
    r"your\s+(?:home\s+)?(?:state|jurisdiction|country|province)\b|"
    r"(?:the\s+)?(?:state|jurisdiction|country)\s+of\s+your\s+(?:residence|domicile)\b"
    r"{possessive}")


@lru_cache(maxsize=16)
def _own_place(parties: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of a party's own place, for the parties named by `parties` ("school", "account holder")."""
    nouns = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in sorted(parties, key=len, reverse=True))
    party = r"(?:you|your\b[\w\s]{0,20}?" + (rf"|(?:the\s+|a\s+|such\s+)?(?:{nouns})s?\b)" if nouns else ")")
    possessive = rf"|(?:the\s+)?(?:{nouns})['\u2019]s\s+(?:home\s+)?(?:state|jurisdiction|country)\b" if nouns else ""
    return re.compile(_OWN_PLACE_TEMPLATE.format(party=party, possessive=possessive), re.IGNORECASE)


_BEFORE_LAW_MODIFIERS = LazyPattern(r"(?:['\u2019]s)?\s+(?:(?:substantive|internal|domestic|state|federal|statutory|"
                                   r"general|common|contract|civil|private)\s+)*$", re.IGNORECASE)
_FEDERAL = LazyPattern(r"\bfederal\s+(?:(?:substantive|statutory)\s+)?$", re.IGNORECASE)
# "the courts of the State of New York", "the State of Texas's courts": a place, not its law.
_NOT_LAW_AFTER = LazyPattern(r"\s*(?:['\u2019]s\b|courts?\b|tribunals?\b|agencies\b|authorities\b)", re.IGNORECASE)
_DESIGNATED_PLACE = LazyPattern(r"(?<!\w)(?:the\s+)?(?:State|Commonwealth|Province|Territory|Kingdom|Republic|Canton)"
                               r"\s+of\s+", re.IGNORECASE)
# A law named by its subject ("the data protection laws of the EU", "export laws of the United States", "the
# Arbitration Law of the PRC") is a regulation a party must follow or a procedure, not the law the parties
# chose for their contract.
_SUBJECT_MATTER = LazyPattern(
    r"\b(?:privacy|protection|export|import|sanctions?|securities|tax|taxation|employment|labou?r|immigration|"
    r"environmental|antitrust|competition|consumer|bankruptcy|insolvency|patent|copyright|trademark|property|"
    r"corruption|bribery|laundering|health|education|educational|criminal|insurance|banking|customs|"
    r"telecommunications?|safety|disclosure|notification|accessibility|record|records|retention|control|"
    r"arbitration|company|companies|corporate|corporation|partnership)"
    r"(?:\s+and\s+\w+)?\s+$", re.IGNORECASE)
_CONFLICT_RULES = LazyPattern(r"\b(?:conflicts?|choice)[\s-]+(?:of[\s-]+)?(?:the\s+)?$", re.IGNORECASE)
LOOK_BACK = 120  # characters before a law word read for its modifiers ("the substantive laws")


@dataclass(frozen=True)
class LawReference:
    """A mention of some place's law in a sentence, with the place it names (if it names one)."""

    start: int
    end: int
    place: Place | None
    anaphor: bool = False  # "the laws thereof", "the laws of that State": the place is named before
    own_place: bool = False  # the school's or user's own state
    federal: bool = False  # "federal law", no place named
    designation_only: bool = False  # "the State of X" with no word for law


def law_references(text: str, parties: tuple[str, ...] = ()) -> list[LawReference]:
    """The mentions of a law in `text`, in order, excluding conflict-of-laws rules and subject-matter laws;
    "the laws of the state where the school is located" is the own place of one of `parties`."""
    found: list[LawReference] = []
    places = gazetteer()
    for law in _LAW_WORD.finditer(text):
        before = text[max(0, law.start() - LOOK_BACK):law.start()]
        if _CONFLICT_RULES.search(before) or _SUBJECT_MATTER.search(before):
            continue
        start = law.start() - len(_REFERENCE_START.search(before).group(0))
        forward = _OF.match(text, law.end())
        if forward:
            target = forward.end()
            anaphor = _ANAPHOR.match(text, target)
            own = _own_place(parties).match(text, target)
            place = places.place_at(text, target)
            if own:
                found.append(LawReference(start, own.end(), None, own_place=True))
            elif place:
                found.append(LawReference(start, place.end, place.place))
            elif anaphor:
                found.append(LawReference(start, anaphor.end(), None, anaphor=True))
            continue
        thereof = _THEREOF.match(text, law.end())
        if thereof:
            found.append(LawReference(start, thereof.end(), None, anaphor=True))
            continue
        named = _place_before(text, law.start())
        if named:
            found.append(LawReference(named.start, law.end(), named.place))
        elif _FEDERAL.search(before):
            found.append(LawReference(start, law.end(), None, federal=True))
    for designated in _DESIGNATED_PLACE.finditer(text):
        if any(reference.start <= designated.start() < reference.end for reference in found):
            continue
        place = places.place_at(text, designated.start())
        if place and not _NOT_LAW_AFTER.match(text, place.end):
            found.append(LawReference(place.start, place.end, place.place, designation_only=True))
    return sorted(found, key=lambda reference: reference.start)


def _place_before(text: str, law_start: int) -> PlaceMention | None:
    """The place or adjective standing just before a law word ("Delaware law", "PRC Laws", "English law")."""
    modifiers = _BEFORE_LAW_MODIFIERS.search(text, max(0, law_start - LOOK_BACK), law_start)
    return gazetteer().place_before(text, modifiers.start() if modifiers else law_start)


# --- what a clause does with a law: chooses it, or only mentions it ---------------------------------

_GOVERNING_VERB = LazyPattern(
    r"\b(?:govern(?:ed|s|ing)?|constru(?:ed|e|es|ing|cted)|construction|interpret(?:ed|s|ing)?|interpretation|"
    r"enforced|determined|decided|adjudicated|adjudged|resolved|settled|controlled|regulated|subject|made)\b",
    re.IGNORECASE)
# Words that end a governing verb's reach to a following law: what a party is organised under or must obey,
# and a new predicate or a negation ("... subject to and may be available to the government under the laws").
_BLOCKER = LazyPattern(
    r"\b(?:organi[sz]ed|incorporated|formed|existing|registered|chartered|established|licensed|qualified|"
    r"compl(?:y|ies|ying|iance)|violat\w*|enforceable|permitted|required|prohibited|protected|valid|validly|"
    r"may|must|can|could|might|shall|will|would|should|not)\b", re.IGNORECASE)
# "This Agreement is subject to the laws of X" chooses them; "a corporation subject to the laws of X" does not.
_PREDICATE_BEFORE = LazyPattern(r"\b(?:is|are|be|been|remains?|made\s+under\s+and)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_CONNECTOR = LazyPattern(r"(?:\b(?:by|under|with|within|to|per|be|is|are|provisions?\s+of)|[:\u2013\u2014])"
                        r"\s*[,(]?\s*(?:the\s+)?$", re.IGNORECASE)
# A heading or label that says what follows is the governing law: "15. Governing Law", "Governing law:".
_LABEL_ONLY = LazyPattern(r"\W*(?:(?:section|article|clause)\s+)?(?:[\dIVXivx]+(?:\.\d+)*\.?\s*)?"
                         r"(?:governing|applicable|proper|choice\s+of)\s+laws?(?:\s+(?:and|&)\s+(?:venue|jurisdiction|forum|dispute\s+resolution))?"
                         r"[\s.:\u2013\u2014|-]*", re.IGNORECASE)
_LABEL = LazyPattern(r"\b(?:governing|applicable|proper|choice\s+of)\s+laws?\s*(?:of\s+(?:this|the)\s+\w+\s*)?"
                    r"(?:shall\s+be|will\s+be|is|are|[:.|\u2013\u2014-])?\s*$", re.IGNORECASE)
_GOVERNS_AFTER = LazyPattern(
    r"(?:\s*\([^)]{0,200}\))?(?:\s*,[^,;.]{0,120},)?\s*(?:shall|will|must|should|does|do|to|is\s+to|are\s+to)?\s*"
    r"(?:exclusively\s+|solely\s+|only\s+)?(?P<verb>governs?|apply|applies|controls?|prevails?|be\s+applicable|"
    r"is\s+applicable|are\s+applicable|be\s+applied)\b(?P<object>[^.;]{0,60})", re.IGNORECASE)
# "The laws of the EU apply to the processing of your personal data": a law that applies to something
# other than the contract is not the contract's law.
_OTHER_OBJECT = LazyPattern(r"^\s*(?:to|in)\s+(?:the\s+)?(?:processing|collection|use|transfer|your|personal|data|"
                           r"information|users?|residents?|individuals?|consumers?|you)\b", re.IGNORECASE)
_COORDINATION = LazyPattern(r"\s*(?:\([^)]*\))?\s*,?\s*(?:and|or|and/or|as\s+well\s+as)\s*,?\s*"
                           r"(?:to\s+the\s+extent[^,;]{0,100},\s*)?(?:by|with|under)?\s*$", re.IGNORECASE)
# After a place named alone under a governing-law label: the end of the clause or a qualification, not a
# noun it qualifies ("New York courts shall have exclusive jurisdiction").
_BARE_PLACE_END = LazyPattern(r"\s*(?:$|[.,;:(]|(?:without|excluding|exclusive|except|and|law|laws)\b)", re.IGNORECASE)
REACH = 160  # characters a governing verb reaches forward to its law


def is_governing_law_label(text: str) -> bool:
    """Is `text` only a heading or label for the governing law ("12. Governing Law", "Governing law:")?"""
    return _LABEL_ONLY.fullmatch(text) is not None


def _chosen(text: str, reference: LawReference, previous_chosen: LawReference | None, labelled: bool) -> bool:
    """Does the sentence choose the law `reference` names as the law of the contract? `labelled`: the
    sentence follows a governing-law heading ("Governing Law" / "State of California, without regard ...")."""
    clause_start = text.rfind(";", 0, reference.start) + 1
    before = text[clause_start:reference.start]
    if previous_chosen is not None and _COORDINATION.fullmatch(text, previous_chosen.end, reference.start):
        return True
    if _LABEL.search(before) or (labelled and not before.strip(" \t\n-\u2013\u2014:.")):
        return True
    if not reference.designation_only:
        after = _GOVERNS_AFTER.match(text, reference.end)
        if after and not _OTHER_OBJECT.match(after.group("object")):
            return True
    if not _CONNECTOR.search(before):
        return False
    for verb in reversed(list(_GOVERNING_VERB.finditer(before))):
        between = before[verb.end():]
        if len(between) > REACH or _BLOCKER.search(between):
            return False
        word = verb.group(0).lower()
        if word == "made" and not re.match(r"\s+(?:under|pursuant\s+to|subject\s+to)\b", between, re.IGNORECASE):
            continue  # "made under the laws of" chooses them; "payments made to ..." does not
        if word == "subject" and not _PREDICATE_BEFORE.search(before, 0, verb.start()):
            continue
        return True
    return False


_GENERIC_PLACE = LazyPattern(r"\b(?:country|countries|state|states|province|provinces|jurisdiction|jurisdictions|"
                            r"territory|nation|place)\b", re.IGNORECASE)


def _antecedent(sentence: str, position: int, before: str) -> Place | None:
    """The place "thereof" or "that State" at `position` stands for: the place named last before it in the
    sentence, or else in the sentence before; none when a place is only described in between ("if you
    live in any other country, the laws of that country apply")."""
    named = places_in(sentence[:position])
    described_from = named[-1].end if named else 0
    if _GENERIC_PLACE.search(sentence, described_from, position):
        return None
    if named:
        return named[-1].place
    named = places_in(before)
    return named[-1].place if named and not _GENERIC_PLACE.search(before, named[-1].end) else None


@dataclass(frozen=True)
class ChoiceOfLaw:
    """The law a governing-law clause chooses."""

    places: tuple[Place, ...]  # most specific first: a state rather than its country
    own_place: bool  # the school's or user's own state governs
    start: int  # the span of the chosen law in the sentence
    end: int


def chosen_law(sentence: str, before: str = "", parties: tuple[str, ...] = ()) -> ChoiceOfLaw | None:
    """The law `sentence` chooses to govern the contract, or None if it chooses none.

    `before` is the text just before the sentence: "the laws of that State" and "the laws thereof" name
    the place named last before them in the sentence, or else in `before`. The law of the place where one
    of `parties` ("school", "customer") is, or the user's own ("your home state"), is `own_place`.
    """
    labelled = is_governing_law_label(before)
    references = law_references(sentence, parties)
    lead = _LABEL_ONLY.match(sentence)
    bare = gazetteer().place_at(sentence, lead.end() if lead else len(sentence) - len(sentence.lstrip())) \
        if lead or labelled else None
    if bare and _BARE_PLACE_END.match(sentence, bare.end) and \
            not any(reference.start <= bare.start < reference.end for reference in references):
        # "Governing law: Delaware"
        references.insert(0, LawReference(bare.start, bare.end, bare.place, designation_only=True))
    chosen: list[LawReference] = []
    places: list[Place] = []
    federal = own_place = False
    previous: LawReference | None = None
    for reference in references:
        if not _chosen(sentence, reference, previous, labelled):
            continue
        previous = reference
        chosen.append(reference)
        own_place |= reference.own_place
        federal |= reference.federal
        place = _antecedent(sentence, reference.start, before) if reference.anaphor else reference.place
        if place is not None and place not in places:
            places.append(place)
    if not chosen:
        return None
    # "the laws of the Province of British Columbia and the federal laws of Canada applicable therein",
    # "the laws of the United States and the State of Florida": the country's own law applies there anyway.
    specific = [place for place in places if not any(other.country == place.name for other in places)]
    if federal and not specific:
        specific = [place_named("United States")]
    if not specific and not own_place:
        return None
    return ChoiceOfLaw(tuple(specific), own_place, chosen[0].start, chosen[-1].end)


def governing_places(clause: str, before: str = "", parties: tuple[str, ...] = ()) -> list[str]:
    """The names of the places whose law `clause` chooses, in order (empty when it chooses none)."""
    choice = chosen_law(clause, before, parties)
    return [place.name for place in choice.places] if choice else []
