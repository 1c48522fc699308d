"""The district that sends a letter or notice: its name, its Board of Education, address, contacts and who
signs.

The one district record: the settings file's `district:` table (`clausecheck.config`: name, board,
address, contact, signer, signer-title) is read into it, and command options fill in or override each
field. `load_district` is the one place that knows where the profile lives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

DISTRICT_KEYS = ("name", "board", "address", "contact", "signer", "signer-title")


@dataclass(frozen=True)
class District:
    """A district profile; the name is the only field a letter cannot go without."""

    name: str = ""
    board: str = ""  # "Cromwell Board of Education"; empty: derived from the name (see board_name)
    address: tuple[str, ...] = ()
    contact: str = ""  # who vendors and parents write to: "Business Office, (860) 632-4830, ..."
    signer: str = ""
    signer_title: str = ""

    def with_overrides(self, **overrides: object) -> District:
        """This profile with every override that was given (None or empty means not given)."""
        given = {key: value for key, value in overrides.items() if value not in (None, "", (), [])}
        if "address" in given:
            given["address"] = split_lines(given["address"])
        return replace(self, **given)

    @property
    def board_name(self) -> str:
        """The Board of Education that is the contracting party, without an article, so a text writes
        "the {board_name}": the `board` setting, else the district's name when it already names a board of
        education, else "<name> Board of Education" ("Millbrook Public Schools Board of Education")."""
        if self.board.strip():
            return _without_article(self.board)
        if "board of education" in self.name.lower():
            return _without_article(self.name)
        return f"{self.name} Board of Education"

    @classmethod
    def from_settings(cls, table: dict[str, str]) -> District:
        """The record of a settings file's `district:` table (keys as DISTRICT_KEYS)."""
        return cls(name=table.get("name", "").strip(), board=table.get("board", "").strip(),
                   address=split_lines(table.get("address", "")), contact=table.get("contact", "").strip(),
                   signer=table.get("signer", "").strip(), signer_title=table.get("signer-title", "").strip())

    @property
    def contact_lines(self) -> tuple[str, ...]:
        return split_lines(self.contact)


def _without_article(name: str) -> str:
    return re.sub(r"(?i)^the\s+", "", name.strip())


def split_lines(value: object) -> tuple[str, ...]:
    """Lines from a list, or from one string with newlines or semicolons between lines."""
    items = [value] if isinstance(value, str) else list(value or ())
    lines: list[str] = []
    for item in items:
        lines += [part.strip() for part in str(item).replace(";", "\n").splitlines() if part.strip()]
    return tuple(lines)


def district_for(**overrides: object) -> District:
    """The configured profile with the command's options applied; a district needs at least a name."""
    from clausecheck.errors import UsageError

    district = load_district().with_overrides(**overrides)
    if not district.name:
        raise UsageError("the district's name is not set: pass --district, or set district.name in "
                         ".clausecheck.yaml (or [tool.clausecheck.district] in pyproject.toml)")
    return district


def load_district(config_path: Path | None = None) -> District:
    """The district profile of the settings that apply here (or of `config_path`); empty when none."""
    from clausecheck.config import load_config

    return load_config(config_path).district or District()
