"""The GitHub Actions workflow and the pre-commit hook in the repository do what they say: their
commands are run here as the CI runner and pre-commit would run them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

import clausecheck
from test_batch import contract

pytestmark = pytest.mark.usefixtures("isolated")

REPOSITORY = Path(__file__).resolve().parents[1]
WORKFLOW = REPOSITORY / "examples" / "github-actions" / "clausecheck.yml"
HOOKS = REPOSITORY / ".pre-commit-hooks.yaml"


@pytest.fixture
def clausecheck_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment where `clausecheck` runs this source tree, as `pip install clausecheck` would."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    script = bin_folder / "clausecheck"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m clausecheck "$@"\n')
    script.chmod(0o755)
    source = str(Path(clausecheck.__file__).resolve().parents[1])
    environment = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
                   "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))}
    return environment


def contracts_repository(root: Path) -> None:
    (root / "contracts").mkdir()
    (root / "contracts" / "good.txt").write_text(contract())
    (root / "contracts" / "lacking.txt").write_text(contract(missing=("breach-notification",)))
    (root / "README.md").write_text("# Our contracts\n")


def test_the_workflow_check_step_fails_the_job_annotates_and_writes_every_report(
        isolated: Path, clausecheck_on_path: dict) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = workflow["jobs"]["clausecheck"]["steps"]
    check = next(step for step in steps if step.get("id") == "clausecheck")
    uploads = [step for step in steps if "upload-sarif" in step.get("uses", "")]
    assert uploads and uploads[0]["with"]["sarif_file"] == "clausecheck.sarif"
    [artifact] = [step for step in steps if "upload-artifact" in step.get("uses", "")]
    assert artifact["if"] == "${{ !cancelled() }}"  # kept when the check fails, which is when it is read
    kept = artifact["with"]["path"].split()
    assert workflow["permissions"]["security-events"] == "write"

    contracts_repository(isolated)
    summary = isolated / "step-summary.md"
    summary.write_text("")
    environment = {**clausecheck_on_path, "GITHUB_STEP_SUMMARY": str(summary), "CI": "true",
                   "GITHUB_ACTIONS": "true", "CLAUSECHECK_CACHE_DIR": str(isolated / ".cache")}
    process = subprocess.run(["bash", "-e", "-c", check["run"]], cwd=isolated, env=environment,
                             capture_output=True, text=True, timeout=300)
    assert process.returncode == 1, process.stderr
    assert process.stdout.startswith("::error file=contracts/lacking.txt,title=clausecheck%3A Required provision "
                                     "missing")
    assert "Breach notice" in process.stdout
    assert json.loads((isolated / "clausecheck.sarif").read_text())["runs"][0]["results"]
    assert int(ElementTree.parse(isolated / "clausecheck-junit.xml").getroot().get("failures")) == 1
    assert "<h2 id=\"overview-t\" class=\"verdict v-fail\">" in (isolated / "clausecheck-report.html").read_text()
    assert all((isolated / name).is_file() for name in kept)
    assert summary.read_text().startswith("## ❌ clausecheck: 1 of 2 contracts need amendment")


def test_the_pre_commit_hook_runs_on_the_contracts_it_is_given(isolated: Path, clausecheck_on_path: dict) -> None:
    [hook] = yaml.safe_load(HOOKS.read_text())
    assert {"id", "name", "entry", "language"} <= set(hook) and hook["id"] == "clausecheck"
    files = re.compile(hook["files"])
    assert files.search("contracts/Vendor Agreement.PDF") and files.search("dpa.docx")
    assert not files.search("logo.png")

    contracts_repository(isolated)
    # pre-commit passes the staged files its `files` pattern (narrowed by the user to contracts/) takes.
    staged = ["contracts/good.txt", "contracts/lacking.txt"]
    command = [*hook["entry"].split(), *hook.get("args", []), *[name for name in staged if files.search(name)]]
    environment = {**clausecheck_on_path, "CLAUSECHECK_CACHE_DIR": str(isolated / ".cache")}
    failed = subprocess.run(command, cwd=isolated, env=environment, capture_output=True, text=True, timeout=300)
    assert failed.returncode == 1
    assert "lacking.txt" in failed.stdout and "FAIL" in failed.stdout
    passed = subprocess.run([*command[:-1]], cwd=isolated, env=environment, capture_output=True, text=True, timeout=300)
    assert passed.returncode == 0, passed.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_help_is_fast_because_heavy_imports_wait_for_a_command(clausecheck_on_path: dict) -> None:
    import time

    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "clausecheck", "--help"], env=clausecheck_on_path, capture_output=True,
                   check=True, timeout=60)
    assert time.perf_counter() - started < 2.0  # generous: the goal is 150 ms on a quiet machine
    modules = subprocess.run([sys.executable, "-c", "import sys, clausecheck.cli; print(sorted(sys.modules))"],
                             env=clausecheck_on_path, capture_output=True, text=True, check=True).stdout
    for heavy in ("clausecheck.batch", "clausecheck.report.sarif", "platformdirs", "clausecheck.engine"):
        assert f"'{heavy}'" not in modules
