"""The governing-law check: which place's law the contract chooses, compared with the provision's place.

The rulebook's `topic` patterns find the clauses that speak of governing law; `text.jurisdictions`
reads which law each one chooses. A clause choosing the provision's `jurisdiction` satisfies, also
when it is an exception for schools there ("the laws of Connecticut govern the rights and duties of
the Provider and the board"), and so does one choosing the law of the school's or user's own state.
A clause choosing only another place's law contradicts, unless a satisfying clause exists: the
exception for the home place is what a district needs, so it wins here. A clause that only names a
venue or an arbitration seat chooses no law; nor does one naming only the federal law of the home
place's own country, which applies there anyway and leaves the required statement missing.
"""

from __future__ import annotations

from dataclasses import replace

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.checks.kinds import CheckKind, KindOption
from clausecheck.findings import CONFLICT, PRESENT, Role
from clausecheck.rulebook.model import Provision
from clausecheck.text.gazetteer import Place, place_named
from clausecheck.text.jurisdictions import chosen_law, is_governing_law_label


def _is_home(place: Place, home: Place | None, required: str) -> bool:
    return place == home if home else place.name.lower() == required.lower()


def _candidates(check: CheckContext, topics: list[Hit]) -> list[Hit]:
    """The topic clauses, and the clause under a "Governing Law" heading or label ("State of California,
    without regard to conflict of laws principles"), which names the place without saying what it is for.
    The label itself is never the evidence: the clause under it is."""
    seen = {topic.unit for topic in topics}
    following = [Hit(index + 1, 1.0, Role.TOPIC, "the clause under a governing-law heading")
                 for index, unit in enumerate(check.units)
                 if index + 1 < len(check.units) and index + 1 not in seen
                 and (unit.label or index in seen) and is_governing_law_label(unit.text)]
    return sorted(topics + following, key=lambda topic: topic.unit)


def governing_law_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    required = provision.jurisdiction or ""
    home = place_named(required) if required else None
    # "the laws of the state where the School is located": the parties' words, the contract's own included
    parties = tuple(phrase for name in provision.options.get("own_place_of", ())
                    for phrase in check.reading.vocabulary.phrases(name))
    satisfying: list[Hit] = []
    contradicting: list[Hit] = []
    for topic in _candidates(check, find_hits(check, provision.topic, Role.TOPIC)):
        unit = check.units[topic.unit]
        before = check.units[topic.unit - 1].text if topic.unit else ""
        choice = chosen_law(unit.text, before, parties)
        if choice is None:
            continue
        span = (unit.document_offset(choice.start), unit.document_offset(choice.end))
        if required and any(_is_home(place, home, required) for place in choice.places):
            satisfying.append(replace(topic, role=Role.SATISFIES, span=span, reason=f"the law of {required} governs"))
        elif choice.own_place:
            satisfying.append(replace(topic, role=Role.SATISFIES, span=span,
                                      reason="the law of the school's own state governs"))
        else:
            # The federal law of the home place's own country is no other place's law.
            others = [place for place in choice.places if not (home and home.country == place.name)]
            if others:
                contradicting.append(replace(topic, role=Role.CONTRADICTS, span=span,
                                             reason=f"the law of {others[0].name} governs, not {required}"))
    return satisfying or contradicting


KIND = CheckKind("governing-law", governing_law_hits, "the place whose law the contract chooses",
                 options={"jurisdiction": KindOption(str, "the place whose law must govern (e.g. Connecticut)."),
                          "own_place_of": KindOption(list, "the term lists naming the parties whose own state's "
                                                           "law counts as the home place's (\"the laws of the state "
                                                           "in which the {school} is located\").", names_terms=True)},
                 needs=(("topic",), ("jurisdiction",)),
                 verdicts_of_its_own=(PRESENT, CONFLICT))
