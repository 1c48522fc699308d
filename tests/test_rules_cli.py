"""`clausecheck rules list|show|lint|test|schema`: the rulebook author's tools, through the real command line."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from clausecheck.checks.kinds import check_kinds, kind_options
from clausecheck.rulebook.examples import run_examples
from clausecheck.rulebook.lint import lint_file
from clausecheck.rulebook.loader import (
    PATTERN_KEYS,
    PROVISION_KEYS,
    TOP_KEYS,
    bundled_rulebooks,
    load_rulebook,
    provision_keys,
)
from clausecheck.rulebook.schema import HELP, rulebook_schema, schema_text
from cli_in_process import clausecheck
from conftest import write_file as write
from test_batch import CliResult

ROOT = Path(__file__).resolve().parents[1]

BROKEN = """\
id: broken
provisions:
  - id: arbitration
    title: No mandatory arbitration
    check: phrase
    contradict: ["(arbitration|arbitrate)"]
  - id: arbitration
    title: Twice
    check: phrase
    satisfy: ["courts"]
    amendment: Disputes go to court.
  - id: statute
    title: Cites the statute
    check: phrase
    satisfy:
      - "§10 ..3 234"
      - "(the|shall) (be|any)"
      - pattern: "(sell|rent) data"
        unless: ["(sell|rent|trade)"]
    amendment: The statute applies.
    examples:
      missing: ["Nothing here."]
  - id: bad
    title: Bad key
    check: phrase
    sverity: error
