"""`clausecheck eval` says whether a right verdict quotes the clause the reviewer labelled: the evidence
agreement, and with --show-errors the "right verdict, other evidence" cases beside the disagreements.

The corpus is built here in the shared corpus's format (../shared/corpus/README.md): a folder of texts and a
labels file {document: {provision: {"label": ..., "evidence": "a short quote", "note": ...}}}.
"""

from __future__ import annotations

import json

import pytest

from cli_in_process import clausecheck

TEXTS = {
    "alpha.txt": "Alpha Learning Terms\n\n"
                 "We do not sell student personal information to anyone.\n\n"
                 "This Agreement shall be governed by the laws of the State of Connecticut.\n",
    "beta.txt": "Beta Tutoring Terms\n\n"
                "Beta will never sell or rent the personal information of students.\n\n"
                "Student lists are not traded to partners for money or any other consideration.\n\n"
                "We keep all student data for as long as we like, even after the account is closed.\n",
    "gamma.txt": "Gamma Quiz Terms\n\nWe do not sell student data.\n",
}
OTHER_CLAUSE = "Student lists are not traded to partners for money or any other consideration."
LABELS = {
    "alpha.txt": {
        # the quote is the labelled sentence
        "no-sale": {"label": "present", "evidence": "We do not sell student personal information to anyone."},
        # the quote holds the labelled words
        "connecticut-law": {"label": "present", "evidence": "governed by the laws of the State of Connecticut"},
    },
    "beta.txt": {
        # right verdict, but the checker quotes the sentence before the labelled one
        "no-sale": {"label": "present", "evidence": OTHER_CLAUSE, "note": "either sentence would do"},
        "connecticut-law": {"label": "missing", "evidence": ""},  # nothing to quote: not counted
        "no-retention-after-completion": {"label": "conflict",
                                          "evidence": "We keep all student data for as long as we like"},
    },
    "gamma.txt": {
        # a wrong verdict is a disagreement, not an evidence case
        "no-sale": {"label": "conflict", "evidence": "We do not sell student data."},
    },
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "texts").mkdir()
    for name, text in TEXTS.items():
        (folder / "texts" / name).write_text(text, encoding="utf-8")
    (folder / "labels.json").write_text(json.dumps(LABELS, indent=1), encoding="utf-8")
    return folder


def evaluate(corpus, *options: str):
    return clausecheck("eval", corpus / "texts", "--labels", corpus / "labels.json", *options)


@pytest.fixture(scope="module")
def figures(corpus) -> dict:
    result = evaluate(corpus, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return result.json()


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_evidence_agreement_is_the_share_of_right_verdicts_that_quote_the_labelled_clause(figures):
    assert (figures["documents"], figures["pairs"]) == (3, 6)
    assert figures["evidence_checked"] == 4  # alpha's two, beta's no-sale and retention
    assert figures["evidence_agreement"] == 0.75


def test_a_right_verdict_through_another_clause_is_listed_with_both_quotes(figures):
    assert figures["other_evidence"] == [{
        "document": "beta.txt", "provision": "no-sale",
        "quote": "Beta will never sell or rent the personal information of students.", "labelled": OTHER_CLAUSE}]
    assert figures["disagreements"] == [
        {"document": "gamma.txt", "provision": "no-sale", "gold": "conflict", "predicted": "present"}]


def test_the_text_report_gives_the_evidence_agreement_beside_the_other_figures(corpus):
    result = evaluate(corpus)
    assert result.exit_code == 0
    text = one_line(result.stdout)
    assert "accuracy 0.833" in text
    assert "evidence agreement 0.750 (4 right verdicts with labelled evidence)" in text
    assert "Right verdict, other evidence" not in text and "gold conflict" not in text


def test_show_errors_lists_disagreements_and_right_verdicts_with_other_evidence(corpus):
    text = one_line(evaluate(corpus, "--show-errors").stdout)
    assert "gamma.txt no-sale: gold conflict, predicted present" in text
    assert ("Right verdict, other evidence: beta.txt no-sale: quoted \u201cBeta will never sell or rent the "
            "personal information of students.\u201d; labelled \u201c" + OTHER_CLAUSE + "\u201d") in text


def test_macro_f1_averages_only_the_provisions_the_labels_cover(figures):
    assert figures["macro_f1"] == 0.8
