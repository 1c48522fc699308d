"""Places whose law can govern a contract, and the place a governing-law clause names."""

from __future__ import annotations

import re

US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
    "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
    "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
    "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
    "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "West Virginia", "Wisconsin", "Wyoming", "District of Columbia", "Puerto Rico",
)
OTHER_PLACES = (
    "England and Wales", "England", "Wales", "Scotland", "Northern Ireland", "United Kingdom", "Ireland",
    "Norway", "Sweden", "Denmark", "Finland", "Iceland", "Germany", "France", "Spain", "Portugal", "Italy",
    "Netherlands", "The Netherlands", "Belgium", "Luxembourg", "Switzerland", "Austria", "Poland",
    "Israel", "India", "Singapore", "Hong Kong", "China", "People's Republic of China", "Japan", "Korea",
    "Australia", "New South Wales", "Victoria", "Queensland", "New Zealand", "Canada", "Ontario",
    "British Columbia", "Quebec", "Alberta", "Brazil", "Mexico", "Cayman Islands", "Bermuda",
    "British Virgin Islands", "Brazil", "South Africa", "United Arab Emirates", "Estonia",
    "United States", "United States of America", "European Union",
)
_PLACES = sorted(set(US_STATES + OTHER_PLACES), key=len, reverse=True)
_PLACE = "|".join(re.escape(place) for place in _PLACES)
_PLACE_RE = re.compile(rf"\b(?:the\s+)?(?:(?:State|Commonwealth|Province|Kingdom|Republic)\s+of\s+)?({_PLACE})\b",
                       re.IGNORECASE)
_GOVERNING_LAW = re.compile(
    r"(?:govern(?:ed|s)?|constru(?:ed|e)|interpret(?:ed)?|enforced|subject\s+to|in\s+accordance\s+with|"
    r"under|apply|applies|applicable|laws?\s+of|law\s+of\s+the|substantive\s+law)",
    re.IGNORECASE)
_CANONICAL = {place.lower(): place for place in _PLACES}


def places_in(text: str) -> list[tuple[str, int, int]]:
    """Every known place named in `text`: (canonical name, start, end)."""
    found = []
    for match in _PLACE_RE.finditer(text):
        name = _CANONICAL[match.group(1).lower()]
        if name == "Washington" and re.search(r"Washington,?\s+D\.?C", text[match.start(1):match.end(1) + 6]):
            name = "District of Columbia"
        found.append((name, match.start(1), match.end(1)))
    return found


def governing_places(clause: str) -> list[str]:
    """The places whose law a governing-law clause names, in order (empty when it names none).

    Only places that follow "laws of", "X law" or that sit in the same clause as a governing verb are
    counted, so the venue of a court ("courts located in Santa Clara County, California") does not
    count as governing law unless the clause says the law is that place's.
    """
    places = []
    for name, start, end in places_in(clause):
        before = clause[max(0, start - 60):start].lower()
        after = clause[end:end + 25].lower()
        if re.search(r"laws?\s+(?:of\s+)?(?:the\s+)?(?:(?:state|commonwealth|province|kingdom|republic)\s+of\s+)?$",
                     before) or re.match(r"(?:'s)?\s*(?:state\s+|federal\s+|and\s+federal\s+)?laws?\b", after) \
                or re.search(r"substantive\s+law\s+of\s+(?:the\s+)?(?:state\s+of\s+)?$", before):
            if name not in places:
                places.append(name)
    return places
