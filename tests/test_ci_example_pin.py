"""The GitHub Actions example installs clausecheck at a pinned commit (issue 11: "installs clausecheck in a
way that works today"). tests/test_batch_examples.py runs the workflow's check step with this checkout's
code; this test asks whether the pinned commit itself knows every report format that step writes, since
that commit is what the workflow installs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
WORKFLOW = REPOSITORY / "examples" / "github-actions" / "clausecheck.yml"


def formats_the_workflow_writes() -> set[str]:
    text = WORKFLOW.read_text(encoding="utf-8")
    return set(re.findall(r"--format (\w+)", text)) | set(re.findall(r'--output "?(\w+)=', text))


def formats_at(commit: str) -> str | None:
    """The source of report/formats.py at `commit`, or None where it cannot be read."""
    shown = subprocess.run(["git", "show", f"{commit}:src/clausecheck/report/formats.py"], cwd=REPOSITORY,
                           capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


def test_the_pinned_commit_knows_every_format_the_workflow_writes() -> None:
    [pin] = set(re.findall(r"clausecheck@([0-9a-f]{40})", WORKFLOW.read_text(encoding="utf-8")))
    if shutil.which("git") is None or not (REPOSITORY / ".git").exists():
        pytest.skip("not a git checkout: the pinned commit cannot be looked up")
    source = formats_at(pin)
    if source is None:
        pytest.skip(f"commit {pin} is not in this clone")
    formats = formats_the_workflow_writes()
    assert {"github", "sarif", "junit", "html", "markdown"} <= formats
    unknown = sorted(name for name in formats if f'"{name}": (' not in source)
    assert not unknown, f"the pinned commit {pin[:12]} does not know the format(s) {unknown}"
