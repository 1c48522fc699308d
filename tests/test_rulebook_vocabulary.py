"""A rulebook's vocabulary through the real command line: mistakes in `terms:` and `context:` reported at
their file and line, the lint warnings about words the matcher cannot tell apart, sections addressed to
the home place outweighing the general terms, and a district in another state that extends the bundled
rulebook with no change to clausecheck (docs/writing-rules.md's albany.yaml, read from the guide)."""

from __future__ import annotations

import pytest

from cli_in_process import clausecheck
from conftest import write_file
from guide import guide_files
from rendering import check_rendered, findings_of, render_contracts

# A rulebook of its own, and one that extends the bundled rulebook; each mistake below changes one of them.
OWN = """\
id: district
terms:
  pupil-data: [pupil records, pupil data]
provisions:
  - id: no-pupil-sale
    title: Pupil data is not sold
    check: phrase
    satisfy:
      - "sell ..4 {pupil-data}"
"""
EXTENDING = "id: district\nextends: ct-student-data-privacy\n"
# name -> (rulebook, the line of the mistake, what the message says)
MISTAKES = {
    "unknown-term": (OWN.replace("{pupil-data}", "{pupil-dta}"), 9,
                     "bad pattern in provision 'no-pupil-sale': unknown term {pupil-dta} (the rulebook's terms: "
                     "pupil-data)"),
    "unknown-term-inside-a-phrase": (OWN.replace("{pupil-data}", "({pupil-data}|our {pupils})"), 9,
                                     "bad pattern in provision 'no-pupil-sale': unknown term {pupils} (the "
                                     "rulebook's terms: pupil-data)"),
    "fuzzy-out-of-range": (OWN.replace("id: district\n", "id: district\nfuzzy: 120\n"), 2,
                           "fuzzy must be a similarity from 50 to 100 (100: exact spelling only), not 120"),
    "term-name-not-lowercase": (OWN.replace("  pupil-data:", "  Pupil_Data:"), 3,
                                "term name 'Pupil_Data' must be lowercase letters, digits and hyphens"),
    "term-of-numbers": (OWN.replace("[pupil records, pupil data]", "[9, 10]"), 3,
                        "term 'pupil-data': 9 is not a word or phrase (quote numbers: \"9\")"),
    "about-names-no-role": (OWN.replace('"sell ..4 {pupil-data}"', '{pattern: "sell ..4 {pupil-data}", about: pupils}'),
                            9, "about must be one of vendor, user, school, protected, others, exempt, not 'pupils'"),
    "role-names-no-term": (EXTENDING + "context:\n  home: New York\n  vendor: supplier\n", 5,
                           "context 'vendor' names the term 'supplier', which is not defined (terms: adults, "
                           "advertising,"),
    "unknown-context-key": (EXTENDING + "context:\n  home: New York\n  homeland: NY\n", 5,
                            "unknown key 'homeland' (did you mean 'home'?) in context (known: definitions, exempt, "
                            "filler, home, home-aliases,"),
    "definitions-name-no-term": (EXTENDING + "context:\n  definitions: [data, pupil-records]\n", 4,
                                 "context 'definitions' names the term 'pupil-records', which is not defined"),
    "context-not-a-mapping": (EXTENDING + "context: [home, New York]\n", 3,
                              "'context' in the rulebook must be a mapping"),
}
def mistake_cases():
    return list(MISTAKES)



@pytest.mark.parametrize("name", mistake_cases())
def test_a_vocabulary_mistake_stops_rules_test_with_one_line_at_its_file_and_line(name, tmp_path):
    text, line, message = MISTAKES[name]
    path = write_file(tmp_path, "district.yaml", text)
    result = clausecheck("rules", "test", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"clausecheck: error: {path}:{line}: {message}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", mistake_cases())
def test_rules_lint_reports_a_vocabulary_mistake_as_an_error_at_its_line(name, tmp_path):
    text, line, message = MISTAKES[name]
    path = write_file(tmp_path, "district.yaml", text)
    result = clausecheck("rules", "lint", path)
    assert result.exit_code == 1
    assert f"{path}:{line}: error: {message}" in result.stdout, result.stdout
    assert result.stderr == ""


