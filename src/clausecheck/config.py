"""Find and validate the settings: `.clausecheck.yaml` or `[tool.clausecheck]` in pyproject.toml.

The first folder, walking up from the working directory, that holds `.clausecheck.yaml` (or
`.clausecheck.yml`) or a pyproject.toml with a `[tool.clausecheck]` table gives the settings; a YAML
file wins over pyproject.toml in the same folder. Paths in the settings are relative to the file's
folder. Command-line options win over the settings. A key the tool does not know is an error that
names the file and line, so a typo never silently does nothing.

    rules: [rules/district.yaml]          # rulebooks (default: the bundled Connecticut rulebook)
    include: ["*.pdf", "*.docx"]          # files taken from folders (default: contract formats)
    exclude: ["drafts/**", "*-old.pdf"]   # never checked, even when named on the command line
    fail-on: review                       # review | missing | conflict | never
    jobs: 2                               # parallel processes (default: every core)
    timeout: 120                          # seconds one file may take (0: no limit)
    waivers: contracts/waivers.yaml
    baseline: .clausecheck-baseline.json
    cache: true
    ocr: auto                             # auto | always | never: read scanned PDF pages with OCR
    severity: {student-content-control: warning}  # per-provision overrides (never below a statutory one's)
    district: {name: ..., board: ..., address: ..., contact: ...}
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clausecheck.district import DISTRICT_KEYS, District
from clausecheck.errors import ConfigError, read_user_file
from clausecheck.readers.ocr import OCR_MODES
from clausecheck.rulebook.model import SEVERITIES
from clausecheck.user_files import UserFile, did_you_mean
from clausecheck.verdict import FAIL_ON

YAML_NAMES = (".clausecheck.yaml", ".clausecheck.yml")
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "clausecheck")
DEFAULT_INCLUDE = ("*.pdf", "*.docx", "*.doc", "*.txt", "*.text", "*.md", "*.markdown")


@dataclass(frozen=True)
class Config:
    """Settings from a file (or the defaults when there is none); None means "not set"."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)  # the folder relative paths and globs start from
    rules: tuple[Path, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    jobs: int | None = None
    timeout: float | None = None
    waivers: Path | None = None
    baseline: Path | None = None
    cache: bool = True
    ocr: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    severity_lines: dict[str, int | None] = field(default_factory=dict, compare=False)
    district: District | None = None


def find_config(start: Path | None = None) -> Path | None:
    """The settings file that applies in `start` (default: the working directory), or None."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in YAML_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read the settings at `path`, or the ones `find_config` finds; defaults when there are none."""
    if path is None:
        path = find_config(start)
        if path is None:
            return Config(root=(start or Path.cwd()))
    path = Path(path)
    text = read_user_file(path, "settings")
    if path.name == PYPROJECT or path.suffix == ".toml":
        raw, line_of = _parse_toml(text, path)
    else:
        raw, line_of = _parse_yaml(text, path)
    return _Settings(path, line_of).build(raw)


def check_severity_overrides(config: Config, provisions: Mapping[str, Any]) -> None:
    """Raise ConfigError for a severity override that names no provision of the loaded rulebooks (by id),
    or that lowers the severity of a provision the statute is a source of."""
    from clausecheck.statutory import REFUSAL, statute_named, statutory_provision

    where = config.path or "the settings"
    for provision_id, severity in config.severity.items():
        if provision_id not in provisions:
            hint = did_you_mean(provision_id, set(provisions))
            raise ConfigError(where, f"severity override for unknown provision '{provision_id}'{hint}",
                              config.severity_lines.get(provision_id))
        provision = provisions[provision_id]
        if statutory_provision(provision) and SEVERITIES.index(severity) > SEVERITIES.index(provision.severity):
            raise ConfigError(where, f"severity override lowers {statute_named(provision)} from "
                                     f"{provision.severity} to {severity}; {REFUSAL}",
                              config.severity_lines.get(provision_id))


# Parsing: each format gives the raw mapping and a way to find the line of a key.

LineOf = Callable[[tuple[str, ...], "str | None"], "int | None"]


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return bool(re.search(r"(?m)^\s*\[\s*tool\s*\.\s*[\"']?clausecheck[\"']?\s*[\].]", text))


def _parse_toml(text: str, path: Path) -> tuple[dict, LineOf]:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError(path, f"not valid TOML: {message}", int(match.group(1)) if match else None) from None
    raw = data.get("tool", {}).get("clausecheck", {})
    if not isinstance(raw, dict):
        raise ConfigError(path, "[tool.clausecheck] must be a table", _toml_line(text, TABLE, None))

    def line_of(table: tuple[str, ...], key: str | None) -> int | None:
        return _toml_line(text, TABLE + table, key) or _toml_line(text, TABLE, None)

    return raw, line_of


_KEY = r"(?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')"
_ASSIGNMENT = re.compile(rf"^({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")


def _toml_line(text: str, table: tuple[str, ...], key: str | None) -> int | None:
    """The line where `key` of `table` is set (or the table's header when key is None).

    tomllib keeps no positions, so this reads the lines: table headers, and `key =` or dotted
    `a.b =` assignments inside them. Inline tables fall back to the header's line.
    """
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"^\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$", stripped)
        if header:
            current = _key_path(header.group(1))
            if key is None and current == table:
                return number
            continue
        assignment = _ASSIGNMENT.match(stripped)
        if assignment and key is not None:
            full = current + _key_path(assignment.group(1))
            if full[:len(table) + 1] == table + (key,):
                return number
    return None


