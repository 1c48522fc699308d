"""Durations written in digits or words ("forty-eight (48) hours", "two business days", "30 days")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER_WORD = "|".join(sorted(list(_UNITS) + list(_TENS) + ["hundred"], key=len, reverse=True))
_NUMBER = (rf"(?P<number>\d+(?:\.\d+)?|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and[\s-]+)?)?)+)"
           r"(?:\s*\(\s*(?P<digits>\d+)\s*\))?")
_UNIT = r"(?P<business>business\s+|calendar\s+|working\s+)?(?P<unit>hours?|hrs?|days?|weeks?|months?)"
_DURATION = re.compile(rf"\b{_NUMBER}[\s\-\])]*{_UNIT}\b", re.IGNORECASE)
# "by the next calendar day": at worst the end of the day after the one on which the clock starts.
_NEXT_DAY = re.compile(r"\b(?:the\s+)?(?:next|following)\s+(?P<business>business\s+|working\s+|calendar\s+)?day\b",
                       re.IGNORECASE)
_HOURS_PER_UNIT = {"hour": 1, "hr": 1, "day": 24, "week": 168, "month": 24 * 31}


@dataclass(frozen=True)
class Duration:
    """A span of time found in text, with the longest number of calendar hours it can mean."""

    text: str
    start: int
    end: int
    amount: float
    unit: str  # hour | day | week | month
    business: bool
    hours: float  # worst case in calendar hours (business days can straddle a weekend)


def words_to_number(words: str) -> int | None:
    """Parse "forty-eight", "seventy two", "one hundred and twenty" into an integer."""
    total, current = 0, 0
    parts = [part for part in re.split(r"[\s-]+", words.lower().strip()) if part and part != "and"]
    if not parts:
        return None
    for part in parts:
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    return total + current


def find_durations(text: str, offset: int = 0) -> list[Duration]:
    """Every duration in `text`, offsets relative to `offset`."""
    found = []
    for match in _DURATION.finditer(text):
        digits = match.group("digits")
        number_text = match.group("number").strip(" -")
        if digits:
            amount = float(digits)
        elif number_text[0].isdigit():
            amount = float(number_text)
        else:
            value = words_to_number(number_text)
            if value is None:
                continue
            amount = float(value)
        unit = match.group("unit").lower().rstrip("s")
        unit = "hour" if unit in ("hr", "hour") else unit
        business = bool(match.group("business")) and match.group("business").lower().startswith(("business", "working"))
        hours = amount * _HOURS_PER_UNIT[unit]
        if business and unit == "day":
            # n business days can span the weekends in between, plus the weekend right after a Friday.
            hours = (amount + 2 * math.ceil(amount / 5)) * 24
        found.append(Duration(match.group(), offset + match.start(), offset + match.end(), amount, unit,
                              business, hours))
    for match in _NEXT_DAY.finditer(text):
        business = bool(match.group("business")) and not match.group("business").lower().startswith("calendar")
        found.append(Duration(match.group(), offset + match.start(), offset + match.end(), 1.0, "day", business,
                              96.0 if business else 48.0))  # a business day after a Friday is the Monday
    return sorted(found, key=lambda duration: duration.start)
