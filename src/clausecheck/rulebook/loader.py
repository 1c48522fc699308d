"""Load a rulebook from YAML, validate it and report every mistake with its file and line."""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from clausecheck.checks.kinds import check_kinds, kind_options
from clausecheck.errors import RulebookError, read_user_file
from clausecheck.findings import CONFLICT, MISSING, PRESENT
from clausecheck.rulebook.model import SEVERITIES, SOURCES, Example, PatternSpec, Provision, Rulebook
from clausecheck.rulebook.patterns import PatternSyntaxError, compile_pattern, phrase_words
from clausecheck.rulebook.vocabulary import CONTEXT_ROLES, EMPTY_VOCABULARY, Vocabulary
from clausecheck.user_files import UserFile
from clausecheck.yaml_lines import YamlSyntaxError, load_yaml

TOP_KEYS = {"id": str, "version": (str, int, float), "title": str, "description": str,
            "fuzzy": (int, float), "provisions": list, "terms": dict, "context": dict,
            "extends": (str, list), "disable": list, "overrides": dict}
CONTEXT_KEYS = {"home": str, "home-aliases": list, "filler": list, "definitions": list,
                **{role: str for role in CONTEXT_ROLES}}
FUZZY_RANGE = (50, 100)
PROVISION_KEYS = {"id": str, "title": str, "description": str, "severity": str, "required": bool,
                  "required_by": list, "group": str, "policy": str, "statute": str, "check": str, "satisfy": list,
                  "contradict": list, "topic": list, "review": list, "amendment": str, "examples": dict,
                  "student_specific_wins": bool}
PATTERN_KEYS = {"pattern": str, "negated": bool, "actor": str, "unless": list, "about": str, "required_by": list}
EXAMPLE_KEYS = {PRESENT, CONFLICT, MISSING}
ACTORS = ("vendor", "user", "any")
PATTERN_LISTS = ("satisfy", "contradict", "topic", "review")


def provision_keys() -> dict[str, type | tuple[type, ...]]:
    """The keys a provision may have: the common ones and every check kind's own (`max_hours`)."""
    return {**PROVISION_KEYS, **{key: option.type for key, option in kind_options().items()}}


def check_kind_names() -> str:
    return ", ".join(check_kinds())




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


