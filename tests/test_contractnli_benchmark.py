"""The ContractNLI benchmark: the paper's scoring, and the NDA rulebook's figures kept above their floor."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAUSECHECK_SHARED") or Path(__file__).resolve().parents[2] / "shared")
CONTRACTNLI = SHARED / "contractnli"

# What the rulebook reached when it was tuned (dev: the 61 development NDAs; train: the first 50
# training NDAs), less a margin of 0.02: a change that loses more than that is a regression.
MARGIN = 0.02
REACHED = {"dev.json": (0.849, 0.490, 0.814), "train_truncated.json": (0.835, 0.586, 0.772)}


benchmark = load_script("contractnli_benchmark", ROOT / "benchmarks" / "contractnli.py")


def split_file(name: str) -> Path:
    path = CONTRACTNLI / name
    if not path.is_file():
        pytest.skip(f"ContractNLI data not found at {path}; set CLAUSECHECK_SHARED to the shared folder "
                    f"that holds contractnli/")
    return path


def test_scores_are_per_hypothesis_then_averaged_leaving_out_absent_labels():
    gold = {"1": {"h-1": "Entailment", "h-2": "NotMentioned"},
            "2": {"h-1": "Contradiction", "h-2": "Entailment"},
            "3": {"h-1": "Entailment", "h-2": "Entailment"}}
    predicted = {"1": {"h-1": "Entailment", "h-2": "Entailment"},
                 "2": {"h-1": "Entailment", "h-2": "Entailment"},
                 "3": {"h-1": "Entailment", "h-2": "NotMentioned"}}
    result = benchmark.score(gold, predicted)
    first, second = result.per_hypothesis
    assert first.accuracy == pytest.approx(2 / 3) and second.accuracy == pytest.approx(1 / 3)
    assert first.f1_contradiction == 0.0  # a gold Contradiction never predicted
    assert second.f1_contradiction is None  # no gold Contradiction: left out of the mean
    assert first.f1_entailment == pytest.approx(0.8)  # precision 2/3, recall 1
    assert second.f1_entailment == pytest.approx(0.5)  # precision 1/2, recall 1/2
    assert result.accuracy == pytest.approx(0.5)
    assert result.f1_contradiction == 0.0
    assert result.f1_entailment == pytest.approx(0.65)


def test_verdicts_map_onto_the_benchmark_labels():
    assert benchmark.label_of("present") == "Entailment"
    assert benchmark.label_of("conflict") == "Contradiction"
    assert benchmark.label_of("missing") == "NotMentioned"
    assert benchmark.label_of("review") == "NotMentioned"


def test_a_contractnli_text_becomes_one_block_per_line():
    document = benchmark.document_of({"id": 7, "text": "NON-DISCLOSURE AGREEMENT\n\n1. Definitions\nThe parties"})
    assert [block.text for block in document.blocks] == ["NON-DISCLOSURE AGREEMENT", "1. Definitions", "The parties"]


def test_the_table_shows_every_hypothesis_beside_the_papers_baselines():
    result = benchmark.score({"1": {"nda-1": "Entailment"}}, {"1": {"nda-1": "Entailment"}})
    table = benchmark.render_table(result, "dev", {"nda-1": {"short_description": "Explicit identification"}})
    assert "nda-1" in table and "Explicit identification" in table
    assert "Span NLI BERT-base (paper, test)" in table and ".838" in table


@pytest.mark.parametrize("name", sorted(REACHED))
def test_the_nda_rulebook_keeps_its_figures_on_contractnli(name, tmp_path, capsys):
    predictions_file = tmp_path / "predictions.json"
    assert benchmark.main([str(split_file(name)), "--predictions", str(predictions_file)]) == 0
    printed = capsys.readouterr().out
    assert "Span NLI BERT-base" in printed
    predictions = json.loads(predictions_file.read_text())
    documents = json.loads(split_file(name).read_text())["documents"]
    assert set(predictions) == {str(document["id"]) for document in documents}
    assert all(set(labels.values()) <= {"Entailment", "Contradiction", "NotMentioned"}
               for labels in predictions.values())
    result = benchmark.score(benchmark.gold_labels(documents), predictions)
    floor = [figure - MARGIN for figure in REACHED[name]]
    assert result.accuracy >= floor[0], result
    assert result.f1_contradiction >= floor[1], result
    assert result.f1_entailment >= floor[2], result

