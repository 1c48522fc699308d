"""Every YAML file a user writes (settings, waivers, a rulebook, a letter template) is checked by one
validator: a misspelt key is named with the key meant, at its file and line, and exits 2."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cli_in_process import clausecheck

REPOSITORY = Path(__file__).resolve().parents[1]
CONTRACT = REPOSITORY / "samples" / "vendor-terms.txt"

FILES = {
    "settings": (".clausecheck.yaml", "fail-on: conflict\nfailon: missing\n", 2, "unknown setting 'failon' "
                 "(did you mean 'fail-on'?) in the settings"),
    "waivers": ("waivers.yaml", """\
        waivers:
          - document: contract.txt
            provision: student-content-control
            reason: the board accepts the vendor's export tool
            aproved-by: Board vote 2025-14
            expires: 2027-06-30
        """, 5, "unknown waiver key 'aproved-by' (did you mean 'approved-by'?) in a waiver"),
    "rulebook": ("rules.yaml", """\
        id: district
        version: "1"
        provisions:
          - id: arbitration
            title: No mandatory arbitration
            check: phrase
            satisfy: ["arbitration"]
            amendmnt: Disputes go to the courts of Connecticut.
        """, 8, "unknown key 'amendmnt' (did you mean 'amendment'?) in a provision"),
    "template": ("letter.yaml", "closin: Yours,\n", 1, "'closin' (did you mean 'closing'?) is not a part of the "
                 "amendment-letter template"),
}
COMMANDS = {
    "settings": ["check", "contract.txt"],
    "waivers": ["check", "contract.txt", "--waivers", "waivers.yaml"],
    "rulebook": ["check", "contract.txt", "--rules", "rules.yaml"],
    "template": ["letter", "contract.txt", "--district", "Millbrook Public Schools", "--template", "letter.yaml",
                 "-o", "letter.md"],
}


@pytest.mark.parametrize("kind", FILES)
def test_a_misspelt_key_names_the_key_meant_at_its_file_and_line(kind, tmp_path, monkeypatch):
    name, text, line, message = FILES[kind]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contract.txt").write_text(CONTRACT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    result = clausecheck(*COMMANDS[kind])
    assert result.exit_code == 2, result.stderr
    assert f"{name}:{line}: {message}" in result.stderr
    assert "Traceback" not in result.stderr
