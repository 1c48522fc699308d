"""The JSON Schema of the rulebook format, generated from the loader's key tables so the two never differ.

Editors use it to validate and complete rulebooks (`docs/rulebook.schema.json`, or
`clausecheck rules schema`); the loader stays the authority on what a pattern may say and on the
checks a schema cannot express (a pattern's syntax, duplicate ids, what `extends` points at).

    python -m clausecheck.rulebook.schema > docs/rulebook.schema.json
"""

from __future__ import annotations

import json
from typing import Any

from clausecheck.checks.kinds import check_kinds, kind_options
from clausecheck.rulebook.loader import (
    ACTORS,
    CONTEXT_KEYS,
    EXAMPLE_KEYS,
    FUZZY_RANGE,
    PATTERN_KEYS,
    PATTERN_LISTS,
    TOP_KEYS,
    provision_keys,
)
from clausecheck.rulebook.model import SEVERITIES, SOURCES
from clausecheck.rulebook.vocabulary import CONTEXT_ROLES

SCHEMA_ID = "https://clausecheck.invalid/rulebook.schema.json"

# What each key means, shown by editors on completion and hover. Every key of the loader's tables
# needs a line here (a test checks it), so a new key cannot ship undocumented.
HELP = {
    # the rulebook
    "id": "A short unique name (letters, digits, hyphens).",
    "version": "The rulebook's version, shown in reports.",
    "title": "A one-line title.",
    "description": "What the rulebook or provision is for, in a few sentences.",
    "fuzzy": "How close (50-100, rapidfuzz ratio) a misspelt long word must be to a pattern word to match it.",
    "terms": "Named word lists: name: [word or phrase, ...]. A pattern refers to one as {name}; a rulebook that "
             "extends this one may replace a list, and a contract's own defined terms join the lists that "
             "context 'definitions' names.",
    "context": "The words the checks read clauses with: the home place, and which terms name the vendor, the "
               "users, the school, the people whose data is protected and the data that is exempt.",
    # context
    "home": "The place whose law must govern and whose sections always count (e.g. Connecticut).",
    "home-aliases": "Other ways contracts name the home place (e.g. CT).",
    "vendor": "The term that names the party the rules bind (we, provider, vendor ...).",
    "user": "The term that names the other party and the people who use the service (you, user ...).",
    "school": "The term that names the school or district (school, district, board, LEA ...).",
    "protected": "The term that names the people whose data the rules protect (students ...).",
    "others": "The term that names people whose data the rules do not protect (teachers, parents ...); a clause "
              "only about their data is not about the protected people.",
    "exempt": "The term that names data the rules never protect (de-identified, aggregate ...).",
    "filler": "Words a pattern may skip between its words, beside the, any, of and the like.",
    "definitions": "Term names (in order of preference) that a contract's own defined terms may join: "
                   "'\"Pupil Records\" means any information ...' joins the first whose words its definition "
                   "begins with.",
    "provisions": "The provisions the rulebook checks, each with its patterns, amendment and examples.",
    "extends": "Rulebooks this one builds on: a bundled id (ct-student-data-privacy) or a path relative to "
               "this file; their provisions come first.",
    "disable": "Ids of inherited provisions this rulebook does not check.",
    "overrides": "Changes to inherited provisions, by id: any provision key but id (severity, max_hours, "
                 "amendment, patterns ...).",
    # a provision
    "severity": "How serious a failing verdict is: error, warning or info (a provision the statute is a source "
                "of cannot be lowered by a rulebook that extends it or by the settings).",
    "required": "Whether the contract must contain the provision (a missing one then fails the check); "
                "follows from required_by when that is given.",
    "required_by": "On a provision: the sources (statute, policy) that require the contract to contain it; [] "
                   "for a duty that binds the operator whatever the contract says (it fails only when "
                   "contradicted). Default: every cited source when required. On a contradicting pattern: the "
                   "sources such a clause falls short of, when fewer than the provision's (a clause that copies "
                   "the statute falls short of the policy only).",
    "group": "A heading to group provisions under in reports.",
    "policy": "The citation of the policy or standard the provision comes from (the 'policy' source).",
    "statute": "The citation of the statute or regulation the provision comes from (the 'statute' source); a "
               "board can set aside its policy's terms, not the statute's.",
    "satisfy": "Patterns of wording that meets the provision.",
    "contradict": "Patterns of wording that conflicts with the provision; a conflict wins over a match.",
    "topic": "Patterns of clauses on the provision's subject, judged by the check kind (a deadline's notice, "
             "a governing-law clause, the general rule a permission lifts).",
    "review": "Patterns of wording a person should look at: it gives a 'review' verdict when nothing else does.",
    "amendment": "The text to propose when the provision is missing or in conflict.",
    "examples": "Sentences with the verdict they must give: present, conflict or missing "
                "(run by `clausecheck rules test`).",
    "student_specific_wins": "When a clause about students satisfies the provision, a general clause that never "
                             "mentions students is read as being about other users.",
    # a pattern
    "pattern": "Words in order, (a|b) alternatives, prefix*, optional?, '...' or '..N' gaps.",
    "negated": "true: the match counts only inside a negation ('shall not sell'); false: only outside one.",
    "actor": "Whom the clause must bind: vendor (or nobody named), user, or any.",
    "unless": "Patterns that cancel a match in the same sentence.",
    "about": "A context role (protected, others ...) the matched clause must name for the match to count: "
             "'Students may receive marketing messages' is about students, 'teachers may' is not.",
    # examples
    "present": "Sentences that must satisfy the provision.",
    "conflict": "Sentences that must conflict with it.",
    "missing": "Sentences that must not speak to it at all.",
}

