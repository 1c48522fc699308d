"""Rulebooks built on other rulebooks: `extends`, then `disable`, `overrides` and the rulebook's own provisions.

A district's rulebook is the state's rulebook plus its own requirements:

    id: district-extra
    extends: ct-student-data-privacy        # a bundled id, or a path relative to this file
    disable: [student-content-control]      # provisions the district does not check (never statutory ones)
    overrides:
      breach-notification: {max_hours: {policy: 24, statute: 720}}  # any provision key but `id`
    provisions:
      - id: arbitration ...                 # new provisions come after the inherited ones

Provisions keep the order of the rulebooks they come from. A provision id may appear only once in the
result: two parents that define the same id, or a new provision that reuses an inherited id, are
errors that say how to fix them (disable one, or change it through `overrides`).

A provision the statute is a source of stays as strict as the statute makes it: it cannot be disabled,
its severity lowered, or the statute taken out of its sources or its requirement. A board can set
aside its own policy's terms, not the law (`statutory_guard`). A rulebook for another place (its
`context: home` differs from its parents') is another law's rulebook and rewrites what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from clausecheck.errors import RulebookError
from clausecheck.rulebook.model import SEVERITIES, Provision, Rulebook
from clausecheck.statutory import REFUSAL, statute_named, statutory_provision


def compose(path: str, parents: list[Rulebook], own: tuple[Provision, ...], disable: list[tuple[str, int | None]],
            overrides: dict[str, tuple[dict, int | None]],
            validate: Callable[[Provision, int | None], None], same_law: bool = True,
            home: str | None = None) -> tuple[tuple[Provision, ...], dict]:
    """The provisions of a rulebook that extends `parents`, and a summary of where each came from.

    `validate(provision, line)` re-checks an overridden provision (its check kind may need new keys).
    `same_law`: the rulebook keeps its parents' home place, so their statute still applies and its
    provisions stay as strict as the statute makes them; a rulebook for another place (`context:
    home`) writes its own law's provisions and may change them, and an inherited governing-law
    provision that wanted the parent's home place wants the new `home` unless an override says otherwise.
    """
    inherited: dict[str, Provision] = {}
    origins: dict[str, str] = {}
    for parent in parents:
        parent_origins = parent.extra.get("origins", {})
        for provision in parent.provisions:
            if provision.id in inherited:
                raise RulebookError(path, f"provision '{provision.id}' comes from both '{origins[provision.id]}' "
                                          f"and '{parent.path}'; disable it in one of them or extend only one",
                                    None)
            if home and provision.jurisdiction and provision.jurisdiction == parent.vocabulary.home != home:
                provision = replace(provision, jurisdiction=home)
            inherited[provision.id] = provision
            origins[provision.id] = parent_origins.get(provision.id, parent.path)
    for provision_id, line in disable:
        if provision_id not in inherited:
            raise RulebookError(path, f"disable '{provision_id}': no inherited provision has this id"
                                      f"{_known(inherited)}", line)
        if same_law and statutory_provision(inherited[provision_id]):
            raise RulebookError(path, f"disable '{provision_id}': {statute_named(inherited[provision_id])}; "
                                      f"{REFUSAL}", line)
        del inherited[provision_id]
    changed = []
    for provision_id, (changes, line) in overrides.items():
        if provision_id not in inherited:
            own_ids = {provision.id for provision in own}
            hint = " (it is this rulebook's own provision: change it there)" if provision_id in own_ids \
                else _known(inherited)
            raise RulebookError(path, f"override of '{provision_id}': no inherited provision has this id{hint}", line)
        updated = replace(inherited[provision_id], **_limits_merged(inherited[provision_id], changes))
        if "required" in changes and "required_by" not in changes:
            updated = replace(updated, required_by=updated.sources if updated.required else ())
        elif "required_by" not in changes:  # a citation taken away takes its source with it
            updated = replace(updated, required_by=tuple(source for source in updated.required_by
                                                         if source in updated.sources))
        if same_law:
            statutory_guard(path, inherited[provision_id], updated, line)
        validate(updated, line)
        inherited[provision_id] = updated
        changed.append(provision_id)
    for provision in own:
        if provision.id in inherited:
            raise RulebookError(path, f"provision '{provision.id}' is already defined in '{origins[provision.id]}'; "
                                      f"change it with 'overrides', or 'disable' it and define your own",
                                provision.line)
        origins[provision.id] = path
    provisions = tuple(inherited.values()) + own
    summary = {
        "extends": [parent.id for parent in parents],
        "disabled": [provision_id for provision_id, _ in disable],
        "overridden": changed,
        "origins": {provision.id: origins[provision.id] for provision in provisions},
    }
    return provisions, summary


def _limits_merged(before: Provision, changes: dict) -> dict:
    """`changes` with a deadline override laid over the inherited limits per source: a single number
    changes every source's limit but the statute's, a mapping only the sources it names."""
    if "max_hours" not in changes or not before.source_hours:
        return changes
    given = dict(changes["source_hours"]) or {source: changes["max_hours"] for source, _ in before.source_hours
                                              if source != "statute"}
    limits = {**dict(before.source_hours), **given}
    return {**changes, "max_hours": min(limits.values()),
            "source_hours": tuple((source, limits[source]) for source, _ in before.source_hours
                                  if source in limits) + tuple((source, hours) for source, hours in limits.items()
                                                               if source not in dict(before.source_hours))}


def statutory_guard(path: str, before: Provision, after: Provision, line: int | None) -> None:
    """Refuse an override that makes a provision the statute is a source of less strict than the statute."""
    if not statutory_provision(before):
        return
    problem = ""
    if "statute" not in after.sources:
        problem = "its statute citation cannot be removed"
    elif before.statute_term and not after.statute_term:
        problem = "the statute stays among the sources that require it"
    elif SEVERITIES.index(after.severity) > SEVERITIES.index(before.severity):
        problem = f"its severity cannot be lowered from {before.severity} to {after.severity}"
    elif dict(before.source_hours).get("statute") != dict(after.source_hours).get("statute"):
        problem = "its statutory time limit is the statute's and cannot be changed"
    if problem:
        raise RulebookError(path, f"override of '{before.id}': {statute_named(before)}, so {problem}; {REFUSAL}",
                            line)


def origin_of(rulebook: Rulebook, provision_id: str) -> str:
    """The file that defines a provision of `rulebook` (the rulebook's own file when it extends nothing)."""
    return rulebook.extra.get("origins", {}).get(provision_id, rulebook.path)


def _known(provisions: dict[str, Provision]) -> str:
    if not provisions:
        return ""
    names = list(provisions)
    shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    return f" (inherited: {shown})"
