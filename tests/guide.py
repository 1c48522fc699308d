"""The files docs/writing-rules.md shows in full: each is a fenced block under a `<!-- file: NAME -->`
line, so that tests can write them out and run the real commands the guide shows on them."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "writing-rules.md"
_FILE_BLOCK = re.compile(r"^<!-- file: (?P<name>[\w.-]+) -->\n```[^\n]*\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
_YAML_BLOCK = re.compile(r"^```yaml\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def guide_files() -> dict[str, str]:
    """{file name: content} of every block the guide marks as a file."""
    return {match["name"]: match["body"] for match in _FILE_BLOCK.finditer(GUIDE.read_text(encoding="utf-8"))}


def guide_yaml_fragments() -> list[str]:
    """The ```yaml blocks that are not whole files: excerpts of a rulebook."""
    text = GUIDE.read_text(encoding="utf-8")
    whole = set(guide_files().values())
    return [match["body"] for match in _YAML_BLOCK.finditer(text) if match["body"] not in whole]


def write_guide_files(folder: Path) -> dict[str, Path]:
    """Write every file of the guide into `folder`; their paths by name."""
    paths = {}
    for name, content in guide_files().items():
        paths[name] = folder / name
        paths[name].write_text(content, encoding="utf-8")
    return paths
