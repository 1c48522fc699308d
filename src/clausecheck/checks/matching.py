"""Find a rulebook's phrase patterns in a document's units, with an index so each lookup is cheap.

rapidfuzz compares every long pattern word with every distinct word of the document once, so a
misspelt or OCR-damaged word still matches; after that, matching is set lookups.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from operator import itemgetter

from clausecheck.rulebook.patterns import FILLER, MAX_FILLER, Pattern, Slot, Word, phrase_words
from clausecheck.rulebook.vocabulary import EMPTY_VOCABULARY, Vocabulary
from clausecheck.text.segment import Unit

# One alternative of a slot: (its position among the slot's alternatives, its words).
_Planned = tuple[int, tuple[Word, ...]]
_NO_SCORES: dict[str, float] = {}
_STEM, _LOWER = itemgetter(0), itemgetter(1)  # of a Token


@dataclass(frozen=True)
class Match:
    unit: int
    first: int  # token index of the first matched word
    last: int  # token index of the last matched word
    score: float


def _starting_with(ordered: list[str], prefix: str) -> set[str]:
    """The strings of a sorted list that start with `prefix`: they stand together from its place on."""
    found = set()
    for position in range(bisect.bisect_left(ordered, prefix), len(ordered)):
        if not ordered[position].startswith(prefix):
            break
        found.add(ordered[position])
    return found


class _FuzzyMemo:
    """The near spellings of one rulebook's long words among the stems this process has compared."""

    def __init__(self) -> None:
        self.compared: set[str] = set()
        self.near: dict[str, dict[str, float]] = {}  # stem -> {pattern word: score}


_FUZZY_MEMOS: dict[tuple[float, tuple[str, ...]], _FuzzyMemo] = {}
MAX_REMEMBERED_STEMS = 200_000  # past this (a worker given thousands of contracts) the memo starts again


