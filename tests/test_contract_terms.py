"""The contract's own words: its defined terms and named parties let the rules match ("Learner Artifacts"
means ..., ("Brightwave"), (the "Purchaser")), and time limits written in words are read as numbers.

Each contract is a Word file written with python-docx (the definitions a numbered list, as agreements set
them out); each defined term also has a twin contract without the definition, which the rules must not
match, so the definition is what makes the difference. One run of the command line checks them all.
"""

from __future__ import annotations

import pytest

from rendering import check_rendered, findings_of, render_contracts

DEFINITION = '#. "Learner Artifacts" means all information created by or about a student through use of the Services.'
PARTIES = ('This Data Privacy Agreement is entered into between Brightwave Learning, Inc. ("Brightwave") and the '
           'Town of Millbrook (the "Purchaser").')
SELF_NAMED = 'Quillpath ("Quillpath", "we", "us" or "our") offers writing practice to schools.'
ARTIFACTS = ("Provider shall not sell Learner Artifacts. Provider shall not disclose Learner Artifacts to any "
             "third party.")
BREACH = "Provider shall notify the District {limit} of discovering any breach of student data."


def contract(*paragraphs: str) -> str:
    return "# Data Privacy Agreement\n\n" + "\n\n".join(paragraphs) + "\n"


CONTRACTS = {
    "defines-learner-artifacts": contract("## 1. Definitions", DEFINITION, "## 2. Student Data", ARTIFACTS),
    "undefined-learner-artifacts": contract("## 2. Student Data", ARTIFACTS),
    "defines-data-event": contract("## 1. Definitions",
                                   '#. "Data Event" means any unauthorized access to Student Data.',
                                   "## 2. Notice", "Provider shall notify the District of any Data Event within "
                                   "forty-eight (48) hours."),
    "undefined-data-event": contract("Provider shall notify the District of any Data Event within forty-eight "
                                     "(48) hours."),
    "defines-roadmap-items": contract("## 1. Definitions",
                                      '#. "Roadmap Items" means the features that Provider plans to build next year.',
                                      "## 2. Commitments", "Provider shall not sell Roadmap Items."),
    "parties-vendor-owns": contract(PARTIES, "Brightwave owns all Student Data processed through the Services."),
    "unnamed-vendor-owns": contract("Brightwave owns all Student Data processed through the Services."),
    "parties-school-owns": contract(PARTIES, "All Student Data remains the property of the Purchaser."),
    "unnamed-school-owns": contract("All Student Data remains the property of the Purchaser."),
    "self-named-vendor-owns": contract(SELF_NAMED, "Quillpath owns all Student Data entered into the Services."),
    "not-self-named-vendor-owns": contract("Quillpath offers writing practice to schools.",
                                          "Quillpath owns all Student Data entered into the Services."),
    "breach-forty-eight-hours": contract(BREACH.format(limit="within forty-eight (48) hours")),
    "breach-seventy-two-hours": contract(BREACH.format(limit="within seventy-two hours")),
    "breach-two-business-days": contract(BREACH.format(limit="within two (2) business days")),
    "breach-next-calendar-day": contract(BREACH.format(limit="no later than the next calendar day")),
    "breach-next-business-day": contract(BREACH.format(limit="no later than the next business day")),
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, dict]:
    rendered = render_contracts(CONTRACTS, tmp_path_factory.mktemp("contract-terms"), ("docx",))
    return {name: formats["docx"] for name, formats in check_rendered(rendered).items()}


def finding(reports, contract_name: str, provision: str) -> dict:
    return findings_of(reports[contract_name])[provision]


# --- defined terms ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("provision, words", [
    ("no-sale", "sell Learner Artifacts"),
    ("disclosure-limits", "disclose Learner Artifacts to any third party"),
])
def test_a_term_the_contract_defines_as_student_information_is_read_as_student_data(reports, provision, words):
    found = finding(reports, "defines-learner-artifacts", provision)
    assert found["status"] == "present", found["reason"]
    assert found["reason"] == f"the contract says \u201c{words}\u201d"
    assert finding(reports, "undefined-learner-artifacts", provision)["status"] == "missing"


def test_a_term_defined_as_unauthorized_access_is_read_as_a_breach(reports):
    found = finding(reports, "defines-data-event", "breach-notification")
    assert found["status"] == "present", found["reason"]
    assert found["evidence"][0]["quote"] == "Provider shall notify the District of any Data Event within forty-eight " \
                                            "(48) hours."
    assert finding(reports, "undefined-data-event", "breach-notification")["status"] == "missing"


def test_a_defined_term_that_is_not_information_does_not_join_student_data(reports):
    """"Roadmap Items" means features: selling them is no promise about student data."""
    assert finding(reports, "defines-roadmap-items", "no-sale")["status"] == "missing"


@pytest.mark.parametrize("named, unnamed, vendor", [("parties-vendor-owns", "unnamed-vendor-owns", "Brightwave"),
                                                     ("self-named-vendor-owns", "not-self-named-vendor-owns",
                                                      "Quillpath")])
def test_the_vendor_named_in_the_parties_clause_or_beside_we_and_us_is_the_vendor(reports, named, unnamed, vendor):
    found = finding(reports, named, "data-ownership")
    assert found["status"] == "conflict", found["reason"]
    assert found["reason"] == f"the contract says \u201c{vendor} owns all Student Data\u201d"
    assert finding(reports, unnamed, "data-ownership")["status"] == "missing"


def test_the_school_named_in_the_parties_clause_is_the_school(reports):
    found = finding(reports, "parties-school-owns", "data-ownership")
    assert found["status"] == "present", found["reason"]
    assert found["evidence"][0]["quote"] == "All Student Data remains the property of the Purchaser."
    assert finding(reports, "unnamed-school-owns", "data-ownership")["status"] == "missing"


# --- time limits in words --------------------------------------------------------------------------------

@pytest.mark.parametrize("contract_name, status, reason", [
    ("breach-forty-eight-hours", "present", "sets a limit of forty-eight (48) hours (at most 48 hours allowed)"),
    ("breach-next-calendar-day", "present", "sets a limit of the next calendar day (at most 48 hours allowed)"),
    ("breach-seventy-two-hours", "conflict", "sets a limit of seventy-two hours: "
     "longer than the 48 hours of the board's policy, though within the 30 days of the statute"),
    ("breach-two-business-days", "conflict", "sets a limit of two (2) business days: "
     "longer than the 48 hours of the board's policy, though within the 30 days of the statute"),
    # a business day after a Friday is the Monday: up to 96 hours
    ("breach-next-business-day", "conflict", "sets a limit of the next business day: "
     "longer than the 48 hours of the board's policy, though within the 30 days of the statute"),
])
def test_a_notice_deadline_written_in_words_is_measured_in_hours(reports, contract_name, status, reason):
    found = finding(reports, contract_name, "breach-notification")
    assert (found["status"], found["reason"]) == (status, reason)
    assert found["evidence"][0]["quote"] == CONTRACTS[contract_name].splitlines()[-1]
