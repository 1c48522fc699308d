"""Guards on the published accuracy: the corpus figures and the CUAD governing-law verdicts.

The floors are the bar issue 9 set for the 60-document corpus (the rulebook reaches a little more; see
README, "Accuracy"), so later work cannot silently lose accuracy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MACRO_F1_FLOOR = 0.90
FALSE_PRESENT_CEILING = 0.03
CONFLICT_RECALL_FLOOR = 0.85
EVIDENCE_AGREEMENT_FLOOR = 0.80
REVIEW_SHARE_CEILING = 0.10


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


def test_every_cuad_pdf_is_read_and_its_governing_law_judged_right(shared_dir):
    folder = shared_dir / "cuad" / "pdf"
    labels = json.loads((shared_dir / "cuad" / "labels.json").read_text())
    result = clausecheck(*[str(folder / item["file"]) for item in labels], "--format", "json", "--no-cache")
    assert result.returncode in (0, 1), result.stderr
    documents = {Path(document["path"]).name: document for document in json.loads(result.stdout)["documents"]}
    wrong = []
    for item in labels:
        document = documents[item["file"]]
        assert document["error"] is None, (item["file"], document["error"])
        verdict = next(f["status"] for f in document["findings"] if f["provision"] == "connecticut-law")
        if verdict != item["connecticut-law"]:
            wrong.append((item["file"], item["connecticut-law"], verdict))
    assert wrong == []
