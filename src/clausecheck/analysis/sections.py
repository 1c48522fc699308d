"""How a letter or a redline names a place in a contract: "Section 7.5" from the section path a reader
records ("7. Data Security > 7.5 Security Incidents"), or the section's heading when it has no number."""

from __future__ import annotations

import re


def section_name(section: str | None) -> str | None:
    """'Section 7.5' from a section path such as '7. Data Security > 7.5 Security Incidents'."""
    if not section:
        return None
    last = section.split(" > ")[-1]
    number = re.match(r"^(?:section\s+|article\s+)?(\d+(?:\.\d+)*|[IVXLC]+)\b", last, re.IGNORECASE)
    return f"Section {number.group(1)}" if number else f"the section \u201c{last}\u201d"