class _Validator(UserFile):
    def __init__(self, path: str) -> None:
        super().__init__(path, RulebookError)
        self.known_terms: frozenset[str] = frozenset()

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
                compiled = compile_pattern(item["pattern"], self.known_terms)
                unless = tuple(compile_pattern(source, self.known_terms) for source in item.get("unless", []))
            except PatternSyntaxError as error:
                self.fail(f"bad pattern in {where}: {error}", line_of_item)
            about = item.get("about")
            if about is not None and about not in CONTEXT_ROLES:
                self.fail(f"about must be one of {', '.join(CONTEXT_ROLES)}, not '{about}'", line)
            required_by = None
            if "required_by" in item:
                required_by = self.source_list(item["required_by"], f"a pattern of {where}", line)
            specs.append(PatternSpec(compiled, item.get("negated"), actor, line_of_item, unless, about, required_by))
        return tuple(specs)

    def source_list(self, raw: list, what: str, line: int | None) -> tuple[str, ...]:
        """A `required_by` list: sources from SOURCES, in their order, at least one."""
        unknown = [item for item in raw if item not in SOURCES]
        if unknown or not raw:
            self.fail(f"required_by of {what} must list one or more of {', '.join(SOURCES)}"
                      + (f", not '{unknown[0]}'" if unknown else ""), line)
        return tuple(source for source in SOURCES if source in raw)

    def hours(self, raw: Any, where: str, line: int | None) -> tuple[float | None, tuple[tuple[str, float], ...]]:
        """`max_hours`: one limit, or a limit per source ({policy: 48, statute: 720}); returns the
        strictest and the per-source limits."""
        if raw is None:
            return None, ()
        limits = raw if isinstance(raw, dict) else {"": raw}
        for source, value in limits.items():
            if source and source not in SOURCES:
                self.fail(f"max_hours of {where} names '{source}'; the sources are {', '.join(SOURCES)}", line)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
                self.fail(f"max_hours of {where} must be a number of hours above 0, not {value!r}", line)
        if not isinstance(raw, dict):
            return float(raw), ()
        return float(min(limits.values())), tuple((source, float(limits[source])) for source in SOURCES
                                                  if source in limits)

    def sources(self, provision: Provision, where: str, line: int | None) -> None:
        """Fail unless every source the provision names (required_by, a pattern's required_by, a limit
        per source) is one it cites with its `statute` or `policy` key."""
        cited = set(provision.sources)
        named = [(source, "required_by") for source in provision.required_by]
        named += [(source, "a contradicting pattern's required_by") for spec in provision.contradict
                  for source in spec.required_by or ()]
        named += [(source, "max_hours") for source, _ in provision.source_hours]
        for source, key in named:
            if source not in cited:
                self.fail(f"{key} of {where} names the {source}, but the provision has no '{source}' citation",
                          line)
        if provision.required != bool(provision.required_by) and provision.sources:
            self.fail(f"{where}: required is {str(provision.required).lower()} but required_by is "
                      f"{list(provision.required_by)}; a provision is required exactly when a source requires it",
                      line)
        for spec in provision.satisfy + provision.topic + provision.review:
            if spec.required_by is not None:
                self.fail(f"{where}: required_by belongs on contradicting patterns only (line {spec.line})", line)

    def terms(self, raw: Any, line: int | None) -> dict[str, tuple[str, ...]]:
        """`terms:` — name: [phrase, ...]; every phrase must be words a pattern could hold."""
        self.keys(raw, {name: list for name in raw} if isinstance(raw, dict) else {}, "terms", line)
        found = {}
        for name, phrases in raw.items():
            where = self.line_of(raw, name)
            if not isinstance(name, str) or not _TERM_NAME.fullmatch(name):
                self.fail(f"term name '{name}' must be lowercase letters, digits and hyphens", where)
            if not phrases:
                self.fail(f"term '{name}' must be a list of words or phrases", where)
            for phrase in phrases:
                if not isinstance(phrase, str) or not phrase.strip():
                    self.fail(f"term '{name}': {phrase!r} is not a word or phrase (quote numbers: \"{phrase}\")", where)
            for phrase in phrases:
                try:
                    phrase_words(phrase)
                except PatternSyntaxError as error:
                    self.fail(f"term '{name}': {error}", where)
            found[name] = tuple(dict.fromkeys(" ".join(phrase.lower().split()) for phrase in phrases))
        return found

    def context(self, raw: Any, line: int | None, term_names: set[str]) -> dict[str, Any]:
        """`context:` — the home place and which terms name the parties and the people protected."""
        self.keys(raw, CONTEXT_KEYS, "context", line)
        for role in CONTEXT_ROLES:
            if role in raw and raw[role] not in term_names:
                known = ", ".join(sorted(term_names)) or "none"
                self.fail(f"context '{role}' names the term '{raw[role]}', which is not defined (terms: {known})",
                          self.line_of(raw, role))
        for key in ("home-aliases", "filler"):
            if key in raw and not all(isinstance(item, str) and item.strip() for item in raw[key]):
                self.fail(f"context '{key}' must be a list of words", self.line_of(raw, key))
        for name in raw.get("definitions", []):
            if name not in term_names:
                self.fail(f"context 'definitions' names the term '{name}', which is not defined",
                          self.line_of(raw, "definitions"))
        return dict(raw)

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

    def kind_options(self, raw: dict, check: str, where: str) -> None:
        """Fail on a key of another check kind ("max_hours" on a phrase check), which would do nothing, and
        on a term name in an option that names term lists ("own_place_of") that the rulebook lacks."""
        own = check_kinds()[check].options
        for key, option in own.items():
            if option.names_terms and isinstance(raw.get(key), list):
                for name in raw[key]:
                    if not isinstance(name, str) or name not in self.known_terms:
                        self.fail(f"'{key}' of {where} names '{name}', which is not a term of the rulebook "
                                  f"(terms: {', '.join(sorted(self.known_terms))})", self.line_of(raw, key))
        others = kind_options().keys() - own.keys()
        for key in raw:
            if key in others:
                owners = [kind.name for kind in check_kinds().values() if key in kind.options]
                self.fail(f"'{key}' of {where} is read only by {' and '.join(owners)} checks; {where} is a "
                          f"{check} check", self.line_of(raw, key))

    def kind_needs(self, check: str, fields: dict, where: str, line: int | None) -> None:
        """Fail unless `fields` (a provision's keys and values) give what its check kind needs."""
        groups = check_kinds()[check].needs if check in check_kinds() else ()
        if all(any(fields.get(key) not in (None, (), [], "") for key in group) for group in groups):
            return
        if len(groups) == 1:
            self.fail(f"{where} has neither " + " nor ".join(f"'{key}'" for key in groups[0]) + " patterns", line)
        needs = [f"'{group[0]}' patterns" if group[0] in PATTERN_LISTS else f"'{group[0]}'" for group in groups]
        self.fail(f"{where} is a {check} check and needs {' and '.join(needs)}", line)

    def override(self, raw: Any, provision_id: str, line: int | None) -> dict:
        """The fields an `overrides` entry changes, validated and compiled like a provision's own."""
        where = f"the override of '{provision_id}'"
        self.keys(raw, {key: kind for key, kind in provision_keys().items() if key != "id"}, where, line)
        if "check" in raw and raw["check"] not in check_kinds():
            self.fail(f"check '{raw['check']}' of {where} must be one of {check_kind_names()}",
                      self.line_of(raw, "check"))
        if "severity" in raw and raw["severity"] not in SEVERITIES:
            self.fail(f"severity '{raw['severity']}' of {where} must be one of {', '.join(SEVERITIES)}",
                      self.line_of(raw, "severity"))
        changes: dict[str, Any] = {}
        for key, value in raw.items():
            if key in PATTERN_LISTS:
                changes[key] = self.patterns(value, where, self.line_of(raw, key))
            elif key == "examples":
                changes[key] = self.examples(value, where)
            elif key in ("amendment", "description"):
                changes[key] = value.strip()
            elif key == "required_by":
                changes[key] = self.source_list(value, where, self.line_of(raw, key)) if value else ()
                changes.setdefault("required", bool(value))
            elif key == "max_hours":
                changes["max_hours"], changes["source_hours"] = self.hours(value, where, self.line_of(raw, key))
            else:
                changes[key] = value
        return changes

    def provision(self, raw: Any, line: int | None) -> Provision:
        self.keys(raw, provision_keys(), "a provision", line)
        for key in ("id", "title", "check"):
            if key not in raw:
                self.fail(f"a provision has no '{key}'", line)
        where = f"provision '{raw['id']}'"
        check = raw["check"]
        if check not in check_kinds():
            self.fail(f"check '{check}' of {where} must be one of {check_kind_names()}", self.line_of(raw, "check"))
        self.kind_options(raw, check, where)
        severity = raw.get("severity", "error")
        if severity not in SEVERITIES:
            self.fail(f"severity '{severity}' of {where} must be one of {', '.join(SEVERITIES)}",
                      self.line_of(raw, "severity"))
        specs = {key: self.patterns(raw.get(key, []), where, self.line_of(raw, key)) for key in PATTERN_LISTS}
        self.kind_needs(check, {**raw, **specs}, where, line)
        max_hours, source_hours = self.hours(raw.get("max_hours"), where, self.line_of(raw, "max_hours"))
        cited = tuple(source for source in SOURCES if raw.get(source))
        if "required_by" in raw:
            required_by = self.source_list(raw["required_by"], where, self.line_of(raw, "required_by")) \
                if raw["required_by"] else ()
            required = raw.get("required", bool(required_by))
        else:  # a required provision is required by every source it cites
            required = raw.get("required", True)
            required_by = cited if required else ()
        provision = Provision(
            id=raw["id"], title=raw["title"], severity=severity, required=required, required_by=required_by,
            group=raw.get("group", "required"), policy=raw.get("policy", ""), statute=raw.get("statute", ""),
            check=check, max_hours=max_hours, source_hours=source_hours, jurisdiction=raw.get("jurisdiction"),
            amendment=raw.get("amendment", "").strip(), description=raw.get("description", "").strip(),
            examples=self.examples(raw.get("examples", {}), where), line=line,
            student_specific_wins=raw.get("student_specific_wins", False), **specs,
            options=MappingProxyType({key: raw[key] for key in check_kinds()[check].options if key in raw}),
        )
        self.sources(provision, where, line)
        return provision


