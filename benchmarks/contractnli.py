"""Run the NDA rulebook over a ContractNLI split and score it the way the ContractNLI paper does.

    python benchmarks/contractnli.py ../shared/contractnli/dev.json [--predictions OUT.json]

Each ContractNLI hypothesis is a provision of `rules/nda-contractnli.yaml` with the same id
("nda-1" ...): `present` is Entailment, `conflict` Contradiction, `missing` NotMentioned (and a
`review` verdict, a match too uncertain to call, counts as NotMentioned). The score is the paper's:
for each hypothesis, accuracy and F1 of Contradiction and of Entailment over the documents, then the
mean over hypotheses; a hypothesis with no gold instance of a label is left out of that label's mean.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from clausecheck.document import Document, DocumentBuilder
from clausecheck.engine import check_document
from clausecheck.errors import ClauseCheckError
from clausecheck.findings import CONFLICT, PRESENT
from clausecheck.rulebook.loader import load_rulebook
from clausecheck.rulebook.model import Rulebook

ENTAILMENT = "Entailment"
CONTRADICTION = "Contradiction"
NOT_MENTIONED = "NotMentioned"
NDA_RULEBOOK = ROOT / "rules" / "nda-contractnli.yaml"

# The paper's test-set figures: accuracy, F1(Contradiction), F1(Entailment).
BASELINES = {
    "Majority vote": (0.674, 0.083, 0.428),
    "TF-IDF + SVM": (0.733, 0.197, 0.641),
    "Span NLI BERT-base": (0.838, 0.287, 0.765),
    "Span NLI BERT-large": (0.875, 0.357, 0.834),
    "DeBERTa-xlarge (best)": (0.892, 0.405, 0.859),
}


@dataclass(frozen=True)
class HypothesisScore:
    """The paper's three figures for one hypothesis; an F1 is None when the label has no gold instance."""

    hypothesis: str
    documents: int
    accuracy: float
    f1_contradiction: float | None
    f1_entailment: float | None


@dataclass(frozen=True)
class Score:
    per_hypothesis: tuple[HypothesisScore, ...]
    accuracy: float
    f1_contradiction: float
    f1_entailment: float


def load_split(path: str | Path) -> dict:
    """Read a ContractNLI split file (`documents` and `labels`)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def document_of(record: dict) -> Document:
    """A ContractNLI document as a clausecheck Document: one block per line of its text."""
    builder = DocumentBuilder()
    for line in record["text"].split("\n"):
        builder.add(line)
    return builder.build(f"contractnli-{record['id']}", "text")


def label_of(status: str) -> str:
    if status == PRESENT:
        return ENTAILMENT
    if status == CONFLICT:
        return CONTRADICTION
    return NOT_MENTIONED


def predict(documents: Iterable[dict], rulebook: Rulebook) -> dict[str, dict[str, str]]:
    """{document id: {hypothesis: label}} for every document, from the engine's verdicts."""
    return {str(record["id"]): {finding.provision: label_of(finding.status)
                                for finding in check_document(document_of(record), rulebook)}
            for record in documents}


def gold_labels(documents: Iterable[dict]) -> dict[str, dict[str, str]]:
    return {str(record["id"]): {key: value["choice"]
                                for key, value in record["annotation_sets"][0]["annotations"].items()}
            for record in documents}


def _f1(gold: list[str], predicted: list[str], label: str) -> float | None:
    true_positive = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
    gold_count = gold.count(label)
    if not gold_count:
        return None
    predicted_count = predicted.count(label)
    if not true_positive:
        return 0.0
    precision, recall = true_positive / predicted_count, true_positive / gold_count
    return 2 * precision * recall / (precision + recall)


def _mean(values: Iterable[float | None]) -> float:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else 0.0


def score(gold: dict[str, dict[str, str]], predictions: dict[str, dict[str, str]]) -> Score:
    """The paper's metrics: per hypothesis over documents, then the mean over hypotheses."""
    hypotheses = sorted({key for labels in gold.values() for key in labels}, key=_hypothesis_order)
    rows = []
    for hypothesis in hypotheses:
        ids = [document for document in gold if hypothesis in gold[document]]
        gold_column = [gold[document][hypothesis] for document in ids]
        predicted = [predictions.get(document, {}).get(hypothesis, NOT_MENTIONED) for document in ids]
        accuracy = sum(1 for g, p in zip(gold_column, predicted) if g == p) / len(ids)
        rows.append(HypothesisScore(hypothesis, len(ids), accuracy, _f1(gold_column, predicted, CONTRADICTION),
                                    _f1(gold_column, predicted, ENTAILMENT)))
    return Score(tuple(rows), _mean(row.accuracy for row in rows),
                 _mean(row.f1_contradiction for row in rows), _mean(row.f1_entailment for row in rows))


def _hypothesis_order(key: str) -> tuple[int, str]:
    number = key.rsplit("-", 1)[-1]
    return (int(number), key) if number.isdigit() else (10**6, key)


def _figure(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}".lstrip("0") if value < 1 else "1.00"


def render_table(result: Score, split_name: str, labels: dict | None = None) -> str:
    """The per-hypothesis figures, the means, and the paper's baselines beside them."""
    labels = labels or {}
    lines = [f"{'hypothesis':<10} {'docs':>4}  {'acc':>5}  {'F1(C)':>5}  {'F1(E)':>5}  description",
             "-" * 78]
    for row in result.per_hypothesis:
        description = labels.get(row.hypothesis, {}).get("short_description", "")
        lines.append(f"{row.hypothesis:<10} {row.documents:>4}  {_figure(row.accuracy):>5}  "
                     f"{_figure(row.f1_contradiction):>5}  {_figure(row.f1_entailment):>5}  {description}")
    lines.append("-" * 78)
    systems = {f"clausecheck NDA rulebook ({split_name})": (result.accuracy, result.f1_contradiction,
                                                            result.f1_entailment)}
    systems.update({f"{name} (paper, test)": figures for name, figures in BASELINES.items()})
    width = max(len(name) for name in systems)
    lines.append(f"{'system':<{width}}  {'acc':>5}  {'F1(C)':>5}  {'F1(E)':>5}")
    for name, (accuracy, contradiction, entailment) in systems.items():
        lines.append(f"{name:<{width}}  {_figure(accuracy):>5}  {_figure(contradiction):>5}  {_figure(entailment):>5}")
    return "\n".join(lines)


def run(split_path: str | Path, rulebook_path: str | Path = NDA_RULEBOOK) -> tuple[Score, dict, dict]:
    """Predict and score one split file; returns the score, the predictions and the split's labels."""
    split = load_split(split_path)
    rulebook = load_rulebook(rulebook_path)
    predictions = predict(split["documents"], rulebook)
    return score(gold_labels(split["documents"]), predictions), predictions, split.get("labels", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path, help="a ContractNLI split file, e.g. dev.json")
    parser.add_argument("--predictions", type=Path, help="write the predictions to this JSON file")
    parser.add_argument("--rules", type=Path, default=NDA_RULEBOOK, help="the rulebook (default: the NDA one)")
    arguments = parser.parse_args(argv)
    if not arguments.split.is_file():
        print(f"contractnli: {arguments.split}: no such split file", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        result, predictions, labels = run(arguments.split, arguments.rules)
    except (ClauseCheckError, ValueError, KeyError) as error:
        print(f"contractnli: error: {error}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    if arguments.predictions:
        arguments.predictions.write_text(json.dumps(predictions, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(render_table(result, arguments.split.stem, labels))
    print(f"\n{len(predictions)} documents in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
