"""Accuracy of a rulebook against labelled documents: confusion, per-label F1, macro-F1 and risk rates.

Labels use the corpus format: {"doc.txt": {"provision-id": {"label": "present|conflict|missing",
"evidence": "a short quote"}}} (a bare string label is accepted too). `review` predictions count as
"not present": they are scored as wrong against any gold label, and counted separately so their share
is visible.

A right verdict reached through the wrong clause is luck, and it is what a letter then quotes to the
vendor: for each right present or conflict verdict whose label quotes its evidence, `evidence_agreement`
is the share where the checker's quote is the labelled one (the same sentence, or overlapping it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, Finding

_WORD = re.compile(r"[a-z0-9]+")
AGREEMENT_RUN = 6  # consecutive words the quote and the labelled evidence must share

LABELS = (PRESENT, CONFLICT, MISSING)


@dataclass
class ProvisionScore:
    provision: str
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) -> count

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    @property
    def accuracy(self) -> float:
        correct = sum(count for (gold, predicted), count in self.confusion.items() if gold == predicted)
        return correct / self.total if self.total else 0.0

    def f1(self, label: str) -> float | None:
        """F1 of one label, or None when the label occurs neither in gold nor in predictions."""
        true_positive = self.confusion[(label, label)]
        predicted = sum(count for (_, p), count in self.confusion.items() if p == label)
        gold = sum(count for (g, _), count in self.confusion.items() if g == label)
        if not gold:
            return None
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / gold
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def macro_f1(self) -> float:
        scores = [score for label in LABELS if (score := self.f1(label)) is not None]
        return sum(scores) / len(scores) if scores else 0.0


@dataclass
class Evaluation:
    provisions: dict[str, ProvisionScore]
    documents: int
    unlabelled: list[str]
    unreadable: dict[str, str]
    disagreements: list[tuple[str, str, str, str]]  # document, provision, gold, predicted
    # Right present/conflict verdicts with labelled evidence: (document, provision, agrees, quote, gold quote)
    evidence: list[tuple[str, str, bool, str, str]] = field(default_factory=list)

    @property
    def evidence_agreement(self) -> float:
        return sum(agrees for _, _, agrees, _, _ in self.evidence) / len(self.evidence) if self.evidence else 0.0

    @property
    def other_evidence(self) -> list[tuple[str, str, str, str]]:
        """Right verdicts quoting another clause than the labelled one: document, provision, quote, gold."""
        return [(document, provision, quote, gold) for document, provision, agrees, quote, gold in self.evidence
                if not agrees]

    def _pairs(self) -> Counter:
        total: Counter = Counter()
        for score in self.provisions.values():
            total.update(score.confusion)
        return total

    @property
    def accuracy(self) -> float:
        pairs = self._pairs()
        count = sum(pairs.values())
        return sum(c for (g, p), c in pairs.items() if g == p) / count if count else 0.0

    @property
    def macro_f1(self) -> float:
        """The mean of the provisions' macro-F1, over the provisions the labels cover."""
        scores = [score.macro_f1 for score in self.provisions.values() if sum(score.confusion.values())]
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def false_present_rate(self) -> float:
        """Share of gold missing/conflict pairs that the tool called present: the dangerous error."""
        pairs = self._pairs()
        absent = sum(c for (g, _), c in pairs.items() if g in (MISSING, CONFLICT))
        wrong = sum(c for (g, p), c in pairs.items() if g in (MISSING, CONFLICT) and p == PRESENT)
        return wrong / absent if absent else 0.0

    @property
    def conflict_recall(self) -> float:
        pairs = self._pairs()
        gold = sum(c for (g, _), c in pairs.items() if g == CONFLICT)
        return pairs[(CONFLICT, CONFLICT)] / gold if gold else 0.0

    @property
    def review_share(self) -> float:
        pairs = self._pairs()
        count = sum(pairs.values())
        return sum(c for (_, p), c in pairs.items() if p == REVIEW) / count if count else 0.0

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "pairs": sum(self._pairs().values()),
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "false_present_rate": round(self.false_present_rate, 4),
            "conflict_recall": round(self.conflict_recall, 4),
            "review_share": round(self.review_share, 4),
            "evidence_agreement": round(self.evidence_agreement, 4),
            "evidence_checked": len(self.evidence),
            "unlabelled": self.unlabelled,
            "unreadable": self.unreadable,
            "provisions": {
                provision: {
                    "accuracy": round(score.accuracy, 4),
                    "macro_f1": round(score.macro_f1, 4),
                    "f1": {label: (round(value, 4) if (value := score.f1(label)) is not None else None)
                           for label in LABELS},
                    "confusion": {f"{gold}->{predicted}": count
                                  for (gold, predicted), count in sorted(score.confusion.items())},
                }
                for provision, score in self.provisions.items()
            },
            "disagreements": [{"document": d, "provision": p, "gold": g, "predicted": pr}
                              for d, p, g, pr in self.disagreements],
            "other_evidence": [{"document": d, "provision": p, "quote": q, "labelled": g}
                               for d, p, q, g in self.other_evidence],
        }