def rulebook_vocabulary(data: dict, validator: _Validator, parents: list[Rulebook]) -> Vocabulary:
    """The rulebook's `terms:` and `context:` laid over its parents'; the validator learns the term names
    its patterns may use."""
    inherited = parents[0].vocabulary if len(parents) == 1 else _joined_vocabularies(parents, validator, data)
    terms = validator.terms(data["terms"], validator.line_of(data, "terms")) if "terms" in data else {}
    names = set(inherited.terms) | set(terms)
    context = validator.context(data["context"], validator.line_of(data, "context"), names) \
        if "context" in data else {}
    vocabulary = inherited.extended_by(terms, context)
    validator.known_terms = frozenset(vocabulary.terms)
    return vocabulary


def read_yaml(text: str, path: str) -> Any:
    """The YAML of a rulebook, with the line of each mapping, key and list item."""
    try:
        return load_yaml(text)
    except YamlSyntaxError as error:
        raise RulebookError(path, error.problem, error.line) from None


def parse_rulebook(text: str, path: str, _chain: tuple[str, ...] = ()) -> Rulebook:
    """Parse and validate rulebook YAML `text` read from `path`, with the rulebooks it extends."""
    validator = _Validator(path)
    data = read_yaml(text, path)
    if not isinstance(data, dict):
        raise RulebookError(path, "a rulebook must be a YAML mapping with 'id' and 'provisions'", 1)
    validator.keys(data, TOP_KEYS, "the rulebook", 1)
    for key in ("id",) if "extends" in data else ("id", "provisions"):
        if key not in data:
            raise RulebookError(path, f"the rulebook has no '{key}'", 1)
    fuzzy = data.get("fuzzy")
    if fuzzy is not None and not FUZZY_RANGE[0] <= fuzzy <= FUZZY_RANGE[1]:  # also refuses .nan and .inf
        validator.fail(f"fuzzy must be a similarity from {FUZZY_RANGE[0]} to {FUZZY_RANGE[1]} (100: exact "
                       f"spelling only), not {fuzzy}", validator.line_of(data, "fuzzy"))
    parents = _parents(data, validator, path, _chain) if "extends" in data else []
    vocabulary = rulebook_vocabulary(data, validator, parents)
    provisions = []
    seen: dict[str, int | None] = {}
    raw_provisions = data.get("provisions", [])
    lines = getattr(raw_provisions, "item_lines", [None] * len(raw_provisions))
    for raw, line in zip(raw_provisions, lines):
        provision = validator.provision(raw, line)
        if provision.id in seen:
            raise RulebookError(
                path, f"provision id '{provision.id}' is used twice (first on line {seen[provision.id]})", line)
        seen[provision.id] = line
        provisions.append(provision)
    digest = hashlib.sha256(text.encode())
    extra: dict = {}
    if any(key in data for key in ("extends", "disable", "overrides")):
        from clausecheck.rulebook.compose import compose

        for parent in parents:
            digest.update(parent.sha256.encode())
        if fuzzy is None and parents:
            fuzzy = parents[0].fuzzy
        disable = _id_list(data.get("disable", []), validator, "disable", validator.line_of(data, "disable"))
        overrides = {}
        for provision_id, raw in data.get("overrides", {}).items():
            line = validator.line_of(data["overrides"], provision_id)
            overrides[provision_id] = (validator.override(raw, provision_id, line), line)
        def revalidate(provision: Provision, line: int | None) -> None:
            validator.kind_needs(provision.check, vars(provision), f"provision '{provision.id}'", line)
            validator.sources(provision, f"provision '{provision.id}'", line)

        same_law = all(parent.vocabulary.home == vocabulary.home for parent in parents)
        provisions, extra = compose(path, parents, tuple(provisions), disable, overrides, revalidate, same_law,
                                    vocabulary.home)
    return Rulebook(id=data["id"], version=str(data.get("version", "0")), title=data.get("title", data["id"]),
                    path=path, provisions=tuple(provisions), fuzzy=float(88 if fuzzy is None else fuzzy),
                    sha256=digest.hexdigest(), description=data.get("description", ""), extra=extra,
                    vocabulary=vocabulary, parent_files=tuple(parent.path for parent in parents))


