"""Guards on the published accuracy: the corpus figures and the CUAD governing-law verdicts.

The floors are the bar issue 9 set for the 60-document corpus (the rulebook reaches a little more; see
docs/accuracy.md), so later work cannot silently lose accuracy. The CUAD contracts (30 PDFs, 119 texts)
are checked once per session, in one batch run of the command line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MACRO_F1_FLOOR = 0.90
FALSE_PRESENT_CEILING = 0.03
CONFLICT_RECALL_FLOOR = 0.85
EVIDENCE_AGREEMENT_FLOOR = 0.80
REVIEW_SHARE_CEILING = 0.10
# connecticut-law on the 149 CUAD contracts (PDFs and texts together): 146 right, 97.99%, just short of
# the 98% issue 9 asked (docs/accuracy.md).
CUAD_RIGHT_FLOOR = 146


def clausecheck(*arguments: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "src"), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "clausecheck", *arguments], capture_output=True, text=True,
                          env=environment, timeout=900)


def test_corpus_accuracy_stays_above_the_published_floor(shared_dir):
    corpus = shared_dir / "corpus"
    result = clausecheck("eval", str(corpus / "texts"), "--labels", str(corpus / "labels.json"), "--format", "json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["documents"] == 60 and figures["pairs"] == 900
    assert figures["macro_f1"] >= MACRO_F1_FLOOR, figures["macro_f1"]
    assert figures["false_present_rate"] <= FALSE_PRESENT_CEILING, figures["false_present_rate"]
    assert figures["conflict_recall"] >= CONFLICT_RECALL_FLOOR, figures["conflict_recall"]
    assert figures["evidence_agreement"] >= EVIDENCE_AGREEMENT_FLOOR, figures["evidence_agreement"]
    assert figures["review_share"] <= REVIEW_SHARE_CEILING, figures["review_share"]


@pytest.fixture(scope="session")
def cuad(shared_dir) -> list[tuple[str, dict, str]]:
    """Every labelled CUAD contract, PDFs then texts: (kind, its label, the connecticut-law verdict), from one
    batch run of the command line over both folders."""
    folder = shared_dir / "cuad"
    result = clausecheck(str(folder / "pdf"), str(folder / "txt"), "--format", "json", "--no-cache",
                         "--jobs", str(os.cpu_count() or 1))
    assert result.returncode in (0, 1), result.stderr
    documents = {Path(document["path"]).name: document for document in json.loads(result.stdout)["documents"]}
    verdicts = []
    for kind, labels_file in (("pdf", folder / "labels.json"), ("text", folder / "txt-labels.json")):
        for item in json.loads(labels_file.read_text()):
            document = documents[item["file"]]
            assert document["error"] is None, (item["file"], document["error"])
            verdict = next(f["status"] for f in document["findings"] if f["provision"] == "connecticut-law")
            verdicts.append((kind, item, verdict))
    return verdicts


def test_every_cuad_pdf_is_read_and_its_governing_law_judged_right(cuad):
    wrong = [(item["file"], item["connecticut-law"], verdict) for kind, item, verdict in cuad
             if kind == "pdf" and verdict != item["connecticut-law"]]
    assert sum(kind == "pdf" for kind, _, _ in cuad) == 30
    assert wrong == []


def test_connecticut_law_is_right_on_at_least_146_of_the_149_cuad_contracts(cuad):
    assert len(cuad) == 149
    wrong = [(item["file"], item["connecticut-law"], verdict) for _, item, verdict in cuad
             if verdict != item["connecticut-law"]]
    assert len(cuad) - len(wrong) >= CUAD_RIGHT_FLOOR, wrong
    # The misses allowed are contracts whose only clause on the subject names a venue or an arbitration seat
    # ("all disputes ... shall be resolved by arbitration in McLean, Virginia", "the jurisdiction of the
    # People's Court where this Agreement is signed"). CUAD's annotators label them a conflict, but a venue
    # or arbitration clause chooses no law (issue 10), so the check finds the statement missing. A miss of
    # any other kind, above all a false "present", fails here.
    assert all((label, verdict) == ("conflict", "missing") for _, label, verdict in wrong), wrong
