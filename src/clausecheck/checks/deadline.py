"""The deadline check: a notice clause must set a time limit no longer than the provision allows.

Each unit that matches a `topic` pattern (e.g. notifying someone of a breach) is judged on its own
time limits: a stated limit within `max_hours` satisfies; a longer one, or only a vague one
("promptly", "without undue delay", "as required by law"), contradicts. Business days count at their
longest (two business days can span a weekend, 96 hours). When the sources set different limits (the
policy's 48 hours, the statute's 30 days), a limit between them falls short of the stricter source only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.checks.kinds import CheckKind, KindOption
from clausecheck.findings import CONFLICT, PRESENT, Role
from clausecheck.rulebook.model import SOURCE_NAMES, SOURCES, Provision
from clausecheck.text.quantities import Duration, find_durations

VAGUE_TIMING = re.compile(
    r"\b(?:prompt(?:ly)?|without\s+(?:undue|unreasonable)\s+delay|as\s+soon\s+as\s+(?:reasonably\s+)?"
    r"(?:practicable|possible|practical|feasible)|expeditious(?:ly)?|in\s+a\s+timely\s+manner|timely|"
    r"(?:as|where|when|if)\s+(?:required|mandated)\s+by\s+(?:applicable\s+)?laws?|in\s+(?:accordance|compliance)\s+"
    r"with\s+(?:all\s+)?(?:applicable\s+)?laws?|(?:may|will)\s+attempt\s+to|reasonable\s+(?:time|period)|"
    r"subject\s+to\s+(?:any\s+)?applicable\s+laws?|required\s+by\s+(?:applicable\s+)?law)",
    re.IGNORECASE)


# Time limits for what follows the first notice (updates, a final report) are not the notice deadline.
FOLLOW_UP = re.compile(r"\b(?:updates?|follow[- ]?up|supplement\w*|final\s+report|written\s+report|"
                       r"additional\s+information|further\s+information|until\s+(?:the\s+)?(?:incident|matter)|"
                       r"every\s+\w+|investigation|remediat\w+|cure|cured)\b", re.IGNORECASE)


def _durations_in_unit(check: CheckContext, unit_index: int) -> list[Duration]:
    """The unit's time limits (its list's lead-in included), leaving out those in a clause about
    follow-up steps."""
    unit = check.units[unit_index]
    token_starts = [unit.local(token.start) for token in unit.tokens]
    found = []
    for duration in find_durations(unit.text):
        token_index = min(bisect.bisect_left(token_starts, duration.start), len(unit.tokens) - 1)
        clause_start, clause_end = unit.clause_of(token_index)
        clause = unit.text[token_starts[clause_start]:unit.local(unit.tokens[clause_end - 1].end)]
        if not FOLLOW_UP.search(clause):
            found.append(duration)
    return found


def deadline_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    limit = provision.max_hours or 0
    hits: list[Hit] = []
    untimed: list[Hit] = []
    for topic in find_hits(check, provision.topic, Role.TOPIC):
        if topic.role == Role.WEAK:
            hits.append(topic)
            continue
        durations = _durations_in_unit(check, topic.unit)
        unit_text = check.units[topic.unit].text
        if durations:
            shortest = min(durations, key=lambda duration: duration.hours)
            if shortest.hours <= limit:
                hits.append(replace(topic, role=Role.SATISFIES,
                                    reason=f"sets a limit of {shortest.text} (at most {_span(limit)} allowed)"))
            else:
                hits.append(_too_long(topic, provision, shortest))
        elif VAGUE_TIMING.search(unit_text):
            vague = VAGUE_TIMING.search(unit_text).group(0)
            hits.append(replace(topic, role=Role.CONTRADICTS,
                                reason=f"sets no time limit, only '{vague}' (at most {_span(limit)} required)"))
        elif check.units[topic.unit].label_end and topic.span and \
                topic.span[1] <= check.units[topic.unit].tokens[check.units[topic.unit].label_end - 1].end:
            continue  # "Breach Notification | See Section 7": a row's topic with no limit beside it
        else:
            untimed.append(replace(topic, role=Role.CONTRADICTS,
                                   reason=f"promises notice with no time limit (at most {_span(limit)} required)"))
    if untimed and not any(hit.role in (Role.SATISFIES, Role.CONTRADICTS) for hit in hits):
        hits.append(untimed[0])
    return hits


def _too_long(topic: Hit, provision: Provision, shortest: Duration) -> Hit:
    """A limit longer than the strictest source allows: it falls short of the sources whose limit it
    exceeds, and the reason says which limits it keeps and which it does not."""
    exceeded = tuple(source for source in provision.sources if shortest.hours > (provision.limit_for(source) or 0))
    kept = [source for source in provision.sources if source not in exceeded]
    if kept and exceeded:
        reason = (f"sets a limit of {shortest.text}: longer than {_limits(provision, exceeded)}, though "
                  f"within {_limits(provision, kept)}")
    else:
        reason = f"sets a limit of {shortest.text}, longer than {_span(provision.max_hours or 0)}"
    return replace(topic, role=Role.CONTRADICTS, reason=reason, sources=exceeded or None)


def _limits(provision: Provision, sources: Sequence[str]) -> str:
    return " and ".join(f"the {_span(provision.limit_for(source) or 0)} of {SOURCE_NAMES[source]}"
                        for source in sources)


def _span(hours: float) -> str:
    """48 -> '48 hours'; 720 -> '30 days'."""
    if hours >= 72 and hours % 24 == 0:
        return f"{hours / 24:g} days"
    return f"{hours:g} hours"


KIND = CheckKind("deadline", deadline_hits, "a notice clause's time limit",
                 options={"max_hours": KindOption(
                     (int, float, dict),
                     "the longest time limit, in hours, that satisfies the provision; or one per source "
                     "({policy: 48, statute: 720}): a limit between them falls short of the stricter only.",
                     {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                                {"type": "object", "additionalProperties": False, "minProperties": 1,
                                 "properties": {source: {"type": "number", "exclusiveMinimum": 0}
                                                for source in SOURCES}}]})},
                 needs=(("topic",), ("max_hours",)),
                 verdicts_of_its_own=(PRESENT, CONFLICT))
