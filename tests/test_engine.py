"""The engine on small documents: negation, who is bound, definitions, scope, values, verdicts."""

import pytest

from clausecheck.document import DocumentBuilder
from clausecheck.engine import check_document


def verdicts(rulebook, *paragraphs, headings=None):
    builder = DocumentBuilder()
    for paragraph in paragraphs:
        if isinstance(paragraph, tuple):
            builder.add(paragraph[1], kind="heading", section=(paragraph[1],))
        else:
            builder.add(paragraph)
    findings = check_document(builder.build("contract.txt", "text"), rulebook)
    return {finding.provision: finding for finding in findings}


def status(rulebook, provision, *paragraphs):
    return verdicts(rulebook, *paragraphs)[provision].status


def test_a_vendor_that_shall_not_sell_does_not_permit_selling(rulebook):
    assert status(rulebook, "no-sale", "Provider shall not sell Student Data to any third party.") == "present"


def test_a_vendor_that_may_sell_is_a_conflict(rulebook):
    assert status(rulebook, "no-sale", "We may sell your personal information to our partners.") == "conflict"


def test_a_prohibition_that_binds_the_user_is_not_the_vendors_promise(rulebook):
    assert status(rulebook, "no-sale", "You may not sell or rent any data you obtain from the Service.") == "missing"


def test_a_merger_transfer_alone_is_not_a_sale(rulebook):
    text = "If we are acquired in a merger, we may sell or transfer personal information to the successor."
    assert status(rulebook, "no-sale", text) == "missing"


def test_a_negation_earlier_in_the_clause_reaches_the_phrase(rulebook):
    text = ("We do not use student or children's personal information for advertising purposes, including "
            "targeted advertising.")
    assert status(rulebook, "no-advertising-use", text) == "present"


def test_a_negation_inside_a_leading_condition_does_not_reach_the_main_clause(rulebook):
    text = ("If information was not deleted by the school before the subscription expired, we retain such "
            "information for a period of two years after expiration.")
    assert status(rulebook, "no-retention-after-completion", text) == "conflict"


def test_a_lead_in_negation_reaches_every_item_of_its_list(rulebook):
    finding = verdicts(rulebook, "Provider will never:", "(a) sell Student Data;", "(b) rent Student Data to others.")
    assert finding["no-sale"].status == "present"


def test_a_definition_that_quotes_the_law_is_not_an_obligation(rulebook):
    text = ('"Targeted advertising" means presenting an advertisement to a student where the selection of the '
            "advertisement is based on student information.")
    assert status(rulebook, "no-advertising-use", text) == "missing"


def test_a_section_for_other_places_does_not_speak_to_connecticut(rulebook):
    text = "For users in the European Economic Area: the laws of Ireland govern these Terms."
    assert status(rulebook, "connecticut-law", text) == "missing"


def test_a_heading_scopes_the_paragraphs_under_it(rulebook):
    found = verdicts(rulebook, (None, "Additional Terms for California Residents"),
                     "We will notify you of a security breach as required by law.")
    assert found["breach-notification"].status == "missing"


@pytest.mark.parametrize("text, expected", [
    ("Provider shall notify the District within forty-eight (48) hours of any unauthorized access to Student Data.",
     "present"),
    ("Provider will notify the District of any security breach within seventy-two (72) hours.", "conflict"),
    ("In the event of a data breach we will notify affected users without undue delay.", "conflict"),
    ("We will notify the school of a security incident within two (2) business days.", "conflict"),
    ("You must notify us immediately of any unauthorized use of your password.", "missing"),
])
def test_breach_notice_deadline(rulebook, text, expected):
    assert status(rulebook, "breach-notification", text) == expected


def test_follow_up_reports_do_not_override_a_48_hour_notice(rulebook):
    found = verdicts(rulebook,
                     "Provider shall notify the Board within forty-eight (48) hours after it becomes aware of "
                     "unauthorized access to student data.",
                     "Following the notice of the breach, Provider shall provide updates every two business days "
                     "until the incident is resolved.")
    assert found["breach-notification"].status == "present"


@pytest.mark.parametrize("text, expected", [
    ("This Agreement shall be governed by the laws of the State of Connecticut.", "present"),
    ("This Agreement is governed by the laws of the State of California.", "conflict"),
    ("For U.S. residents, the laws of the state where you reside (or, if a School, where it is located) govern "
     "all claims.", "present"),
])
def test_governing_law(rulebook, text, expected):
    assert status(rulebook, "connecticut-law", text) == expected


def test_a_connecticut_exception_wins_over_the_vendors_home_law(rulebook):
    found = verdicts(rulebook, "These Terms are governed by the laws of the State of California.",
                     "The laws of the state of Connecticut shall govern the rights and duties of IXL and the board "
                     "of education.")
    assert found["connecticut-law"].status == "present"


def test_a_contradicting_clause_wins_over_a_satisfying_one(rulebook):
    found = verdicts(rulebook, "The District owns all Student Data and it remains the property of the District.",
                     "You grant us a perpetual, irrevocable, worldwide license to use, copy and distribute your "
                     "User Content.")
    assert found["data-ownership"].status == "conflict"
    roles = [item.role for item in found["data-ownership"].evidence]
    assert roles[0] == "contradicts" and "satisfies" in roles


def test_findings_carry_evidence_amendment_and_citation(rulebook):
    found = verdicts(rulebook, "This Agreement is governed by the laws of the State of Texas.")
    finding = found["connecticut-law"]
    assert finding.evidence[0].quote.startswith("This Agreement is governed")
    assert "Connecticut" in finding.amendment and "10-234bb" in finding.citation
    assert found["severability"].status == "missing" and found["severability"].evidence == ()


def test_a_misspelt_long_word_still_matches_through_rapidfuzz(rulebook):
    text = "We maintain administrative, technical and physical safeguards to protect the confidentaility of data."
    assert status(rulebook, "security-confidentiality", text) == "present"


def test_student_specific_commitments_govern_student_data_over_adult_marketing(rulebook):
    found = verdicts(rulebook,
                     "We do not use student personal information for advertising, including targeted advertising.",
                     "We may use tracking technologies to deliver targeted advertisements to adult users and teachers.")
    assert found["no-advertising-use"].status == "present"


def test_general_ads_yield_to_a_student_promise_but_ads_for_all_users_including_students_conflict(rulebook):
    promise = "We do not use student personal information for advertising, including targeted advertising."
    found = verdicts(rulebook, promise,
                     "We may use information about you to show you personalized advertising on other websites.")
    assert found["no-advertising-use"].status == "present"
    found = verdicts(rulebook, promise,
                     "We may use information about all users, including students, to show personalized advertising.")
    assert found["no-advertising-use"].status == "conflict"


def test_a_clause_about_non_students_data_does_not_contradict_a_student_commitment(rulebook):
    found = verdicts(rulebook,
                     "We use the personal information we collect from students only to provide the Service.",
                     "Information collected from non-students is used to develop new products and features.")
    assert found["use-limitation"].status == "present"


def test_sharing_only_de_identified_data_is_not_a_contradiction(rulebook):
    found = verdicts(rulebook, "We may share de-identified or aggregated information with our partners "
                               "for their own marketing purposes.")
    assert found["disclosure-limits"].status == "missing"


def test_the_reason_quotes_the_contracts_own_words(rulebook):
    found = verdicts(rulebook, "We may sell your personal information to data brokers.")
    assert found["no-sale"].reason == "the contract says \u201csell your personal information\u201d"
