"""The engine: a Document and a Rulebook in, one Finding per provision out. Pure: no I/O."""

from __future__ import annotations

from clausecheck.checks.base import CheckContext, verdict
from clausecheck.checks.context import vendor_names
from clausecheck.checks.deadline import deadline_hits
from clausecheck.checks.definition import definition_hits
from clausecheck.checks.governing_law import governing_law_hits
from clausecheck.checks.matching import PhraseIndex
from clausecheck.checks.permission import permission_hits
from clausecheck.checks.phrase import phrase_hits
from clausecheck.document import Document
from clausecheck.findings import Finding
from clausecheck.rulebook.model import Provision, Rulebook
from clausecheck.text.segment import segment

CHECKS = {"phrase": phrase_hits, "deadline": deadline_hits, "governing-law": governing_law_hits,
          "definition": definition_hits, "permission": permission_hits}


def pattern_words(rulebook: Rulebook) -> set:
    words = set()
    for provision in rulebook.provisions:
        for spec in provision.satisfy + provision.contradict + provision.topic + provision.review:
            words |= spec.pattern.words()
            for exception in spec.unless:
                words |= exception.words()
    return words


def prepare(document: Document, rulebook: Rulebook) -> CheckContext:
    units = segment(document)
    index = PhraseIndex(units, pattern_words(rulebook), rulebook.fuzzy)
    return CheckContext(document, units, index, vendor_names(document))


def check_provision(context: CheckContext, provision: Provision) -> Finding:
    hits = CHECKS[provision.check](context, provision)
    if provision.check != "phrase":
        hits += phrase_hits(context, provision)
    return verdict(context, provision, hits)


def check_document(document: Document, rulebook: Rulebook) -> tuple[Finding, ...]:
    """Judge every provision of `rulebook` against `document`."""
    context = prepare(document, rulebook)
    return tuple(check_provision(context, provision) for provision in rulebook.provisions)