_TERM_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def _joined_vocabularies(parents: list[Rulebook], validator: _Validator, data: dict) -> Vocabulary:
    """The vocabulary of several parents: their terms together; a name two parents define differently
    is an error (say in this rulebook's own `terms:` which list it means)."""
    joined = EMPTY_VOCABULARY
    for parent in parents:
        for name, phrases in parent.vocabulary.terms.items():
            if name in joined.terms and joined.terms[name] != phrases and name not in data.get("terms", {}):
                validator.fail(f"term '{name}' differs between the rulebooks this one extends; define it in "
                               "this rulebook's own 'terms:'", validator.line_of(data, "extends"))
        context = {"home": parent.vocabulary.home or joined.home,
                   "definitions": tuple(dict.fromkeys(joined.mappable_terms + parent.vocabulary.mappable_terms)),
                   "home-aliases": parent.vocabulary.home_aliases or joined.home_aliases,
                   "filler": tuple(dict.fromkeys(joined.filler + parent.vocabulary.filler)),
                   **dict(parent.vocabulary.roles)}
        joined = joined.extended_by(dict(parent.vocabulary.terms), context)
    return joined


def _id_list(raw: Any, validator: _Validator, key: str, line: int | None) -> list[tuple[str, int | None]]:
    items = [raw] if isinstance(raw, str) else raw
    lines = getattr(items, "item_lines", [line] * len(items))
    if not all(isinstance(item, str) for item in items):
        validator.fail(f"'{key}' must be a list of names", line)
    return list(zip(items, lines))


