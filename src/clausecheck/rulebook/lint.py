"""Find the mistakes in a rulebook that loading alone does not: every problem, each at its file and line.

Loading stops at the first error; lint goes on, provision by provision, and also reports what is legal
but wrong: duplicate ids, patterns that can never match or that match almost any sentence, and
provisions without an amendment or without examples for the verdicts they can give.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from clausecheck.errors import RulebookError
from clausecheck.rulebook.loader import (
    PATTERN_LISTS,
    TOP_KEYS,
    _parents,
    _Validator,
    load_rulebook,
    read_yaml,
    rulebook_vocabulary,
)
from clausecheck.rulebook.model import PatternSpec, Provision
from clausecheck.rulebook.patterns import FILLER, Pattern, Slot, Word, phrase_words
from clausecheck.rulebook.vocabulary import EMPTY_VOCABULARY, Vocabulary
from clausecheck.text.tokens import tokenize

_T = TypeVar("_T")

ERROR = "error"
WARNING = "warning"

# Words nearly every sentence of a contract has: a pattern made only of these (and filler words)
# matches everything, so it tells nothing.
COMMON_WORDS = frozenset({"shall", "will", "may", "must", "be", "is", "are", "was", "were", "been", "as", "at",
                          "not", "no", "agreement", "party", "parties", "information", "provide", "use", "we",
                          "us", "you", "it", "which", "who", "from", "has", "have", "if", "can", "do", "does",
                          "contract", "terms", "term", "service", "services", "data", "company"})
SHORT_PREFIX = 4  # a prefix this short ("con*") matches a large share of all words


@dataclass(frozen=True)
class Problem:
    """One lint finding: where, how bad, which rule, and what to do."""

    path: str
    line: int | None
    severity: str  # error | warning
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.severity}: {self.message} [{self.code}]"


def lint_file(path: str | Path) -> list[Problem]:
    """Every problem of the rulebook at `path`, in line order."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(str(path), None, ERROR, "unreadable", f"cannot read the rulebook ({error.__class__.__name__})")]
    return lint_text(text, str(path))


def lint_text(text: str, path: str) -> list[Problem]:
    problems: list[Problem] = []
    try:
        data = read_yaml(text, path)
    except RulebookError as error:
        return [Problem(path, error.line, ERROR, "yaml", error.reason)]
    if not isinstance(data, dict):
        return [Problem(path, 1, ERROR, "schema", "a rulebook must be a YAML mapping with 'id' and 'provisions'")]
    validator = _Validator(path)
    _collect(problems, "schema", lambda: validator.keys(data, TOP_KEYS, "the rulebook", 1))
    if "id" not in data:
        problems.append(Problem(path, 1, ERROR, "schema", "the rulebook has no 'id'"))
    parents = _collect(problems, "extends", lambda: _parents(data, validator, path, ())) if "extends" in data else []
    vocabulary = _collect(problems, "terms", lambda: rulebook_vocabulary(data, validator, parents or [])) \
        or EMPTY_VOCABULARY
    problems += _term_problems(path, data, vocabulary)
    provisions = _own_provisions(data, validator, problems)
    for provision in provisions:
        problems += _provision_problems(path, provision, vocabulary)
    if not problems or all(problem.severity == WARNING for problem in problems):
        # Only a clean file is worth loading whole: that finds what `extends`, `disable` and
        # `overrides` get wrong, and checks the kinds' needs of overridden provisions.
        _collect(problems, "compose", lambda: load_rulebook(path))
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.code))


def _collect(problems: list[Problem], code: str, action: Callable[[], _T]) -> _T | None:
    """What `action` returns, or None with its RulebookError added to `problems`."""
    try:
        return action()
    except RulebookError as error:
        problems.append(Problem(error.path, error.line, ERROR, code, error.reason))
        return None