def test_a_hyphenated_term_name_can_stand_inside_a_phrase(tmp_path):
    path = write_file(tmp_path, "district.yaml",
                      OWN.replace('"sell ..4 {pupil-data}"', '"sell ..4 (our {pupil-data})"') +
                      '    examples: {present: ["We will never sell our pupil records."], '
                      'missing: ["We keep our pupil records."]}\n')
    result = clausecheck("rules", "test", path)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr


# --- lint warnings about words the matcher cannot tell apart ---------------------------------------------

REPEATS = """\
    id: district
    terms:
      pupil-data: [pupil records, pupil record, pupil data]
    provisions:
      - id: no-pupil-sale
        title: Pupil data is not sold
        check: phrase
        satisfy:
          - pattern: "(sell|sells|rent) ..4 {pupil-data}"
            negated: true
          - pattern: "(disclose|share) ..4 ({pupil-data}|pupil data)"
            negated: true
        review:
          - "(consent|opt in|opt-in) ..6 {pupil-data}"
        amendment: Provider shall not sell pupil data.
        examples:
          present: ["Provider shall not sell Pupil Records."]
          missing: ["Provider keeps Pupil Records safe."]
    """


def test_lint_warns_where_a_term_or_a_group_lists_one_word_twice(tmp_path):
    path = write_file(tmp_path, "district.yaml", REPEATS)
    result = clausecheck("rules", "lint", path)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}:3: warning: term 'pupil-data' lists 'pupil records' and 'pupil record', which the matcher "
        "compares as the same word (by stem): keep one [same-word]",
        f"{path}:9: warning: 'satisfy' pattern '(sell|sells|rent) ..4 {{pupil-data}}' of provision 'no-pupil-sale' "
        "lists 'sell' and 'sells', which the matcher compares as the same word (by stem): keep one [same-word]",
        f"{path}:11: warning: 'satisfy' pattern '(disclose|share) ..4 ({{pupil-data}}|pupil data)' of provision "
        "'no-pupil-sale' lists 'pupil data' beside {pupil-data}, which already holds it [term-repeated]",
        f"{path}:14: warning: 'review' pattern '(consent|opt in|opt-in) ..6 {{pupil-data}}' of provision "
        "'no-pupil-sale' lists 'opt in' and 'opt in', which the matcher compares as the same word (by stem): keep "
        "one [same-word]",
        "0 errors, 4 warnings"]
    assert clausecheck("rules", "lint", "--strict", path).exit_code == 1


def test_a_pattern_of_terms_inside_phrases_is_not_said_to_match_everything(tmp_path):
    path = write_file(tmp_path, "district.yaml", """\
        id: district
        terms:
          pupil: [pupil, student]
          biometric: [fingerprint, face geometry]
        provisions:
          - id: no-pupil-biometrics
            title: No biometric identifiers of pupils
            check: phrase
            contradict: ["({pupil} {biometric}|{biometric} of {pupil})"]
            amendment: Provider shall not collect biometric identifiers of pupils.
            examples:
              conflict: ["The Service scans pupil fingerprints at the door."]
              missing: ["Staff fingerprints open the office door."]
        """)
    assert clausecheck("rules", "test", path).exit_code == 0  # the pattern does match, and only where it should
    result = clausecheck("rules", "lint", path)
    assert result.stdout.strip() == "clean: 1 rulebook, no problems"


# --- the home place, and a district in another state ------------------------------------------------------

