"""Settings through the real CLI: found by walking up, CLI flags win, unknown keys named with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clausecheck.config import load_config
from clausecheck.rulebook import default_rulebook_path
from test_batch import contract, rows, run_cli

pytestmark = pytest.mark.usefixtures("isolated")


def test_settings_in_pyproject_are_found_from_a_subfolder_and_cli_flags_win(
        isolated: Path, capsys, monkeypatch) -> None:
    (isolated / "pyproject.toml").write_text(
        '[project]\nname = "district"\n\n[tool.clausecheck]\nfail-on = "conflict"\n')
    sub = isolated / "contracts" / "2024"
    sub.mkdir(parents=True)
    (sub / "lacking.txt").write_text(contract(missing=("severability",)))
    monkeypatch.chdir(sub)
    assert run_cli(capsys, "lacking.txt").exit_code == 0
    assert run_cli(capsys, "lacking.txt", "--fail-on", "review").exit_code == 1


def test_clausecheck_yaml_wins_over_pyproject_in_the_same_folder(isolated: Path, capsys) -> None:
    (isolated / "pyproject.toml").write_text('[tool.clausecheck]\nfail-on = "never"\n')
    (isolated / ".clausecheck.yaml").write_text("fail-on: review\n")
    (isolated / "lacking.txt").write_text(contract(missing=("severability",)))
    assert run_cli(capsys, "lacking.txt").exit_code == 1


def test_an_unknown_key_in_the_yaml_settings_is_an_error_naming_file_and_line(isolated: Path, capsys) -> None:
    (isolated / ".clausecheck.yaml").write_text("# district settings\nfail-on: missing\nfail_on: review\n")
    (isolated / "a.txt").write_text(contract())
    result = run_cli(capsys, "a.txt")
    assert result.exit_code == 2
    assert ".clausecheck.yaml:3: unknown setting 'fail_on' (did you mean 'fail-on'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_key_in_pyproject_names_its_line_even_in_a_sub_table(isolated: Path, capsys) -> None:
    (isolated / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.clausecheck]\njobs = 2\n\n[tool.clausecheck.district]\nname = "Town BOE"\n'
        'phone = "555"\n')
    (isolated / "a.txt").write_text(contract())
    result = run_cli(capsys, "a.txt")
    assert result.exit_code == 2
    assert "pyproject.toml:9: unknown district setting 'phone'" in result.stderr


def test_a_bad_value_and_broken_toml_are_errors_with_their_line(isolated: Path, capsys) -> None:
    (isolated / "a.txt").write_text(contract())
    (isolated / "pyproject.toml").write_text('[tool.clausecheck]\n\njobs = 0\n')
    result = run_cli(capsys, "a.txt")
    assert result.exit_code == 2 and "pyproject.toml:3: 'jobs' must be a whole number" in result.stderr
    (isolated / "pyproject.toml").write_text('[tool.clausecheck]\nfail-on = "review\n')
    result = run_cli(capsys, "a.txt")
    assert result.exit_code == 2 and "pyproject.toml:2: not valid TOML" in result.stderr


def test_exclude_globs_skip_files_in_folders_and_named_ones(isolated: Path, capsys) -> None:
    (isolated / ".clausecheck.yaml").write_text('exclude: ["drafts/**", "*-old.txt"]\n')
    for name in ("signed/a.txt", "signed/b-old.txt", "drafts/c.txt", "signed/drafts/d.txt"):
        (isolated / name).parent.mkdir(parents=True, exist_ok=True)
        (isolated / name).write_text(contract())
    result = run_cli(capsys, ".", "signed/b-old.txt", "--format", "json")
    assert sorted(rows(result)) == ["signed/a.txt", "signed/drafts/d.txt"]


def test_include_globs_choose_which_files_a_folder_gives(isolated: Path, capsys) -> None:
    (isolated / "pyproject.toml").write_text('[tool.clausecheck]\ninclude = ["*.md"]\n')
    (isolated / "a.txt").write_text(contract())
    (isolated / "b.md").write_text(contract())
    assert list(rows(run_cli(capsys, ".", "--format", "json"))) == ["b.md"]


def test_a_severity_override_to_warning_keeps_the_finding_but_does_not_fail(isolated: Path, capsys) -> None:
    (isolated / ".clausecheck.yaml").write_text("severity:\n  student-content-control: warning\n")
    (isolated / "lacking.txt").write_text(contract(missing=("student-content-control",)))
    result = run_cli(capsys, "lacking.txt", "--format", "json")
    assert result.exit_code == 0
    finding = next(f for f in result.json()["documents"][0]["findings"] if f["provision"] == "student-content-control")
    assert (finding["status"], finding["severity"]) == ("missing", "warning")
    sarif = json.loads(run_cli(capsys, "lacking.txt", "--format", "sarif").stdout)
    assert [result["level"] for result in sarif["runs"][0]["results"]] == ["warning"]


def test_a_severity_override_for_an_unknown_provision_is_an_error_with_its_line(isolated: Path, capsys) -> None:
    (isolated / ".clausecheck.yaml").write_text("severity:\n  student-content-control: warning\n  severabilty: info\n")
    (isolated / "a.txt").write_text(contract())
    result = run_cli(capsys, "a.txt")
    assert result.exit_code == 2
    assert ".clausecheck.yaml:3: severity override for unknown provision 'severabilty' (did you mean 'severability'?)" \
        in result.stderr


def test_rulebooks_in_the_settings_are_relative_to_the_settings_file(isolated: Path, capsys, monkeypatch) -> None:
    (isolated / "rules").mkdir()
    text = default_rulebook_path().read_text().replace("id: ct-student-data-privacy", "id: town-privacy", 1)
    (isolated / "rules" / "town.yaml").write_text(text)
    (isolated / ".clausecheck.yaml").write_text("rules: rules/town.yaml\n")
    (isolated / "sub").mkdir()
    (isolated / "sub" / "a.txt").write_text(contract())
    monkeypatch.chdir(isolated / "sub")
    assert run_cli(capsys, "a.txt", "--format", "json").json()["rulebook"]["id"] == "town-privacy"


def test_jobs_and_timeout_in_the_settings_are_used(isolated: Path, capsys) -> None:
    (isolated / ".clausecheck.yaml").write_text("jobs: 1\ntimeout: 0\ncache: false\n")
    (isolated / "a.txt").write_text(contract())
    assert run_cli(capsys, "a.txt").exit_code == 0
    assert not (isolated.parent / "cache").exists()


def test_the_district_profile_is_read_and_checked(isolated: Path, capsys) -> None:
    (isolated / ".clausecheck.yaml").write_text(
        "district:\n  name: Town of Example Board of Education\n  address: 1 School St, Example, CT\n"
        "  contact: privacy@example.org\n")
    profile = load_config(start=isolated).district
    assert profile.name == "Town of Example Board of Education" and profile.contact == "privacy@example.org"
    (isolated / ".clausecheck.yaml").write_text("district:\n  name: Town\n  phone: 555\n")
    (isolated / "a.txt").write_text(contract())
    result = run_cli(capsys, "a.txt")
    assert result.exit_code == 2 and ".clausecheck.yaml:3: unknown district setting 'phone'" in result.stderr


def test_an_explicit_config_file_is_used_instead_of_the_one_found(isolated: Path, capsys) -> None:
    (isolated / ".clausecheck.yaml").write_text("fail-on: review\n")
    (isolated / "lenient.yaml").write_text("fail-on: never\n")
    (isolated / "lacking.txt").write_text(contract(missing=("severability",)))
    assert run_cli(capsys, "lacking.txt", "--config", "lenient.yaml").exit_code == 0
    assert run_cli(capsys, "lacking.txt", "--config", "missing.yaml").exit_code == 2
