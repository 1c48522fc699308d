"""The documentation's commands run as written: every `sh` block of README.md, docs/*.md and
benchmarks/README.md. A command is run in a folder laid out as the examples assume (the samples under
their own names, contract.pdf, contract.docx, contracts/, acme.docx, signed/brightpath.pdf, a saved
report.json and baseline, and the settings file the README shows for letters). The set-up commands need
the network and are what .ci/run runs: of those, only the extras named are checked. A benchmark script
or a command on the shared evaluation data takes minutes, so it is checked against its own `--help`:
the script or subcommand exists and knows every option the page uses, and the shared paths it names
exist when the shared data is there. Every relative link of these pages points at a file that exists."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
README = (REPOSITORY / "README.md").read_text(encoding="utf-8")
PAGES = [REPOSITORY / "README.md", *sorted((REPOSITORY / "docs").glob("*.md")), REPOSITORY / "benchmarks" / "README.md"]
SET_UP = ("python3 -m venv", ". .venv/bin/activate", "pip install", "apt-get", "brew ")
CHECKED_BY_HELP = ("python3 benchmarks/", "../shared/")


def page_name(page: Path) -> str:
    return page.relative_to(REPOSITORY).as_posix()


def shell_commands(text: str) -> list[str]:
    """Each command of the page's `sh` blocks: continuation lines joined, comment lines left out."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip() and not command.lstrip().startswith("#"):
                commands.append(command.strip())
    return commands


def documented_commands() -> list:
    return [pytest.param(page_name(page), command, id=f"{page_name(page)}: {command}")
            for page in PAGES for command in shell_commands(page.read_text(encoding="utf-8"))]


def settings_for_letters() -> str:
    [settings] = [block for block in re.findall(r"```yaml\n(.*?)```", README, re.S)
                  if block.startswith("# .clausecheck.yaml")]
    return settings


def shared_folder() -> Path:
    return Path(os.environ.get("CLAUSECHECK_SHARED") or REPOSITORY.parent / "shared")


def test_the_set_up_commands_create_a_virtual_environment_and_use_python3() -> None:
    first, second = re.findall(r"```sh\n(.*?)```", README, re.S)[:2]
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert second.startswith(". .venv/bin/activate && ")
    for page in PAGES:
        assert not re.search(r"(^|[\s;&|(`])python\s", page.read_text(encoding="utf-8")), \
            f"a `python` command in {page_name(page)}: stock Debian has only python3"


def test_the_readme_stays_a_front_door() -> None:
    assert len((REPOSITORY / "README.md").read_bytes()) <= 8_600


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> dict[str, str]:
    cache = tmp_path_factory.mktemp("cache")
    environment = {**os.environ, "CLAUSECHECK_CACHE_DIR": str(cache),
                   "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    environment.pop("CI", None)
    if shutil.which("clausecheck", path=environment["PATH"]) is None:
        pytest.skip("clausecheck is not installed beside this Python (pip install . first)")
    return environment


@pytest.fixture(scope="module")
def example_folder(tmp_path_factory, vendor_docx: Path, environment: dict) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPOSITORY / "samples", folder / "samples")
    shutil.copy(REPOSITORY / "samples" / "vendor-agreement.pdf", folder / "contract.pdf")
    shutil.copy(REPOSITORY / "samples" / "ct-data-privacy-agreement.docx", folder / "acme.docx")
    shutil.copy(vendor_docx, folder / "contract.docx")
    (folder / "contracts" / "2024").mkdir(parents=True)
    shutil.copy(REPOSITORY / "samples" / "vendor-agreement.pdf", folder / "contracts" / "2024" / "brightpath.pdf")
    shutil.copy(REPOSITORY / "samples" / "ct-data-privacy-agreement.docx", folder / "contracts" / "acme.docx")
    (folder / "signed").mkdir()
    shutil.copy(REPOSITORY / "samples" / "vendor-agreement.pdf", folder / "signed" / "brightpath.pdf")
    (folder / ".clausecheck.yaml").write_text(settings_for_letters())
    # What a page's earlier command leaves for a later one, so each command also runs on its own.
    for command in (["contract.pdf", "-f", "json", "-o", "report.json"],
                    ["contracts/", "--write-baseline", ".clausecheck-baseline.json"]):
        subprocess.run(["clausecheck", *command], cwd=folder, env=environment, capture_output=True, timeout=300,
                       stdin=subprocess.DEVNULL)
    assert (folder / "report.json").is_file() and (folder / ".clausecheck-baseline.json").is_file()
    return folder