NEW_YORK_ADDENDUM = guide_files()["vendor-terms-with-new-york-addendum.md"]
CONNECTICUT_ADDENDUM = NEW_YORK_ADDENDUM.replace("New York", "Connecticut").replace("the BOCES", "the Board")
CONTRACTS = {
    "new-york-addendum": NEW_YORK_ADDENDUM,
    "connecticut-addendum": CONNECTICUT_ADDENDUM,
    "connecticut-addendum-in-capitals": CONNECTICUT_ADDENDUM.replace(
        "Additional Terms for Connecticut Schools", "ADDITIONAL TERMS FOR CONNECTICUT SCHOOLS"),
    "new-york-law": "# Agreement\n\nThis Agreement shall be governed by the laws of the State of New York.\n",
}
HOME_ONLY = """\
    id: home-only
    extends: ct-student-data-privacy
    context:
      home: New York
    """


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, dict[str, dict]]:
    """{rulebook: {contract: findings}}: each contract as a Word file (its addendum under a heading),
    checked with the bundled rulebook, the guide's albany.yaml and a district that only moves home."""
    folder = tmp_path_factory.mktemp("home")
    albany = write_file(folder, "albany.yaml", guide_files()["albany.yaml"])
    home_only = write_file(folder, "home-only.yaml", HOME_ONLY)
    rendered = render_contracts(CONTRACTS, folder, ("docx",))
    found = {}
    for name, options in (("bundled", ()), ("albany", ("-r", albany)), ("home-only", ("-r", home_only))):
        reports = check_rendered(rendered, *options)
        found[name] = {contract: findings_of(formats["docx"]) for contract, formats in reports.items()}
    return found


def summary(finding: dict) -> tuple[str, str]:
    return finding["status"], finding["evidence"][0]["quote"] if finding["evidence"] else ""


def test_a_section_for_the_home_places_schools_outweighs_the_general_terms(verdicts):
    found = verdicts["bundled"]["connecticut-addendum"]
    assert summary(found["no-advertising-use"]) == (
        "present", "Provider shall not use student information for targeted advertising.")
    assert found["connecticut-law"]["status"] == "present"
    assert found["connecticut-law"]["reason"] == "the law of Connecticut governs"


def test_a_home_section_under_a_heading_in_capitals_outweighs_the_general_terms(verdicts):
    found = verdicts["bundled"]["connecticut-addendum-in-capitals"]
    assert found["no-advertising-use"]["status"] == "present", found["no-advertising-use"]["reason"]


def test_the_bundled_rulebook_reads_a_new_york_addendum_as_another_places(verdicts):
    """The guide's table, first column."""
    found = verdicts["bundled"]["new-york-addendum"]
    assert found["connecticut-law"]["status"] == "conflict"
    assert found["connecticut-law"]["reason"] == "the law of California governs, not Connecticut"
    assert summary(found["no-advertising-use"]) == ("conflict", "We may use student information to show targeted "
                                                                "advertising.")
    assert found["data-ownership"]["status"] == "missing"


def test_a_new_york_district_reads_its_addendum_as_home_with_no_change_to_clausecheck(verdicts):
    """The guide's table, second column: albany.yaml extends the bundled rulebook and moves home."""
    found = verdicts["albany"]["new-york-addendum"]
    assert found["connecticut-law"]["status"] == "present"
    assert found["connecticut-law"]["reason"] == "the law of New York governs"
    assert found["connecticut-law"]["evidence"][0]["quote"] == ("The laws of the State of New York govern the rights "
                                                                "and duties of Provider and the school district.")
    assert summary(found["no-advertising-use"]) == (
        "present", "Provider shall not use student information for targeted advertising.")
    assert summary(found["data-ownership"]) == ("present", "All Student Data remains the property of the BOCES.")


def test_for_a_new_york_district_a_connecticut_addendum_is_another_places(verdicts):
    found = verdicts["albany"]["connecticut-addendum"]
    assert summary(found["no-advertising-use"]) == ("conflict", "We may use student information to show targeted "
                                                                "advertising.")
    assert found["connecticut-law"]["reason"] == "the law of California governs, not New York"


def test_the_law_of_the_districts_own_state_is_present_and_connecticuts_a_conflict(verdicts):
    assert verdicts["albany"]["new-york-law"]["connecticut-law"]["status"] == "present"
    assert verdicts["bundled"]["new-york-law"]["connecticut-law"]["reason"] == \
        "the law of New York governs, not Connecticut"


def test_moving_home_alone_makes_the_new_home_states_law_present(verdicts):
    assert verdicts["home-only"]["new-york-law"]["connecticut-law"]["status"] == "present"
