"""What every check kind shares: the per-document context, hits with their evidence, and the verdict."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from clausecheck.checks.context import MatchContext, Reading
from clausecheck.checks.matching import Match, PhraseIndex
from clausecheck.document import Document
from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, Evidence, Finding, Role
from clausecheck.readers.source_lines import block_line
from clausecheck.rulebook.model import PatternSpec, Provision
from clausecheck.text.segment import Unit

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clausecheck.text.tokens import Token

STRONG_SCORE = 0.93
MAX_EVIDENCE = 3
# A score is kept to the places every report shows, so that a report read back from its JSON form or the
# cache equals the one the check made.
SCORE_PLACES = 3


@dataclass
class CheckContext:
    """One document, segmented and indexed once, shared by every provision's check."""

    document: Document
    units: list[Unit]
    index: PhraseIndex
    reading: Reading

    def __post_init__(self) -> None:
        self._contexts: dict[tuple[int, int, int], MatchContext] = {}
        self._subjects: dict[tuple, bool] = {}

    def context(self, unit_index: int, first: int, last: int) -> MatchContext:
        key = (unit_index, first, last)
        if key not in self._contexts:
            self._contexts[key] = self.reading.describe(unit_index, first, last)
        return self._contexts[key]

    def mentions(self, unit_index: int, role: str, clause: tuple[int, int] | None = None) -> bool:
        """Does the clause (the whole unit when None), or its list's lead-in, name someone or something
        of a vocabulary role?"""
        key = (unit_index, role, clause)
        if key not in self._subjects:
            unit = self.units[unit_index]
            phrases = self.reading.vocabulary.role(role)
            start, end = clause or (0, len(unit.tokens))
            self._subjects[key] = any(True for _ in phrases.find(unit.tokens, start, end)) or any(
                True for _ in phrases.find(unit.tokens, 0, min(unit.own_token, start)))
        return self._subjects[key]


@dataclass(frozen=True)
class Hit:
    """A unit that speaks to a provision, and how: it satisfies it, contradicts it, or is unclear."""

    unit: int
    score: float
    role: Role  # satisfies, contradicts or weak; topic or review while a check kind reads its hits
    reason: str
    span: tuple[int, int] | None = None  # document offsets of the matched words
    clause: tuple[int, int] | None = None  # token range of the clause the match stands in
    rank: int = 0  # the position of the matching pattern in its list: rule authors put the most specific first
    sources: tuple[str, ...] | None = None  # a contradiction's sources when narrower than the provision's


EXEMPT_REACH = 12  # words before a match that may still say the data is de-identified


def _about_exempt_data(check: CheckContext, unit: Unit, match: Match) -> bool:
    """Does the matched clause itself speak of data the rules exempt (de-identified, aggregate)?

    The statute lets operators use and share de-identified, aggregated information (10-234cc(d)), so a
    clause that only concerns such data never contradicts a provision about student information. "
    aggregated or individual-level data" concerns identifiable data too.
    """
    exempt = check.reading.vocabulary.role("exempt")
    tokens = unit.tokens
    found = False
    for index, length in exempt.find(tokens, max(0, match.first - EXEMPT_REACH), match.last + 1):
        after = index + length
        if after < len(tokens) and tokens[after].lower in ("or", "and/or") and any(
                token.stem in _IDENTIFIABLE for token in tokens[after + 1:after + 4]):
            return False
        found = True
    if not found:  # "may use the data for any purpose, provided that such data is de-identified"
        found = any(any(token.lower in _CONDITIONS for token in tokens[max(match.last, index - 6):index])
                    for index, _ in exempt.find(tokens, match.last + 1))
    return found


_CONDITIONS = frozenset({"provided", "if", "once", "after", "only", "long", "must", "unless", "which", "been"})
_IDENTIFIABLE = frozenset({"identifiabl", "identify", "individual", "raw", "pii", "personally"})


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


