"""The README's commands run as written: every `sh` block's command is run in a folder laid out as the
examples assume (the samples under their own names, contract.pdf, contract.docx, contracts/, acme.docx, and the
settings file the README shows for letters). The set-up commands need the network and are what .ci/run
runs; benchmark scripts and the shared-data evaluation are left to their own tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
README = (REPOSITORY / "README.md").read_text(encoding="utf-8")
NETWORK_OR_SLOW = ("python3 -m venv", ". .venv/bin/activate", "pip install", "apt-get", "brew ", "python3 benchmarks/", "../shared/")


def readme_commands() -> list[str]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip() and not any(marker in command for marker in NETWORK_OR_SLOW):
                commands.append(command.strip())
    return commands


def settings_for_letters() -> str:
    [settings] = [block for block in re.findall(r"```yaml\n(.*?)```", README, re.S)
                  if block.startswith("# .clausecheck.yaml")]
    return settings


def test_the_set_up_commands_create_a_virtual_environment_and_use_python3() -> None:
    first, second = re.findall(r"```sh\n(.*?)```", README, re.S)[:2]
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert second.startswith(". .venv/bin/activate && ")
    assert not re.search(r"(^|[\s;&|(])python\s", README), "a `python` command: stock Debian has only python3"


@pytest.fixture(scope="module")
def example_folder(tmp_path_factory, vendor_docx: Path) -> Path:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPOSITORY / "samples", folder / "samples")
    shutil.copy(REPOSITORY / "samples" / "vendor-agreement.pdf", folder / "contract.pdf")
    shutil.copy(REPOSITORY / "samples" / "ct-data-privacy-agreement.docx", folder / "acme.docx")
    shutil.copy(vendor_docx, folder / "contract.docx")
    (folder / "contracts" / "2024").mkdir(parents=True)
    shutil.copy(REPOSITORY / "samples" / "vendor-agreement.pdf", folder / "contracts" / "2024" / "brightpath.pdf")
    shutil.copy(REPOSITORY / "samples" / "ct-data-privacy-agreement.docx", folder / "contracts" / "acme.docx")
    (folder / ".clausecheck.yaml").write_text(settings_for_letters())
    return folder


@pytest.mark.parametrize("command", readme_commands())
def test_a_readme_command_runs_as_written(example_folder: Path, command: str) -> None:
    environment = {**os.environ, "CLAUSECHECK_CACHE_DIR": str(example_folder / ".cache"),
                   "GITHUB_STEP_SUMMARY": str(example_folder / "summary.md"),
                   "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    environment.pop("CI", None)
    if shutil.which("clausecheck", path=environment["PATH"]) is None:
        pytest.skip("clausecheck is not installed beside this Python (pip install . first)")
    result = subprocess.run(["bash", "-c", command], cwd=example_folder, env=environment, capture_output=True,
                            text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr
    # 0 or 1 is a check that ran (1: the sample's findings); 2 would be a usage or settings error.
    assert result.returncode in (0, 1), (command, result.stderr[-2000:])


def test_the_pinned_commit_of_the_examples_exists_and_holds_the_hook() -> None:
    pins = set(re.findall(r"rev: ([0-9a-f]{40})", README))
    pins |= set(re.findall(r"clausecheck@([0-9a-f]{40})",
                           (REPOSITORY / "examples" / "github-actions" / "clausecheck.yml").read_text()))
    assert len(pins) == 1
    if shutil.which("git") is None or not (REPOSITORY / ".git").exists():
        pytest.skip("not a git checkout: the pinned commit cannot be looked up")
    [pin] = pins
    shown = subprocess.run(["git", "cat-file", "-e", f"{pin}:.pre-commit-hooks.yaml"], cwd=REPOSITORY,
                           capture_output=True)
    if shown.returncode != 0 and subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=REPOSITORY,
                                                capture_output=True, text=True).stdout.strip() == "true":
        pytest.skip("a shallow clone does not hold the pinned commit")
    assert shown.returncode == 0, f"commit {pin} with .pre-commit-hooks.yaml is not in this repository"
