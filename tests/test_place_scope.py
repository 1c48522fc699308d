"""Which place a part of a contract speaks to: a section for another place's residents does not bind the
vendor toward a Connecticut district, whatever the case of its heading; the home place's own country does
not make a section foreign; and the last line of an address in a notice clause is no section heading."""

from __future__ import annotations

import pytest

from rendering import check_texts, findings_of

CONTRACTS = {
    "addresses-before-governing-law": """\
Notices

Notices go to the parties at these addresses:

Millbrook Board of Education

Hartford, Connecticut 06103

Acme Learning Ltd.

Brampton, Ontario

This Agreement is governed by the laws of the State of Connecticut.
""",
    "another-states-section-in-capitals": """\
Privacy Terms

We will not use student information for targeted advertising.

ADDITIONAL INFORMATION FOR CALIFORNIA RESIDENTS

We may use personal information to show targeted advertising to California residents who opt in.
""",
    "the-home-countrys-section": """\
Terms for Users in the United States

We may use student information to show targeted advertising.
""",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, dict]:
    return {name: findings_of(document)
            for name, document in check_texts(CONTRACTS, tmp_path_factory.mktemp("place-scope")).items()}


def test_the_last_line_of_an_address_is_not_a_section_for_that_places_people(reports):
    found = reports["addresses-before-governing-law"]["connecticut-law"]
    assert found["status"] == "present", found["reason"]


def test_a_section_for_another_states_residents_is_read_as_theirs_even_in_capitals(reports):
    found = reports["another-states-section-in-capitals"]["no-advertising-use"]
    assert found["status"] == "present", found["reason"]
    assert found["evidence"][0]["quote"].startswith("We will not use student information")


def test_a_section_for_the_home_places_own_country_still_binds_the_vendor(reports):
    assert reports["the-home-countrys-section"]["no-advertising-use"]["status"] == "conflict"
