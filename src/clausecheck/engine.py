"""The engine: a Document and a Rulebook in, one Finding per provision out. Pure: no I/O."""

from __future__ import annotations

from clausecheck.analysis.defined_terms import document_terms, read_defined_terms
from clausecheck.checks.base import CheckContext, verdict
from clausecheck.checks.context import Reading
from clausecheck.checks.kinds import check_kinds
from clausecheck.checks.matching import PhraseIndex
from clausecheck.checks.phrase import phrase_hits
from clausecheck.document import Document
from clausecheck.findings import Finding
from clausecheck.rulebook.model import Provision, Rulebook
from clausecheck.text.segment import segment


def prepare(document: Document, rulebook: Rulebook) -> CheckContext:
    units = segment(document)
    defined = read_defined_terms(document, rulebook.vocabulary)
    vocabulary = rulebook.vocabulary.with_document_terms(document_terms(defined))
    index = PhraseIndex(units, rulebook.pattern_words, rulebook.fuzzy, vocabulary)
    return CheckContext(document, units, index, Reading(document, units, vocabulary))


def check_provision(context: CheckContext, provision: Provision) -> Finding:
    kind = check_kinds()[provision.check]
    hits = kind.find_hits(context, provision)
    if kind.also_phrase:
        hits += phrase_hits(context, provision)
    return verdict(context, provision, hits)


def check_document(document: Document, rulebook: Rulebook) -> tuple[Finding, ...]:
    """Judge every provision of `rulebook` against `document`."""
    context = prepare(document, rulebook)
    return tuple(check_provision(context, provision) for provision in rulebook.provisions)
