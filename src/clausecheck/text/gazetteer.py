"""The gazetteer: places whose law a contract can choose (data/places.txt), and where text names them.

Names are looked up word by word in dictionaries rather than through one large regular expression:
compiling an alternation of a thousand names costs a tenth of a second or more on every run, and the
dictionaries take a few milliseconds to build from the plain-text list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from clausecheck.text.lazy import LazyPattern

GAZETTEER_FILE = "places.txt"
_KINDS = ("us-state", "us-district", "us-territory", "country", "union")
_SUBDIVISION_OF = "subdivision of "
# "the State of", "the Commonwealth of", "the Province of": words that may stand before a place's name.
_DESIGNATIONS = frozenset({"state", "commonwealth", "province", "territory", "kingdom", "republic", "canton",
                           "principality", "emirate", "duchy"})
_WORD = LazyPattern(r"[^\W_]+|&")
_JOINT = LazyPattern(r"\s*[.,'\u2019()-]{0,2}\s*")  # what may stand between two words of one name
REACH = 160  # characters looked at for one name


@dataclass(frozen=True)
class Place:
    """A place whose law a contract can choose."""

    name: str  # canonical
    kind: str  # us-state | us-district | us-territory | country | subdivision | union
    country: str | None = None  # the country it is part of; None for a country or a union


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text, and where: `start` and `end` are offsets into that text."""

    place: Place
    start: int
    end: int


@dataclass(frozen=True)
class Gazetteer:
    """Every place under each of its names (and adjectives), keyed by their words."""

    names: dict[str, Place]  # folded words -> place
    capitals: dict[str, Place]  # abbreviations that count only in capitals ("PRC", "UK"), by their words
    adjectives: dict[str, Place]  # forms used only before "law" ("English", "German"), folded words
    first_words: frozenset[str]  # the folded first word of every name and adjective
    longest: int  # the most words in one name

    def place_at(self, text: str, position: int) -> PlaceMention | None:
        """The place named from `position` on (after white space, an optional "the" and a designation
        such as "the State of"), the longest name winning."""
        words = _words(text, position, position + REACH)
        if not words or text[position:words[0][0].start()].strip():
            return None  # the name must begin at `position`
        return self._at(text, words)

    def place_before(self, text: str, end: int) -> PlaceMention | None:
        """The place or adjective whose name ends exactly at `end` ("Delaware" in "Delaware law")."""
        words = _words(text, max(0, end - REACH), end)
        for first in range(max(0, len(words) - self.longest), len(words)):
            found = self._name(text, words[first:], adjectives=True)
            if found and found.end == words[-1][0].end() and not text[found.end:end].strip():
                return found
        return None

    def places_in(self, text: str) -> list[PlaceMention]:
        """Every place named in `text`, in order."""
        words = _words(text, 0, len(text))
        found: list[PlaceMention] = []
        index = 0
        while index < len(words):
            word = words[index][1]
            mention = self._at(text, words[index:]) if word in self.first_words or word == "the" \
                or word in _DESIGNATIONS else None
            if mention is None:
                index += 1
                continue
            found.append(mention)
            while index < len(words) and words[index][0].start() < mention.end:
                index += 1
        return found

    def _at(self, text: str, words: list) -> PlaceMention | None:
        """A place named by the first of `words`, whole names before designated ones."""
        start = 1 if words and words[0][1] == "the" and len(words) > 1 else 0
        candidates = [self._name(text, words[start:], adjectives=False)]
        designation = _designation_length(words[start:])
        if designation:
            after = start + designation + (1 if start + designation < len(words) and
                                           words[start + designation][1] == "the" else 0)
            candidates.append(self._name(text, words[after:], adjectives=False))
        candidates = [found for found in candidates if found]
        if not candidates:
            return None
        best = max(candidates, key=lambda found: found.end)  # "the State of Mexico" is itself a name
        return PlaceMention(best.place, words[0][0].start(), best.end)

    def _name(self, text: str, words: list, adjectives: bool) -> PlaceMention | None:
        """The longest name (or adjective) that the first of `words` begins."""
        if not words or (words[0][1] not in self.first_words and words[0][1] != "the"):
            return None
        best = None
        folded, exact = [], []
        for count, (match, word) in enumerate(words[:self.longest]):
            if count and not _JOINT.fullmatch(text, words[count - 1][0].end(), match.start()):
                break
            folded.append(word)
            exact.append(match.group(0))
            key = " ".join(folded)
            place = self.names.get(key) or self.capitals.get(" ".join(exact)) or (
                self.adjectives.get(key) if adjectives else None)
            if place is not None:
                best = PlaceMention(place, words[0][0].start(), match.end())
        return best


