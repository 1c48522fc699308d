"""The governing-law check: which place's law the contract chooses, compared with the one required.

A clause naming the required place satisfies, also when it is an exception for schools there ("the
laws of Connecticut govern the rights and duties of the Provider and the board"). A clause that lets
the school's own state govern ("the laws of the state where the School is located") satisfies too. A
clause naming only another place contradicts, unless a satisfying clause exists: the exception for
the required place is what a district needs, so it wins here.
"""

from __future__ import annotations

import re

from dataclasses import replace

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.rulebook.model import Provision
from clausecheck.text.jurisdictions import governing_places

_OWN_STATE = re.compile(
    r"laws?\s+of\s+(?:the\s+)?(?:state|jurisdiction)\s+(?:in\s+)?(?:where|in\s+which)\s+(?:you|the\s+school|"
    r"your\s+school|the\s+customer|the\s+district|the\s+institution|you\s+reside|the\s+lea)"
    r"|(?:where|in\s+which)\s+(?:you\s+reside|your\s+principal|the\s+school\s+is\s+located)[^.]{0,120}govern",
    re.IGNORECASE)


def governing_law_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    required = (provision.jurisdiction or "").lower()
    satisfying: list[Hit] = []
    contradicting: list[Hit] = []
    for topic in find_hits(check, provision.topic, "topic"):
        unit = check.units[topic.unit]
        places = governing_places(unit.text)
        if required and any(place.lower() == required for place in places):
            satisfying.append(replace(topic, role="satisfies", reason=f"the law of {provision.jurisdiction} governs"))
        elif _OWN_STATE.search(unit.text):
            satisfying.append(replace(topic, role="satisfies", reason="the law of the school's own state governs"))
        elif places:
            contradicting.append(replace(topic, role="contradicts",
                                         reason=f"the law of {places[0]} governs, not {provision.jurisdiction}"))
    return satisfying or contradicting