def _compare(candidates: list[str], stems: list[str], cutoff: float, near: dict[str, dict[str, float]]) -> None:
    """Add to `near[stem]` each candidate whose rapidfuzz ratio with the stem reaches `cutoff`."""
    from rapidfuzz import fuzz, process

    by_length: dict[int, list[str]] = {}
    for stem in stems:
        by_length.setdefault(len(stem), []).append(stem)
    near_length_cache: dict[int, list[str]] = {}
    for text in candidates:
        near_length = near_length_cache.get(len(text))
        if near_length is None:
            # ratio = 2*matches/(len a + len b), so words whose lengths differ too much can never reach it
            slack = int((100 - cutoff) / 100 * 2 * len(text)) + 1
            near_length = near_length_cache[len(text)] = [
                stem for length in range(len(text) - slack, len(text) + slack + 1)
                for stem in by_length.get(length, ())]
        for stem, score, _ in process.extract(text, near_length, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
            near.setdefault(stem, {})[text] = score / 100.0


@functools.lru_cache(maxsize=32)
def _fuzzy_candidates(words: frozenset[Word]) -> tuple[tuple[str, ...], dict[str, str]]:
    """A rulebook's words long enough to be matched by near spelling, sorted, and the stem of each:
    worked out once per rulebook rather than for each document."""
    candidates = [word for word in words if word.fuzzy_candidate]
    return tuple(sorted({word.text for word in candidates})), {word.text: word.stem for word in candidates}


class PhraseIndex:
    """The units of one document, indexed for pattern lookups."""

    def __init__(self, units: list[Unit], pattern_words: frozenset[Word], fuzzy_cutoff: float,
                 vocabulary: Vocabulary = EMPTY_VOCABULARY) -> None:
        self.units = units
        self.vocabulary = vocabulary
        self._filler = FILLER | frozenset(vocabulary.filler)
        self._alternatives_cache: dict[int, tuple[tuple[Word, ...], ...]] = {}
        self._units_by_stem: dict[str, set[int]] = {}
        self._stem_of_lower: dict[str, str] = {}
        by_stem = self._units_by_stem
        for index, unit in enumerate(units):
            for stem in set(map(_STEM, unit.tokens)):  # each of the unit's stems once
                found = by_stem.get(stem)
                if found is None:
                    by_stem[stem] = {index}
                else:
                    found.add(index)
            self._stem_of_lower.update(zip(map(_LOWER, unit.tokens), map(_STEM, unit.tokens)))
        self._prefix_cache: dict[str, set[str]] = {}
        self._sorted_stems = sorted(self._units_by_stem)  # for prefix lookups (`_starting_with`)
        self._sorted_lowers = sorted(self._stem_of_lower)
        self._starter_cache: dict[int, tuple[frozenset[str], tuple[str, ...]]] = {}
        self._candidate_cache: dict[int, set[int]] = {}
        self._plan_cache: dict[int, tuple[dict[str, tuple[_Planned, ...]], tuple[_Planned, ...]]] = {}
        self._word_units_cache: dict[str, set[int]] = {}
        self._fuzzy: dict[str, dict[str, float]] = self._fuzzy_map(pattern_words, fuzzy_cutoff)

    def _fuzzy_map(self, words: frozenset[Word], cutoff: float) -> dict[str, dict[str, float]]:
        """For each long pattern word, the document's stems that are near spellings of it, with score.

        Only stems this process has not compared yet with the same words are given to rapidfuzz: a
        batch's contracts share most of their words, and a pair's score does not change."""
        candidates, candidate_stems = _fuzzy_candidates(words)
        stems = sorted(stem for stem in self._units_by_stem if len(stem) >= 4 and stem.isalpha())
        if not candidates or not stems:
            return {}
        key = (cutoff, candidates)
        memo = _FUZZY_MEMOS.get(key)
        if memo is None or len(memo.compared) > MAX_REMEMBERED_STEMS:
            memo = _FUZZY_MEMOS[key] = _FuzzyMemo()
        fresh = [stem for stem in stems if stem not in memo.compared]
        if fresh:
            _compare(list(candidates), fresh, cutoff, memo.near)
            memo.compared.update(fresh)
        found: dict[str, dict[str, float]] = {}
        for stem in stems:
            for text, score in memo.near.get(stem, _NO_SCORES).items():
                if stem != candidate_stems[text]:
                    found.setdefault(text, {})[stem] = score
        return found

    def _stems_for(self, word: Word) -> dict[str, float]:
        if word.prefix:
            if word.text not in self._prefix_cache:
                # "purchase*" holds "purchases", whose stem ("purchas") is shorter than the prefix: the
                # words that start with it count by their stems
                self._prefix_cache[word.text] = _starting_with(self._sorted_stems, word.stem) | {
                    self._stem_of_lower[lower] for lower in _starting_with(self._sorted_lowers, word.text)}
            return {stem: 1.0 for stem in self._prefix_cache[word.text]}
        stems = {word.stem: 1.0}
        stems.update(self._fuzzy.get(word.text, {}))
        return stems

    def alternatives(self, slot: Slot) -> tuple[tuple[Word, ...], ...]:
        """The slot's own alternatives and the phrases of the term lists it names."""
        key = id(slot)
        if key not in self._alternatives_cache:
            found = list(slot.alternatives)
            for name in slot.terms:
                found += [phrase_words(phrase) for phrase in self.vocabulary.phrases(name)]
            for template in slot.templates:
                expansions: list[tuple[Word, ...]] = [()]
                for part in template:
                    choices = [phrase_words(phrase) for phrase in self.vocabulary.phrases(part)] \
                        if isinstance(part, str) else [(part,)]
                    expansions = [done + choice for done in expansions for choice in choices]
                found += expansions
            self._alternatives_cache[key] = tuple(found)
        return self._alternatives_cache[key]

    def _units_with(self, slot: Slot) -> set[int]:
        found: set[int] = set()
        for alternative in self.alternatives(slot):
            found |= self._units_with_word(alternative[0])
        return found

    def _units_with_word(self, word: Word) -> set[int]:
        """The units holding a token the word matches (remembered: term lists share their words)."""
        key = word.text + "*" if word.prefix else word.text
        found = self._word_units_cache.get(key)
        if found is None:
            found = set()
            for stem in self._stems_for(word):
                found |= self._units_by_stem.get(stem, set())
            self._word_units_cache[key] = found
        return found

    def candidates(self, pattern: Pattern) -> set[int]:
        """The units holding a word of every required slot (exceptions ask once per hit: keep it)."""
        key = id(pattern)
        if key not in self._candidate_cache:
            self._candidate_cache[key] = self._find_candidates(pattern)
        return self._candidate_cache[key]

    def _find_candidates(self, pattern: Pattern) -> set[int]:
        required = [slot for slot in pattern.slots if not slot.optional]
        result: set[int] | None = None
        for slot in required:
            units = self._units_with(slot)
            result = units if result is None else result & units
            if not result:
                return set()
        return result or set()

    def find(self, pattern: Pattern) -> list[Match]:
        """Every match of the pattern: in each unit, the best match of each clause it starts in (a
        negated first clause must not hide a second that says the opposite)."""
        matches = []
        for unit_index in sorted(self.candidates(pattern)):
            for first, last, score in self._best_per_clause(pattern, self.units[unit_index]):
                matches.append(Match(unit_index, first, last, score))
        return matches

    def matches_unit(self, pattern: Pattern, unit_index: int) -> bool:
        """Whether `pattern` matches anywhere in one unit (used for exceptions)."""
        return unit_index in self.candidates(pattern) and \
            bool(self._best_per_clause(pattern, self.units[unit_index], first_only=True))

    def _match_alternative(self, words: tuple[Word, ...], tokens: tuple, position: int) -> tuple[int, float] | None:
        """Match a phrase starting exactly at `position`; returns (next position, score sum). A prefix
        matches the start of the word or its stem; other words score 1.0 on their own stem, else their
        near spelling's score (the innermost loop of matching: kept free of calls)."""
        if position + len(words) > len(tokens):
            return None
        total = 0.0
        fuzzy = self._fuzzy
        for word in words:
            token = tokens[position]
            if word.prefix:
                if not (token.lower.startswith(word.text) or token.stem.startswith(word.stem)):
                    return None
                total += 1.0
            elif token.stem == word.stem:
                total += 1.0
            else:
                score = fuzzy.get(word.text, _NO_SCORES).get(token.stem, 0.0)
                if not score:
                    return None
                total += score
            position += 1
        return position, total

    def _plan(self, slot: Slot) -> tuple[dict[str, tuple[_Planned, ...]], tuple[_Planned, ...]]:
        """The slot's alternatives by the stems their first word matches (its own and near spellings),
        and those whose first word is a prefix; each as (position among the alternatives, words)."""
        key = id(slot)
        plan = self._plan_cache.get(key)
        if plan is None:
            by_stem: dict[str, list[_Planned]] = {}
            prefixed: list[_Planned] = []
            for planned in enumerate(self.alternatives(slot)):
                first = planned[1][0]
                if first.prefix:
                    prefixed.append(planned)
                    continue
                by_stem.setdefault(first.stem, []).append(planned)
                for stem in self._fuzzy.get(first.text, ()):
                    if stem != first.stem:
                        by_stem.setdefault(stem, []).append(planned)
            plan = self._plan_cache[key] = ({stem: tuple(items) for stem, items in by_stem.items()},
                                            tuple(prefixed))
        return plan

    def _match_slots(self, slots: tuple[Slot, ...], index: int, unit: Unit, position: int,
                     memo: dict[tuple[int, int], tuple[int, float, int] | None]) -> tuple[int, float, int] | None:
        """Match slots[index:] from `position`; returns (last token index, score sum, words matched).

        Results are remembered per (slot, position) for one unit, so patterns with several gaps stay
        linear in the unit's length instead of trying every combination of gap widths again.
        """
        if index == len(slots):
            return (position - 1, 0.0, 0)
        key = (index, position)
        if key in memo:
            return memo[key]
        slot = slots[index]
        limit = 0 if index == 0 else slot.gap_before
        tokens = unit.tokens
        best: tuple[int, float, int] | None = None
        skipped = 0
        offset = 0
        by_stem, prefixed = self._plan(slot)
        while position + offset < len(tokens):
            token = tokens[position + offset]
            # Only the alternatives whose first word matches this token, in the slot's order: the
            # others would fail at their first word.
            starting = by_stem.get(token.stem, ())
            if prefixed:
                extra = [planned for planned in prefixed if token.lower.startswith(planned[1][0].text)
                         or token.stem.startswith(planned[1][0].stem)]
                if extra:
                    starting = sorted(starting + tuple(extra)) if starting else extra
            for _, alternative in starting:
                matched = self._match_alternative(alternative, tokens, position + offset)
                if matched is None:
                    continue
                after, score = matched
                tail = self._match_slots(slots, index + 1, unit, after, memo)
                if tail is not None:
                    candidate = (tail[0], score + tail[1], len(alternative) + tail[2])
                    if best is None or candidate[1] / candidate[2] > best[1] / best[2]:
                        best = candidate
            if best is not None:
                break
            if index == 0:
                break
            if token.lower in self._filler and skipped < MAX_FILLER:
                skipped += 1
            elif offset - skipped < limit:
                pass
            else:
                break
            offset += 1
        if best is None and slot.optional:
            best = self._match_slots(slots, index + 1, unit, position, memo) if index else \
                self._match_slots(slots[1:], 0, unit, position, {})
        memo[key] = best
        return best

    def _starters(self, slot: Slot) -> tuple[frozenset[str], tuple[str, ...]]:
        """The stems and prefixes a token needs for the slot's first word to match it."""
        key = id(slot)  # slots are deep frozen dataclasses: hashing one costs more than the lookup saves
        if key not in self._starter_cache:
            stems: set[str] = set()
            prefixes: list[str] = []
            for alternative in self.alternatives(slot):
                word = alternative[0]
                if word.prefix:
                    prefixes.append(word.text)
                    prefixes.append(word.stem)
                else:
                    stems.add(word.stem)
                    stems.update(self._fuzzy.get(word.text, {}))
            self._starter_cache[key] = (frozenset(stems), tuple(prefixes))
        return self._starter_cache[key]

    def _best_per_clause(self, pattern: Pattern, unit: Unit,
                         first_only: bool = False) -> list[tuple[int, int, float]]:
        """(first token, last token, score) of the best match starting in each clause of the unit."""
        best: dict[int, tuple[int, int, float]] = {}
        # A match of the slots after the first from a token is the same whichever start led there.
        memo: dict[tuple[int, int], tuple[int, float, int] | None] = {}
        first_slot = pattern.slots[0]
        stems, prefixes = self._starters(first_slot)
        for start, token in enumerate(unit.tokens):
            if not first_slot.optional and token.stem not in stems and not (
                    prefixes and (token.lower.startswith(prefixes) or token.stem.startswith(prefixes))):
                continue  # the full match below would fail at its first word anyway
            clause = unit.clause_of(start)[0]
            if clause in best and best[clause][2] >= 1.0:
                continue
            result = self._match_slots(pattern.slots, 0, unit, start, memo)
            if result is None:
                continue
            last, score, count = result
            candidate = (start, last, score / count if count else 0.0)
            if clause not in best or candidate[2] > best[clause][2]:
                best[clause] = candidate
                if first_only:
                    break
        return list(best.values())
