"""A rulebook can extend others, disable and override their provisions, and add its own."""

from __future__ import annotations

import pytest

from clausecheck.document import DocumentBuilder
from clausecheck.engine import check_document
from clausecheck.errors import RulebookError
from clausecheck.rulebook import load_rulebook
from clausecheck.rulebook.compose import origin_of
from clausecheck.runner import check_file
from conftest import write_file

DISTRICT = """\
id: district
title: Our district
extends: ct-student-data-privacy
disable: [student-content-control]
overrides:
  breach-notification: {max_hours: 24}
provisions:
  - id: arbitration
    title: No mandatory arbitration
    check: phrase
    contradict: ["(arbitration|arbitrate)"]
    amendment: Disputes are heard by the courts of Connecticut.
    examples:
      conflict: ["All disputes shall be settled by binding arbitration."]
      missing: ["The parties shall meet to discuss disputes."]
"""



def document(*paragraphs: str):
    builder = DocumentBuilder()
    for paragraph in paragraphs:
        builder.add(paragraph)
    return builder.build("contract.txt", "text")


def test_a_district_rulebook_is_the_state_rulebook_plus_its_own_changes(tmp_path):
    state = load_rulebook(None)
    district = load_rulebook(write_file(tmp_path, "district.yaml", DISTRICT))
    ids = [provision.id for provision in district.provisions]
    assert ids == [p.id for p in state.provisions if p.id != "student-content-control"] + ["arbitration"]
    assert district.provision("breach-notification").max_hours == 24
    # a single number changes the policy's limit; the statute's stays what the statute says
    assert district.provision("breach-notification").source_hours == (("statute", 720.0), ("policy", 24.0))
    assert district.provision("breach-notification").topic == state.provision("breach-notification").topic
    assert district.fuzzy == state.fuzzy  # inherited when the district does not set it
    assert district.extra["extends"] == ["ct-student-data-privacy"]
    assert district.extra["disabled"] == ["student-content-control"]
    assert district.extra["overridden"] == ["breach-notification"]
    assert origin_of(district, "no-sale") == state.path
    assert origin_of(district, "arbitration") == str(tmp_path / "district.yaml")


def test_an_overridden_threshold_changes_the_verdict(tmp_path):
    district = load_rulebook(write_file(tmp_path, "district.yaml", DISTRICT))
    contract = document("The Provider shall notify the District of any breach of student data within forty-eight "
                        "(48) hours of discovery.")
    state_finding = {f.provision: f for f in check_document(contract, load_rulebook(None))}["breach-notification"]
    district_finding = {f.provision: f for f in check_document(contract, district)}["breach-notification"]
    assert state_finding.status == "present"
    assert district_finding.status == "conflict" and district_finding.required_by == ("policy",)


def test_a_rulebook_can_extend_another_by_relative_path_and_chain(tmp_path):
    write_file(tmp_path, "district.yaml", DISTRICT)
    (tmp_path / "schools").mkdir()
    school = load_rulebook(write_file(tmp_path / "schools", "school.yaml", """\
        id: school
        extends: ../district.yaml
        overrides:
          arbitration: {severity: info}
        """))
    assert school.provision("arbitration").severity == "info"
    assert origin_of(school, "arbitration") == str(tmp_path / "district.yaml")
    assert "student-content-control" not in {provision.id for provision in school.provisions}


def test_a_parent_change_changes_the_composed_rulebooks_fingerprint(tmp_path):
    parent = write_file(tmp_path, "parent.yaml",
                   "id: parent\nprovisions:\n  - {id: a, title: A, check: phrase, satisfy: [alpha]}\n")
    child = write_file(tmp_path, "child.yaml", "id: child\nextends: parent.yaml\n")
    before = load_rulebook(child).sha256
    parent.write_text(parent.read_text().replace("alpha", "beta"), encoding="utf-8")
    assert load_rulebook(child).sha256 != before


@pytest.mark.parametrize("text, message", [
    ("id: d\nextends: ct-student-data-privacy\ndisable: [no-such-thing]\n",
     r"d.yaml:3: disable 'no-such-thing': no inherited provision has this id"),
    ("id: d\nextends: ct-student-data-privacy\noverrides:\n  nope: {severity: info}\n",
     r"d.yaml:4: override of 'nope': no inherited provision has this id"),
    ("id: d\nextends: ct-student-data-privacy\noverrides:\n  no-sale: {sverity: info}\n",
     r"d.yaml:4: unknown key 'sverity' \(did you mean 'severity'\?\) in the override of 'no-sale'"),
    ("id: d\nextends: ct-student-data-privacy\noverrides:\n  no-sale: {check: deadline}\n",
     r"d.yaml:4: provision 'no-sale' is a deadline check and needs 'topic' patterns and 'max_hours'"),
    ("id: d\nextends: ct-student-data-privacy\nprovisions:\n  - {id: no-sale, title: T, check: phrase, satisfy: [x]}\n",
     r"d.yaml:4: provision 'no-sale' is already defined in .*ct-student-data-privacy.yaml'; "
     r"change it with 'overrides'"),
    ("id: d\nextends: [missing-rulebook]\n", r"d.yaml:2: extends 'missing-rulebook', but there is no such rulebook"),
    ("id: d\nextends: d.yaml\n", r"d.yaml:2: extends 'd.yaml', which extends this rulebook again"),
    ("id: d\nextends: [ct-student-data-privacy, ct-student-data-privacy]\n",
     r"provision 'data-ownership' comes from both"),
])
def test_composition_mistakes_are_reported_at_their_line(tmp_path, text, message):
    with pytest.raises(RulebookError, match=message):
        load_rulebook(write_file(tmp_path, "d.yaml", text))


def test_a_rulebook_without_extends_still_needs_provisions(tmp_path):
    with pytest.raises(RulebookError, match=r":1: the rulebook has no 'provisions'"):
        load_rulebook(write_file(tmp_path, "d.yaml", "id: d\ndisable: [x]\n"))


def test_several_rulebooks_run_in_one_check(tmp_path):
    district = load_rulebook(write_file(tmp_path, "district.yaml", DISTRICT))
    nda = load_rulebook(load_rulebook(None).path.replace("ct-student-data-privacy", "nda-contractnli"))
    contract = write_file(tmp_path, "contract.txt", "Any dispute shall be settled by binding arbitration.\n\n"
                                               "The Recipient shall not reverse engineer the prototypes.\n")
    report = check_file(contract, [district, nda])
    found = {finding.provision: finding.status for finding in report.findings}
    assert len(report.findings) == len(district.provisions) + len(nda.provisions)
    assert found["arbitration"] == "conflict" and found["nda-11"] == "present"
