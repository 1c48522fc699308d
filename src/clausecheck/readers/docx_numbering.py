"""Reconstruct the labels Word shows for numbered paragraphs ("1.", "(a)", "2.1") from numbering.xml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word has nine list levels (0-8) and starts a list at most at 32767; a package claiming more is
# hostile (a start of 10^12 in roman numerals would spell a numeral a gigabyte long).
LEVELS = range(9)
MAX_START = 32767
# Past this a counter is shown in digits whatever its format: "m" * 50 is no label anyone reads.
MAX_SPELLED = 3999


@dataclass(frozen=True)
class _Level:
    format: str  # decimal | lowerLetter | upperLetter | lowerRoman | upperRoman | bullet | none ...
    text: str  # e.g. "%1." or "(%2)"
    start: int


def _attribute(element: _Element | None, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(f"{W}val", default) if child is not None else default


def _integer(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None and len(value) <= 12 else default
    except ValueError:
        return default


def _start(value: str | None, default: int) -> int:
    return min(max(_integer(value, default), 0), MAX_START)


MAX_LABEL_TEXT = 64  # a level's label pattern ("%1.%2.") is a few characters


def _roman(number: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    result = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        result += numeral * count
    return result


def _letters(number: int) -> str:
    # Word repeats the letter past z: a ... z, aa ... zz, aaa ...
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""


def format_number(number: int, number_format: str) -> str:
    if number > MAX_SPELLED:
        return str(number)
    if number_format == "lowerLetter":
        return _letters(number)
    if number_format == "upperLetter":
        return _letters(number).upper()
    if number_format == "lowerRoman":
        return _roman(number)
    if number_format == "upperRoman":
        return _roman(number).upper()
    return str(number)


class ListNumbering:
    """Counts numbered paragraphs in document order and returns the label each one displays."""

    def __init__(self, numbering_element: _Element | None) -> None:
        abstract_levels: dict[str, dict[int, _Level]] = {}
        self._levels: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_element is None:
            return
        for abstract in numbering_element.iterfind(f"{W}abstractNum"):
            levels = {}
            for level in abstract.iterfind(f"{W}lvl"):
                index = _integer(level.get(f"{W}ilvl"), 0)
                if index in LEVELS:
                    levels[index] = _Level(_attribute(level, "numFmt", "decimal"),
                                           (_attribute(level, "lvlText", "") or "")[:MAX_LABEL_TEXT],
                                           _start(_attribute(level, "start"), 1))
            abstract_levels[abstract.get(f"{W}abstractNumId")] = levels
        for num in numbering_element.iterfind(f"{W}num"):
            levels = dict(abstract_levels.get(_attribute(num, "abstractNumId"), {}))
            for override in num.iterfind(f"{W}lvlOverride"):
                index = _integer(override.get(f"{W}ilvl"), 0)
                start = _attribute(override, "startOverride")
                if start is not None and index in levels:
                    old = levels[index]
                    levels[index] = _Level(old.format, old.text, _start(start, old.start))
            self._levels[num.get(f"{W}numId")] = levels

    def label(self, num_id: str, level: int) -> str | None:
        """Advance the counter of list `num_id` at `level`; return its label, or None for bullets."""
        levels = self._levels.get(num_id)
        if not levels or level not in levels:
            return None
        counters = self._counters.setdefault(num_id, {})
        definition = levels[level]
        counters[level] = counters.get(level, definition.start - 1) + 1
        for deeper in [index for index in counters if index > level]:
            del counters[deeper]
        if definition.format in ("bullet", "none") or not definition.text:
            return None
        label = definition.text
        for index, shown in sorted(levels.items()):
            placeholder = f"%{index + 1}"
            if placeholder in label:
                value = counters.get(index, shown.start)
                label = label.replace(placeholder, format_number(value, shown.format))
        return label.strip() or None