def _own_provisions(data: dict, validator: _Validator, problems: list[Problem]) -> list[Provision]:
    raw_provisions = data.get("provisions", [])
    if not isinstance(raw_provisions, list):
        return []
    if "provisions" not in data and "extends" not in data:
        problems.append(Problem(validator.path, 1, ERROR, "schema", "the rulebook has no 'provisions'"))
    lines = getattr(raw_provisions, "item_lines", [None] * len(raw_provisions))
    provisions: list[Provision] = []
    first_line: dict[str, int | None] = {}
    for raw, line in zip(raw_provisions, lines):
        provision = _collect(problems, "schema", lambda raw=raw, line=line: validator.provision(raw, line))
        provision_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(provision_id, str):
            if provision_id in first_line:
                problems.append(Problem(validator.path, line, ERROR, "duplicate-id",
                                        f"provision id '{provision_id}' is used twice "
                                        f"(first on line {first_line[provision_id]})"))
            else:
                first_line[provision_id] = line
        if isinstance(provision, Provision):
            provisions.append(provision)
    return provisions


def _provision_problems(path: str, provision: Provision, vocabulary: Vocabulary) -> list[Problem]:
    problems: list[Problem] = []
    where = f"provision '{provision.id}'"
    for key in PATTERN_LISTS:
        for spec in getattr(provision, key):
            problems += _pattern_problems(path, where, key, spec, vocabulary)
            problems += _alternative_problems(path, where, key, spec, vocabulary)
    if not provision.amendment:
        problems.append(Problem(path, provision.line, WARNING, "no-amendment",
                                f"{where} has no 'amendment' text to propose when it is missing or in conflict"))
    if not provision.examples:
        problems.append(Problem(path, provision.line, WARNING, "no-examples",
                                f"{where} has no 'examples'; add sentences that must give present, conflict "
                                f"and missing so `clausecheck rules test` can check its patterns"))
        return problems
    given = {example.expect for example in provision.examples}
    for verdict in _verdicts(provision):
        if verdict not in given:
            problems.append(Problem(path, provision.line, WARNING, "untested-verdict",
                                    f"{where} can give '{verdict}' but has no '{verdict}' example"))
    return problems


def _verdicts(provision: Provision) -> list[str]:
    """The verdicts a provision can give, each of which deserves an example."""
    from clausecheck.checks.kinds import check_kinds

    return list(check_kinds()[provision.check].verdicts(bool(provision.satisfy), bool(provision.contradict)))


def _pattern_problems(path: str, where: str, key: str, spec: PatternSpec,
                      vocabulary: Vocabulary = EMPTY_VOCABULARY) -> list[Problem]:
    problems = []
    what = f"'{key}' pattern '{spec.source}' of {where}"
    for word in sorted(spec.pattern.words(), key=lambda word: word.text):
        if not _one_token(word):
            problems.append(Problem(path, spec.line, ERROR, "never-matches",
                                    f"{what} can never match: documents never hold '{word.text}' as one word "
                                    f"(write its parts as separate words)"))
    for exception in spec.unless:
        if _always_matches_with(exception, spec.pattern):
            problems.append(Problem(path, spec.line, ERROR, "never-matches",
                                    f"{what} can never count: its exception '{exception.source}' matches "
                                    f"wherever the pattern does"))
    if _matches_everything(spec.pattern, vocabulary):
        problems.append(Problem(path, spec.line, WARNING, "matches-everything",
                                f"{what} matches almost any sentence: name at least one word specific to the "
                                f"provision"))
    return problems


def _stems(words: tuple[Word, ...]) -> tuple[str, ...]:
    return tuple(word.text + "*" if word.prefix else word.stem for word in words)


def _term_problems(path: str, data: dict, vocabulary: Vocabulary) -> list[Problem]:
    """Phrases of one term list that the matcher cannot tell apart ("sell" and "sells")."""
    problems = []
    raw = data.get("terms") if isinstance(data.get("terms"), dict) else {}
    for name in raw:
        seen: dict[tuple[str, ...], str] = {}
        for phrase in vocabulary.terms.get(name, ()):
            key = _stems(phrase_words(phrase))
            if key in seen:
                problems.append(Problem(path, raw.key_lines.get(name) if hasattr(raw, "key_lines") else None, WARNING,
                                        "same-word", f"term '{name}' lists '{seen[key]}' and '{phrase}', which the "
                                        "matcher compares as the same word (by stem): keep one"))
            else:
                seen[key] = phrase
    return problems