_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", list: "array", dict: "object"}


def _type_of(python_type: type | tuple[type, ...]) -> dict:
    types = python_type if isinstance(python_type, tuple) else (python_type,)
    names = []
    for kind in types:
        name = _JSON_TYPES[kind]
        if name == "integer" and float in types:
            continue  # "number" already takes integers
        names.append(name)
    return {"type": names[0] if len(names) == 1 else names}


def _property(key: str, python_type: type | tuple[type, ...], special: dict[str, dict]) -> dict:
    schema = dict(special[key]) if key in special else _type_of(python_type)
    schema["description"] = _help(key)
    return schema


def _help(key: str) -> str:
    """A key's description; a check kind's option and `check` itself come from the kinds' registry."""
    if key == "check":
        return "The kind of check: " + "; ".join(f"{kind.name} ({kind.summary}" + (
            f", needs {' and '.join(group[0] for group in kind.needs if group[0] in kind.options)})"
            if any(group[0] in kind.options for group in kind.needs) else ")") for kind in check_kinds().values()) + "."
    owners = [kind.name for kind in check_kinds().values() if key in kind.options]
    if owners:
        return f"{' and '.join(owners)} checks: {kind_options()[key].help}"
    return HELP[key]


def _pattern_schema() -> dict:
    special = {"actor": {"enum": list(ACTORS)}, "about": {"enum": list(CONTEXT_ROLES)},
               "required_by": _sources_schema(minimum=1),
               "unless": {"type": "array", "items": {"type": "string", "minLength": 1}},
               "pattern": {"type": "string", "minLength": 1}}
    pattern_object = {"type": "object", "additionalProperties": False, "required": ["pattern"],
                      "properties": {key: _property(key, kind, special) for key, kind in PATTERN_KEYS.items()}}
    return {"type": "array", "items": {"anyOf": [{"type": "string", "minLength": 1}, pattern_object]}}


def _examples_schema() -> dict:
    return {"type": "object", "additionalProperties": False,
            "properties": {key: {"type": "array", "items": {"type": "string"}, "description": HELP[key]}
                           for key in sorted(EXAMPLE_KEYS)}}


def _sources_schema(minimum: int = 0) -> dict:
    return {"type": "array", "items": {"enum": list(SOURCES)}, "uniqueItems": True, "minItems": minimum}


def _provision_properties(without: tuple[str, ...] = ()) -> dict:
    special = {"check": {"enum": list(check_kinds())}, "severity": {"enum": list(SEVERITIES)},
               "required_by": _sources_schema(),
               **{key: dict(option.schema) for key, option in kind_options().items() if option.schema},
               "examples": _examples_schema(), **{key: _pattern_schema() for key in PATTERN_LISTS}}
    return {key: _property(key, kind, special) for key, kind in provision_keys().items() if key not in without}


def _kind_rules() -> list[dict]:
    """`if check is K then ...` for each kind's needs: every group needs one of its keys."""
    rules = []
    for kind, groups in ((kind.name, kind.needs) for kind in check_kinds().values()):
        needs = [{"anyOf": [{"required": [key]} for key in group]} if len(group) > 1 else {"required": [group[0]]}
                 for group in groups]
        rules.append({"if": {"properties": {"check": {"const": kind}}, "required": ["check"]},
                      "then": {"allOf": needs}})
    return rules


def _context_schema() -> dict:
    special = {"home-aliases": {"type": "array", "items": {"type": "string", "minLength": 1}},
               "filler": {"type": "array", "items": {"type": "string", "minLength": 1}},
               "definitions": {"type": "array", "items": {"type": "string", "minLength": 1}}}
    return {"type": "object", "additionalProperties": False,
            "properties": {key: _property(key, kind, special) for key, kind in CONTEXT_KEYS.items()}}


def rulebook_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a rulebook file."""
    provision = {"type": "object", "additionalProperties": False, "required": ["id", "title", "check"],
                 "properties": _provision_properties(), "allOf": _kind_rules()}
    override = {"type": "object", "additionalProperties": False, "properties": _provision_properties(("id",))}
    special = {
        "provisions": {"type": "array", "items": {"$ref": "#/$defs/provision"}},
        "extends": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "disable": {"type": "array", "items": {"type": "string"}},
        "overrides": {"type": "object", "additionalProperties": {"$ref": "#/$defs/override"}},
        "fuzzy": {"type": "number", "minimum": FUZZY_RANGE[0], "maximum": FUZZY_RANGE[1]},
        "terms": {"type": "object", "propertyNames": {"pattern": "^[a-z0-9][a-z0-9-]*$"},
                  "additionalProperties": {"type": "array", "minItems": 1,
                                           "items": {"type": "string", "minLength": 1}}},
        "context": _context_schema(),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "clausecheck rulebook",
        "description": "A rulebook of provisions a contract must contain (see docs/writing-rules.md).",
        "type": "object",
        "additionalProperties": False,
        "required": ["id"],
        "anyOf": [{"required": ["provisions"]}, {"required": ["extends"]}],
        "properties": {key: _property(key, kind, special) for key, kind in TOP_KEYS.items()},
        "$defs": {"provision": provision, "override": override},
    }


def schema_text() -> str:
    return json.dumps(rulebook_schema(), indent=2, ensure_ascii=False) + "\n"


def validate_data(data: Any) -> list[str]:
    """Schema errors of already-parsed rulebook data, as 'where: message' lines (needs jsonschema)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(rulebook_schema())
    return [f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
            for error in sorted(validator.iter_errors(data), key=lambda error: list(map(str, error.absolute_path)))]


if __name__ == "__main__":
    print(schema_text(), end="")