def help_of(argv: list[str], environment: dict) -> str:
    result = subprocess.run(argv, cwd=REPOSITORY, env={**environment, "COLUMNS": "200", "NO_COLOR": "1"},
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, (argv, result.stderr[-2000:])
    return result.stdout


def check_against_help(command: str, environment: dict) -> None:
    """The script or subcommand exists, its --help names every option used, and shared paths exist."""
    words = shlex.split(command, comments=True)
    if words[:2] == ["python3", words[1]] and words[1].startswith("benchmarks/"):
        script = REPOSITORY / words[1]
        assert script.is_file(), f"{words[1]} does not exist"
        help_text = help_of([sys.executable, str(script), "--help"],
                            {**environment, "PYTHONPATH": str(REPOSITORY / "src")})
        arguments = words[2:]
    else:
        assert words[0] == "clausecheck", f"no way to check {command!r} without running it"
        commands = re.findall(r"^  ([a-z-]+)  ", help_of(["clausecheck", "--help"], environment), re.M)
        subcommand = words[1:2] if words[1] in commands else ["check"]
        if subcommand == ["rules"]:
            subcommand = words[1:3]
        help_text = help_of(["clausecheck", *subcommand, "--help"], environment)
        arguments = words[1 + len(subcommand) if words[1] in commands else 1:]
    for word in arguments:
        if word.startswith("-"):
            option = word.split("=")[0]
            assert re.search(rf"(^|[\s,\[]){re.escape(option)}([\s,=\]]|$)", help_text, re.M), \
                f"{option} is not an option of {command.split()[0:2]}"
        elif word.startswith("../shared/") and shared_folder().is_dir():
            assert (shared_folder() / word.removeprefix("../shared/")).exists(), f"{word} does not exist"


def check_set_up(command: str) -> None:
    """A set-up command is not run here (.ci/run runs the README's two); the extras it names exist."""
    extras = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    named = [extra for group in re.findall(r"\.\[([\w,-]+)\]", command) for extra in group.split(",")]
    assert set(named) <= set(extras), f"{command}: no such extra in pyproject.toml"
    if not named:
        pytest.skip("a set-up command needs the network: .ci/run runs the README's")


@pytest.mark.parametrize(("page", "command"), documented_commands())
def test_a_documented_command_runs_as_written(page: str, command: str, environment: dict,
                                              example_folder: Path) -> None:
    if any(marker in command for marker in SET_UP):
        check_set_up(command)
        return
    if any(marker in command for marker in CHECKED_BY_HELP):
        check_against_help(command, environment)
        return
    result = subprocess.run(["bash", "-c", command], cwd=example_folder,
                            env={**environment, "GITHUB_STEP_SUMMARY": str(example_folder / "summary.md")},
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr
    # 0 or 1 is a check that ran (1: the sample's findings); 2 would be a usage or settings error.
    assert result.returncode in (0, 1), (page, command, result.stderr[-2000:])


def relative_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    targets = re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text)
    return [target for target in targets if not re.match(r"[a-z]+:|#", target)]


@pytest.mark.parametrize("page", PAGES, ids=page_name)
def test_every_relative_link_points_at_a_file_that_exists(page: Path) -> None:
    links = relative_links(page)
    broken = [link for link in links if not (page.parent / link.split("#")[0]).exists()]
    assert broken == [], f"{page_name(page)} links to files that do not exist: {broken}"


def test_the_pinned_commit_of_the_examples_exists_and_holds_the_hook() -> None:
    pins = set()
    for page in PAGES:
        pins |= set(re.findall(r"rev: ([0-9a-f]{40})", page.read_text(encoding="utf-8")))
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
