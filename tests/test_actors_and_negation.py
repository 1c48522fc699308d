"""Who a clause binds and what a negation reaches: the subject of a passive verb and people who only see
or receive something are not the actor; a "not" in a later clause belongs to that clause; each clause of a
sentence is judged on its own best match; "including but not limited to" negates nothing.

Each contract is a one-paragraph text file, so that its verdicts can only come from that paragraph; one
run of the command line checks them all.
"""

from __future__ import annotations

import pytest

from rendering import check_texts, findings_of

CONTRACTS = {
    "parents-will-be-notified": "Parents and the District will be notified by Provider within forty-eight (48) hours "
                                "of any breach of student data.",
    "users-will-be-notified": "Users will be notified within twenty-four (24) hours after Provider discovers a "
                              "breach of student data.",
    "students-may-see-ads": "Students may see targeted advertising based on their activity in the Services.",
    "you-may-receive-ads": "You may receive targeted advertising based on the information we collect about you.",
    "you-may-not-advertise": "You may not use the Services to send targeted advertising to students.",
    "retain-but-not-disclose": "Provider may retain, but not disclose, Student Data after the agreement ends.",
    "keep-but-not-sell": "We may keep student data after termination, but we will not sell it.",
    "not-to-advertisers-but-to-partners": "We do not sell student data to advertisers, but we may sell student "
                                          "data to research partners.",
    "not-rent-but-sell": "We will not rent student data to anyone; we may sell student data to our partners.",
    "not-limited-to-then-sell": "We collect student information, including but not limited to names and grades, "
                                "and we may sell it to data brokers.",
    "any-purpose-not-limited-to-ads": "We may use student information for any purpose, including but not "
                                      "limited to targeted advertising.",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, dict]:
    return check_texts(CONTRACTS, tmp_path_factory.mktemp("actors-and-negation"))


def finding(reports, contract: str, provision: str) -> dict:
    return findings_of(reports[contract])[provision]


def status(reports, contract: str, provision: str) -> str:
    return finding(reports, contract, provision)["status"]


# --- who is bound ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("contract, limit", [("parents-will-be-notified", "forty-eight (48) hours"),
                                             ("users-will-be-notified", "twenty-four (24) hours")])
def test_the_subject_of_a_passive_verb_is_not_the_one_bound(reports, contract, limit):
    """"Parents will be notified" binds the vendor to notify them, not the parents to anything."""
    found = finding(reports, contract, "breach-notification")
    assert found["status"] == "present", found["reason"]
    assert found["reason"] == f"sets a limit of {limit} (at most 48 hours allowed)"


@pytest.mark.parametrize("contract", ["students-may-see-ads", "you-may-receive-ads"])
def test_people_who_only_see_or_receive_ads_are_not_the_actor_so_the_ads_are_a_conflict(reports, contract):
    found = finding(reports, contract, "no-advertising-use")
    assert found["status"] == "conflict", found["reason"]
    assert found["evidence"][0]["quote"] == CONTRACTS[contract]


def test_a_prohibition_on_the_user_is_not_the_vendors_promise_nor_its_permission(reports):
    assert status(reports, "you-may-not-advertise", "no-advertising-use") == "missing"


# --- what a negation reaches -----------------------------------------------------------------------------

def test_a_negation_in_a_later_clause_does_not_flip_an_earlier_commitment(reports):
    """"may retain, but not disclose, Student Data": the retention stands, and it is a conflict."""
    found = finding(reports, "retain-but-not-disclose", "no-retention-after-completion")
    assert found["status"] == "conflict", found["reason"]
    assert "retain, but not disclose, Student Data after the agreement ends" in found["reason"]


def test_each_clause_keeps_its_own_negation(reports):
    assert status(reports, "keep-but-not-sell", "no-retention-after-completion") == "conflict"
    assert status(reports, "keep-but-not-sell", "no-sale") == "present"


@pytest.mark.parametrize("contract, promise", [("not-to-advertisers-but-to-partners", "sell student data"),
                                               ("not-rent-but-sell", "rent student data")])
def test_a_negated_first_clause_does_not_hide_a_second_that_permits(reports, contract, promise):
    """Each clause's best match is judged, not only the sentence's first: the second clause sells, and the
    conflict shows the sentence once for each clause, each with its own words highlighted."""
    found = finding(reports, contract, "no-sale")
    assert found["status"] == "conflict", found["reason"]
    text = CONTRACTS[contract]  # the file is this one sentence, so evidence offsets are offsets into it
    highlighted = {}
    for item in found["evidence"]:
        assert item["quote"] == text
        (start, end), = item["highlights"]
        highlighted[item["role"]] = (text[:start].split()[-1], text[start:end])
    assert highlighted == {"contradicts": ("may", "sell student data"), "satisfies": ("not", promise)}


def test_including_but_not_limited_to_is_not_a_negation_of_what_follows(reports):
    found = finding(reports, "not-limited-to-then-sell", "no-sale")
    assert found["status"] == "conflict", found["reason"]
    assert found["evidence"][0]["quote"] == CONTRACTS["not-limited-to-then-sell"]


def test_including_but_not_limited_to_does_not_negate_the_phrase_it_introduces(reports):
    found = finding(reports, "any-purpose-not-limited-to-ads", "no-advertising-use")
    assert found["status"] == "conflict", found["reason"]
    assert "targeted advertising" in found["reason"]