def find_hits(check: CheckContext, specs: tuple[PatternSpec, ...], role: Role, *,
              in_definitions: bool = False) -> list[Hit]:
    """The units where one of `specs` matches in a context that counts; one hit per unit, best score.
    With `in_definitions`, only matches inside a definition count, read as any other clause is (a
    definition promises nothing, so otherwise none there counts)."""
    best: dict[int, Hit] = {}
    for rank, spec in enumerate(specs):
        for match in check.index.find(spec.pattern):
            unit = check.units[match.unit]
            own_start = unit.own_token if role == Role.TOPIC else max(unit.own_token, unit.label_end)
            if unit.label or match.last < own_start:
                continue  # a heading, title, table header or a row's topic cell names a subject and commits
                # to nothing (a check kind may still read the row under its topic); a match in a list
                # item's lead-in alone is the lead-in's own, found there
            context = check.context(match.unit, match.first, match.last)
            if in_definitions:
                if not context.definition:
                    continue
                context = replace(context, definition=False)
            if not accepts(spec, context):
                continue
            if spec.unless and any(check.index.matches_unit(exception, match.unit) for exception in spec.unless):
                continue
            clause = unit.clause_of(match.first)
            if spec.about and not check.mentions(match.unit, spec.about, clause):
                continue  # "Students may receive marketing messages": only a clause about them counts
            if role == Role.CONTRADICTS and _about_exempt_data(check, check.units[match.unit], match):
                continue
            strong = match.score >= STRONG_SCORE
            # A review pattern's match is weak evidence by design, however exactly its words matched.
            effective_role = Role.WEAK if role == Role.REVIEW or not strong else role
            said = Role.REVIEW if role == Role.REVIEW and strong else effective_role
            hit = Hit(match.unit, match.score, effective_role, _reason(check, match, said),
                      (unit.tokens[match.first].start, unit.tokens[match.last].end), clause, rank,
                      spec.required_by)
            current = best.get(match.unit)
            if current is None or (hit.score, -hit.rank) > (current.score, -current.rank):
                best[match.unit] = hit
    return sorted(best.values(), key=lambda hit: hit.unit)


_SAYS = {Role.SATISFIES: "the contract says", Role.CONTRADICTS: "the contract says",
         Role.WEAK: "the contract may say (the words match only roughly)",
         Role.REVIEW: "a person must judge whether this meets the provision:"}


def _reason(check: CheckContext, match: Match, role: Role) -> str:
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
    if unit.prefix:  # "(c) sell Student Data" means nothing without "Provider shall not:" above it
        quote = f"{_clip(unit.prefix, 160)} \u2026 {quote}"
    context_start = max(block.start, unit.start - CONTEXT_REACH)
    context_end = min(max(block.end, unit.end), unit.end + CONTEXT_REACH)
    first_line = block_line(block, unit.start - block.start) if block.lines else None
    last_line = block_line(block, max(unit.start, unit.end - 1) - block.start) if block.lines else None
    return Evidence(quote=quote, page=block.page, section=" > ".join(block.section) or None,
                    start=unit.start, end=unit.end, score=round(hit.score, SCORE_PLACES), role=hit.role,
                    line=first_line, end_line=last_line,
                    context=check.document.text[context_start:context_end], context_start=context_start,
                    highlights=(hit.span,) if hit.span else ())


_DATA_NOUNS = frozenset({"information", "data", "content", "record", "pii", "detail"})


def _others_data(check: CheckContext, hit: Hit) -> bool:
    """"information collected from non-students", "the Parent and Teacher information we collect": a
    clause that names the others' data as its subject is about them, whatever else it mentions."""
    tokens = check.units[hit.unit].tokens
    start, end = hit.clause or (0, len(tokens))
    if any(tokens[index].lower == "non" and check.reading.protected.length_at(tokens, index + 1)
           for index in range(start, end - 1)):
        return True
    others = check.reading.others
    for index, length in others.find(tokens, start, end):
        after = index + length
        if after < len(tokens) and tokens[after].lower in ("and", "or"):
            after += 1 + (others.length_at(tokens, after + 1) or 1) if after + 1 < len(tokens) else 1
        if after < len(tokens) and tokens[after].lower == "user":
            after += 1
        if after < len(tokens) and tokens[after].stem in _DATA_NOUNS:
            return True
    return False


_EXCLUDING = frozenset({"except", "excluding", "than", "non"})


