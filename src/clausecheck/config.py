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
    severity: {severability: warning}     # per-provision overrides: error | warning | info
    district: {name: ..., board: ..., address: ..., contact: ...}
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from clausecheck.errors import ConfigError, read_user_file
from clausecheck.readers.ocr import OCR_MODES
from clausecheck.rulebook.model import SEVERITIES
from clausecheck.verdict import FAIL_ON

YAML_NAMES = (".clausecheck.yaml", ".clausecheck.yml")
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "clausecheck")
DEFAULT_INCLUDE = ("*.pdf", "*.docx", "*.doc", "*.txt", "*.text", "*.md", "*.markdown")
DISTRICT_KEYS = ("name", "board", "address", "contact")


@dataclass(frozen=True)
class DistrictProfile:
    """Who the district is, for the letters it sends vendors."""

    name: str = ""
    board: str = ""  # the Board of Education's name, when it is not "<name> Board of Education"
    address: str = ""
    contact: str = ""


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
    district: DistrictProfile | None = None


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


def check_severity_overrides(config: Config, provision_ids: set[str]) -> None:
    """Raise ConfigError for a severity override that names no provision of the loaded rulebooks."""
    for provision in config.severity:
        if provision not in provision_ids:
            hint = did_you_mean(provision, provision_ids)
            raise ConfigError(config.path or "the settings", f"severity override for unknown provision "
                              f"'{provision}'{hint}", config.severity_lines.get(provision))


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


def did_you_mean(word: str, known) -> str:  # noqa: ANN001 - any iterable of str
    close = difflib.get_close_matches(word.replace("_", "-"), list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Settings:
    """Validates the raw mapping, key by key, and builds the Config."""

    KEYS = ("rules", "include", "exclude", "fail-on", "jobs", "timeout", "waivers", "baseline", "cache",
            "ocr", "severity", "district")

    def __init__(self, path: Path, line_of: LineOf) -> None:
        self.path = path
        self.root = path.resolve().parent
        self.line_of = line_of

    def fail(self, message: str, key: str | None, table: tuple[str, ...] = ()) -> None:
        raise ConfigError(self.path, message, self.line_of(table, key))

    def build(self, raw: dict) -> Config:
        for key in raw:
            if key not in self.KEYS:
                self.fail(f"unknown setting '{key}'{did_you_mean(str(key), self.KEYS)}; known settings: "
                          f"{', '.join(self.KEYS)}", key)
        values: dict[str, Any] = {}
        if "rules" in raw:
            values["rules"] = tuple(self.root / item for item in self.strings(raw, "rules"))
        for key in ("include", "exclude"):
            if key in raw:
                values[key] = tuple(self.strings(raw, key))
        if "fail-on" in raw:
            values["fail_on"] = self.choice(raw, "fail-on", FAIL_ON)
        if "ocr" in raw:
            values["ocr"] = self.choice(raw, "ocr", OCR_MODES)
        if "jobs" in raw:
            jobs = raw["jobs"]
            if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
                self.fail(f"'jobs' must be a whole number of processes, 1 or more, not {jobs!r}", "jobs")
            values["jobs"] = jobs
        if "timeout" in raw:
            timeout = raw["timeout"]
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not math.isfinite(timeout) \
                    or timeout < 0:
                self.fail(f"'timeout' must be a number of seconds (0 for no limit), not {timeout!r}", "timeout")
            values["timeout"] = float(timeout)
        for key in ("waivers", "baseline"):
            if key in raw:
                values[key] = self.root / self.string(raw, key)
        if "cache" in raw:
            if not isinstance(raw["cache"], bool):
                self.fail(f"'cache' must be true or false, not {raw['cache']!r}", "cache")
            values["cache"] = raw["cache"]
        if "severity" in raw:
            values["severity"], values["severity_lines"] = self.severity(raw["severity"])
        if "district" in raw:
            values["district"] = self.district(raw["district"])
        return Config(path=self.path, root=self.root, **values)

    def string(self, raw: dict, key: str) -> str:
        value = raw[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{key}' must be a non-empty string, not {value!r}", key)
        if "\x00" in value:
            self.fail(f"'{key}' holds a NUL character, which no file name can", key)
        return value

    def strings(self, raw: dict, key: str) -> list[str]:
        value = raw[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            self.fail(f"'{key}' must be a string or a list of strings", key)
        if any("\x00" in item for item in value):
            self.fail(f"'{key}' holds a NUL character, which no file name or pattern can", key)
        return list(value)

    def choice(self, raw: dict, key: str, allowed: tuple[str, ...]) -> str:
        value = raw[key]
        if value not in allowed:
            self.fail(f"'{key}' must be one of {', '.join(allowed)}, not {value!r}", key)
        return value

    def severity(self, raw: Any) -> tuple[dict[str, str], dict[str, int | None]]:
        if not isinstance(raw, dict):
            self.fail("'severity' must map provision ids to error, warning or info", "severity")
        for provision, level in raw.items():
            if level not in SEVERITIES:
                self.fail(f"severity of '{provision}' must be one of {', '.join(SEVERITIES)}, not {level!r}",
                          provision, ("severity",))
        lines = {provision: self.line_of(("severity",), provision) for provision in raw}
        return {str(provision): level for provision, level in raw.items()}, lines

    def district(self, raw: Any) -> DistrictProfile:
        if not isinstance(raw, dict):
            self.fail("'district' must be a mapping with name, board, address and contact", "district")
        for key, value in raw.items():
            if key not in DISTRICT_KEYS:
                self.fail(f"unknown district setting '{key}'{did_you_mean(str(key), DISTRICT_KEYS)}; "
                          f"known: {', '.join(DISTRICT_KEYS)}", key, ("district",))
            if not isinstance(value, str):
                self.fail(f"district {key} must be a string, not {type(value).__name__}", key, ("district",))
        return DistrictProfile(**{key: value.strip() for key, value in raw.items()})
