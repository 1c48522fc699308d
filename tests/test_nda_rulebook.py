"""The bundled NDA rulebook: the 17 ContractNLI hypotheses, with the check kinds they need."""

from __future__ import annotations

import pytest

from clausecheck.document import DocumentBuilder
from clausecheck.engine import check_document
from clausecheck.rulebook import load_rulebook
from clausecheck.rulebook.examples import run_examples
from clausecheck.rulebook.lint import lint_file
from clausecheck.rulebook.loader import bundled_rules_folder

HYPOTHESES = ["nda-1", "nda-2", "nda-3", "nda-4", "nda-5", "nda-7", "nda-8", "nda-10", "nda-11", "nda-12",
              "nda-13", "nda-15", "nda-16", "nda-17", "nda-18", "nda-19", "nda-20"]


@pytest.fixture(scope="module")
def nda():
    return load_rulebook(bundled_rules_folder() / "nda-contractnli.yaml")


def verdicts(rulebook, *paragraphs: str) -> dict[str, str]:
    builder = DocumentBuilder()
    for paragraph in paragraphs:
        builder.add(paragraph)
    return {finding.provision: finding.status for finding in check_document(builder.build("nda.txt", "text"), rulebook)}


def test_every_contractnli_hypothesis_is_a_provision_with_amendment_and_examples(nda):
    assert [provision.id for provision in nda.provisions] == HYPOTHESES
    for provision in nda.provisions:
        assert provision.amendment and provision.description.startswith("ContractNLI hypothesis: ")
        assert {example.expect for example in provision.examples} >= {"present", "missing"}, provision.id


def test_every_example_of_the_nda_rulebook_passes(nda):
    failures = [f"{result.location} {result.provision}: expected {result.expected}, got {result.got}"
                for result in run_examples(nda) if not result.passed]
    assert not failures


def test_the_nda_rulebook_lints_clean():
    assert [str(problem) for problem in lint_file(bundled_rules_folder() / "nda-contractnli.yaml")] == []


def test_a_definition_is_read_when_the_provision_is_about_what_a_term_covers(nda):
    found = verdicts(nda, '"Confidential Information" means all information disclosed by the Discloser, whether '
                          'orally or in writing, and whether or not it is marked as confidential.')
    assert found["nda-3"] == "present"  # verbally conveyed information is included
    assert found["nda-1"] == "conflict"  # not all of it must be identified
    assert found["nda-2"] == "conflict"  # it covers all information, not only technical


def test_an_exception_beats_the_general_rule_it_qualifies(nda):
    rule = "The Recipient shall not disclose any Confidential Information to any third party."
    exception = "The Recipient may disclose Confidential Information to its attorneys and accountants."
    assert verdicts(nda, rule)["nda-7"] == "conflict"
    assert verdicts(nda, rule, exception)["nda-7"] == "present"
    assert verdicts(nda, "The parties shall meet monthly.")["nda-7"] == "missing"


def test_a_copy_ban_with_a_purpose_exception_permits_copies(nda):
    assert verdicts(nda, "Recipient shall not make copies of the Confidential Information except as "
                         "necessary for the Purpose.")["nda-17"] == "present"
    assert verdicts(nda, "Recipient shall not copy the Confidential Information without the prior written "
                         "consent of the Discloser.")["nda-17"] == "conflict"


def test_either_party_may_be_the_one_bound(nda):
    # In a letter NDA "you" is the recipient; the CT rulebook's default actor would skip it.
    assert verdicts(nda, "You shall use the Evaluation Material solely for the purpose of evaluating the "
                         "Transaction.")["nda-4"] == "present"
