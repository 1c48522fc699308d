"""The registry of check kinds: every module of this package that declares a `KIND` is one.

A kind says what it is called in a rulebook (`check: deadline`), which provision keys of its own it reads
(`max_hours`), what a provision of its kind must give, which verdicts it can reach, and how it finds the
clauses that speak to a provision. The loader, the JSON Schema, `rules lint` and the engine all read this
registry, so adding a kind is adding one module here (and its tests).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from clausecheck.findings import CONFLICT, MISSING, PRESENT

if TYPE_CHECKING:
    from clausecheck.checks.base import CheckContext, Hit
    from clausecheck.rulebook.model import Provision

FindHits = Callable[["CheckContext", "Provision"], "list[Hit]"]


@dataclass(frozen=True)
class KindOption:
    """A provision key only one kind reads: its YAML type(s), its help, and its JSON Schema if not plain."""

    type: type | tuple[type, ...]
    help: str
    schema: Mapping[str, object] | None = None
    names_terms: bool = False  # a list of the rulebook's term names, each checked when it loads


@dataclass(frozen=True)
class CheckKind:
    """One kind of check, as a rulebook names it in `check:`."""

    name: str
    find_hits: FindHits
    summary: str  # one line, for the JSON Schema and `rules lint`
    # Provision keys only this kind reads; a provision keeps their values in `Provision.options`.
    options: Mapping[str, KindOption] = field(default_factory=lambda: MappingProxyType({}))
    # What a provision of this kind must give: every group needs at least one of its keys.
    needs: tuple[tuple[str, ...], ...] = ()
    # The verdicts it can reach without `satisfy` or `contradict` patterns of its own (a deadline check
    # judges its topic clauses' time limits); every kind reaches "missing", and patterns add the rest.
    verdicts_of_its_own: tuple[str, ...] = ()
    # Whether the phrase check's hits on the provision's satisfy/contradict/review patterns join this
    # kind's own (the phrase kind's hits are those already).
    also_phrase: bool = True

    def verdicts(self, has_satisfy: bool, has_contradict: bool) -> tuple[str, ...]:
        """The verdicts a provision of this kind can give, with the patterns it has."""
        found = [MISSING]
        if has_satisfy or PRESENT in self.verdicts_of_its_own:
            found.append(PRESENT)
        if has_contradict or CONFLICT in self.verdicts_of_its_own:
            found.append(CONFLICT)
        return tuple(found)


@cache
def check_kinds() -> Mapping[str, CheckKind]:
    """Every registered kind by name, in module order."""
    import clausecheck.checks as package

    kinds: dict[str, CheckKind] = {}
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda found: found.name):
        kind = getattr(importlib.import_module(f"{package.__name__}.{module.name}"), "KIND", None)
        if isinstance(kind, CheckKind):
            if kind.name in kinds:
                raise RuntimeError(f"two check kinds are called '{kind.name}'")
            kinds[kind.name] = kind
    return MappingProxyType(kinds)


def kind_options() -> dict[str, KindOption]:
    """Every kind's own provision keys."""
    return {key: option for kind in check_kinds().values() for key, option in kind.options.items()}