def _fold(word: str) -> str:
    """A word's lookup key: lowercase, without accents."""
    lower = word.lower()
    if lower.isascii():
        return lower
    return "".join(character for character in unicodedata.normalize("NFKD", lower)
                   if not unicodedata.combining(character))


def _words(text: str, start: int, end: int) -> list[tuple[re.Match, str]]:
    return [(match, _fold(match.group(0))) for match in _WORD.finditer(text, start, end)]


def _key(name: str) -> str:
    return " ".join(_fold(word) for word in _WORD.findall(name))


def _in_capitals(name: str) -> bool:
    """'PRC', 'U.S.A.', 'UK': an abbreviation, which counts only when written in capitals."""
    letters = "".join(_WORD.findall(name))
    return letters.isupper() and len(letters) <= 6


def _designation_length(words: list) -> int:
    """How many of `words` form a designation ("State of", "Grand Duchy of"), or 0."""
    index = 1 if words and words[0][1] == "grand" else 0
    if len(words) > index + 1 and words[index][1] in _DESIGNATIONS and words[index + 1][1] == "of":
        return index + 2
    return 0


@dataclass(frozen=True)
class Entry:
    """One line of the gazetteer file: a place and what it is called."""

    place: Place
    names: tuple[str, ...]  # the canonical name first
    adjectives: tuple[str, ...]


class GazetteerError(ValueError):
    """The gazetteer file is malformed; the message names the line."""


def read_entries(source: str) -> list[Entry]:
    """The places of a gazetteer file, in the order listed (see data/places.txt for the format)."""
    entries: list[Entry] = []
    kind = country = None
    for number, line in enumerate(source.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            heading = line[1:-1].strip()
            if heading.startswith(_SUBDIVISION_OF):
                kind, country = "subdivision", heading[len(_SUBDIVISION_OF):].strip()
            elif heading in _KINDS:
                kind, country = heading, "United States" if heading.startswith("us-") else None
            else:
                raise GazetteerError(f"{GAZETTEER_FILE}:{number}: unknown kind [{heading}]")
            continue
        if kind is None:
            raise GazetteerError(f"{GAZETTEER_FILE}:{number}: a place before the first [kind] line")
        fields = [[part.strip() for part in field.split(";") if part.strip()] for field in line.split("|")]
        if len(fields) > 3 or len(fields[0]) != 1:
            raise GazetteerError(f"{GAZETTEER_FILE}:{number}: expected 'name | other names | adjectives'")
        fields += [[]] * (3 - len(fields))
        entries.append(Entry(Place(fields[0][0], kind, country), (fields[0][0], *fields[1]), tuple(fields[2])))
    return entries


def build(entries: list[Entry]) -> Gazetteer:
    """The gazetteer of `entries`; the first entry listed wins a name two places share."""
    names: dict[str, Place] = {}
    capitals: dict[str, Place] = {}
    adjectives: dict[str, Place] = {}
    for entry in entries:
        forms = [(name, names) for name in entry.names] + [(adjective, adjectives) for adjective in entry.adjectives]
        for form, table in forms:
            if _in_capitals(form):
                capitals.setdefault(" ".join(_WORD.findall(form)), entry.place)  # "PRC", "UK law"
            else:
                table.setdefault(_key(form), entry.place)
    keys = [*names, *adjectives, *(key.lower() for key in capitals)]
    return Gazetteer(names, capitals, adjectives, frozenset(key.split()[0] for key in keys),
                     max(len(key.split()) for key in keys))


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once, on first use."""
    from importlib import resources

    return build(read_entries(resources.files("clausecheck").joinpath("data", GAZETTEER_FILE).read_text("utf-8")))


def place_named(name: str) -> Place | None:
    """The place called `name` ("Connecticut", "the State of New York", "PRC"), or None if unknown."""
    found = gazetteer().place_at(name, 0)
    return found.place if found and not _WORD.search(name, found.end) else None


def places_in(text: str) -> list[PlaceMention]:
    """Every place of the gazetteer named in `text`, in order."""
    return gazetteer().places_in(text)