def gold_label(entry: object) -> str:
    label = entry.get("label") if isinstance(entry, dict) else entry
    if label not in LABELS:
        raise ValueError(f"label must be one of {', '.join(LABELS)}, not {label!r}")
    return label


def evaluate(predictions: Mapping[str, Mapping[str, Finding | str]], labels: dict[str, dict], provision_ids: list[str],
             unreadable: dict[str, str] | None = None) -> Evaluation:
    """Compare predictions ({document: {provision: Finding or status}}) with gold labels."""
    scores = {provision: ProvisionScore(provision) for provision in provision_ids}
    disagreements = []
    evidence = []
    unlabelled = sorted(set(predictions) - set(labels))
    for document in sorted(set(predictions) & set(labels)):
        for provision in provision_ids:
            if provision not in labels[document]:
                continue
            entry = labels[document][provision]
            gold = gold_label(entry)
            finding = predictions[document].get(provision, MISSING)
            predicted = finding.status if isinstance(finding, Finding) else finding
            scores[provision].confusion[(gold, predicted)] += 1
            if gold != predicted:
                disagreements.append((document, provision, gold, predicted))
            elif predicted in (PRESENT, CONFLICT) and isinstance(finding, Finding) and isinstance(entry, dict) \
                    and entry.get("evidence"):
                agrees, quote = _quotes_labelled_evidence(finding, entry["evidence"])
                evidence.append((document, provision, agrees, quote, entry["evidence"]))
    return Evaluation(scores, len(set(predictions) & set(labels)), unlabelled, dict(unreadable or {}),
                      disagreements, evidence)


def _quotes_labelled_evidence(finding: Finding, labelled: str) -> tuple[bool, str]:
    """Whether the finding's deciding evidence (the contradicting clauses of a conflict, the satisfying
    ones of a present verdict) is the labelled sentence or overlaps it; and the first such quote."""
    role = "contradicts" if finding.status == CONFLICT else "satisfies"
    quotes = [item for item in finding.evidence if item.role == role] or list(finding.evidence)
    gold = _WORD.findall(labelled.lower())
    for item in quotes:
        own = item.context[item.start - item.context_start:item.end - item.context_start] if item.context else ""
        for text in (own, item.quote):
            if _share_a_run(_WORD.findall(text.lower()), gold):
                return True, item.quote
    return False, quotes[0].quote if quotes else ""


def _share_a_run(quote: list[str], gold: list[str]) -> bool:
    """Do the two word sequences share a run of AGREEMENT_RUN words (or all of the shorter one)?"""
    run = min(AGREEMENT_RUN, len(gold), len(quote))
    if run == 0:
        return False
    runs = {tuple(quote[index:index + run]) for index in range(len(quote) - run + 1)}
    return any(tuple(gold[index:index + run]) in runs for index in range(len(gold) - run + 1))