def _excluded(tokens: Sequence[Token], index: int) -> bool:
    """"non-students", "other than students", "not directed to Students": the people named are left out."""
    before = tokens[index - 1].lower if index else ""
    return before in _EXCLUDING or (before in ("to", "at") and any(
        token.lower == "not" for token in tokens[max(0, index - 4):index - 1]))


def _about_students(check: CheckContext, hit: Hit) -> bool:
    """Does the clause speak of the protected people's data ("areas not directed to Students" does not)?
    A clause that names nobody ("except that we may also use such data ...") speaks of whom the
    sentence named before it."""
    tokens = check.units[hit.unit].tokens
    start, end = hit.clause or (0, len(tokens))
    protected = check.reading.protected
    if not check.mentions(hit.unit, "protected", (start, end)) and not check.mentions(hit.unit, "others",
                                                                                    (start, end)):
        start = 0  # the sentence up to and including the clause: "such data" refers back, not forward
    named = [index for index, _ in protected.find(tokens, start, end)]
    named += [index for index, _ in protected.find(tokens, 0, min(check.units[hit.unit].own_token, start))]
    included = [index for index in named if not _excluded(tokens, index)]
    return bool(included) and not _others_data(check, hit)


def _about_adults(check: CheckContext, hit: Hit) -> bool:
    return check.mentions(hit.unit, "others", hit.clause) or _others_data(check, hit)


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
    contradicting = [hit for hit in hits if hit.role == Role.CONTRADICTS]
    satisfying = [hit for hit in hits if hit.role == Role.SATISFIES]
    if any(check.reading.home_scope(check.units[hit.unit]) for hit in satisfying):
        # A clause for the home place's schools is the specific rule; the general terms yield to it.
        contradicting = [hit for hit in contradicting if check.reading.home_scope(check.units[hit.unit])]
    if provision.student_specific_wins and any(_about_students(check, hit) for hit in satisfying):
        # A commitment about students' data is the specific rule; a clause that never names students
        # (marketing to "you", cookies on the website) is read as being about the other users.
        contradicting = [hit for hit in contradicting if _about_students(check, hit)]
    weak = [hit for hit in hits if hit.role == Role.WEAK]
    # The clauses that decide come first: those the most specific patterns found, then in document order.
    contradicting, satisfying, weak = (sorted(group, key=lambda hit: (hit.rank, hit.unit))
                                       for group in (contradicting, satisfying, weak))
    # A clause that falls short of the statute is shown before one that falls short of the policy only.
    contradicting.sort(key=lambda hit: "statute" not in (hit.sources or provision.sources))
    if contradicting:
        status, chosen = CONFLICT, contradicting[:MAX_EVIDENCE] + satisfying[:1]
    elif satisfying:
        status, chosen = PRESENT, satisfying[:MAX_EVIDENCE]
    elif weak:
        status, chosen = REVIEW, weak[:MAX_EVIDENCE]
    elif check.document.unread:
        status, chosen = REVIEW, []  # it may be on the part that could not be read: a person must look
    else:
        status, chosen = MISSING, []
    score = round(max((hit.score for hit in chosen), default=0.0), SCORE_PLACES)
    reason = chosen[0].reason if chosen else "no clause on this subject was found"
    if status == REVIEW and not chosen:
        reason = f"no clause on this subject in the text that could be read, but {check.document.unread}"
    sources = finding_sources(provision, contradicting if status == CONFLICT else ())
    return Finding(
        provision=provision.id, title=provision.title, severity=provision.severity, status=status,
        score=score, required=provision.required,
        evidence=tuple(evidence_of(check, hit) for hit in chosen),
        amendment=provision.amendment if status in (CONFLICT, MISSING, REVIEW) else "",
        citation=provision.citation_for(sources), reason=reason, required_by=sources,
        statute_term=provision.statute_term,
    )


def finding_sources(provision: Provision, contradicting: list[Hit] | tuple = ()) -> tuple[str, ...]:
    """The sources a finding concerns: for a conflict, those its contradicting clauses fall short of
    (a clause that copies the statute falls short of the policy only); otherwise the sources that
    require the provision, or, for an operator duty the contract need not state, those that impose it."""
    if contradicting:
        found = {source for hit in contradicting for source in (hit.sources or provision.sources)}
        return tuple(source for source in provision.sources if source in found)
    return provision.required_by or provision.sources
