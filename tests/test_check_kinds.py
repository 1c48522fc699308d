"""Check kinds are plug-ins: each module of `clausecheck.checks` that declares a KIND is one, and the
loader, the JSON Schema, `rules lint` and the engine all take it from there. A new kind is one module."""

from __future__ import annotations

import pytest

import clausecheck.checks as checks_package
from clausecheck.checks.kinds import check_kinds
from clausecheck.engine import check_document
from clausecheck.errors import RulebookError
from clausecheck.readers import read_document
from clausecheck.rulebook import load_rulebook
from clausecheck.rulebook.lint import lint_file
from clausecheck.rulebook.schema import rulebook_schema
from conftest import write_file

# A whole new kind, written as a rulebook author's developer would: present when the contract names one
# of the provision's `exhibits` ("Exhibit A") anywhere, missing otherwise.
EXHIBIT_KIND = '''\
"""The exhibit check: the contract attaches one of the provision's exhibits."""

from clausecheck.checks.base import Hit
from clausecheck.checks.kinds import CheckKind, KindOption
from clausecheck.findings import PRESENT


def exhibit_hits(check, provision):
    names = [name.lower() for name in provision.options["exhibits"]]
    return [Hit(index, 1.0, "satisfies", f"the contract attaches {name}")
            for index, unit in enumerate(check.units) for name in names if name in unit.text.lower()][:1]


KIND = CheckKind("exhibit", exhibit_hits, "the contract attaches one of the provision's exhibits",
                 options={"exhibits": KindOption(list, "the exhibits' names (Exhibit A, Schedule 1).")},
                 needs=(("exhibits",),), verdicts_of_its_own=(PRESENT,), also_phrase=False)
'''

RULEBOOK = """\
id: district-exhibits
version: "1"
provisions:
  - id: data-schedule
    title: The contract attaches the data schedule
    check: exhibit
    exhibits: [Exhibit A, Schedule of Data]
    amendment: Attach Exhibit A, the schedule of student data collected.
    examples:
      present: ["The data collected is listed in Exhibit A."]
      missing: ["The data collected is listed on our website."]
"""


@pytest.fixture
def exhibit_kind(tmp_path, monkeypatch):
    """The exhibit kind as one more module of the checks package, for this test only."""
    folder = tmp_path / "more_checks"
    folder.mkdir()
    (folder / "exhibit.py").write_text(EXHIBIT_KIND, encoding="utf-8")
    monkeypatch.setattr(checks_package, "__path__", [*checks_package.__path__, str(folder)])
    check_kinds.cache_clear()
    yield
    check_kinds.cache_clear()



def test_the_bundled_kinds_are_registered_from_their_modules():
    assert set(check_kinds()) == {"phrase", "definition", "permission", "deadline", "governing-law"}


def test_a_new_kind_in_one_module_is_loaded_checked_linted_and_in_the_schema(exhibit_kind, tmp_path):
    rulebook = load_rulebook(write_file(tmp_path, "exhibits.yaml", RULEBOOK))
    [provision] = rulebook.provisions
    assert provision.check == "exhibit" and provision.options["exhibits"] == ["Exhibit A", "Schedule of Data"]

    attached = read_document(write_file(tmp_path, "attached.txt", "The data collected is listed in Exhibit A.\n"))
    silent = read_document(write_file(tmp_path, "silent.txt", "The data collected is listed on our website.\n"))
    assert check_document(attached, rulebook)[0].status == "present"
    assert check_document(silent, rulebook)[0].status == "missing"

    schema = rulebook_schema()["$defs"]["provision"]["properties"]
    assert "exhibit" in schema["check"]["enum"] and "exhibits" in schema
    assert [problem for problem in lint_file(str(tmp_path / "exhibits.yaml")) if problem.severity == "error"] == []


def test_a_kind_that_needs_an_option_says_so_at_the_provisions_line(exhibit_kind, tmp_path):
    path = write_file(tmp_path, "bad.yaml", RULEBOOK.replace("    exhibits: [Exhibit A, Schedule of Data]\n", ""))
    with pytest.raises(RulebookError, match=r"bad\.yaml:4: .*'exhibits'"):
        load_rulebook(path)


def test_an_option_of_another_kind_is_refused_with_its_line(tmp_path):
    path = write_file(tmp_path, "mixed.yaml", """\
        id: mixed
        version: "1"
        provisions:
          - id: arbitration
            title: No mandatory arbitration
            check: phrase
            satisfy: ["(arbitration|arbitrate)"]
            max_hours: 48
        """)
    with pytest.raises(RulebookError, match=r"mixed\.yaml:8: 'max_hours' of provision 'arbitration' is read only by "
                                            r"deadline checks; provision 'arbitration' is a phrase check"):
        load_rulebook(path)