def _alternative_problems(path: str, where: str, key: str, spec: PatternSpec,
                          vocabulary: Vocabulary) -> list[Problem]:
    """Alternatives a slot lists twice: two inflections of one word, or a word its own term list holds."""
    problems = []
    what = f"'{key}' pattern '{spec.source}' of {where}"
    for slot in spec.pattern.slots:
        problems += _slot_problems(path, what, spec.line, slot, vocabulary)
    return problems


def _slot_problems(path: str, what: str, line: int | None, slot: Slot, vocabulary: Vocabulary) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, ...], str] = {}
    for alternative in slot.alternatives:
        key = _stems(alternative)
        written = " ".join(word.text + ("*" if word.prefix else "") for word in alternative)
        if key in seen:
            problems.append(Problem(path, line, WARNING, "same-word",
                                    f"{what} lists '{seen[key]}' and '{written}', which the matcher compares as "
                                    f"the same word (by stem): keep one"))
        else:
            seen[key] = written
    for name in slot.terms:
        term_keys = {_stems(phrase_words(phrase)) for phrase in vocabulary.terms.get(name, ())}
        for key, written in seen.items():
            if key in term_keys:
                problems.append(Problem(path, line, WARNING, "term-repeated",
                                        f"{what} lists '{written}' beside {{{name}}}, which already holds it"))
    return problems


def _one_token(word: Word) -> bool:
    tokens = tokenize(word.text)
    return len(tokens) == 1 and tokens[0].lower == word.text


def _required_words(pattern: Pattern) -> list[list[tuple[Word, ...]]]:
    """The written alternatives of each required slot (a slot that also names a term list is left out:
    what the list holds is the rulebook's to decide)."""
    return [list(slot.alternatives) for slot in pattern.slots
            if not slot.optional and not slot.terms and not slot.templates]


def _matches_everything(pattern: Pattern, vocabulary: Vocabulary) -> bool:
    slots = [list(slot.alternatives) + [phrase_words(phrase) for name in slot.terms
                                         for phrase in vocabulary.terms.get(name, ())]
             + [_template_words(template, vocabulary) for template in slot.templates]
             for slot in pattern.slots if not slot.optional]
    if len(slots) == 1 and all(len(alternative) == 1 and alternative[0].prefix
                               and len(alternative[0].text) < SHORT_PREFIX for alternative in slots[0]):
        return True
    return all(word.text in FILLER or word.text in COMMON_WORDS or word.stem in COMMON_WORDS
               for alternatives in slots for alternative in alternatives for word in alternative)


def _template_words(template: tuple, vocabulary: Vocabulary) -> tuple[Word, ...]:
    """The words a phrase with terms in it ("our {pupil-data}") can match: its own, and its terms'."""
    words: list[Word] = []
    for part in template:
        if isinstance(part, str):
            words += [word for phrase in vocabulary.terms.get(part, ()) for word in phrase_words(phrase)]
        else:
            words.append(part)
    return tuple(words)


def _always_matches_with(exception: Pattern, pattern: Pattern) -> bool:
    """Whether `exception` matches every sentence `pattern` matches: it is one required slot of single words
    that includes every alternative of one of the pattern's required single-word slots."""
    exception_slots = _required_words(exception)
    if len(exception_slots) != 1 or any(len(alternative) != 1 for alternative in exception_slots[0]):
        return False
    covered = {(word.stem, word.prefix) for (word,) in exception_slots[0]}
    for alternatives in _required_words(pattern):
        if alternatives and all(len(alternative) == 1 and (alternative[0].stem, alternative[0].prefix) in covered
                                for alternative in alternatives):
            return True
    return False