def resolve_extends(name: str, path: str) -> Path:
    """The file a rulebook's `extends: NAME` means: a path relative to the rulebook, or a bundled id."""
    if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
        return (Path(path).parent / name).resolve()
    return bundled_rules_folder() / f"{name}.yaml"


def _parents(data: dict, validator: _Validator, path: str, chain: tuple[str, ...]) -> list[Rulebook]:
    line = validator.line_of(data, "extends")
    parents = []
    here = str(Path(path).resolve())
    for name, item_line in _id_list(data.get("extends", []), validator, "extends", line):
        target = resolve_extends(name, path)
        if str(target) in (*chain, here):
            validator.fail(f"extends '{name}', which extends this rulebook again (a cycle)", item_line)
        if not target.is_file():
            bundled = ", ".join(p.stem for p in bundled_rulebooks())
            validator.fail(f"extends '{name}', but there is no such rulebook ({target}); "
                           f"give a path relative to this file or a bundled id ({bundled})", item_line)
        parents.append(_read_rulebook(target, (*chain, here)))
    return parents


def load_rulebook(path: str | Path | None = None) -> Rulebook:
    """Read and validate a rulebook file (the bundled Connecticut one when `path` is None)."""
    return _read_rulebook(Path(path) if path is not None else default_rulebook_path(), ())


# Rulebooks parsed in this process, by file, chain of extending files and the SHA-256 of the text read.
# Parsing and compiling the bundled rulebook takes ~50 ms; `rules test`, a letter and its check, a
# long-lived caller and the test suite read the same file many times.
_PARSED: dict[tuple[str, tuple[str, ...], str], Rulebook] = {}
_PARSED_LIMIT = 64


def _read_rulebook(path: Path, chain: tuple[str, ...]) -> Rulebook:
    """The rulebook in `path`, parsed again only when its text or that of a rulebook it extends has
    changed since this process last read it (content, not timestamps: a file rewritten within the
    same clock tick is still seen)."""
    text = read_user_file(path, "rulebook", RulebookError)
    key = (str(path), chain, hashlib.sha256(text.encode()).hexdigest())
    known = _PARSED.get(key)
    if known is not None and _parents_unchanged(known, text, chain):
        return known
    rulebook = parse_rulebook(text, str(path), chain)
    if len(_PARSED) >= _PARSED_LIMIT:
        _PARSED.clear()
    _PARSED[key] = rulebook
    return rulebook


def _parents_unchanged(rulebook: Rulebook, text: str, chain: tuple[str, ...]) -> bool:
    """Whether the rulebooks `rulebook` extends still read as they did: its digest, worked out again
    from its text and theirs as parse_rulebook does, is unchanged."""
    if not rulebook.parent_files:
        return True
    here = str(Path(rulebook.path).resolve())
    digest = hashlib.sha256(text.encode())
    try:
        for parent in rulebook.parent_files:
            digest.update(_read_rulebook(Path(parent), (*chain, here)).sha256.encode())
    except RulebookError:  # a parent now fails (or extends this one): parse again to say why
        return False
    return digest.hexdigest() == rulebook.sha256
