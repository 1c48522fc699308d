"""Rulebooks are validated on load, and every mistake is reported with its file and line."""

import textwrap

import pytest

from clausecheck.errors import RulebookError
from clausecheck.rulebook import default_rulebook_path, load_rulebook
from conftest import write_file

VALID = """\
id: district-extra
version: "1"
provisions:
  - id: arbitration
    title: No mandatory arbitration
    check: phrase
    satisfy: ["(arbitration|arbitrate)"]
    amendment: Disputes are heard by the courts of Connecticut.
"""


def write(tmp_path, text):
    return write_file(tmp_path, "rules.yaml", text)


def test_the_bundled_rulebook_has_the_fifteen_corpus_provisions():
    rulebook = load_rulebook(None)
    assert [p.id for p in rulebook.provisions] == [
        "data-ownership", "student-content-control", "use-limitation", "review-and-correction",
        "security-confidentiality", "breach-notification", "no-retention-after-completion", "ferpa-compliance",
        "connecticut-law", "severability", "no-advertising-use", "no-sale", "no-profiling", "disclosure-limits",
        "deletion-on-request"]
    assert sum(p.required for p in rulebook.provisions) == 12  # 10-234bb(a)'s ten terms and two policy terms
    assert all(p.amendment and p.citation and p.examples for p in rulebook.provisions)
    assert rulebook.provision("breach-notification").max_hours == 48
    assert rulebook.provision("connecticut-law").jurisdiction == "Connecticut"
    assert default_rulebook_path().name == "ct-student-data-privacy.yaml"


def test_a_valid_rulebook_loads(tmp_path):
    rulebook = load_rulebook(write(tmp_path, VALID))
    assert rulebook.id == "district-extra" and rulebook.provisions[0].required is True


def test_an_unknown_key_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, VALID.replace("    check: phrase", "    check: phrase\n    sverity: error"))
    with pytest.raises(RulebookError, match=r"rules.yaml:7: unknown key 'sverity'"):
        load_rulebook(path)


def test_a_wrong_type_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, VALID.replace("    check: phrase", "    check: phrase\n    required: maybe"))
    with pytest.raises(RulebookError, match=r":7: 'required' in a provision must be true or false, not a text"):
        load_rulebook(path)


def test_a_bad_pattern_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, VALID.replace('["(arbitration|arbitrate)"]', '\n      - "(arbitration|arbitrate"'))
    with pytest.raises(RulebookError, match=r":8: bad pattern in provision 'arbitration': unbalanced"):
        load_rulebook(path)


def test_a_duplicate_id_names_both_lines(tmp_path):
    duplicate = VALID + textwrap.indent(VALID.split("provisions:\n", 1)[1], "")
    with pytest.raises(RulebookError, match=r":9: provision id 'arbitration' is used twice \(first on line 4\)"):
        load_rulebook(write(tmp_path, duplicate))


def test_broken_yaml_is_reported_with_its_line(tmp_path):
    with pytest.raises(RulebookError,
                       match=r":4: not valid YAML: did not find expected .* \(in the part that starts on line 3\)"):
        load_rulebook(write(tmp_path, "id: x\nprovisions:\n  - id: [unclosed\n"))


def test_a_missing_or_folder_rulebook_is_a_clear_error(tmp_path):
    with pytest.raises(RulebookError, match="no such rulebook file"):
        load_rulebook(tmp_path / "absent.yaml")
    with pytest.raises(RulebookError, match="is a folder"):
        load_rulebook(tmp_path)


def test_a_deadline_check_needs_its_value(tmp_path):
    text = VALID.replace("check: phrase", "check: deadline").replace("satisfy:", "topic:")
    with pytest.raises(RulebookError, match=r":4: provision 'arbitration' is a deadline check and needs"):
        load_rulebook(write(tmp_path, text))


def test_a_rulebook_rewritten_at_once_with_text_of_the_same_length_is_read_again(tmp_path):
    path = write(tmp_path, VALID)
    assert load_rulebook(path).provision("arbitration").title == "No mandatory arbitration"
    path.write_text(VALID.replace("No mandatory arbitration", "No compelled arbitration"), encoding="utf-8")
    assert load_rulebook(path).provision("arbitration").title == "No compelled arbitration"


def test_a_rulebook_is_read_again_when_a_rulebook_it_extends_changes(tmp_path):
    parent = write(tmp_path, VALID)
    child = write_file(tmp_path, "child.yaml", """\
        id: district-child
        extends: rules.yaml
        overrides:
          arbitration: {severity: warning}
        """)
    first = load_rulebook(child)
    assert load_rulebook(child) is first  # unchanged files: the rulebook parsed before
    assert first.provision("arbitration").amendment.startswith("Disputes are heard")
    parent.write_text(VALID.replace("Disputes are heard", "Disputes go"), encoding="utf-8")
    assert load_rulebook(child).provision("arbitration").amendment.startswith("Disputes go")
    parent.write_text(VALID.replace("id: district-extra", "id: district-extra\nextends: child.yaml"),
                      encoding="utf-8")
    with pytest.raises(RulebookError, match="cycle"):
        load_rulebook(child)
