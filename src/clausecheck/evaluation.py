"""Accuracy of a rulebook against labelled documents: confusion, per-label F1, macro-F1 and risk rates.

Labels use the corpus format: {"doc.txt": {"provision-id": {"label": "present|conflict|missing"}}}
(a bare string label is accepted too). `review` predictions count as "not present": they are scored
as wrong against any gold label, and counted separately so their share is visible.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW

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
        scores = [score.macro_f1 for score in self.provisions.values()]
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
        }


def gold_label(entry: object) -> str:
    label = entry.get("label") if isinstance(entry, dict) else entry
    if label not in LABELS:
        raise ValueError(f"label must be one of {', '.join(LABELS)}, not {label!r}")
    return label


def evaluate(predictions: dict[str, dict[str, str]], labels: dict[str, dict], provision_ids: list[str],
             unreadable: dict[str, str] | None = None) -> Evaluation:
    """Compare predicted statuses ({document: {provision: status}}) with gold labels."""
    scores = {provision: ProvisionScore(provision) for provision in provision_ids}
    disagreements = []
    unlabelled = sorted(set(predictions) - set(labels))
    for document in sorted(set(predictions) & set(labels)):
        for provision in provision_ids:
            if provision not in labels[document]:
                continue
            gold = gold_label(labels[document][provision])
            predicted = predictions[document].get(provision, MISSING)
            scores[provision].confusion[(gold, predicted)] += 1
            if gold != predicted:
                disagreements.append((document, provision, gold, predicted))
    return Evaluation(scores, len(set(predictions) & set(labels)), unlabelled, dict(unreadable or {}),
                      disagreements)
