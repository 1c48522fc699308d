"""docs/writing-rules.md tells the truth: every rulebook it shows lints clean and passes its examples through
the real command line, every YAML excerpt loads, and what the guide says the worked examples do is what
they do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clausecheck.rulebook import load_rulebook
from clausecheck.rulebook.loader import PROVISION_KEYS, TOP_KEYS
from cli_in_process import clausecheck
from guide import guide_files, guide_yaml_fragments, write_guide_files
from rendering import check_with_cli, findings_of

RULEBOOKS = sorted(name for name in guide_files() if name.endswith(".yaml"))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_guide_files(tmp_path_factory.mktemp("guide"))


def changed(name: str, change, folder: Path) -> Path:
    """The guide's rulebook `name` with `change(data)` made to it, written into `folder`."""
    data = yaml.safe_load(guide_files()[name])
    change(data)
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_the_guide_shows_its_three_worked_rulebooks():
    assert RULEBOOKS == ["albany.yaml", "biometrics.yaml", "hartford.yaml"]


def test_every_rulebook_of_the_guide_lints_clean(files):
    result = clausecheck("rules", "lint", *(files[name] for name in RULEBOOKS))
    assert (result.exit_code, result.stdout.strip()) == (0, f"clean: {len(RULEBOOKS)} rulebooks, no problems")


def test_every_rulebook_of_the_guide_passes_its_examples(files):
    result = clausecheck("rules", "test", *(files[name] for name in RULEBOOKS))
    assert result.exit_code == 0, result.stdout
    assert "\u2717" not in result.stdout and result.stdout.strip().endswith(" passed, 0 failed")


def wrapped(fragment: dict) -> dict:
    """An excerpt as a rulebook that loads: provision keys become a provision of a rulebook extending the
    bundled one (whose terms the excerpt may use); rulebook keys extend the bundled rulebook."""
    base = {"id": "guide-excerpt", "extends": "ct-student-data-privacy"}
    if set(fragment) <= set(PROVISION_KEYS):
        return {**base, "provisions": [{"id": "excerpt", "title": "Excerpt", "check": "phrase", **fragment}]}
    assert set(fragment) <= set(TOP_KEYS), f"an excerpt of neither a rulebook nor a provision: {sorted(fragment)}"
    return {**base, **fragment}


@pytest.mark.parametrize("number", range(len(guide_yaml_fragments())))
def test_every_yaml_excerpt_of_the_guide_loads(number, tmp_path):
    fragment = yaml.safe_load(guide_yaml_fragments()[number])
    if fragment is None:
        return  # a comment only: the editor's schema line
    path = tmp_path / "excerpt.yaml"
    path.write_text(yaml.safe_dump(wrapped(fragment)), encoding="utf-8")
    load_rulebook(path)


def test_the_terms_and_context_the_guide_quotes_are_the_bundled_rulebooks():
    bundled = load_rulebook(None).vocabulary
    quoted = {}
    for text in guide_yaml_fragments():
        fragment = yaml.safe_load(text) or {}
        quoted.update({key: fragment[key] for key in ("terms", "context") if key in fragment})
    for name, phrases in quoted["terms"].items():
        assert tuple(phrases) == bundled.terms[name], name
    context = quoted["context"]
    assert (context["home"], tuple(context["home-aliases"])) == (bundled.home, bundled.home_aliases)
    assert {role: context[role] for role in bundled.roles} == dict(bundled.roles)
    assert tuple(context["filler"]) == bundled.filler and tuple(context["definitions"]) == bundled.mappable_terms


# --- what the guide says of its worked examples ------------------------------------------------------------

def test_hartfords_rulebook_is_the_bundled_one_with_its_changes(files):
    rulebook = load_rulebook(files["hartford.yaml"])
    assert rulebook.provision("breach-notification").max_hours == 24
    assert rulebook.provision("breach-notification").limit_for("statute") == 720  # the statute's 30 days stay
    assert "student-content-control" not in {provision.id for provision in rulebook.provisions}
    assert rulebook.provision("no-arbitration").severity == "warning"


def test_hartfords_new_deadline_fails_the_inherited_examples_it_did_not_replace(files, tmp_path):
    """The guide: had the district kept the Connecticut examples, those giving 48 hours as present fail."""
    path = changed("hartford.yaml", lambda data: data["overrides"]["breach-notification"].pop("examples"), tmp_path)
    result = clausecheck("rules", "test", "-p", "breach-notification", path)
    assert result.exit_code == 1
    failures = [line for line in result.stdout.splitlines() if "FAIL" in line]
    assert failures and all("ct-student-data-privacy.yaml:" in line and "expected present, got conflict" in line
                            for line in failures), result.stdout


def test_without_about_protected_staff_fingerprints_would_be_a_conflict(tmp_path):
    def without_about(data: dict) -> None:
        for pattern in data["provisions"][0]["contradict"]:
            pattern.pop("about")

    path = changed("biometrics.yaml", without_about, tmp_path)
    result = clausecheck("rules", "test", path)
    assert result.exit_code == 1
    assert "expected missing, got conflict: We may collect fingerprints of staff members" in result.stdout


def test_the_biometrics_rulebook_asks_a_person_about_biometrics_used_with_consent(files, tmp_path):
    consent = tmp_path / "consent.txt"
    consent.write_text("With a parent's written consent, students may sign in to the Service with a fingerprint.\n")
    stored = tmp_path / "stored.txt"
    stored.write_text("Tallyroll captures face geometry templates of students to confirm who is present.\n")
    found = check_with_cli([consent, stored], "-r", files["biometrics.yaml"])
    assert findings_of(found["consent.txt"])["no-student-biometrics"]["status"] == "review"
    assert findings_of(found["stored.txt"])["no-student-biometrics"]["status"] == "conflict"


def test_albany_must_replace_the_connecticut_law_examples(tmp_path):
    """The guide: kept, the inherited example for Connecticut schools fails once New York is home."""
    path = changed("albany.yaml", lambda data: data["overrides"]["connecticut-law"].pop("examples"), tmp_path)
    result = clausecheck("rules", "test", "-p", "connecticut-law", path)
    assert result.exit_code == 1
    assert "expected present, got missing: For School Customers located in Connecticut" in result.stdout


def test_a_failing_example_is_shown_at_its_line_with_the_reason(tmp_path):
    """The guide's `rules test` output: Hartford's arbitration pattern without `negated: false`."""
    text = guide_files()["hartford.yaml"].replace('arbitrat*"\n        negated: false\n', 'arbitrat*"\n')
    path = tmp_path / "hartford.yaml"
    path.write_text(text, encoding="utf-8")
    result = clausecheck("rules", "test", "-p", "no-arbitration", path)
    assert result.exit_code == 1
    assert f"FAIL {path}:36: expected missing, got conflict: The parties are not required to submit any dispute " \
           "to binding arbitration.\n           the contract says \u201cbinding arbitration\u201d" in result.stdout


def test_a_review_patterns_reason_does_not_say_the_words_match_only_roughly(files, tmp_path):
    consent = tmp_path / "consent.txt"
    consent.write_text("With a parent's written consent, students may sign in to the Service with a fingerprint.\n")
    finding = findings_of(check_with_cli([consent], "-r", files["biometrics.yaml"])["consent.txt"])
    assert "roughly" not in finding["no-student-biometrics"]["reason"]
