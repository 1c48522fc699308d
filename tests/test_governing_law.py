"""Governing law by place: the gazetteer, the clause that chooses a law, and the connecticut-law verdict.

Every contract sentence here was written for these tests, one per wording the check reads, so that the
rules hold for the language and not for the words of one contract.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from clausecheck.cli import app
from clausecheck.text.gazetteer import GazetteerError, gazetteer, place_named, read_entries
from clausecheck.text.jurisdictions import chosen_law, governing_places
from test_engine import verdicts


def connecticut_law(rulebook, *paragraphs):
    """The connecticut-law finding for a document of `paragraphs`."""
    return verdicts(rulebook, *paragraphs)["connecticut-law"]


# --- the gazetteer -------------------------------------------------------------------------------

# ISO names the gazetteer gives to another place on purpose (the first place listed wins a shared name);
# test_a_name_resolves_to_its_canonical_place_and_kind shows the other place's own name.
SHARED_NAMES = {"Georgia": "the US state; the country is the Republic of Georgia",
                "México": "the country; the Mexican state is the State of Mexico"}


def test_every_iso_3166_country_is_in_the_gazetteer():
    pycountry = pytest.importorskip("pycountry", reason="pycountry (a test dependency: pip install -e '.[test]')")
    missing = []
    for country in pycountry.countries:
        if country.name in SHARED_NAMES:
            continue
        names = [getattr(country, field, None) for field in ("common_name", "name", "official_name")]
        places = [place_named(name) for name in names if name]
        if not any(place and place.kind in ("country", "us-territory") for place in places):
            missing.append(country.name)
    assert missing == []


@pytest.mark.parametrize("code, country", [
    ("US", "United States"), ("CA", "Canada"), ("AU", "Australia"), ("IN", "India"), ("DE", "Germany"),
    ("CH", "Switzerland"), ("MX", "Mexico"), ("BR", "Brazil"),
])
def test_every_iso_subdivision_of_the_countries_listed_is_a_place_of_that_country(code, country):
    pycountry = pytest.importorskip("pycountry", reason="pycountry (a test dependency: pip install -e '.[test]')")
    wrong = [(subdivision.name, place_named(subdivision.name))
             for subdivision in pycountry.subdivisions.get(country_code=code) if subdivision.name not in SHARED_NAMES
             and getattr(place_named(subdivision.name), "country", None) != country]
    assert wrong == []


def test_the_fifty_states_dc_and_five_territories_are_places_of_the_united_states():
    places = {place for place in gazetteer().names.values() if place.country == "United States"}
    kinds = [place.kind for place in places]
    assert kinds.count("us-state") == 50 and kinds.count("us-district") == 1
    assert {"Puerto Rico", "Guam", "U.S. Virgin Islands", "American Samoa", "Northern Mariana Islands"} <= \
        {place.name for place in places if place.kind == "us-territory"}


@pytest.mark.parametrize("name, canonical, kind, country", [
    ("the Netherlands", "Netherlands", "country", None),
    ("the United Kingdom", "United Kingdom", "country", None),
    ("England and Wales", "England and Wales", "subdivision", "United Kingdom"),
    ("Scotland", "Scotland", "subdivision", "United Kingdom"),
    ("People's Republic of China", "China", "country", None),
    ("Republic of Korea", "South Korea", "country", None),
    ("Federal Republic of Germany", "Germany", "country", None),
    ("Hong Kong SAR", "Hong Kong", "country", None),
    ("the Province of Ontario", "Ontario", "subdivision", "Canada"),
    ("New South Wales", "New South Wales", "subdivision", "Australia"),
    ("Maharashtra", "Maharashtra", "subdivision", "India"),
    ("Bayern", "Bavaria", "subdivision", "Germany"),
    ("Genève", "Geneva", "subdivision", "Switzerland"),
    ("the Canton of Zurich", "Zurich", "subdivision", "Switzerland"),
    ("Nuevo Leon", "Nuevo León", "subdivision", "Mexico"),
    ("the State of Mexico", "State of Mexico", "subdivision", "Mexico"),
    ("Mexico", "Mexico", "country", None),
    ("Sao Paulo", "São Paulo", "subdivision", "Brazil"),
    ("the Commonwealth of Massachusetts", "Massachusetts", "us-state", "United States"),
    ("Washington, D.C.", "District of Columbia", "us-district", "United States"),
    ("the Commonwealth of Puerto Rico", "Puerto Rico", "us-territory", "United States"),
    ("Georgia", "Georgia", "us-state", "United States"),
    ("the Republic of Georgia", "Republic of Georgia", "country", None),
    ("NEW JERSEY", "New Jersey", "us-state", "United States"),
])
def test_a_name_resolves_to_its_canonical_place_and_kind(name, canonical, kind, country):
    place = place_named(name)
    assert (place.name, place.kind, place.country) == (canonical, kind, country)


def test_abbreviations_count_only_in_capitals():
    assert place_named("PRC").name == "China" and place_named("U.S.A.").name == "United States"
    assert place_named("prc") is None and place_named("us") is None


def test_an_unknown_place_is_none():
    assert place_named("Atlantis") is None and place_named("Santa Clara County") is None


def test_a_malformed_gazetteer_line_is_reported_with_its_line_number():
    with pytest.raises(GazetteerError, match=r"places.txt:3: unknown kind \[planets\]"):
        read_entries("[country]\nFrance\n[planets]\nMars\n")
    with pytest.raises(GazetteerError, match="places.txt:1: a place before the first"):
        read_entries("France\n")


def test_the_gazetteer_is_read_once():
    assert gazetteer() is gazetteer()


# --- which law a clause chooses --------------------------------------------------------------------

def test_laws_and_decisions_of_a_state_choose_that_state():
    assert governing_places("The rights of the parties are governed by the laws and decisions of the State of "
                            "Vermont.") == ["Vermont"]


def test_laws_in_force_in_a_province_choose_that_province():
    assert governing_places("This contract shall be interpreted according to the laws in force in the Province "
                            "of Quebec.") == ["Quebec"]


def test_the_law_of_a_country_applies_chooses_that_country():
    assert governing_places("The law of the Federal Republic of Germany applies to this contract.") == ["Germany"]


def test_laws_thereof_resolves_to_the_place_named_before():
    assert governing_places("The parties signed this contract in the State of Oregon and agree that it is "
                            "governed by the laws thereof.") == ["Oregon"]


def test_laws_of_that_state_resolves_to_the_place_named_in_the_sentence_before():
    assert governing_places("This Agreement shall be construed under the laws of that State.",
                            "The Supplier performs the services at its offices in the State of Utah.") == ["Utah"]


def test_laws_of_such_state_resolves_to_the_place_named_earlier_in_the_sentence():
    assert governing_places("As the services are delivered in the Commonwealth of Kentucky, the laws of such "
                            "State govern this contract.") == ["Kentucky"]


def test_a_state_named_without_the_word_law_after_governed_by_is_chosen():
    assert governing_places("This contract is governed by the State of Idaho (without regard to its conflict "
                            "of laws principles).") == ["Idaho"]


def test_an_adjective_before_law_names_the_place():
    assert governing_places("Swiss law governs this Agreement.") == ["Switzerland"]
    assert governing_places("This agreement is governed by Dutch law.") == ["Netherlands"]
    assert governing_places("The Services Agreement is subject to English law.") == ["England"]


def test_under_a_place_law_chooses_it():
    assert governing_places("Disputes under this contract will be decided under Ontario law.") == ["Ontario"]


def test_an_abbreviation_before_law_names_the_country():
    assert governing_places("This contract and any dispute under it are governed by the PRC law.") == ["China"]


def test_a_special_administrative_region_is_its_own_place():
    assert governing_places("This contract shall be governed by the laws of the Hong Kong SAR.") == ["Hong Kong"]


def test_laws_of_the_united_states_and_a_state_choose_the_state():
    assert governing_places("This contract is governed by the laws of the United States and the State of "
                            "Maine.") == ["Maine"]


def test_a_province_and_the_federal_laws_of_its_country_choose_the_province():
    assert governing_places("This Agreement is governed by the laws of the Province of Alberta and the federal "
                            "laws of Canada applicable in it.") == ["Alberta"]


def test_federal_law_alone_chooses_the_united_states():
    assert governing_places("This Agreement is governed by the federal laws of the United States.") == ["United States"]
    assert governing_places("This Agreement is governed by federal law.") == ["United States"]


def test_a_label_followed_by_a_place_chooses_it():
    assert governing_places("Governing law: the Commonwealth of Virginia") == ["Virginia"]
    assert governing_places("Applicable Law - Tasmania") == ["Tasmania"]


def test_a_place_under_a_governing_law_heading_is_chosen():
    assert governing_places("State of Colorado, excluding its rules on conflicts of law.", "9. Governing Law") == \
        ["Colorado"]


def test_courts_named_under_a_governing_law_heading_are_no_choice_of_law():
    assert governing_places("New York courts have exclusive jurisdiction over any dispute.",
                            "Governing Law and Venue") == []
    assert governing_places("State of Ohio courts hear any dispute.", "Governing Law and Venue") == []


def test_the_two_legal_systems_of_england_and_wales_are_one_place():
    assert governing_places("These terms are governed by the laws of England and Wales.") == ["England and Wales"]


def test_conflict_of_laws_of_such_state_does_not_add_a_place():
    assert governing_places("These Terms shall be governed by the laws of the State of Delaware, without giving "
                            "effect to the conflict of laws of such State or of any other "
                            "jurisdiction.") == ["Delaware"]


def test_the_law_of_the_schools_own_state_is_its_own_place():
    choice = chosen_law("The laws of the state in which the District is located govern this Agreement.",
                        parties=("school", "district"))
    assert choice.own_place and choice.places == ()
    # The parties' words come from the rulebook: a word no term list holds names no party.
    assert chosen_law("The laws of the state in which the District is located govern this Agreement.") is None


def test_the_bundled_rulebook_reads_the_state_of_a_party_its_terms_name(rulebook):
    assert verdicts(rulebook, "The laws of the state in which the Client is located govern this Agreement.")[
        "connecticut-law"].status == "present"


def test_the_state_or_province_where_the_user_lives_is_the_users_own_place():
    choice = chosen_law("The laws of the state or province where you live govern these terms and any claim about "
                        "them.")
    assert choice.own_place


def test_the_law_of_the_controllers_jurisdiction_is_the_schools_own_place():
    assert chosen_law("This addendum is governed by the laws of the Data Controller's jurisdiction.",
                      parties=("data controller",)).own_place


def test_a_misspelt_constructed_for_construed_still_chooses_the_law():
    assert governing_places("This contract will be constructed in accordance with the laws of New Zealand.") == \
        ["New Zealand"]


def test_that_country_after_a_described_country_names_no_place():
    assert governing_places("If you bought the licence in any other country, the laws of that country apply.",
                            "If you bought the licence in Canada, the laws of the Province of Manitoba apply.") == []


@pytest.mark.parametrize("sentence", [
    "Any action shall be brought only in the state or federal courts located in Travis County, Texas.",
    "Any dispute shall be settled by binding arbitration in New York City under the rules of the American "
    "Arbitration Association.",
    "Each party submits to the exclusive jurisdiction of the courts of the State of Nevada.",
    "Vendor, a limited liability company organized under the laws of the State of Delaware, agrees as follows.",
    "Vendor shall comply with all laws of the State of Illinois in performing the Services.",
    "The privacy laws of the European Union apply to the personal data of users located there.",
    "The partners form this partnership in accordance with the laws of the State of Arizona.",
    "This Agreement is governed by the law stated in the Master Agreement.",
    "This Agreement shall be governed by the laws of [JURISDICTION].",
    "The Distributor sells the products of Acme, a company subject to the laws of the State of Minnesota.",
    "Your data may be stored abroad, where it will be subject to and may be disclosed to the authorities under the "
    "laws of the Republic of India.",
    "Any dispute shall be settled by arbitration in accordance with the Arbitration Law of the Republic of Singapore.",
    "This choice of law clause is only meant to interpret this Agreement and is not intended to give any claim "
    "under Wisconsin law to residents of other states.",
])
def test_a_clause_that_chooses_no_law_names_no_place(sentence):
    assert governing_places(sentence) == []


# --- the connecticut-law verdict ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("This Agreement shall be governed by the laws and decisions of the State of Connecticut.", "present"),
    ("Connecticut law governs this Agreement.", "present"),
    ("This contract is governed by the laws of the United States and the State of Connecticut.", "present"),
    ("This Agreement is governed by the law of the Federal Republic of Germany.", "conflict"),
    ("The laws in force in the Province of British Columbia shall apply to this Agreement.", "conflict"),
    ("This Agreement is governed by English law.", "conflict"),
    ("This contract is governed by the laws of the United States and the State of Rhode Island.", "conflict"),
    ("The laws of the state in which the School is located govern this Agreement.", "present"),
])
def test_the_verdict_follows_the_place_chosen(rulebook, text, expected):
    assert connecticut_law(rulebook, text).status == expected


def test_a_venue_clause_alone_is_neither_present_nor_conflict(rulebook):
    finding = connecticut_law(rulebook, "Any claim shall be heard exclusively by the state courts located in "
                                        "Hartford County, Connecticut.")
    assert finding.status == "missing"
    finding = connecticut_law(rulebook, "Any claim arising from this Agreement shall be resolved by binding "
                                        "arbitration in Chicago, Illinois, under the AAA Commercial Rules.")
    assert finding.status == "missing"


def test_a_venue_in_another_state_does_not_make_connecticut_law_a_conflict(rulebook):
    finding = connecticut_law(rulebook, "This Agreement is governed by the laws of the State of Connecticut. "
                                        "Any action shall be brought in the courts of Suffolk County, "
                                        "Massachusetts.")
    assert finding.status == "present"


def test_federal_law_alone_chooses_no_state_so_the_statement_is_missing(rulebook):
    assert connecticut_law(rulebook, "This Agreement shall be governed by the laws of the United States of "
                                     "America.").status == "missing"


def test_a_connecticut_exception_still_wins_over_the_vendors_home_law(rulebook):
    finding = connecticut_law(rulebook, "These Terms are governed by the laws of the State of Washington.",
                              "For schools in Connecticut, the laws of the State of Connecticut govern the rights "
                              "and duties of the Company and the board of education.")
    assert finding.status == "present"


def test_laws_of_that_state_in_the_next_sentence_read_the_place_before(rulebook):
    finding = connecticut_law(rulebook, "The Provider is a corporation with its offices in the State of New "
                                        "Hampshire. This Agreement shall be governed by the laws of that State.")
    assert finding.status == "conflict" and "New Hampshire" in finding.reason


def test_a_conflict_names_the_place_and_highlights_the_chosen_law(rulebook):
    finding = connecticut_law(rulebook, "This Agreement shall be governed by the laws of the State of Ohio, "
                                        "without regard to conflict of laws principles.")
    assert finding.reason == "the law of Ohio governs, not Connecticut"
    (start, end), = finding.evidence[0].highlights
    assert finding.evidence[0].context[start - finding.evidence[0].context_start:
                                       end - finding.evidence[0].context_start] == "the laws of the State of Ohio"


def test_a_governing_law_heading_scopes_the_place_under_it_through_the_cli(tmp_path):
    contract = tmp_path / "order-form.txt"
    contract.write_text("ORDER FORM\n\n12. Governing Law\n\nState of Colorado, without regard to its conflict of "
                        "laws rules.\n\n13. Notices\n\nNotices must be in writing.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(contract), "--format", "json", "--no-cache"])
    assert result.exit_code == 1, result.output
    finding = next(finding for finding in json.loads(result.stdout)["documents"][0]["findings"]
                   if finding["provision"] == "connecticut-law")
    assert finding["status"] == "conflict" and "Colorado" in finding["reason"]
