"""Load a rulebook from YAML, validate it and report every mistake with its file and line."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from clausecheck.errors import RulebookError
from clausecheck.rulebook.model import CHECK_KINDS, SEVERITIES, Example, PatternSpec, Provision, Rulebook
from clausecheck.rulebook.patterns import PatternSyntaxError, compile_pattern
from clausecheck.findings import CONFLICT, MISSING, PRESENT

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TOP_KEYS = {"id": str, "version": (str, int, float), "title": str, "description": str,
            "fuzzy": (int, float), "provisions": list}
PROVISION_KEYS = {"id": str, "title": str, "description": str, "severity": str, "required": bool,
                  "group": str, "policy": str, "statute": str, "check": str, "satisfy": list,
                  "contradict": list, "topic": list, "review": list, "max_hours": (int, float),
                  "jurisdiction": str, "amendment": str, "examples": dict,
                  "student_specific_wins": bool}
PATTERN_KEYS = {"pattern": str, "negated": bool, "actor": str, "unless": list}
EXAMPLE_KEYS = {PRESENT, CONFLICT, MISSING}
ACTORS = ("vendor", "user", "any")


class _Mapping(dict):
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict


class _Sequence(list):
    line: int = 0
    item_lines: list


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        mapping = _Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {key_node.value: key_node.start_mark.line + 1 for key_node, _ in node.value
                             if hasattr(key_node, "value")}
        return mapping

    def construct_sequence(self, node, deep=False):  # noqa: ANN001
        sequence = _Sequence(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [item.start_mark.line + 1 for item in node.value]
        return sequence


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


DEFAULT_RULEBOOK = "ct-student-data-privacy.yaml"


def bundled_rules_folder() -> Path:
    """Where the bundled rulebooks are: inside an installed wheel, or `rules/` of a source checkout."""
    installed = Path(str(resources.files("clausecheck"))) / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "rules"


def default_rulebook_path() -> Path:
    """The bundled Connecticut rulebook."""
    return bundled_rules_folder() / DEFAULT_RULEBOOK


def bundled_rulebooks() -> list[Path]:
    return sorted(bundled_rules_folder().glob("*.yaml"))


class _Validator:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, message: str, line: int | None) -> None:
        raise RulebookError(self.path, message, line)

    def keys(self, mapping: Any, allowed: dict, what: str, line: int | None) -> None:
        if not isinstance(mapping, dict):
            self.fail(f"{what} must be a mapping", line)
        for key, value in mapping.items():
            key_line = mapping.key_lines.get(key, mapping.line) if isinstance(mapping, _Mapping) else line
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.fail(f"unknown key '{key}' in {what} (known keys: {known})", key_line)
            expected = allowed[key]
            if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)
                                                   and bool not in (expected if isinstance(expected, tuple) else (expected,))):
                names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
                self.fail(f"'{key}' in {what} must be {names}, not {type(value).__name__}", key_line)

    def line_of(self, mapping: Any, key: str) -> int | None:
        if isinstance(mapping, _Mapping):
            return mapping.key_lines.get(key, mapping.line)
        return None

    def patterns(self, raw: list, where: str, base_line: int | None) -> tuple[PatternSpec, ...]:
        specs = []
        lines = getattr(raw, "item_lines", [base_line] * len(raw))
        for item, line in zip(raw, lines):
            if isinstance(item, str):
                item = {"pattern": item}
                line_of_item = line
            else:
                self.keys(item, PATTERN_KEYS, f"a pattern of {where}", line)
                line_of_item = line
                if "pattern" not in item:
                    self.fail(f"a pattern of {where} has no 'pattern'", line)
            actor = item.get("actor", "vendor")
            if actor not in ACTORS:
                self.fail(f"actor must be one of {', '.join(ACTORS)}, not '{actor}'", line)
            try:
                compiled = compile_pattern(item["pattern"])
                unless = tuple(compile_pattern(source) for source in item.get("unless", []))
            except PatternSyntaxError as error:
                self.fail(f"bad pattern in {where}: {error}", line_of_item)
            specs.append(PatternSpec(compiled, item.get("negated"), actor, line_of_item, unless))
        return tuple(specs)

    def examples(self, raw: dict, where: str) -> tuple[Example, ...]:
        found = []
        for expect, texts in raw.items():
            line = self.line_of(raw, expect)
            if expect not in EXAMPLE_KEYS:
                self.fail(f"example kind '{expect}' in {where} must be one of present, conflict, missing", line)
            if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
                self.fail(f"examples '{expect}' in {where} must be a list of strings", line)
            lines = getattr(texts, "item_lines", [line] * len(texts))
            found += [Example(text, expect, item_line) for text, item_line in zip(texts, lines)]
        return tuple(found)

    def provision(self, raw: Any, line: int | None) -> Provision:
        self.keys(raw, PROVISION_KEYS, "a provision", line)
        for key in ("id", "title", "check"):
            if key not in raw:
                self.fail(f"a provision has no '{key}'", line)
        where = f"provision '{raw['id']}'"
        check = raw["check"]
        if check not in CHECK_KINDS:
            self.fail(f"check '{check}' of {where} must be one of {', '.join(CHECK_KINDS)}", self.line_of(raw, "check"))
        severity = raw.get("severity", "error")
        if severity not in SEVERITIES:
            self.fail(f"severity '{severity}' of {where} must be one of {', '.join(SEVERITIES)}",
                      self.line_of(raw, "severity"))
        specs = {key: self.patterns(raw.get(key, []), where, self.line_of(raw, key))
                 for key in ("satisfy", "contradict", "topic", "review")}
        if check in ("phrase", "definition") and not specs["satisfy"] and not specs["contradict"]:
            self.fail(f"{where} has neither 'satisfy' nor 'contradict' patterns", line)
        if check == "permission" and (not specs["satisfy"] or not specs["topic"]):
            self.fail(f"{where} is a permission check and needs 'satisfy' and 'topic' patterns", line)
        if check == "deadline" and ("max_hours" not in raw or not specs["topic"]):
            self.fail(f"{where} is a deadline check and needs 'topic' patterns and 'max_hours'", line)
        if check == "governing-law" and ("jurisdiction" not in raw or not specs["topic"]):
            self.fail(f"{where} is a governing-law check and needs 'topic' patterns and 'jurisdiction'", line)
        return Provision(
            id=raw["id"], title=raw["title"], severity=severity, required=raw.get("required", True),
            group=raw.get("group", "required"), policy=raw.get("policy", ""), statute=raw.get("statute", ""),
            check=check, max_hours=raw.get("max_hours"), jurisdiction=raw.get("jurisdiction"),
            amendment=raw.get("amendment", "").strip(), description=raw.get("description", "").strip(),
            examples=self.examples(raw.get("examples", {}), where), line=line,
            student_specific_wins=raw.get("student_specific_wins", False), **specs,
        )


def parse_rulebook(text: str, path: str) -> Rulebook:
    """Parse and validate rulebook YAML `text` read from `path`."""
    validator = _Validator(path)
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise RulebookError(path, f"not valid YAML: {problem}", mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise RulebookError(path, "a rulebook must be a YAML mapping with 'id' and 'provisions'", 1)
    validator.keys(data, TOP_KEYS, "the rulebook", 1)
    for key in ("id", "provisions"):
        if key not in data:
            raise RulebookError(path, f"the rulebook has no '{key}'", 1)
    provisions = []
    seen: dict[str, int | None] = {}
    lines = getattr(data["provisions"], "item_lines", [None] * len(data["provisions"]))
    for raw, line in zip(data["provisions"], lines):
        provision = validator.provision(raw, line)
        if provision.id in seen:
            raise RulebookError(path, f"provision id '{provision.id}' is used twice (first on line {seen[provision.id]})", line)
        seen[provision.id] = line
        provisions.append(provision)
    return Rulebook(id=data["id"], version=str(data.get("version", "0")), title=data.get("title", data["id"]),
                    path=path, provisions=tuple(provisions), fuzzy=float(data.get("fuzzy", 88)),
                    sha256=hashlib.sha256(text.encode()).hexdigest(), description=data.get("description", ""))


def load_rulebook(path: str | Path | None = None) -> Rulebook:
    """Read and validate a rulebook file (the bundled Connecticut one when `path` is None)."""
    path = Path(path) if path is not None else default_rulebook_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulebookError(str(path), "no such rulebook file") from None
    except IsADirectoryError:
        raise RulebookError(str(path), "is a folder; give the rulebook's .yaml file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RulebookError(str(path), f"cannot read the rulebook ({error.__class__.__name__})") from None
    return parse_rulebook(text, str(path))
