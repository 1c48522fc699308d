"""YAML that remembers where things are: each mapping and list knows the line of itself, its keys and items.

Rulebooks, settings and waivers files all report mistakes at their file and line; this is the one
place that reads such YAML (with the C loader when PyYAML has it).
"""

from __future__ import annotations

from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMapping(dict):
    """A YAML mapping with the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A YAML list with the line of itself and of each item (1-based)."""

    line: int = 0
    item_lines: list


class YamlSyntaxError(ValueError):
    """Text that is not valid YAML; `line` is where the parser noticed (1-based) or None."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value YAML's resolver recognised but Python cannot make ("2027-06-31", an integer of
        thousands of digits) is a syntax error at its line, not a traceback."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            value = str(node.value)
            shown = value if len(value) <= 40 else value[:40] + "…"
            reason = str(error).split(" (")[0].split(":")[0]
            raise yaml.constructor.ConstructorError(
                None, None, f"'{shown}' is not a valid {_KIND.get(node.tag, 'value')} ({reason})",
                node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineMapping:
        mapping = LineMapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {key_node.value: key_node.start_mark.line + 1 for key_node, _ in node.value
                             if hasattr(key_node, "value")}
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        sequence = LineList(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [item.start_mark.line + 1 for item in node.value]
        return sequence


_KIND = {"tag:yaml.org,2002:timestamp": "date (YYYY-MM-DD)", "tag:yaml.org,2002:int": "whole number",
         "tag:yaml.org,2002:float": "number"}
_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def load_yaml(text: str) -> Any:
    """Parse YAML text into LineMapping / LineList values; raise YamlSyntaxError with the line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except RecursionError:
        raise YamlSyntaxError("not valid YAML: nested too deeply", None) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        context = getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if context is not None and mark is not None and context.line != mark.line:
            problem += f" (in the part that starts on line {context.line + 1})"
        raise YamlSyntaxError(f"not valid YAML: {problem}", mark.line + 1 if mark else None) from None


def item_lines(items: Any) -> list[int | None]:
    """The line of each item of a list read by load_yaml (None for each when unknown)."""
    return list(getattr(items, "item_lines", [None] * len(items)))
