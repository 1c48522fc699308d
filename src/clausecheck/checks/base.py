"""What every check kind shares: the per-document context, hits with their evidence, and the verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.checks.context import MatchContext, describe
from clausecheck.checks.matching import PhraseIndex
from clausecheck.document import Document
from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, Evidence, Finding
from clausecheck.rulebook.model import PatternSpec, Provision
from clausecheck.text.segment import Unit

STRONG_SCORE = 0.93
_ABOUT_STUDENTS = re.compile(r"\b(?:students?|student's|pupils?|children|child|child's|children's|kids|minors?|"
                             r"learners?|education(?:al)? records?)\b", re.IGNORECASE)
MAX_EVIDENCE = 3


@dataclass
class CheckContext:
    """One document, segmented and indexed once, shared by every provision's check."""

    document: Document
    units: list[Unit]
    index: PhraseIndex
    vendor_names: frozenset[str]

    def __post_init__(self) -> None:
        self._contexts: dict[tuple[int, int, int], MatchContext] = {}

    def context(self, unit_index: int, first: int, last: int) -> MatchContext:
        key = (unit_index, first, last)
        if key not in self._contexts:
            self._contexts[key] = describe(self.document, self.units[unit_index], first, last, self.vendor_names)
        return self._contexts[key]


@dataclass(frozen=True)
class Hit:
    """A unit that speaks to a provision, and how: it satisfies it, contradicts it, or is unclear."""

    unit: int
    score: float
    role: str  # satisfies | contradicts | weak
    reason: str
    span: tuple[int, int] | None = None  # document offsets of the matched words


# The statute lets operators use and share de-identified, aggregated information (10-234cc(d)), so a
# clause that only concerns such data never contradicts a provision about student information.
_DEIDENTIFIED = re.compile(r"\b(?:de-?identified|aggregated?|anonymi[sz]ed|anonymous|non-personal(?:ly)?)\b",
                           re.IGNORECASE)


def _about_deidentified_data(unit: Unit, match) -> bool:  # noqa: ANN001 - a matching.Match
    """Does the matched clause itself speak of de-identified or aggregate data?"""
    first = unit.tokens[max(0, match.first - 12)]
    return bool(_DEIDENTIFIED.search(unit.text[first.start - unit.start:unit.tokens[match.last].end - unit.start]))


def accepts(spec: PatternSpec, context: MatchContext) -> bool:
    """Whether a match of `spec` counts in this context."""
    if context.definition or context.question or context.foreign_scope:
        return False
    if spec.negated is not None and spec.negated != context.negated:
        return False
    if spec.actor == "vendor" and context.actor == "user":
        return False
    if spec.actor == "user" and context.actor != "user":
        return False
    return True


def find_hits(check: CheckContext, specs: tuple[PatternSpec, ...], role: str) -> list[Hit]:
    """The units where one of `specs` matches in a context that counts; one hit per unit, best score."""
    best: dict[int, Hit] = {}
    for spec in specs:
        for match in check.index.find(spec.pattern):
            context = check.context(match.unit, match.first, match.last)
            if not accepts(spec, context):
                continue
            if spec.unless and any(check.index.matches_unit(exception, match.unit) for exception in spec.unless):
                continue
            if role == "contradicts" and _about_deidentified_data(check.units[match.unit], match):
                continue
            effective_role = role if match.score >= STRONG_SCORE else "weak"
            unit = check.units[match.unit]
            hit = Hit(match.unit, match.score, effective_role, _reason(check, match, effective_role),
                      (unit.tokens[match.first].start, unit.tokens[match.last].end))
            current = best.get(match.unit)
            if current is None or hit.score > current.score:
                best[match.unit] = hit
    return sorted(best.values(), key=lambda hit: hit.unit)


_SAYS = {"satisfies": "the contract says", "contradicts": "the contract says",
         "weak": "the contract may say (the words match only roughly)"}


def _reason(check: CheckContext, match, role: str) -> str:  # noqa: ANN001 - a matching.Match
    """Why a clause counts, in words a reader can check: the contract's own matched words."""
    unit = check.units[match.unit]
    words = _clip(check.document.text[unit.tokens[match.first].start:unit.tokens[match.last].end], 120)
    return f"{_SAYS.get(role, 'the contract says')} \u201c{words}\u201d"