def _key_path(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r"\"[^\"]*\"|'[^']*'|[^.\s]+", dotted)
    return tuple(part.strip("\"'") for part in parts)


def _parse_yaml(text: str, path: Path) -> tuple[dict, LineOf]:
    from clausecheck.yaml_lines import YamlSyntaxError, load_yaml

    try:
        data = load_yaml(text)
    except YamlSyntaxError as error:
        raise ConfigError(path, error.problem, error.line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, "the settings must be a YAML mapping (key: value lines)", 1)

    def line_of(table: tuple[str, ...], key: str | None) -> int | None:
        mapping: Any = data
        for part in table:
            mapping = mapping.get(part) if isinstance(mapping, dict) else None
        if not isinstance(mapping, dict):
            return None
        lines = getattr(mapping, "key_lines", {})
        return lines.get(key) if key is not None else getattr(mapping, "line", None)

    return data, line_of


SETTINGS = {"rules": (str, list), "include": (str, list), "exclude": (str, list), "fail-on": str, "jobs": int,
            "timeout": (int, float), "waivers": str, "baseline": str, "cache": bool, "ocr": str, "severity": dict,
            "district": dict}
WHAT = "the settings"


class _Settings:
    """Validates the raw mapping, key by key, and builds the Config."""

    def __init__(self, path: Path, line_of: LineOf) -> None:
        self.path = path
        self.root = path.resolve().parent
        self.tables: dict[int, tuple[str, ...]] = {}
        self.file = UserFile(str(path), ConfigError,
                             lambda mapping, key: line_of(self.tables.get(id(mapping), ()), key))

    def build(self, raw: dict) -> Config:
        self.tables = {id(raw): (), **{id(raw[key]): (key,) for key in ("severity", "district")
                                       if isinstance(raw.get(key), dict)}}
        self.file.keys(raw, SETTINGS, WHAT, self.file.line_of(raw), name="setting")
        values: dict[str, Any] = {}
        if "rules" in raw:
            values["rules"] = tuple(self.root / item for item in self.file.texts(raw, "rules", WHAT, file_names=True))
        for key in ("include", "exclude"):
            if key in raw:
                values[key] = tuple(self.file.texts(raw, key, WHAT, file_names=True))
        if "fail-on" in raw:
            values["fail_on"] = self.file.choice(raw, "fail-on", FAIL_ON, WHAT)
        if "ocr" in raw:
            values["ocr"] = self.file.choice(raw, "ocr", OCR_MODES, WHAT)
        if "jobs" in raw:
            if raw["jobs"] < 1:
                self.file.fail(f"'jobs' must be a whole number of processes, 1 or more, not {raw['jobs']!r}",
                               self.file.line_of(raw, "jobs"))
            values["jobs"] = raw["jobs"]
        if "timeout" in raw:
            if not math.isfinite(raw["timeout"]) or raw["timeout"] < 0:
                self.file.fail(f"'timeout' must be a number of seconds (0 for no limit), not {raw['timeout']!r}",
                               self.file.line_of(raw, "timeout"))
            values["timeout"] = float(raw["timeout"])
        for key in ("waivers", "baseline"):
            if key in raw:
                values[key] = self.root / self.file.text(raw, key, WHAT, file_name=True)
        if "cache" in raw:
            values["cache"] = raw["cache"]
        if "severity" in raw:
            severity = raw["severity"]
            for provision in severity:
                self.file.choice(severity, provision, SEVERITIES, "the severity settings")
            values["severity"] = {str(provision): level for provision, level in severity.items()}
            values["severity_lines"] = {provision: self.file.line_of(severity, provision) for provision in severity}
        if "district" in raw:
            district = raw["district"]
            self.file.keys(district, dict.fromkeys(DISTRICT_KEYS, str), "the district settings",
                           self.file.line_of(raw, "district"), name="district setting")
            values["district"] = District.from_settings(district)
        return Config(path=self.path, root=self.root, **values)
