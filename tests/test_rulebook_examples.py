"""Every example sentence of the bundled rulebooks gives the verdict the rulebook says it must.

The examples are the wording bank: for each provision, sentences written apart from the corpus the
rules were tuned on (from the statute, the board policy and the way DPAs, terms of service and privacy
policies are worded), each with its verdict. One test per example, named for its provision, verdict
and number, so a failure points at the sentence (`clausecheck rules test` runs the same check).
"""

from __future__ import annotations

import pytest

from clausecheck.rulebook import load_rulebook
from clausecheck.rulebook.examples import run_example
from clausecheck.rulebook.loader import bundled_rulebooks

RULEBOOKS = {path.stem: load_rulebook(path) for path in bundled_rulebooks()}


def _cases():
    for name, rulebook in RULEBOOKS.items():
        for provision in rulebook.provisions:
            counts: dict[str, int] = {}
            for example in provision.examples:
                counts[example.expect] = counts.get(example.expect, 0) + 1
                yield pytest.param(name, provision.id, example,
                                   id=f"{name}:{provision.id}:{example.expect}:{counts[example.expect]}")


@pytest.mark.parametrize(("rulebook", "provision_id", "example"), list(_cases()))
def test_example_gives_its_verdict(rulebook, provision_id, example):
    book = RULEBOOKS[rulebook]
    result = run_example(book, book.provision(provision_id), example)
    assert result.got == result.expected, f"{result.location}: {example.text!r} gave {result.got} ({result.reason})"


def test_every_provision_of_the_connecticut_rulebook_has_a_wording_bank():
    """At least eight present and eight conflict-or-missing sentences for every provision."""
    for provision in RULEBOOKS["ct-student-data-privacy"].provisions:
        present = sum(example.expect == "present" for example in provision.examples)
        absent = sum(example.expect in ("conflict", "missing") for example in provision.examples)
        assert present >= 8 and absent >= 8, (provision.id, present, absent)