"""


def run(*arguments: str, cwd: Path | None = None) -> CliResult:
    """`clausecheck rules ARGUMENTS...` run in this process from `cwd` (the checkout by default)."""
    with contextlib.chdir(cwd or ROOT):
        return clausecheck("rules", *arguments)


def test_rules_list_shows_the_bundled_rulebooks_and_their_provisions(tmp_path):
    result = run("list", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "ct-student-data-privacy" in result.stdout and "nda-contractnli" in result.stdout
    assert "breach-notification" in result.stdout and "nda-17" in result.stdout


def test_rules_list_includes_the_configured_rulebooks(tmp_path):
    write(tmp_path, "district.yaml", "id: district\nextends: ct-student-data-privacy\n")
    write(tmp_path, ".clausecheck.yaml", "rules: [district.yaml]\n")
    result = run("list", "--brief", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "district" in result.stdout and "extends ct-student-data-privacy" in result.stdout


def test_rules_show_prints_a_provisions_citation_patterns_and_amendment():
    result = run("show", "breach-notification")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "check: deadline" in out and "max_hours: 48" in out
    assert "10-234bb" in out  # the citation
    assert "topic" in out and "notify" in out  # the patterns
    assert "Amendment" in out and "forty-eight (48) hours" in out
    assert "Examples" in out


def test_rules_show_of_an_unknown_provision_is_one_clear_error():
    result = run("show", "no-such-provision")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("clausecheck: error: no provision 'no-such-provision'")
    assert "Traceback" not in result.stderr


def test_rules_lint_is_clean_on_the_bundled_rulebooks():
    result = run("lint")
    assert result.exit_code == 0, result.stdout
    problems = [problem for path in bundled_rulebooks() for problem in lint_file(path)]
    assert [str(problem) for problem in problems] == []


def test_rules_lint_reports_every_problem_at_its_file_and_line(tmp_path):
    path = write(tmp_path, "broken.yaml", BROKEN)
    result = run("lint", str(path))
    assert result.exit_code == 1
    out = result.stdout
    assert "broken.yaml:3: warning: provision 'arbitration' has no 'amendment'" in out
    assert "broken.yaml:7: error: provision id 'arbitration' is used twice (first on line 3)" in out
    assert "broken.yaml:16: error: 'satisfy' pattern '§10 ..3 234' of provision 'statute' can never match" in out
    assert ("broken.yaml:17: warning: 'satisfy' pattern '(the|shall) (be|any)' of provision 'statute' matches "
            "almost any" in out)
    assert "broken.yaml:18: error: 'satisfy' pattern '(sell|rent) data' of provision 'statute' can never count" in out
    assert "broken.yaml:12: warning: provision 'statute' can give 'present' but has no 'present' example" in out
    assert "broken.yaml:26: error: unknown key 'sverity' (did you mean 'severity'?) in a provision" in out


def test_rules_lint_reports_broken_yaml_at_its_line(tmp_path):
    path = write(tmp_path, "broken.yaml", "id: x\nprovisions:\n  - id: a\n    title: [unclosed\n")
    result = run("lint", str(path))
    assert result.exit_code == 1
    assert "broken.yaml:" in result.stdout and "not valid YAML" in result.stdout


def test_rules_test_passes_on_both_bundled_rulebooks():
    result = run("test")
    assert result.exit_code == 0, result.stdout
    assert "✓ breach-notification" in result.stdout and "✓ nda-7" in result.stdout
    assert " 0 failed" in result.stdout


def test_rules_test_reports_a_failing_example_with_its_line(tmp_path):
    path = write(tmp_path, "district.yaml", """\
        id: district
        provisions:
          - id: arbitration
            title: No mandatory arbitration
            check: phrase
            contradict: ["(arbitration|arbitrate)"]
            amendment: Disputes are heard by the courts of Connecticut.
            examples:
              conflict:
                - "All disputes shall be settled by binding arbitration."
                - "Disputes go to mediation first."
        """)
    result = run("test", str(path))
    assert result.exit_code == 1
    assert "✗ arbitration  1/2" in result.stdout
    assert "district.yaml:11: expected conflict, got missing: Disputes go to mediation first." in result.stdout
    assert "1 passed, 1 failed" in result.stdout


def test_run_examples_gives_one_result_per_example_for_the_lead_harness():
    rulebook = load_rulebook(None)
    results = run_examples(rulebook)
    assert len(results) == sum(len(provision.examples) for provision in rulebook.provisions)
    assert all(result.passed for result in results), [r for r in results if not r.passed]
    first = results[0]
    assert first.rulebook == rulebook.id and first.path == rulebook.path and first.line


def test_the_schema_in_docs_is_the_one_the_code_generates():
    assert (ROOT / "docs" / "rulebook.schema.json").read_text(encoding="utf-8") == schema_text()
    result = run("schema")
    assert result.exit_code == 0 and json.loads(result.stdout) == rulebook_schema()


def test_every_key_the_loader_knows_is_in_the_schema_with_help():
    schema = rulebook_schema()
    assert set(schema["properties"]) == set(TOP_KEYS)
    assert set(schema["$defs"]["provision"]["properties"]) == set(provision_keys())
    for key in (*TOP_KEYS, *PATTERN_KEYS, *(key for key in PROVISION_KEYS if key != "check")):
        assert HELP.get(key), f"no help text for '{key}'"
    for kind in check_kinds().values():  # `check` lists every kind, from the kinds' registry
        assert kind.name in schema["$defs"]["provision"]["properties"]["check"]["description"]
    for key, option in kind_options().items():  # a check kind's own keys, with the kind's help
        assert option.help in schema["$defs"]["provision"]["properties"][key]["description"]


def test_the_bundled_rulebooks_and_a_composed_one_validate_against_the_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    validator = jsonschema.Draft202012Validator(rulebook_schema())
    district = write(tmp_path, "district.yaml", """\
        id: district
        extends: ct-student-data-privacy
        disable: [severability]
        overrides: {breach-notification: {max_hours: 24}}
        """)
    for path in (*bundled_rulebooks(), district):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert not errors, (path, [error.message for error in errors])
    bad = {"id": "x", "provisions": [{"id": "a", "title": "A", "check": "deadline", "topic": ["notify"]}]}
    assert any("max_hours" in error.message for error in validator.iter_errors(bad))
