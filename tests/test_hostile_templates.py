"""A district's wording template cannot loop, recurse or allocate without end: each attempt stops at a
limit of the sandbox and is one error at the template's file and line, exit 2, within seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile import clausecheck, one_line_error
from test_batch import contract

ATTACKS = {
    "repeat a string a billion times": "{{ 'x' * 10**9 }}",
    "a huge power": "{{ 7 ** 99999 }}",
    "nested loops of ten billion steps":
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "loops over long strings": "{% for c in 'x' * 100000 %}{% for d in 'x' * 100000 %}{% endfor %}{% endfor %}",
    "a macro that calls itself": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "a filter asked for a gigabyte": "{{ 'x' | center(1000000000) }}",
    "a %-format a gigabyte wide": "{{ '%0999999999d' % 1 }}",
    "a star width": "{{ '%*d' % (999999999, 1) }}",
    "a str.format a gigabyte wide": "{{ '{:>999999999}'.format(1) }}",
    "doubling by ~": "{% set a = 'x' * 100000 %}{% set a = a ~ a %}{% set a = a ~ a %}{{ a }}",
    "doubling by +": "{% set a = 'x' * 100000 %}{% set a = a + a %}{% set a = a + a %}{{ a }}",
    "an index out of range": "{{ '{0} {1}'.format('a') }}",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("templates")
    (folder / "c.txt").write_text(contract(missing=("severability",)))
    return folder


@pytest.mark.parametrize("source", list(ATTACKS.values()), ids=list(ATTACKS))
def test_a_hostile_letter_template_stops_at_a_limit_with_its_file_and_line(folder: Path, source: str) -> None:
    (folder / "wording.yaml").write_text(f"subject: Amendment request\nopening: |\n  Dear vendor,\n  {source}\n")
    run = clausecheck("letter", "c.txt", "--district", "Millbrook", "--vendor", "Acme", "-f", "md", "-o", "-",
                      "--template", "wording.yaml", cwd=folder, timeout=60)
    assert "wording.yaml:3: 'opening'" in one_line_error(run)
    assert run.stdout == ""


def test_an_ordinary_template_still_renders(folder: Path) -> None:
    (folder / "plain.yaml").write_text("opening: |\n  Dear {{ vendor.name }}, {{ range(3) | join(', ') }} "
                                       "{{ '%05.1f' % 2.5 }} {{ '{:>6}'.format('ok') }}\n")
    run = clausecheck("letter", "c.txt", "--district", "Millbrook", "--vendor", "Acme", "-f", "md", "-o", "-",
                      "--template", "plain.yaml", cwd=folder, timeout=60)
    assert run.code == 0 and "Dear Acme, 0, 1, 2 002.5 ok" in run.stdout