def _clip(text: str, limit: int) -> str:
    """The text on one line, cut with "..." when longer than `limit`."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3].rstrip() + "..."


CONTEXT_REACH = 600  # characters of the paragraph kept on each side of a quote


def evidence_of(check: CheckContext, hit: Hit) -> Evidence:
    unit = check.units[hit.unit]
    block = check.document.blocks[unit.block_index]
    quote = _clip(check.document.text[unit.start:unit.end], 400)
    context_start = max(block.start, unit.start - CONTEXT_REACH)
    context_end = min(max(block.end, unit.end), unit.end + CONTEXT_REACH)
    return Evidence(quote=quote, page=block.page, section=" > ".join(block.section) or None,
                    start=unit.start, end=unit.end, score=hit.score, role=hit.role,
                    context=check.document.text[context_start:context_end], context_start=context_start,
                    highlights=(hit.span,) if hit.span else ())


# "information collected from non-students", "the Parent and Teacher information we collect": a clause
# that names the adults' data as its subject is about them, whatever else it mentions.
_ADULTS_DATA = re.compile(r"\bnon-?students?\b|\b(?:parents?|teachers?|adults?|educators?)(?:\s+(?:and|or)\s+"
                          r"(?:parents?|teachers?|adults?|educators?))?\s+(?:user\s+)?(?:information|data)\b",
                          re.IGNORECASE)


def _about_students(check: CheckContext, hit: Hit) -> bool:
    text = check.units[hit.unit].text
    return bool(_ABOUT_STUDENTS.search(text)) and not _ADULTS_DATA.search(text)


_ABOUT_ADULTS = re.compile(r"\b(?:adults?|teachers?|parents?|educators?|visitors?|prospective\s+customers|"
                           r"administrators?|employees?|job\s+applicants?)\b", re.IGNORECASE)


def _about_adults(check: CheckContext, hit: Hit) -> bool:
    text = check.units[hit.unit].text
    return bool(_ABOUT_ADULTS.search(text) or _ADULTS_DATA.search(text))


def _one_per_unit_and_role(hits: list[Hit]) -> list[Hit]:
    """Several patterns (or check kinds) may find the same clause: keep its best hit per role."""
    best: dict[tuple[int, str], Hit] = {}
    for hit in hits:
        key = (hit.unit, hit.role)
        if key not in best or hit.score > best[key].score:
            best[key] = hit
    return sorted(best.values(), key=lambda hit: hit.unit)


def verdict(check: CheckContext, provision: Provision, hits: list[Hit]) -> Finding:
    """Combine a provision's hits into one finding: a contradiction wins over a satisfying clause."""
    hits = _one_per_unit_and_role(hits)
    contradicting = [hit for hit in hits if hit.role == "contradicts"]
    satisfying = [hit for hit in hits if hit.role == "satisfies"]
    if provision.student_specific_wins and any(_about_students(check, hit) for hit in satisfying):
        contradicting = [hit for hit in contradicting if _about_students(check, hit) or not _about_adults(check, hit)]
    weak = [hit for hit in hits if hit.role == "weak"]
    if contradicting:
        status, chosen = CONFLICT, contradicting + satisfying
    elif satisfying:
        status, chosen = PRESENT, satisfying
    elif weak:
        status, chosen = REVIEW, weak
    elif check.document.unread:
        status, chosen = REVIEW, []  # it may be on the part that could not be read: a person must look
    else:
        status, chosen = MISSING, []
    chosen = chosen[:MAX_EVIDENCE] if status != CONFLICT else (contradicting[:MAX_EVIDENCE] + satisfying[:1])
    score = max((hit.score for hit in chosen), default=0.0)
    reason = chosen[0].reason if chosen else "no clause on this subject was found"
    if status == REVIEW and not chosen:
        reason = f"no clause on this subject in the text that could be read, but {check.document.unread}"
    return Finding(
        provision=provision.id, title=provision.title, severity=provision.severity, status=status,
        score=score, required=provision.required,
        evidence=tuple(evidence_of(check, hit) for hit in chosen),
        amendment=provision.amendment if status in (CONFLICT, MISSING, REVIEW) else "",
        citation=provision.citation, reason=reason,
    )
